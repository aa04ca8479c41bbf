"""Secret storage in the OS keyring (Keychain, Windows Credential Locker, Secret Service)."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from kds.platform.secrets.base import SecretStore, SecretStoreError

SERVICE_NAME = "kds-hubrise"


def _failed(action: str, exc: Exception) -> str:
    # Only the exception's type: some backends echo the secret in their messages.
    return f"could not {action} the keyring: {type(exc).__name__}"


class KeyringSecretStore(SecretStore):
    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE_NAME) -> None:
        self._backend = backend or keyring.get_keyring()
        self._service = service
        self.description = f"OS keyring ({type(self._backend).__name__})"

    def get_token(self, key: str) -> str | None:
        try:
            return self._backend.get_password(self._service, key)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_failed("read from", exc)) from None

    def set_token(self, key: str, token: str) -> None:
        try:
            self._backend.set_password(self._service, key, token)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_failed("write to", exc)) from None

    def delete_token(self, key: str) -> None:
        try:
            self._backend.delete_password(self._service, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_failed("delete from", exc)) from None
