"""A platform snapshot older than the kitchen's change must never undo a tap (issue 18).

The platform updates an order while the kitchen's tap is in flight: the event HubRise keeps for
us holds the order as it was before the tap landed. Applying it would put a rejected or
cancelled ticket back on Active, or show "Accept" again, while HubRise keeps the kitchen's
status. Freshness is decided from what HubRise says, never from the local clock.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.money import parse_time
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine

pytestmark = pytest.mark.slow  # serves the simulator over loopback HTTP: a server per test

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
ORDERS = 5
PROMISED = START + timedelta(minutes=40)
ACTIONS: dict[str, tuple[str, datetime | None]] = {
    "reject": ("rejected", None),
    "cancel": ("cancelled", None),
    "accept": ("accepted", PROMISED),
}


def order_body(n: int) -> dict[str, Any]:
    return {"status": "new", "service_type": "delivery", "ref": f"S{n}",
            "items": [{"product_name": "Calzone", "price": "11.00 EUR", "quantity": "1"}]}


def platform_note(order_id: str) -> str:
    return f"courier assigned to {order_id}"


class Wire:
    """The KDS's HubRise client with hooks on the wire.

    When armed, the platform changes an order just before the kitchen's PATCH of it lands (the
    tap is in flight while the platform writes). `hold_order` parks the poll's fetch of one
    order until `release` is set, so the test can land PATCHes half-way through a poll.
    """

    def __init__(self, inner: HubRiseClient, world: World, clock: FakeClock) -> None:
        self._inner = inner
        self._world = world
        self._clock = clock
        self.armed = False
        self.hold_order: str | None = None
        self.reached = asyncio.Event()
        self.release = asyncio.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def update_order(self, order_id: str, body: Any) -> Any:
        if self.armed:
            self._world.update_order(DEMO_PLATFORM_TOKEN, order_id,
                                     {"seller_notes": platform_note(order_id)})
            self._clock.advance(1)
        return await self._inner.update_order(order_id, body)

    async def get_order(self, order_id: str) -> Any:
        if order_id == self.hold_order:
            self.reached.set()
            await self.release.wait()
        return await self._inner.get_order(order_id)


async def start(world: World, engine: SyncEngine, clock: FakeClock) -> list[str]:
    """Platform orders on the board, received on both sides, no event left on HubRise."""
    await engine.connect()
    ids = [world.create_order(DEMO_PLATFORM_TOKEN, order_body(n))["id"] for n in range(ORDERS)]
    await engine.poll_once()
    for _ in range(3):
        await engine.drain_outbox_once()
    assert all(world.orders[i]["status"] == "received" for i in ids)
    clock.advance(10)
    return ids


def tap(store: Store, ids: list[str], action: str) -> None:
    status, confirmed = ACTIONS[action]
    for order_id in ids:
        store.set_order_status(order_id, status, confirmed_time=confirmed)


def assert_kitchen_status_kept(world: World, store: Store, ids: list[str], action: str) -> None:
    status, confirmed = ACTIONS[action]
    for order_id in ids:
        assert world.orders[order_id]["status"] == status  # HubRise has the kitchen's status
        row = store.get_order(order_id)
        assert row is not None
        assert (row.status, row.remote_status, row.sync_state) == (status, status, "ok"), order_id
        if confirmed is not None:
            assert row.confirmed_time == confirmed
            assert parse_time(row.raw["confirmed_time"]) == confirmed
        # ...and the platform's own change is on the board too, not lost with the stale copy.
        assert row.raw.get("seller_notes") == platform_note(order_id)


def run(tmp_path, scenario: Any) -> None:
    async def main() -> None:
        clock = FakeClock(START)
        world = World(clock, seed=18)
        server = serve_in_thread(world)
        store = Store.open(tmp_path / "kds.sqlite3", clock)
        try:
            async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock) as client:
                wire = Wire(client, world, clock)
                engine = SyncEngine(wire, store, clock, auto_receive=True)
                ids = await start(world, engine, clock)
                await scenario(world, wire, engine, store, clock, ids)
        finally:
            store.close()
            server.stop()

    asyncio.run(main())


@pytest.mark.parametrize("action", list(ACTIONS))
def test_platform_update_while_the_tap_is_in_flight_does_not_revert_the_tap(tmp_path, action):
    async def scenario(world, wire, engine, store, clock, ids):
        tap(store, ids, action)
        clock.advance(1)
        wire.armed = True
        await engine.drain_outbox_once()       # each PATCH lands just after the platform's update
        assert store.outbox_counts().pending == 0
        clock.advance(30)
        result = await engine.poll_once()      # the platform's snapshots predate the taps
        assert result.applied == ORDERS and result.acknowledged == ORDERS
        assert_kitchen_status_kept(world, store, ids, action)

    run(tmp_path, scenario)


@pytest.mark.parametrize("action", list(ACTIONS))
def test_tap_confirmed_while_a_poll_is_fetching_does_not_revert_the_tap(tmp_path, action):
    async def scenario(world, wire, engine, store, clock, ids):
        tap(store, ids, action)
        clock.advance(1)
        for order_id in ids:                   # the platform writes while the taps wait to go
            world.update_order(DEMO_PLATFORM_TOKEN, order_id,
                               {"seller_notes": platform_note(order_id)})
        # A new order after them: the poll fetches it last, and the test holds that fetch.
        wire.hold_order = world.create_order(DEMO_PLATFORM_TOKEN, order_body(99))["id"]
        clock.advance(1)
        poll = asyncio.ensure_future(engine.poll_once())
        await wire.reached.wait()              # the poll holds the 5 snapshots, not applied yet
        await engine.drain_outbox_once()       # meanwhile HubRise confirms the 5 taps
        assert store.outbox_counts().pending == 0
        wire.release.set()
        await poll
        clock.advance(30)
        await engine.poll_once()               # whatever was held back is fetched again
        assert world.pending_events(DEMO_KDS_TOKEN) == []
        assert_kitchen_status_kept(world, store, ids, action)

    run(tmp_path, scenario)
