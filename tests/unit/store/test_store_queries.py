"""What the board loads: active and scheduled tickets by due time, done today, all-day counts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any


from kds.clock import FakeClock
from kds.store import Store

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def order(order_id: str, status: str = "received", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": order_id, "status": status, "created_at": at(-5)}
    body.update(extra)
    return body


def ids(rows: list[Any]) -> list[str]:
    return [row.id for row in rows]


def test_active_orders_are_those_due_within_the_lead_sorted_by_due(store: Store) -> None:
    store.upsert_remote_order(order("later", expected_time=at(25)))
    store.upsert_remote_order(order("soon", expected_time=at(5)))
    store.upsert_remote_order(order("late", expected_time=at(-10)))
    store.upsert_remote_order(order("tomorrow", expected_time=at(24 * 60)))
    store.upsert_remote_order(order("done", status="completed", expected_time=at(1)))
    assert ids(store.active_orders(T0, 30)) == ["late", "soon", "later"]
    assert ids(store.scheduled_orders(T0, 30)) == ["tomorrow"]


def test_confirmed_time_wins_over_expected_time(store: Store) -> None:
    store.upsert_remote_order(order("a", expected_time=at(10), confirmed_time=at(50)))
    store.upsert_remote_order(order("b", expected_time=at(20)))
    assert ids(store.active_orders(T0, 30)) == ["b"]
    assert ids(store.scheduled_orders(T0, 30)) == ["a"]


def test_asap_order_is_due_after_the_locations_preparation_time(store: Store) -> None:
    store.upsert_remote_order(order("asap", created_at=at(0)))
    store.upsert_remote_order(order("timed", expected_time=at(12)))
    # default preparation time 15 min: asap is due at +15, after "timed"
    assert ids(store.active_orders(T0, 30)) == ["timed", "asap"]
    store.set_location({"id": "loc", "preparation_time": 5})
    assert ids(store.active_orders(T0, 30)) == ["asap", "timed"]
    store.set_location({"id": "loc", "preparation_time": "soon"})
    row = store.active_orders(T0, 30)[1]
    assert store.due_time(row) == T0 + timedelta(minutes=15)


def test_tap_with_confirmed_time_moves_the_ticket(store: Store) -> None:
    store.upsert_remote_order(order("a", expected_time=at(10)))
    store.set_order_status("a", "accepted", confirmed_time=T0 + timedelta(minutes=45))
    assert ids(store.active_orders(T0, 30)) == []
    assert ids(store.scheduled_orders(T0, 30)) == ["a"]


def test_bumped_ticket_leaves_active_and_shows_in_done_today(
        store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order("a", expected_time=at(5)))
    store.upsert_remote_order(order("b", expected_time=at(6)))
    clock.advance(60)
    store.set_order_status("a", "completed")
    clock.advance(60)
    store.set_order_status("b", "completed")
    assert ids(store.active_orders(clock.now(), 30)) == []
    assert ids(store.done_today(clock.now(), "Europe/Paris")) == ["b", "a"]


def test_done_today_starts_at_local_midnight_of_the_location(
        tmp_path: Path) -> None:
    # 23:30 UTC on the 23rd is 00:30 on the 24th in Paris
    clock = FakeClock(datetime(2026, 11, 23, 22, 30, tzinfo=timezone.utc))
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    store.upsert_remote_order(order("yesterday", status="completed"))
    clock.set(datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc))
    store.upsert_remote_order(order("today", status="completed"))
    assert ids(store.done_today(clock.now(), "Europe/Paris")) == ["today"]
    assert ids(store.done_today(clock.now(), "UTC")) == ["today", "yesterday"]
    assert ids(store.done_today(clock.now(), "Not/AZone")) == ["today", "yesterday"]
    store.close()


def test_all_day_counts_sum_products_and_skus_of_active_tickets(store: Store) -> None:
    items_a = [
        {"product_name": "Margherita", "sku_name": "Large", "quantity": "2"},
        {"product_name": "Tiramisu", "quantity": "1"},
        {"product_name": "Margherita", "sku_name": "Large", "quantity": "1", "deleted": True},
    ]
    items_b = [
        {"product_name": "Margherita", "sku_name": "Large", "quantity": "1.5"},
        {"product_name": "Margherita", "sku_name": "Small", "quantity": "1"},
        {"product_name": "Broken", "quantity": "lots"},
    ]
    store.upsert_remote_order(order("a", expected_time=at(5), items=items_a))
    store.upsert_remote_order(order("b", expected_time=at(10), items=items_b))
    store.upsert_remote_order(order("c", expected_time=at(500), items=items_a))
    assert store.all_day_counts(T0, 30) == [
        ("Margherita · Large", Decimal("3.5")), ("Margherita · Small", Decimal("1")),
        ("Tiramisu", Decimal("1"))]


def test_order_history_lists_who_changed_the_status_and_when(
        store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order("a", status="new"))
    clock.advance(20)
    store.set_order_status("a", "accepted", reason="ok")
    clock.advance(20)
    store.upsert_remote_order(order("a", status="in_delivery"))
    history = store.order_history("a")
    # the platform's move is recorded even while the kitchen's own change is still pending
    assert [(h.status, h.by, h.at) for h in history] == [
        ("new", "hubrise", T0), ("accepted", "kitchen", T0 + timedelta(seconds=20)),
        ("in_delivery", "hubrise", T0 + timedelta(seconds=40))]
    store.mark_outbox_sent(store.due_outbox(clock.now(), 1)[0].id)
    store.upsert_remote_order(order("a", status="accepted"))  # the PATCH response
    assert len(store.order_history("a")) == 3
    assert store.order_history("missing") == []


def _plan(store: Store, sql: str, params: list[Any]) -> str:
    rows = store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return " | ".join(str(row[-1]) for row in rows)


def test_board_queries_use_indexes_not_full_scans(store: Store) -> None:
    now = "2026-11-24T11:00:00.000000+00:00"
    open_plan = _plan(store, "SELECT * FROM orders WHERE done = 0", [])
    done_plan = _plan(store, "SELECT * FROM orders WHERE done = 1 AND last_status_change_at >= ? "
                             "ORDER BY last_status_change_at DESC", [now])
    history_plan = _plan(store, "SELECT * FROM status_history WHERE order_id = ? ORDER BY at",
                         ["a"])
    outbox_plan = _plan(store, "SELECT resource FROM outbox WHERE state IN ('pending', 'failed')",
                        [])
    for plan in (open_plan, done_plan, history_plan, outbox_plan):
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "SCAN orders" not in plan and "SCAN status_history" not in plan, plan


def test_start_up_reads_only_open_orders(store: Store) -> None:
    """The queries the board runs at start never touch the raw payload of old orders."""
    with store.transaction():
        for number in range(200):
            store.upsert_remote_order(order(f"old{number}", status="completed"))
        store.upsert_remote_order(order("open", expected_time=at(5)))
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        assert ids(store.active_orders(T0, 30)) == ["open"]
    finally:
        store.db.conn.set_trace_callback(None)
    plans = [_plan(store, sql, []) for sql in seen if sql.lstrip().upper().startswith("SELECT")
             and "?" not in sql]
    assert plans and all("SCAN orders" not in plan for plan in plans), plans
