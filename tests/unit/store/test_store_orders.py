"""Orders from HubRise and staff taps: idempotent upserts, pending local status, remote changes,
and the kitchen's rush flag (stored locally, kept across restarts and HubRise updates, never sent)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from kds.clock import FakeClock
from kds.store import Store
from kds.store.migrations import MIGRATIONS, migrate, schema_version

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def order(order_id: str = "o1", status: str = "new", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": order_id, "status": status, "service_type": "collection",
        "created_at": "2026-11-24T12:00:00+01:00",
        "items": [{"product_name": "Margherita", "sku_name": "Large", "quantity": "2",
                   "price": "9.00 EUR"}],
    }
    body.update(extra)
    return body


def test_platform_order_is_stored_once_with_its_times(store: Store) -> None:
    result = store.upsert_remote_order(order(expected_time="2026-11-24T12:30:00+01:00"))
    assert result.created and result.changed and result.order_id == "o1"
    row = store.get_order("o1")
    assert row is not None
    assert row.status == row.remote_status == "new"
    assert row.created_at == datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
    assert row.expected_time == datetime(2026, 11, 24, 11, 30, tzinfo=timezone.utc)
    assert row.first_seen_at == T0 and row.raw["items"][0]["product_name"] == "Margherita"
    assert [(h.status, h.by) for h in store.order_history("o1")] == [("new", "hubrise")]


def test_same_payload_twice_changes_nothing(store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    clock.advance(60)
    again = store.upsert_remote_order(order())
    assert not again.created and not again.changed
    assert len(store.order_history("o1")) == 1
    row = store.get_order("o1")
    assert row is not None and row.last_status_change_at == T0


def test_platform_status_change_is_shown_and_recorded_as_hubrise(
        store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    clock.advance(30)
    result = store.upsert_remote_order(order(status="in_delivery"))
    assert result.changed and result.status_changed
    row = store.get_order("o1")
    assert row is not None and row.status == "in_delivery"
    assert row.last_status_change_at == T0 + timedelta(seconds=30)
    assert [(h.status, h.by) for h in store.order_history("o1")] == [
        ("new", "hubrise"), ("in_delivery", "hubrise")]


def test_tap_updates_row_history_and_outbox_together(store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    clock.advance(10)
    outbox_id = store.set_order_status("o1", "accepted")
    row = store.get_order("o1")
    assert row is not None and row.status == "accepted" and row.remote_status == "new"
    assert row.sync_state == "pending" and row.seen
    assert store.order_history("o1")[-1].by == "kitchen"
    entry = store.due_outbox(clock.now(), 10)[0]
    assert entry.id == outbox_id and entry.resource == "order:o1"
    assert entry.kind == "order_status" and entry.body == {"status": "accepted"}


def test_tap_is_undone_completely_when_the_transaction_fails(store: Store) -> None:
    store.upsert_remote_order(order())
    with pytest.raises(RuntimeError), store.transaction():
        store.set_order_status("o1", "accepted")
        raise RuntimeError("power cut")
    row = store.get_order("o1")
    assert row is not None and row.status == "new"
    assert store.outbox_counts().pending == 0
    assert len(store.order_history("o1")) == 1


def test_tap_on_unknown_order_or_status_is_refused(store: Store) -> None:
    store.upsert_remote_order(order())
    with pytest.raises(KeyError):
        store.set_order_status("nope", "accepted")
    with pytest.raises(ValueError):
        store.set_order_status("o1", "eaten")


def test_pending_kitchen_status_stays_on_screen_when_hubrise_sends_older_state(
        store: Store) -> None:
    store.upsert_remote_order(order())
    store.set_order_status("o1", "accepted")
    store.upsert_remote_order(order(customer_notes="no onions"))
    row = store.get_order("o1")
    assert row is not None and row.status == "accepted" and row.remote_status == "new"


def test_after_sending_the_response_confirms_the_status(store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    store.set_order_status("o1", "accepted")
    entry = store.due_outbox(clock.now(), 10)[0]
    store.mark_outbox_sent(entry.id, order(status="accepted"))
    store.upsert_remote_order(order(status="accepted"))
    row = store.get_order("o1")
    assert row is not None
    assert row.status == row.remote_status == "accepted" and row.sync_state == "ok"
    assert row.remote_change is None
    assert [(h.status, h.by) for h in store.order_history("o1")] == [
        ("new", "hubrise"), ("accepted", "kitchen")]


def test_platform_cancellation_of_a_known_order_is_flagged(store: Store) -> None:
    store.upsert_remote_order(order())
    store.mark_seen("o1")
    result = store.upsert_remote_order(order(status="cancelled"))
    assert result.remote_change == "cancelled"
    row = store.get_order("o1")
    assert row is not None and row.status == "cancelled" and row.remote_change == "cancelled"
    store.dismiss_remote_change("o1")
    row = store.get_order("o1")
    assert row is not None and row.remote_change is None


def test_cancellation_wins_over_a_kitchen_change_still_pending(store: Store) -> None:
    store.upsert_remote_order(order())
    store.set_order_status("o1", "in_preparation")
    store.upsert_remote_order(order(status="cancelled"))
    row = store.get_order("o1")
    assert row is not None and row.status == "cancelled"
    assert row.remote_status == "cancelled" and row.remote_change == "cancelled"
    assert row.sync_state == "failed"          # the withdrawn tap stays visible, with why
    assert store.outbox_counts().pending == 0


def test_kitchens_own_pending_cancel_is_not_withdrawn_by_the_same_remote_cancel(
        store: Store) -> None:
    store.upsert_remote_order(order())
    store.set_order_status("o1", "cancelled")
    store.upsert_remote_order(order(status="cancelled"))
    assert store.outbox_counts().failed == 0


def test_kitchens_own_cancellation_is_not_flagged_as_remote(store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    store.set_order_status("o1", "rejected")
    store.mark_outbox_sent(store.due_outbox(clock.now(), 1)[0].id)
    store.upsert_remote_order(order(status="rejected"))
    row = store.get_order("o1")
    assert row is not None and row.remote_change is None and row.status == "rejected"


def test_changed_items_or_times_of_a_known_order_are_flagged(store: Store) -> None:
    store.upsert_remote_order(order())
    changed = order(items=[{"product_name": "Margherita", "sku_name": "Large", "quantity": "3"}])
    assert store.upsert_remote_order(changed).remote_change == "changed"
    store.dismiss_remote_change("o1")
    later = dict(changed, expected_time="2026-11-24T13:00:00+01:00")
    assert store.upsert_remote_order(later).remote_change == "changed"


def test_new_order_that_arrives_cancelled_is_not_flagged(store: Store) -> None:
    result = store.upsert_remote_order(order(status="cancelled"))
    assert result.remote_change is None


def test_confirmed_time_from_our_own_tap_is_not_a_remote_change(
        store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    promised = datetime(2026, 11, 24, 11, 40, tzinfo=timezone.utc)
    store.set_order_status("o1", "accepted", confirmed_time=promised)
    entry = store.due_outbox(clock.now(), 1)[0]
    assert entry.body == {"status": "accepted", "confirmed_time": "2026-11-24T11:40:00+00:00"}
    store.mark_outbox_sent(entry.id)
    store.upsert_remote_order(order(status="accepted", confirmed_time="2026-11-24T12:40:00+01:00"))
    row = store.get_order("o1")
    assert row is not None and row.remote_change is None and row.confirmed_time == promised


def test_known_order_ids_since_lists_orders_created_after_a_time(store: Store) -> None:
    store.upsert_remote_order(order("old", created_at="2026-11-23T08:00:00+00:00"))
    store.upsert_remote_order(order("new", created_at="2026-11-24T10:00:00+00:00"))
    since = datetime(2026, 11, 24, 0, 0, tzinfo=timezone.utc)
    assert store.known_order_ids_since(since) == {"new"}


def test_staff_opening_a_ticket_marks_it_seen(store: Store) -> None:
    store.upsert_remote_order(order())
    row = store.get_order("o1")
    assert row is not None and not row.seen
    store.mark_seen("o1")
    row = store.get_order("o1")
    assert row is not None and row.seen


# -- the rush flag ---------------------------------------------------------------------------

def outbox_size(store: Store) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def rushed_ids(store: Store) -> list[str]:
    return [row.id for row in store.active_orders(T0, 30) if row.rush]


def test_new_orders_are_not_rushed(store: Store) -> None:
    store.upsert_remote_order(order(status="accepted"))
    row = store.get_order("o1")
    assert row is not None and row.rush is False


def test_rush_is_set_and_cleared_locally_without_outbox_or_history(store: Store) -> None:
    store.upsert_remote_order(order(status="accepted"))
    history = store.order_history("o1")
    assert rushed_ids(store) == []          # fills the open-orders cache before the change

    store.set_rush("o1", True)
    row = store.get_order("o1")
    assert row is not None and row.rush
    assert rushed_ids(store) == ["o1"]      # the cached open orders saw the change
    store.set_rush("o1", False)
    assert rushed_ids(store) == []
    assert store.get_order("o1").rush is False  # type: ignore[union-attr]

    assert outbox_size(store) == 0          # HubRise has no rush field: nothing to send
    assert store.order_history("o1") == history   # history is for statuses only


def test_rush_set_by_another_connection_reaches_the_cached_board(
        store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order(status="accepted"))
    assert rushed_ids(store) == []
    other = Store.open(store.path, clock)
    try:
        other.set_rush("o1", True)
    finally:
        other.close()
    assert rushed_ids(store) == ["o1"]


def test_rush_survives_reopening_the_file_and_a_remote_update(
        store: Store, clock: FakeClock) -> None:
    store.upsert_remote_order(order(status="accepted"))
    store.set_rush("o1", True)
    store.close()

    reopened = Store.open(store.path, clock)
    try:
        assert reopened.get_order("o1").rush   # type: ignore[union-attr]
        changed = order(status="in_preparation", customer_notes="Extra crispy",
                        expected_time="2026-11-24T12:20:00+01:00")
        result = reopened.upsert_remote_order(changed)
        assert result.changed and result.status_changed   # a real update, not a no-op
        row = reopened.get_order("o1")
        assert row is not None and row.status == "in_preparation" and row.rush
        assert rushed_ids(reopened) == ["o1"]
    finally:
        reopened.close()


def test_rushing_an_unknown_order_raises_and_writes_nothing(store: Store) -> None:
    with pytest.raises(KeyError):
        store.set_rush("missing", True)
    assert not store.has_order("missing") and outbox_size(store) == 0


def test_a_schema_version_2_file_gets_the_rush_column_set_to_0(
        tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database(path)
    migrate(old, MIGRATIONS[:2])
    assert schema_version(old) == 2
    old.execute(
        "INSERT INTO orders (id, status, remote_status, raw, first_seen_at, "
        "last_status_change_at, done, seen) VALUES (?, ?, ?, ?, ?, ?, 0, 1)",
        ["old1", "accepted", "accepted", '{"id": "old1", "status": "accepted"}',
         "2026-11-24T10:00:00.000000+00:00", "2026-11-24T10:00:00.000000+00:00"])
    old.conn.commit()
    old.close()

    store = Store.open(path, clock)
    try:
        assert schema_version(store.db) == len(MIGRATIONS) >= 3
        column = store.db["orders"].columns_dict
        assert column["rush"] is int
        assert store.db.execute("SELECT rush FROM orders WHERE id = 'old1'").fetchone()[0] == 0
        row = store.get_order("old1")
        assert row is not None and row.rush is False and row.status == "accepted"
        store.set_rush("old1", True)
        assert store.get_order("old1").rush   # type: ignore[union-attr]
    finally:
        store.close()
