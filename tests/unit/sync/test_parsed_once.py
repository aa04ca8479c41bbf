"""An order is parsed into the typed hubrise model once per arrival (issue 12).

Every way an order reaches the store counts: an event (a new order: GET; a known one: the
event's state), a page of listed orders (first-run catch-up, reconcile) and the answer to our
own PATCH. The store keeps what the one read gives it: the cleaned JSON and its problems.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise import order_model
from kds.hubrise.client import HubRiseClient
from kds.sim.app import create_app
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.outbox import OutboxWorker
from kds.sync.poller import Poller
from kds.sync.reconcile import Reconciler
from kds.sync.retry import Backoff
from tests.fakes.fake_hubrise import FakeHubRise, order

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # 12:00 in Paris, a Tuesday


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Parses per order id: every kds module that holds the model's parse function (under
    any import style) gets a counting wrapper."""
    real = order_model.parse_order
    counted: Counter[str] = Counter()

    def counting(data: Any, *args: Any, **kwargs: Any) -> Any:
        counted[str(data.get("id")) if isinstance(data, dict) else "?"] += 1
        return real(data, *args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("kds") and getattr(module, "parse_order", None) is real:
            monkeypatch.setattr(module, "parse_order", counting)
    return counted


@pytest.fixture
def world(clock: FakeClock) -> World:
    return World(clock, seed=5, rate_limits=False)


@pytest.fixture
def client(world: World, clock: FakeClock) -> Iterator[HubRiseClient]:
    transport = httpx.ASGITransport(app=create_app(world))
    made = HubRiseClient("https://sim.test/v1", DEMO_KDS_TOKEN, transport=transport, clock=clock)
    yield made
    asyncio.run(made.aclose())


def body(n: int) -> dict[str, Any]:
    return {"status": "new", "service_type": "collection", "ref": f"R{n}",
            "customer_notes": "no onions", "expected_time": "2026-11-24T12:45:00+01:00",
            "items": [{"product_name": "Margherita", "sku_name": "Large", "price": "9.50 EUR",
                       "quantity": "2", "options": [{"option_list_name": "Extras",
                                                     "name": "Olives", "price": "1.00 EUR"}]},
                      {"product_name": "Tiramisu", "price": "5.00 EUR", "quantity": "1"}]}


def test_an_event_for_a_new_order_is_parsed_once_on_its_way_to_the_store(
        world: World, client: HubRiseClient, store: Store, clock: FakeClock,
        parses: Counter[str]) -> None:
    poller = Poller(client, store, clock, auto_receive=False)
    asyncio.run(poller.ensure_callback())
    order_id = world.create_order(DEMO_PLATFORM_TOKEN, body(1))["id"]
    result = asyncio.run(poller.poll_once())
    assert result.applied == 1 and store.has_order(order_id)
    assert parses == {order_id: 1}


def test_an_event_carrying_a_known_orders_state_is_parsed_once(
        world: World, client: HubRiseClient, store: Store, clock: FakeClock,
        parses: Counter[str]) -> None:
    poller = Poller(client, store, clock, auto_receive=False)
    asyncio.run(poller.ensure_callback())
    order_id = world.create_order(DEMO_PLATFORM_TOKEN, body(1))["id"]
    asyncio.run(poller.poll_once())
    parses.clear()
    rider = {"custom_fields": {"platform": {"note": "rider 3"}}}
    world.update_order(DEMO_PLATFORM_TOKEN, order_id, rider)
    clock.advance(30)
    asked = len(world.request_log)
    result = asyncio.run(poller.poll_once())
    row = store.get_order(order_id)
    assert result.applied == 1 and row is not None
    # the event's own state was applied: the order itself was not fetched
    assert [r.path for r in world.request_log[asked:] if "/location/orders" in r.path] == []
    assert row.raw["custom_fields"] == rider["custom_fields"]
    assert parses == {order_id: 1}


def test_each_order_of_a_listed_page_is_parsed_once_on_the_first_sync(
        world: World, client: HubRiseClient, store: Store, clock: FakeClock,
        parses: Counter[str]) -> None:
    ids = [world.create_order(DEMO_PLATFORM_TOKEN, body(n))["id"] for n in range(12)]
    clock.advance(60)
    stored = asyncio.run(Poller(client, store, clock, auto_receive=False).catch_up())
    assert sorted(stored) == sorted(ids)
    assert parses == dict.fromkeys(ids, 1)


def test_each_order_of_a_reconcile_listing_is_parsed_once(
        world: World, client: HubRiseClient, store: Store, clock: FakeClock,
        parses: Counter[str]) -> None:
    poller = Poller(client, store, clock, auto_receive=False)
    known = [world.create_order(DEMO_PLATFORM_TOKEN, body(n))["id"] for n in range(3)]
    asyncio.run(poller.catch_up())
    for order_id in known:   # changed on HubRise by another screen (no event for us)
        world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "accepted"})
    fresh = world.create_order(DEMO_PLATFORM_TOKEN, body(9))["id"]
    parses.clear()
    clock.advance(60)
    result = asyncio.run(Reconciler(client, store, clock, poller).reconcile_once())
    assert sorted(result.order_ids) == sorted([*known, fresh])
    assert all(row.remote_status == "accepted" for row in map(store.get_order, known) if row)
    assert parses == dict.fromkeys([*known, fresh], 1)


