"""Pick the secret backend: the OS keyring when one works, else the 0600 file, and say which."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from kds.platform.secrets.base import SecretStore
from kds.platform.secrets.file_store import FileSecretStore
from kds.platform.secrets.keyring_store import KeyringSecretStore

log = logging.getLogger(__name__)


def keyring_usable(backend: KeyringBackend) -> bool:
    """False for keyring's stand-ins that cannot store anything."""
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return False
    try:
        backend.get_password("kds-probe", "probe")  # a locked or missing daemon fails here
    except keyring.errors.KeyringError:
        return False
    except Exception:  # noqa: BLE001 - third-party backends raise anything (dbus errors...)
        return False
    return True


def open_secret_store(data_dir: Path, backend: KeyringBackend | None = None) -> SecretStore:
    """Return the keyring store when the OS offers one, otherwise the user-only file in data_dir."""
    chosen = backend or keyring.get_keyring()
    if keyring_usable(chosen):
        store: SecretStore = KeyringSecretStore(chosen)
        log.info("Access token storage: %s", store.description)
        return store
    store = FileSecretStore(data_dir)
    log.warning("%s", store.notice)
    return store
