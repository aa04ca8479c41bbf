"""The store's integrity check started ahead of opening (while the app imports its screens):
its verdict spares the second read of a sound file, never the check of a damaged one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kds.clock import FakeClock
from kds.store import Store, connection


def _store_with_orders(path: Path) -> None:
    store = Store.open(path, FakeClock())
    with store.transaction():
        for number in range(300):
            store.upsert_remote_order({"id": f"o{number}", "status": "new",
                                       "customer_notes": "x" * 500})
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096 * 3):  # scribble over b-tree pages
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_a_sound_file_passes_the_check_started_ahead(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    _store_with_orders(path)
    wait = connection.check_in_background(path)
    assert wait is not None and wait() is True


def test_a_damaged_file_fails_the_check_started_ahead(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    _store_with_orders(path)
    _damage(path)
    wait = connection.check_in_background(path)
    assert wait is not None and wait() is False


def test_a_folder_with_uri_characters_in_its_name_checks_that_file(tmp_path: Path) -> None:
    # Pasted into a file: URI as is, "#" ends the path: SQLite would check (and create) an empty
    # "cuisine " beside it and call the damaged store sound.
    path = tmp_path / "cuisine #2 ?été" / "kds.sqlite3"
    path.parent.mkdir()
    _store_with_orders(path)
    _damage(path)
    wait = connection.check_in_background(path)
    assert wait is not None and wait() is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cuisine #2 ?été"]


def test_no_file_no_check(tmp_path: Path) -> None:
    assert connection.check_in_background(tmp_path / "kds.sqlite3") is None


def test_a_sound_verdict_spares_the_second_read(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kds.sqlite3"
    _store_with_orders(path)
    wait = connection.check_in_background(path)
    checked_again: list[object] = []
    monkeypatch.setattr(connection, "_healthy", lambda db: checked_again.append(db) or True)
    store = Store.open(path, FakeClock(), wait)
    assert checked_again == [] and store.has_order("o1")
    store.close()


def test_a_damaged_file_is_still_moved_aside_whatever_the_verdict_said(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    _store_with_orders(path)
    _damage(path)
    store = Store.open(path, FakeClock(), lambda: False)
    assert store.recovered_from is not None and store.recovered_from.exists()
    store.close()
