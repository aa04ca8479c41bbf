"""Where the HubRise access token lives: the OS keyring, or a user-only file when there is none."""

from kds.platform.secrets.base import SecretStore, SecretStoreError
from kds.platform.secrets.choose import open_secret_store
from kds.platform.secrets.file_store import FileSecretStore
from kds.platform.secrets.keyring_store import KeyringSecretStore

__all__ = [
    "FileSecretStore",
    "KeyringSecretStore",
    "SecretStore",
    "SecretStoreError",
    "open_secret_store",
]
