"""The data dir on a PC shared by several OS users: 0700, and no write through a planted symlink."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from kds.app.connection import load_or_create_device_id
from kds.app.runtime import open_store
from kds.clock import FakeClock
from kds.platform.files import private_dir
from kds.platform.logsetup import setup_logging
from kds.platform.secrets.base import SecretStoreError
from kds.platform.secrets.file_store import FileSecretStore


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def permissive_umask():
    old = os.umask(0o000)  # the worst case: a PC whose umask lets everyone read new files
    yield
    os.umask(old)


def test_a_new_data_dir_is_0700_and_a_loose_one_is_tightened(tmp_path: Path,
                                                              permissive_umask) -> None:
    store = open_store(tmp_path / "new", FakeClock())
    store.close()
    assert _mode(tmp_path / "new") == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    os.chmod(loose, 0o755)
    private_dir(loose)
    assert _mode(loose) == 0o700


def test_the_device_id_file_is_private(tmp_path: Path, permissive_umask) -> None:
    load_or_create_device_id(tmp_path / "data")
    assert _mode(tmp_path / "data" / "device_id") == 0o600


def test_a_symlink_planted_at_the_secrets_temp_file_is_not_followed(tmp_path: Path,
                                                                    permissive_umask) -> None:
    victim = tmp_path / "attacker-readable.txt"
    victim.write_text("")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "secrets.tmp").symlink_to(victim)  # the old fixed temp name
    store = FileSecretStore(data_dir)
    store.set_token("access-token x", "tok-very-secret-123")
    assert victim.read_text() == ""
    assert not (data_dir / "secrets.json").is_symlink()
    assert _mode(data_dir / "secrets.json") == 0o600
    assert store.get_token("access-token x") == "tok-very-secret-123"
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()]


def test_a_symlink_at_the_secrets_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text("{}")
    (tmp_path / "secrets.json").symlink_to(victim)
    store = FileSecretStore(tmp_path)
    with pytest.raises(SecretStoreError):  # reading through it is refused too
        store.get_token("k")
    assert victim.read_text() == "{}"


def test_a_symlinked_log_file_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.log"
    victim.write_text("theirs\n")
    (tmp_path / "data" / "logs").mkdir(parents=True)
    (tmp_path / "data" / "logs" / "kds.log").symlink_to(victim)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        with pytest.raises(OSError):
            setup_logging(tmp_path / "data")
        logging.getLogger("kds.test").error("must not reach the victim")
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
    assert victim.read_text() == "theirs\n"


def test_the_log_file_is_private(tmp_path: Path, permissive_umask) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path / "data")
        logging.getLogger("kds.test").warning("hello")
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            handler.close()
            root.removeHandler(handler)
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