def test_the_answer_to_our_own_patch_is_parsed_once(
        world: World, client: HubRiseClient, store: Store, clock: FakeClock,
        parses: Counter[str]) -> None:
    poller = Poller(client, store, clock, auto_receive=False)
    order_id = world.create_order(DEMO_PLATFORM_TOKEN, body(1))["id"]
    asyncio.run(poller.catch_up())
    store.set_order_status(order_id, "received")
    parses.clear()
    result = asyncio.run(OutboxWorker(client, store, clock, Backoff()).drain_once())
    row = store.get_order(order_id)
    assert result.sent and row is not None and row.remote_status == "received"
    assert world.orders[order_id]["status"] == "received"
    assert parses == {order_id: 1}


HOSTILE = {"customer_notes": "Allergy\ud800 x" + "y" * 20_000,
           "custom_fields": {"deep": {"a": {"b": [float("nan")]}}},
           "total": "abc", "status": 7}


def test_an_event_stores_the_same_cleaned_json_and_problems_as_the_store_alone(
        hubrise: FakeHubRise, tmp_path: Any, clock: FakeClock) -> None:
    """Cleaning moved before the one parse: what a poll stores is what the store made of the
    same raw payload before (cleaned JSON, repairs first, then the store's and the parser's
    problems), and a second arrival of it changes nothing."""
    raw = order("o-1", "R1", START, **HOSTILE)
    hubrise.orders["o-1"] = raw
    hubrise.add_event("o-1")
    polled = Store.open(tmp_path / "polled.sqlite", clock)
    alone = Store.open(tmp_path / "alone.sqlite", clock)
    try:
        async def poll() -> None:
            async with hubrise.client() as client:
                await Poller(client, polled, clock, auto_receive=False).poll_once()

        asyncio.run(poll())
        alone.upsert_remote_order(raw)
        got, want = polled.get_order("o-1"), alone.get_order("o-1")
        assert got is not None and want is not None
        assert got.raw == want.raw and got.problems == want.problems
        assert "\ud800" not in got.raw["customer_notes"] and got.raw["total"] == "abc"
        assert got.problems[0].startswith("customer_notes: invalid UTF-8")
        assert "status: int is not a status, shown as new" in got.problems
        hubrise.add_event("o-1")   # HubRise sends the same order again
        asyncio.run(poll())
        again = polled.get_order("o-1")
        assert again is not None and again.problems == got.problems
        assert polled.dead_letters() == [] and polled.outbox_counts().pending == 0
    finally:
        polled.close()
        alone.close()
