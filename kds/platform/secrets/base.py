"""The abstract secret store every backend implements."""

from __future__ import annotations

import abc


class SecretStoreError(Exception):
    """The backend could not read or write the secret (message never contains the secret)."""


class SecretStore(abc.ABC):
    """Holds one access token per key (the key names the HubRise API the token belongs to)."""

    #: One line for staff and logs saying where the token is kept.
    description: str = ""
    #: A sentence to show staff when the storage is weaker than an OS keyring, else None.
    notice: str | None = None

    @abc.abstractmethod
    def get_token(self, key: str) -> str | None:
        """The stored token, or None when nothing is stored."""

    @abc.abstractmethod
    def set_token(self, key: str, token: str) -> None:
        """Store (or replace) the token."""

    @abc.abstractmethod
    def delete_token(self, key: str) -> None:
        """Forget the token; doing so when nothing is stored is not an error."""

    def __repr__(self) -> str:  # never show a token, only where tokens go
        return f"<{type(self).__name__}: {self.description}>"
