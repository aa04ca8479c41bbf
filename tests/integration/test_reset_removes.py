"""`kds --reset` removes what it says, and names exactly what it keeps and where."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from kds.app.connection import secret_key_for
from kds.app.start import main
from kds.platform.secrets import choose

SIM_API = "http://127.0.0.1:8123/v1"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.values.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("none")


def _kitchen_data_dir(data_dir: Path) -> None:
    """What a data dir holds after some weeks: cache, damaged copy, demo, logs, config."""
    data_dir.mkdir()
    (data_dir / "connection.json").write_text(json.dumps({"location_id": "L1",
                                                          "api_url": SIM_API}))
    (data_dir / "device_id").write_text("kds-1234")
    for name in ("kds.sqlite3", "kds.sqlite3-wal", "kds.sqlite3-shm",
                 "kds.sqlite3.corrupt-20261124T110000Z", "kds.sqlite3.corrupt-20261124T110000Z-wal"):
        (data_dir / name).write_text("Amira Haddad +33 6 12 34 56 78")
    for folder in ("demo", "self-test", "logs"):
        (data_dir / folder).mkdir()
    (data_dir / "demo" / "kds.sqlite3").write_text("demo customers")
    (data_dir / "self-test" / "kds.sqlite3").write_text("test orders")
    (data_dir / "logs" / "kds.log").write_text("log")
    (data_dir / "config.toml").write_text("[oauth]\nclient_id = 'x'\n")


def test_reset_with_a_token_file_leaves_only_what_it_names(tmp_path: Path, monkeypatch,
                                                           capsys) -> None:
    data_dir = tmp_path / "data"
    _kitchen_data_dir(data_dir)
    (data_dir / "secrets.json").write_text(json.dumps({
        secret_key_for(SIM_API): "tok-sim-123456", "access-token other": "tok-other-123456"}))
    monkeypatch.setattr(choose, "keyring_usable", lambda _backend: False)

    assert main(["--reset", "--yes", "--data-dir", str(data_dir)]) == 0

    assert sorted(p.name for p in data_dir.iterdir()) == ["config.toml", "kds.lock", "logs"]
    out = capsys.readouterr().out
    assert "Connection forgotten." in out
    assert f"{data_dir / 'config.toml'}" in out and f"{data_dir / 'logs'}" in out
    assert "Kept (delete by hand" in out and "kds.lock" in out
    assert "damaged copies of the order cache" in out and "the demo data" in out


def test_reset_forgets_the_token_of_the_api_it_was_connected_to(tmp_path: Path, monkeypatch,
                                                                capsys) -> None:
    data_dir = tmp_path / "data"
    _kitchen_data_dir(data_dir)
    backend = MemoryKeyring()
    backend.set_password("kds-hubrise", secret_key_for(SIM_API), "tok-sim-123456")
    monkeypatch.setattr(choose.keyring, "get_keyring", lambda: backend)

    # No --api-url: the default API, while the stored connection was to the simulator.
    assert main(["--reset", "--yes", "--data-dir", str(data_dir)]) == 0

    assert backend.values == {}
    assert "the stored access token" in capsys.readouterr().out
