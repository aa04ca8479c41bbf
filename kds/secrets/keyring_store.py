"""Secret storage in the operating system's keyring (Keychain, Credential Locker, Secret Service)."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from kds.secrets.base import SecretStore, SecretStoreError

SERVICE_NAME = "kds-hubrise"


class KeyringSecretStore(SecretStore):
    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE_NAME) -> None:
        self._backend = backend or keyring.get_keyring()
        self._service = service
        self.description = f"OS keyring ({type(self._backend).__name__})"

    def get_token(self, key: str) -> str | None:
        try:
            return self._backend.get_password(self._service, key)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(f"could not read from the keyring: {type(exc).__name__}") from None

    def set_token(self, key: str, token: str) -> None:
        try:
            self._backend.set_password(self._service, key, token)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(f"could not write to the keyring: {type(exc).__name__}") from None

    def delete_token(self, key: str) -> None:
        try:
            self._backend.delete_password(self._service, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(f"could not delete from the keyring: {type(exc).__name__}") from None
