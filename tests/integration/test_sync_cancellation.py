"""A customer's cancellation must win over kitchen taps, queued or already on the wire."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine

pytestmark = pytest.mark.slow  # serves the simulator over loopback HTTP: a server per test

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
ORDER = {"status": "new", "service_type": "collection",
         "items": [{"product_name": "Margherita", "price": "9.50 EUR", "quantity": "1"}]}

Scenario = Callable[[World, Store, SyncEngine, FakeClock, str], Awaitable[None]]


def run_scenario(tmp_path, scenario: Scenario) -> tuple[World, Store, str]:
    """Connect an engine to a fresh simulator, store one platform order (its auto-receive
    queued, not sent), play the scenario, then drain the outbox."""
    async def main() -> tuple[World, Store, str]:
        clock = FakeClock(START)
        world = World(clock, seed=5)
        server = serve_in_thread(world)
        store = Store.open(tmp_path / "kds.sqlite3", clock)
        try:
            async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock) as client:
                engine = SyncEngine(client, store, clock, auto_receive=True)
                await engine.connect()
                order_id = world.create_order(DEMO_PLATFORM_TOKEN, ORDER)["id"]
                await engine.poll_once()
                await scenario(world, store, engine, clock, order_id)
                for _ in range(3):
                    await engine.drain_outbox_once()
            return world, store, order_id
        finally:
            server.stop()

    return asyncio.run(main())


def cancel(world: World, order_id: str) -> None:
    world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "cancelled"})


def assert_stays_cancelled(world: World, store: Store, order_id: str) -> None:
    assert world.orders[order_id]["status"] == "cancelled"
    row = store.get_order(order_id)
    assert row.status == row.remote_status == "cancelled" and row.remote_change == "cancelled"


def test_queued_kitchen_tap_does_not_revive_an_order_the_customer_cancelled(tmp_path):
    async def cancellation_arrives_first(world, store, engine, clock, order_id):
        cancel(world, order_id)
        await engine.poll_once()

    world, store, order_id = run_scenario(tmp_path, cancellation_arrives_first)
    assert_stays_cancelled(world, store, order_id)
    # The withdrawn tap is not silently dropped: it shows, with the reason, until dismissed.
    row = store.get_order(order_id)
    assert row.sync_state == "failed" and "cancelled on HubRise" in (row.sync_error or "")
    store.dismiss_remote_change(order_id)
    assert store.outbox_counts().failed == 0
    store.close()


def test_cancellation_overwritten_by_a_tap_in_flight_is_put_back(tmp_path):
    async def tap_lands_after_the_cancellation(world, store, engine, clock, order_id):
        clock.advance(5)
        cancel(world, order_id)
        clock.advance(1)
        await engine.drain_outbox_once()   # our "received" lands after it: revived on HubRise
        assert world.orders[order_id]["status"] == "received"
        await engine.poll_once()           # then the cancellation event arrives

    world, store, order_id = run_scenario(tmp_path, tap_lands_after_the_cancellation)
    assert_stays_cancelled(world, store, order_id)
    assert store.outbox_counts().pending == 0
    store.close()


def test_a_tap_landing_after_an_applied_cancellation_does_not_revive_the_order(tmp_path):
    async def cancellation_applied_while_the_tap_is_in_flight(world, store, engine, clock,
                                                              order_id):
        assert store.due_outbox(clock.now(), 1)   # "received" handed to the sender: in flight
        clock.advance(2)
        cancel(world, order_id)
        await engine.poll_once()                  # the cancellation is applied first
        assert store.get_order(order_id).remote_change == "cancelled"

    world, store, order_id = run_scenario(tmp_path, cancellation_applied_while_the_tap_is_in_flight)
    assert_stays_cancelled(world, store, order_id)
    store.close()
