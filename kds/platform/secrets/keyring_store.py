"""Secret storage in the OS keyring (Keychain, Windows Credential Locker, Secret Service)."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from kds.platform.secrets.base import SecretStore, SecretStoreError

SERVICE_NAME = "kds-hubrise"
# The keyrings the operating system itself protects, by keyring's backend module.
OS_KEYRINGS = {
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.SecretService": "Secret Service (GNOME Keyring)",
    "keyring.backends.libsecret": "Secret Service (libsecret)",
    "keyring.backends.kwallet": "KWallet",
}


def describe_backend(backend: KeyringBackend) -> tuple[str, str | None]:
    """Where the token goes, named truthfully, and a notice when that is weaker than an OS one.

    keyrings.alt's PlaintextKeyring (and its kin) is a development aid: a file anyone who can
    read the user's home can open. Calling it an "OS keyring" would mislead whoever set up the PC.
    """
    kind, module = type(backend).__name__, type(backend).__module__
    if module in OS_KEYRINGS:
        return f"OS keyring ({OS_KEYRINGS[module]})", None
    where = getattr(backend, "file_path", None)
    place = f" in {where}" if isinstance(where, str) else ""
    description = f"{kind} keyring from {module}{place} (not an OS keyring)"
    if module.startswith("keyrings.alt") or "plaintext" in kind.lower():
        return description, (
            f"The HubRise access token is kept by the development-only keyring {kind}{place}, "
            "which is not an OS keyring and may not encrypt it. Install the OS keyring "
            "(GNOME Keyring / KWallet, Keychain, Credential Locker) on a kitchen PC.")
    return description, None


def _failed(action: str, exc: Exception) -> str:
    # Only the exception's type: some backends echo the secret in their messages.
    return f"could not {action} the keyring: {type(exc).__name__}"


class KeyringSecretStore(SecretStore):
    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE_NAME) -> None:
        self._backend = backend or keyring.get_keyring()
        self._service = service
        self.description, self.notice = describe_backend(self._backend)

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
