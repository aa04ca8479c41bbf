"""Opening the store file: privacy, WAL, migrations, recovery from a damaged file."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from kds.clock import FakeClock
from kds.store import Store, StoreTooNew, connection, default_path
from kds.store.migrations import MIGRATIONS, migrate, schema_version


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_store_file_and_wal_files_are_private_to_the_user(tmp_path: Path) -> None:
    path = tmp_path / "data" / "kds.sqlite3"
    store = Store.open(path, FakeClock())
    store.upsert_remote_order({"id": "o1", "status": "new"})
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert candidate.exists(), candidate
        assert _mode(candidate) == 0o600, candidate
    store.close()


def test_store_uses_write_ahead_logging(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock())
    assert store.db.journal_mode == "wal"
    store.close()


def test_default_location_is_in_the_user_data_directory() -> None:
    path = default_path()
    assert path.name == "kds.sqlite3"
    assert "kds" in path.parent.parts[-2:] or path.parent.name == "kds"


def test_fresh_store_has_the_latest_schema_version(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock())
    assert store.get_meta("schema_version") == str(len(MIGRATIONS))
    assert {"orders", "events", "dead_letters", "outbox", "location", "status_history",
            "limiter", "settings", "meta"} <= set(store.db.table_names())
    store.close()


def test_each_migration_runs_once_and_only_newer_ones_run_later(tmp_path: Path) -> None:
    calls: list[str] = []

    def first(db: Database) -> None:
        calls.append("first")
        db.execute("CREATE TABLE t (a TEXT)")

    def second(db: Database) -> None:
        calls.append("second")
        db.execute("ALTER TABLE t ADD COLUMN b TEXT")

    db = Database(tmp_path / "m.sqlite3")
    assert migrate(db, [first]) == [1]
    assert migrate(db, [first]) == []
    assert migrate(db, [first, second]) == [2]
    assert calls == ["first", "second"]
    assert schema_version(db) == 2
    assert [c.name for c in db["t"].columns] == ["a", "b"]


def test_a_failing_migration_leaves_the_version_unchanged(tmp_path: Path) -> None:
    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half (a TEXT)")
        raise RuntimeError("boom")

    db = Database(tmp_path / "m.sqlite3")
    with pytest.raises(RuntimeError):
        migrate(db, [broken])
    assert schema_version(db) == 0
    assert "half" not in db.table_names()


def test_file_from_a_newer_kds_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    Store.open(path, FakeClock()).close()
    db = Database(path)
    db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(StoreTooNew):
        Store.open(path, FakeClock())


def test_orders_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    store = Store.open(path, FakeClock())
    store.upsert_remote_order({"id": "o1", "status": "accepted"})
    store.close()
    again = Store.open(path, FakeClock())
    order = again.get_order("o1")
    assert order is not None and order.status == "accepted"
    assert again.recovered_from is None
    again.close()


def test_damaged_file_is_moved_aside_and_a_fresh_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    path.write_bytes(b"this is not a database at all" * 200)
    store = Store.open(path, FakeClock())
    assert store.recovered_from is not None
    assert store.recovered_from.exists()
    assert store.recovered_from.name.startswith("kds.sqlite3.corrupt-20261124T110000Z")
    assert store.recovered_from.read_bytes().startswith(b"this is not a database")
    store.upsert_remote_order({"id": "o1", "status": "new"})
    assert store.has_order("o1")
    assert _mode(path) == 0o600
    store.close()


def test_store_with_damaged_pages_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    store = Store.open(path, FakeClock())
    with store.transaction():
        for number in range(300):
            store.upsert_remote_order({"id": f"o{number}", "status": "new",
                                       "customer_notes": "x" * 500})
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page * 3):  # scribble over b-tree pages
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    recovered = Store.open(path, FakeClock())
    assert recovered.recovered_from is not None
    assert not recovered.has_order("o1")
    recovered.close()


def test_nested_transactions_commit_together_and_roll_back_together(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock())
    with store.transaction():
        store.upsert_remote_order({"id": "outer", "status": "new"})
        with store.transaction():
            store.upsert_remote_order({"id": "inner", "status": "new"})
        assert store.db.conn.in_transaction
    assert store.has_order("outer") and store.has_order("inner")
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_remote_order({"id": "lost1", "status": "new"})
        with store.transaction():
            store.upsert_remote_order({"id": "lost2", "status": "new"})
        raise RuntimeError("crash before commit")
    assert not store.has_order("lost1") and not store.has_order("lost2")
    store.close()


def test_a_locked_file_is_reported_not_moved_aside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.05)
    path = tmp_path / "kds.sqlite3"
    Store.open(path, FakeClock()).close()
    holder = sqlite3.connect(str(path), timeout=0)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError):
            Store.open(path, FakeClock())
    finally:
        holder.rollback()
        holder.close()
    assert not list(tmp_path.glob("*.corrupt-*"))


@pytest.mark.slow  # holds a real lock for half a second
def test_opening_waits_for_another_process_that_is_still_creating_the_file(tmp_path: Path) -> None:
    # The kill/restart harness opens the file while the app creates it: the switch to WAL
    # must wait for the creator's write, not fail with "database is locked".
    path = tmp_path / "kds.sqlite3"
    creator = sqlite3.connect(str(path), timeout=0, check_same_thread=False)
    creator.execute("BEGIN EXCLUSIVE")
    creator.execute("CREATE TABLE t (x)")
    release = threading.Timer(0.5, creator.commit)
    release.start()
    try:
        store = Store.open(path, FakeClock())
    finally:
        release.join()
        creator.close()
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_three_screens_opening_a_new_file_together_all_succeed(tmp_path: Path) -> None:
    # Without an up-front write lock the migrations of two openers deadlock and one fails
    # at once with "database is locked" (seen in CI: a harness opening the app's new file).
    failures: list[BaseException] = []
    for attempt in range(40):
        path = tmp_path / f"race{attempt}" / "kds.sqlite3"
        barrier = threading.Barrier(3)

        def open_once() -> None:
            barrier.wait()
            try:
                Store.open(path, FakeClock()).close()
            except BaseException as exc:  # collected and asserted on below
                failures.append(exc)

        threads = [threading.Thread(target=open_once) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
