"""A damaged store file: the taps still waiting and what staff already saw are read back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kds.clock import FakeClock
from kds.store.orders import order_resource
from kds.store.store import Store

PAGE = 4096


def _pages_of(path: Path, *names: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name, pageno, pagetype FROM dbstat").fetchall()
    finally:
        conn.close()
    return sorted(page for name, page, kind in rows if name in names and kind == "leaf")


def _scribble(path: Path, pages: list[int]) -> None:
    data = bytearray(path.read_bytes())
    for page in pages:
        offset = (page - 1) * PAGE
        data[offset:offset + 64] = b"\xff" * 64  # the b-tree page header: unreadable
    path.write_bytes(bytes(data))


def _kitchen_file(path: Path, clock: FakeClock) -> None:
    """300 orders; staff accepted 40 (not sent yet), saw 100 and rushed 5."""
    store = Store.open(path, clock)
    with store.transaction():
        for number in range(300):
            store.upsert_remote_order({"id": f"o{number}", "status": "received",
                                       "customer_notes": "x" * 500})
    for number in range(40):
        store.set_order_status(f"o{number}", "accepted")
    for number in range(100):
        store.mark_seen(f"o{number}")
    for number in range(5):
        store.set_rush(f"o{number}", True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def test_pages_damaged_in_the_middle_keep_the_taps_and_the_seen_orders(tmp_path: Path) -> None:
    path, clock = tmp_path / "kds.sqlite3", FakeClock()
    _kitchen_file(path, clock)
    order_pages = _pages_of(path, "orders")
    _scribble(path, order_pages[len(order_pages) // 2::4])  # a quarter of the later orders

    store = Store.open(path, clock)
    report = store.salvage_report
    assert store.recovered_from is not None and report is not None
    assert report.damaged_file == store.recovered_from
    due = store.due_outbox(clock.now(), limit=100)
    assert sorted(e.resource for e in due) == sorted(order_resource(f"o{n}") for n in range(40))
    assert all(e.body == {"status": "accepted"} for e in due)
    assert report.changes == 40
    assert 150 <= report.orders < 300  # the readable ones, not the scribbled pages
    for number in range(5):
        row = store.get_order(f"o{number}")
        assert row is not None and row.seen and row.rush and row.status == "accepted"
    assert "40 changes waiting to be sent" in report.message()
    assert str(store.recovered_from) in report.message()
    # HubRise still says "received": the waiting tap keeps the kitchen's status on the board.
    store.upsert_remote_order({"id": "o1", "status": "received", "customer_notes": "x" * 500})
    assert store.get_order("o1").status == "accepted"
    store.close()


def test_a_file_of_garbage_from_byte_zero_opens_fresh_and_says_nothing_was_kept(
        tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    path.write_bytes(b"\x00garbage" * 5000)
    store = Store.open(path, FakeClock())
    report = store.salvage_report
    assert report is not None and (report.changes, report.orders) == (0, 0)
    assert "0 changes waiting to be sent and 0 orders were kept" in report.message()
    assert store.recovered_from is not None and store.recovered_from.exists()
    store.close()


def test_a_healthy_file_has_no_salvage_report(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock())
    assert store.salvage_report is None and store.recovered_from is None
    store.close()


def test_taps_still_only_in_the_wal_of_a_killed_app_are_salvaged(tmp_path: Path) -> None:
    """As after a SIGKILL: the taps are in the -wal file, never checkpointed into the main file."""
    live, clock = tmp_path / "live" / "kds.sqlite3", FakeClock()
    store = Store.open(live, clock)
    for number in range(20):
        store.upsert_remote_order({"id": f"o{number}", "status": "received"})
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for number in range(5):
        store.set_order_status(f"o{number}", "accepted")
    copy = tmp_path / "killed" / "kds.sqlite3"
    copy.parent.mkdir()
    for suffix in ("", "-wal", "-shm"):  # the files as a killed process leaves them
        Path(f"{copy}{suffix}").write_bytes(Path(f"{live}{suffix}").read_bytes())
    store.close()
    assert Path(f"{copy}-wal").stat().st_size > 0
    _scribble(copy, [_index_page(copy)])

    recovered = Store.open(copy, clock)
    assert recovered.recovered_from is not None and recovered.salvage_report is not None
    assert recovered.salvage_report.changes == 5
    assert recovered.get_order("o4").status == "accepted"
    recovered.close()


def _index_page(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT pageno FROM dbstat WHERE name = 'orders_by_created'")
                   .fetchone()[0])
    finally:
        conn.close()


def test_salvaged_orders_are_counted_in_the_figures(tmp_path: Path) -> None:
    import dataclasses

    path, clock = tmp_path / "kds.sqlite3", FakeClock()
    _kitchen_file(path, clock)
    _scribble(path, _pages_of(path, "orders")[-2:])
    store = Store.open(path, clock)
    assert store.salvage_report is not None and store.salvage_report.orders > 0
    today = store.figures("today")
    assert today.orders == store.salvage_report.orders   # the salvage's rows, counted
    assert today == dataclasses.replace(store.figures("today", rows=True), rows=())
    store.close()
