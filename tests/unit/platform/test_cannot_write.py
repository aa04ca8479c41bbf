"""A disk that cannot be written at start (full, read-only): the cached board still opens."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

import pytest

from kds.app.config import parse_config
from kds.app.notices import store_notices
from kds.app.runtime import Runtime
from kds.app.start import _start_logging
from kds.clock import FakeClock
from kds.store import connection
from kds.store.store import Store
from kds.sync.limiter_store import LimiterSaver


def _cache(path: Path, clock: FakeClock) -> None:
    store = Store.open(path, clock)
    for number in range(3):
        store.upsert_remote_order({"id": f"o{number}", "status": "received"})
    store.close()


def _disk_full(*_args: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def test_a_full_disk_at_restart_shows_the_cached_orders_read_only(tmp_path: Path,
                                                                  monkeypatch) -> None:
    path, clock = tmp_path / "kds.sqlite3", FakeClock()
    _cache(path, clock)
    monkeypatch.setattr(connection, "_enable_wal", _disk_full)
    store = Store.open(path, clock)
    assert store.read_only_reason == "the disk is full" and not store.in_memory
    assert all(store.has_order(f"o{n}") for n in range(3))
    with pytest.raises(sqlite3.OperationalError):
        store.mark_seen("o1")  # nothing is written behind staff's back
    [notice] = store_notices(store)
    assert notice.text.startswith("Nothing can be saved: the disk is full")
    assert "orders are waiting on HubRise" in notice.text
    store.close()


def test_a_read_only_folder_without_a_cache_works_in_memory(tmp_path: Path, monkeypatch) -> None:
    def read_only(_path: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(connection, "_create_private", read_only)
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock())
    assert store.in_memory and store.read_only_reason == "the data folder is read-only"
    store.upsert_remote_order({"id": "o1", "status": "new"})
    assert store.has_order("o1")
    assert "nothing will be kept" in store_notices(store)[0].text
    store.close()


def test_a_locked_file_is_not_mistaken_for_a_read_only_disk(tmp_path: Path, monkeypatch) -> None:
    def locked(*_args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(connection, "_enable_wal", locked)
    with pytest.raises(sqlite3.OperationalError):
        Store.open(tmp_path / "kds.sqlite3", FakeClock())


def test_a_read_only_store_keeps_rate_limit_counts_in_memory(tmp_path: Path,
                                                             monkeypatch) -> None:
    path, clock = tmp_path / "kds.sqlite3", FakeClock()
    _cache(path, clock)
    monkeypatch.setattr(connection, "_enable_wal", _disk_full)
    store = Store.open(path, clock)
    runtime = Runtime(store, clock)
    engine = runtime.build_sync("http://127.0.0.1:9/v1", "tok-abcdef")
    limiter = engine.limiter
    assert not isinstance(limiter.on_change, LimiterSaver)
    limiter.on_change(limiter.snapshot())  # every request calls this: it must not raise
    store.close()


def test_a_log_that_cannot_be_written_goes_to_stderr_with_a_notice(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "logs").write_text("a file where the log folder should be")
    config = parse_config(["--data-dir", str(data_dir)], {})
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        notices = _start_logging(config)
        added = [h for h in root.handlers if h not in before]
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
    assert [n.key for n in notices] == ["no-log-file"]
    assert "messages go to the terminal only" in notices[0].text
    assert added and all(type(h) is logging.StreamHandler for h in added)
