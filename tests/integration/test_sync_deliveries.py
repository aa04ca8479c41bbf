"""A delivery update in the simulator changes the kitchen's ticket: the rider's time and the due
time. HubRise sends `order.update` (with the order's `delivery`) for every delivery change but a
GPS move (API-NOTES §1.3), so the order events the KDS subscribes to are enough."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.order_model import parse_order
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.ui.board.layout import rider_line
from kds.ui.board.ticket import build_ticket

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)   # 12:00 in Paris
ORDER = {"status": "new", "service_type": "delivery", "ref": "D1",
         "expected_time": "2026-11-24T12:45:00+01:00",
         "items": [{"product_name": "Margherita", "price": "9.50 EUR", "quantity": "1"}]}


def test_a_delivery_update_moves_the_rider_time_and_the_due_time(tmp_path) -> None:
    clock = FakeClock(START)
    world = World(clock, seed=3)
    server = serve_in_thread(world)
    store = Store.open(tmp_path / "kds.sqlite", clock)
    try:
        order_id = asyncio.run(_scenario(world, server.base_url, store, clock))
    finally:
        server.stop()
    row = store.active_orders(clock.now(), 60)[0]
    ticket = build_ticket(row, parse_order(row.raw))
    store.close()
    assert row.id == order_id
    assert ticket.due_at == START + timedelta(minutes=25)           # 12:25 Paris: the new pickup
    assert rider_line(ticket, timezone(timedelta(hours=1))).startswith(
        "Rider at 12:25 · \u2068Marco\u2069 · on the way")


async def _scenario(world: World, base_url: str, store: Store, clock: FakeClock) -> str:
    async with HubRiseClient(base_url, DEMO_KDS_TOKEN, clock=clock,
                             limiter=RateLimiter(clock)) as client:
        engine = SyncEngine(client, store, clock)
        await engine.connect()
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, ORDER)["id"]
        world.create_delivery(DEMO_PLATFORM_TOKEN, order_id, {
            "carrier": "Deliveroo", "status": "pending",
            "estimated_pickup_at": "2026-11-24T12:15:00+01:00"})
        clock.advance(30)
        await engine.poll_once()
        [row] = store.active_orders(clock.now(), 60)
        assert row.due_at == START + timedelta(minutes=15)   # the first estimate
        world.update_delivery(DEMO_PLATFORM_TOKEN, order_id, {
            "status": "pickup_enroute", "driver_name": "Marco",
            "estimated_pickup_at": "2026-11-24T12:25:00+01:00"})
        clock.advance(30)
        result = await engine.poll_once()
        assert order_id in result.order_ids
        return order_id
