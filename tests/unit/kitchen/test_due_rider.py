"""A rider's estimated pickup drives the due time: one rule (kds.kitchen.due) for the store,
the in-memory source and the board."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.kitchen import due
from kds.store.store import Store
from tests.fakes.board_source import MemoryBoardSource

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def delivery_order(pickup: datetime | None, status: str = "pickup_enroute") -> dict[str, Any]:
    delivery = {"status": status, "carrier": "Deliveroo",
                "estimated_pickup_at": pickup.isoformat() if pickup else None}
    return {"id": "o1", "status": "accepted", "service_type": "delivery",
            "created_at": T0.isoformat(), "expected_time": (T0 + timedelta(minutes=45)).isoformat(),
            "items": [{"product_name": "Margherita", "quantity": "1"}], "delivery": delivery}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "kds.sqlite", FakeClock(T0))
    yield opened
    opened.close()


def test_the_store_sorts_a_delivery_by_its_rider_and_follows_a_new_estimate(store: Store) -> None:
    store.upsert_remote_order(delivery_order(T0 + timedelta(minutes=12)))
    [row] = store.active_orders(T0, 60)
    assert row.due_at == T0 + timedelta(minutes=12)
    store.upsert_remote_order(delivery_order(T0 + timedelta(minutes=25)))   # delivery.update
    [row] = store.active_orders(T0, 60)
    assert row.due_at == T0 + timedelta(minutes=25)


def test_the_in_memory_source_agrees_with_the_store(store: Store) -> None:
    source = MemoryBoardSource(FakeClock(T0))
    raw = delivery_order(T0 + timedelta(minutes=12))
    source.add_remote(raw)
    store.upsert_remote_order(raw)
    assert source.active_orders(T0, 60)[0].due_at == store.active_orders(T0, 60)[0].due_at


@pytest.mark.parametrize("status", ["dropoff_enroute", "delivered", "cancelled"])
def test_a_rider_who_has_the_food_or_cancelled_no_longer_drives_it(status: str) -> None:
    assert due.rider_pickup_at(delivery_order(T0, status)) is None


def test_no_delivery_or_no_estimate_leaves_the_customer_time() -> None:
    assert due.rider_pickup_at(delivery_order(None)) is None
    assert due.rider_pickup_at({"id": "o1", "delivery": "soon"}) is None
    assert due.rider_pickup_at(None) is None
