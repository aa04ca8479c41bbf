"""The token's keeper is named truthfully: a plain-text keyring is not an OS keyring."""

from __future__ import annotations

from keyring.backends import SecretService
from keyrings.alt.file import PlaintextKeyring

from kds.platform.secrets.keyring_store import KeyringSecretStore, describe_backend


def test_the_plaintext_keyring_is_not_called_an_os_keyring() -> None:
    store = KeyringSecretStore(PlaintextKeyring())
    assert "OS keyring (" not in store.description
    assert "PlaintextKeyring" in store.description and "keyrings.alt" in store.description
    assert store.notice is not None and "development-only" in store.notice
    assert PlaintextKeyring().file_path in store.notice


def test_the_secret_service_is_an_os_keyring() -> None:
    description, notice = describe_backend(SecretService.Keyring.__new__(SecretService.Keyring))
    assert description == "OS keyring (Secret Service (GNOME Keyring))" and notice is None
