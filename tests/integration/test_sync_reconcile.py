"""Two KDS screens of one app on one location: HubRise tells neither of the other's taps
(per-client exclusion), so each reconciles by listing its recent orders now and then."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.order_model import Order
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.sync.reconcile import RECONCILE_EVERY_S

START = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)  # a Tuesday noon in Paris: open
SCREEN_B = "screen-b-token"


def order_body(n: int = 1) -> dict[str, Any]:
    return {"status": "new", "service_type": "collection", "ref": f"R{n}",
            "items": [{"product_name": "Margherita", "sku_name": "Large",
                       "price": "9.50 EUR", "quantity": "2"}]}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture(params=["per-client", "per-connection"])
def world(request, clock: FakeClock) -> World:
    made = World(clock, seed=5, exclude_own_events=request.param)
    made.add_connection(SCREEN_B, "kds", "screen-b")  # same app, its own device_id
    return made


@pytest.fixture
def per_client_world(clock: FakeClock) -> World:
    made = World(clock, seed=5)  # the default: HubRise's literal reading
    made.add_connection(SCREEN_B, "kds", "screen-b")
    return made


@pytest.fixture
def stores(tmp_path, clock: FakeClock):
    opened = [Store.open(tmp_path / name / "kds.sqlite", clock) for name in ("a", "b")]
    yield opened
    for store in opened:
        store.close()


def client_for(base_url: str, clock: FakeClock, token: str) -> HubRiseClient:
    return HubRiseClient(base_url, token, clock=clock, limiter=RateLimiter(clock))


async def settle(*engines: SyncEngine) -> None:
    """Each screen polls its events and sends what waits in its outbox."""
    for engine in engines:
        await engine.poll_once()
        await engine.drain_outbox_once()


async def two_screens_agree(world: World, stores: list[Store], clock: FakeClock) -> list[str]:
    server = serve_in_thread(world)
    try:
        async with client_for(server.base_url, clock, DEMO_KDS_TOKEN) as client_a, \
                client_for(server.base_url, clock, SCREEN_B) as client_b:
            screen_a = SyncEngine(client_a, stores[0], clock)
            screen_b = SyncEngine(client_b, stores[1], clock)
            for engine in (screen_a, screen_b):
                await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            clock.advance(30)
            await settle(screen_a, screen_b)
            stores[0].set_order_status(order["id"], "accepted")   # a tap on screen A
            await settle(screen_a)
            clock.advance(30)
            await settle(screen_b)
            seen = [stores[1].get_order(order["id"]).status]     # events only
            await screen_b.reconcile_once()
            seen.append(stores[1].get_order(order["id"]).status)
            stores[1].set_order_status(order["id"], "in_preparation")  # and back: B taps
            await settle(screen_b)
            clock.advance(RECONCILE_EVERY_S)
            await settle(screen_a)
            await screen_a.reconcile_once()
            seen.append(stores[0].get_order(order["id"]).status)
            seen.append(world.orders[order["id"]]["status"])
            return seen
    finally:
        server.stop()


def test_a_tap_on_one_screen_reaches_the_other_in_both_exclusion_modes(world, stores, clock):
    seen = asyncio.run(two_screens_agree(world, stores, clock))
    # Through events alone, screen B hears of A's tap only when HubRise excludes per connection.
    by_events = "received" if world.exclude_own_events == "per-client" else "accepted"
    assert seen == [by_events, "accepted", "in_preparation", "in_preparation"]


def test_reconcile_never_undoes_a_tap_still_waiting_in_the_outbox(per_client_world, stores, clock):
    world = per_client_world

    async def scenario() -> tuple[str, str, str]:
        server = serve_in_thread(world)
        try:
            async with client_for(server.base_url, clock, DEMO_KDS_TOKEN) as client:
                engine = SyncEngine(client, stores[0], clock)
                await engine.connect()
                order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
                await settle(engine)
                stores[0].set_order_status(order["id"], "awaiting_collection")   # not sent yet
                result = await engine.reconcile_once()
                shown = stores[0].get_order(order["id"]).status
                await engine.drain_outbox_once()
                return shown, world.orders[order["id"]]["status"], str(result.listed)
        finally:
            server.stop()

    shown, on_hubrise, listed = asyncio.run(scenario())
    assert listed == "1"
    assert (shown, on_hubrise) == ("awaiting_collection", "awaiting_collection")


class SendsWhileListing:
    """A client whose order listing lets the outbox confirm a tap half-way through (the
    outbox runs beside the poll loop): the listed snapshot is then older than the tap."""

    def __init__(self, inner: HubRiseClient, engine_box: list[SyncEngine]) -> None:
        self._inner = inner
        self._engine_box = engine_box

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def list_orders(self, **filters: Any) -> AsyncIterator[Order]:
        listed = [order async for order in self._inner.list_orders(**filters)]
        await self._engine_box[0].drain_outbox_once()
        for order in listed:
            yield order


def test_a_listing_older_than_a_tap_confirmed_meanwhile_is_held_back(
        per_client_world, stores, clock):
    world = per_client_world

    async def scenario() -> tuple[str, int, str]:
        server = serve_in_thread(world)
        try:
            async with client_for(server.base_url, clock, DEMO_KDS_TOKEN) as client:
                box: list[SyncEngine] = []
                engine = SyncEngine(SendsWhileListing(client, box), stores[0], clock)
                box.append(engine)
                await engine.connect()
                order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
                await settle(engine)
                stores[0].set_order_status(order["id"], "awaiting_collection")
                result = await engine.reconcile_once()
                return stores[0].get_order(order["id"]).status, result.held_back, \
                    world.orders[order["id"]]["status"]
        finally:
            server.stop()

    assert asyncio.run(scenario()) == ("awaiting_collection", 1, "awaiting_collection")


def test_a_reconcile_is_due_every_couple_of_minutes_while_open_and_lists_once(
        per_client_world, stores, clock):
    world = per_client_world

    async def scenario() -> list[str]:
        server = serve_in_thread(world)
        try:
            async with client_for(server.base_url, clock, DEMO_KDS_TOKEN) as client:
                engine = SyncEngine(client, stores[0], clock)
                await engine.connect()
                due = [engine.reconciler.due(is_open=True)]
                await engine.reconcile_once()
                clock.advance(RECONCILE_EVERY_S - 1)
                due.append(engine.reconciler.due(is_open=True))
                clock.advance(1)
                due.append(engine.reconciler.due(is_open=True))
                due.append(engine.reconciler.due(is_open=False))
                return [str(d) for d in due]
        finally:
            server.stop()

    assert asyncio.run(scenario()) == ["True", "False", "True", "False"]
    listings = [r for r in world.request_log
                if r.token == DEMO_KDS_TOKEN and r.method == "GET" and r.path.endswith("/orders")]
    assert len(listings) == 2  # the first-run catch-up and one reconcile


def test_reconcile_keeps_the_days_last_requests_for_polls_and_taps(stores, clock):
    class NoListing:
        limiter = None

        def list_orders(self, **filters: Any) -> AsyncIterator[Order]:
            raise AssertionError("listed although the day budget is nearly spent")

    engine = SyncEngine(NoListing(), stores[0], clock)  # type: ignore[arg-type]
    engine._remaining = lambda: {"day": 900, "minute": 400, "hour": 2000}  # type: ignore[method-assign]
    result = asyncio.run(engine.reconcile_once())
    assert result.skipped and result.listed == 0


class Until:
    """Listener that wakes the test when a store shows what it waits for (no timed polling)."""

    def __init__(self, check: Any) -> None:
        self.check = check
        self.met = asyncio.Event()

    def orders_changed(self, ids: list[str]) -> None:
        if self.check():
            self.met.set()

    def location_changed(self) -> None:
        pass

    def health_changed(self) -> None:
        pass


def test_running_screens_agree_through_their_poll_loops(per_client_world, stores, clock):
    world = per_client_world

    async def scenario() -> str:
        server = serve_in_thread(world)
        try:
            async with client_for(server.base_url, clock, DEMO_KDS_TOKEN) as client_a, \
                    client_for(server.base_url, clock, SCREEN_B) as client_b:
                screen_a = SyncEngine(client_a, stores[0], clock)
                screen_b = SyncEngine(client_b, stores[1], clock)
                order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
                order_id = order["id"]
                known = Until(lambda: stores[1].has_order(order_id))
                tapped = Until(lambda: stores[1].has_order(order_id)
                               and stores[1].get_order(order_id).status == "accepted")
                known_a = Until(lambda: stores[0].has_order(order_id))
                screen_a.add_listener(known_a)
                screen_b.add_listener(known)
                screen_b.add_listener(tapped)
                tasks = [asyncio.ensure_future(e.run()) for e in (screen_a, screen_b)]
                try:
                    await asyncio.wait_for(known.met.wait(), 20)
                    await asyncio.wait_for(known_a.met.wait(), 20)
                    stores[0].set_order_status(order_id, "accepted")
                    screen_a.kick()
                    await asyncio.wait_for(tapped.met.wait(), 20)
                finally:
                    for engine in (screen_a, screen_b):
                        engine.stop()
                    await asyncio.wait_for(asyncio.gather(*tasks), 5)
                return stores[1].get_order(order_id).status
        finally:
            server.stop()

    assert asyncio.run(scenario()) == "accepted"
