"""A customer's cancellation must win over kitchen taps still waiting in the outbox."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
ORDER = {"status": "new", "service_type": "collection",
         "items": [{"product_name": "Margherita", "price": "9.50 EUR", "quantity": "1"}]}


async def _cancel_while_a_tap_waits(tmp_path) -> tuple[World, Store, str]:
    clock = FakeClock(START)
    world = World(clock, seed=5)
    server = serve_in_thread(world)
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    try:
        async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=True)
            await engine.connect()
            order_id = world.create_order(DEMO_PLATFORM_TOKEN, ORDER)["id"]
            await engine.poll_once()              # stored; auto-receive is queued, not sent
            world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "cancelled"})
            await engine.poll_once()              # the cancellation arrives first
            for _ in range(3):
                await engine.drain_outbox_once()
        return world, store, order_id
    finally:
        server.stop()


def test_queued_kitchen_tap_does_not_revive_an_order_the_customer_cancelled(tmp_path):
    world, store, order_id = asyncio.run(_cancel_while_a_tap_waits(tmp_path))
    assert world.orders[order_id]["status"] == "cancelled"
    row = store.get_order(order_id)
    assert row.status == "cancelled" and row.remote_change == "cancelled"
    # The withdrawn tap is not silently dropped: it shows, with the reason, until dismissed.
    assert row.sync_state == "failed" and "cancelled on HubRise" in (row.sync_error or "")
    store.dismiss_remote_change(order_id)
    assert store.outbox_counts().failed == 0
    store.close()


async def _tap_lands_after_the_cancellation(tmp_path) -> tuple[World, Store, str]:
    clock = FakeClock(START)
    world = World(clock, seed=6)
    server = serve_in_thread(world)
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    try:
        async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=True)
            await engine.connect()
            order_id = world.create_order(DEMO_PLATFORM_TOKEN, ORDER)["id"]
            await engine.poll_once()              # stored; auto-receive queued
            clock.advance(5)
            world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "cancelled"})
            clock.advance(1)
            await engine.drain_outbox_once()      # our "received" lands after it: revived
            assert world.orders[order_id]["status"] == "received"
            await engine.poll_once()              # the cancellation event arrives
            for _ in range(3):
                await engine.drain_outbox_once()
        return world, store, order_id
    finally:
        server.stop()


def test_cancellation_overwritten_by_a_tap_in_flight_is_put_back(tmp_path):
    world, store, order_id = asyncio.run(_tap_lands_after_the_cancellation(tmp_path))
    assert world.orders[order_id]["status"] == "cancelled"
    row = store.get_order(order_id)
    assert row.status == "cancelled" and row.remote_change == "cancelled"
    assert store.outbox_counts().pending == 0
    store.close()


async def _response_lands_after_the_cancellation_was_applied(tmp_path) -> tuple[World, Store, str]:
    clock = FakeClock(START)
    world = World(clock, seed=7)
    server = serve_in_thread(world)
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    try:
        async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=True)
            await engine.connect()
            order_id = world.create_order(DEMO_PLATFORM_TOKEN, ORDER)["id"]
            await engine.poll_once()                  # "received" queued
            assert store.due_outbox(clock.now(), 1)   # ...and handed to the sender: in flight
            clock.advance(2)
            world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "cancelled"})
            await engine.poll_once()                  # the cancellation is applied first
            assert store.get_order(order_id).remote_change == "cancelled"
            for _ in range(3):                        # then the in-flight tap lands
                await engine.drain_outbox_once()
        return world, store, order_id
    finally:
        server.stop()


def test_a_tap_landing_after_an_applied_cancellation_does_not_revive_the_order(tmp_path):
    world, store, order_id = asyncio.run(_response_lands_after_the_cancellation_was_applied(tmp_path))
    assert world.orders[order_id]["status"] == "cancelled"
    row = store.get_order(order_id)
    assert row.status == row.remote_status == "cancelled" and row.remote_change == "cancelled"
    store.close()
