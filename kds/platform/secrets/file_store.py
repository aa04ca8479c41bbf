"""Fallback secret storage: a JSON file only the current user can read (mode 0600)."""

from __future__ import annotations

import json
from pathlib import Path

from kds.platform.files import private_dir, read_private, write_private
from kds.platform.secrets.base import SecretStore, SecretStoreError

FILE_NAME = "secrets.json"


class FileSecretStore(SecretStore):
    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / FILE_NAME
        self.description = f"file readable only by this user ({self.path})"
        self.notice = (
            "No OS keyring is available on this computer; the HubRise access token is stored "
            f"in {self.path}, readable only by this user."
        )

    def get_token(self, key: str) -> str | None:
        value = self._read().get(key)
        return value if isinstance(value, str) else None

    def set_token(self, key: str, token: str) -> None:
        data = self._read()
        data[key] = token
        self._write(data)

    def delete_token(self, key: str) -> None:
        data = self._read()
        if data.pop(key, None) is not None:
            self._write(data)

    def _read(self) -> dict[str, object]:
        try:
            text = read_private(self.path)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise SecretStoreError(f"could not read {self.path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise SecretStoreError(f"{self.path} is not valid JSON") from None
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, object]) -> None:
        try:
            private_dir(self.path.parent)
            # A fresh 0600 file under a random name, renamed over the old one: a symlink
            # planted at the path or at a temp name is never written through.
            write_private(self.path, json.dumps(data))
        except OSError as exc:
            raise SecretStoreError(f"could not write {self.path}: {exc.strerror}") from None
