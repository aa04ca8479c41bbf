"""The kitchen's rush flag: stored locally, kept across restarts and HubRise updates, never sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from kds.clock import FakeClock
from kds.store import Store
from kds.store.migrations import MIGRATIONS, migrate, schema_version

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "kds.sqlite3"


@pytest.fixture
def store(path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(path, clock)
    yield opened
    opened.close()


def order(order_id: str = "o1", status: str = "accepted", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": order_id, "status": status, "service_type": "collection",
        "created_at": "2026-11-24T11:55:00+01:00",
        "items": [{"product_name": "Margherita", "quantity": "1", "price": "9.00 EUR"}],
    }
    body.update(extra)
    return body


def outbox_size(store: Store) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def rushed_ids(store: Store) -> list[str]:
    return [row.id for row in store.active_orders(T0, 30) if row.rush]


def test_new_orders_are_not_rushed(store: Store) -> None:
    store.upsert_remote_order(order())
    row = store.get_order("o1")
    assert row is not None and row.rush is False


def test_rush_is_set_and_cleared_locally_without_outbox_or_history(store: Store) -> None:
    store.upsert_remote_order(order())
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
        store: Store, path: Path, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    assert rushed_ids(store) == []
    other = Store.open(path, clock)
    try:
        other.set_rush("o1", True)
    finally:
        other.close()
    assert rushed_ids(store) == ["o1"]


def test_rush_survives_reopening_the_file_and_a_remote_update(
        store: Store, path: Path, clock: FakeClock) -> None:
    store.upsert_remote_order(order())
    store.set_rush("o1", True)
    store.close()

    reopened = Store.open(path, clock)
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
        path: Path, clock: FakeClock) -> None:
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
