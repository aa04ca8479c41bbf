"""After a backlog, the next polls keep the normal rate (issue 18).

One catch-up poll (a few hundred events fetched and deleted at once) used to inflate the
planner's per-poll cost estimate so much that the next poll came 4-7 minutes later.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.sync.planner import DEFAULT_FLOOR_S, PollCost

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # a Tuesday, 12:00 in Paris: open
BACKLOG = 250  # orders waiting on HubRise: about 500 requests to catch up

# Serves the simulator over loopback and polls a backlog: the full suite, not the inner loop.
pytestmark = pytest.mark.slow


class Budget:
    """A limiter that reports what a normal day has left after the catch-up was paid for."""

    def remaining(self) -> dict[str, int]:
        return {"minute": 400, "hour": 2000, "day": 9000}

    def blocked_for(self) -> float:
        return 0.0


def order_body(n: int) -> dict[str, Any]:
    return {"status": "new", "service_type": "collection", "ref": f"B{n}",
            "items": [{"product_name": "Margherita", "price": "9.50 EUR", "quantity": "1"}]}


def test_a_catch_up_poll_does_not_slow_the_next_polls(tmp_path) -> None:
    async def main() -> list[float]:
        clock = FakeClock(START)
        world = World(clock, seed=7, rate_limits=False)
        server = serve_in_thread(world)
        store = Store.open(tmp_path / "kds.sqlite3", clock)
        try:
            async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock) as client:
                engine = SyncEngine(client, store, clock, auto_receive=False, limiter=Budget())
                await engine.connect()
                for n in range(BACKLOG):  # the app was closed while orders came in
                    world.create_order(DEMO_PLATFORM_TOKEN, order_body(n))
                backlog = await engine.poll_once()
                assert backlog.applied == BACKLOG and backlog.requests > 2 * BACKLOG
                intervals = [engine.plan().interval]
                for _ in range(3):  # ordinary polls afterwards: nothing new
                    clock.advance(intervals[-1])
                    await engine.poll_once()
                    intervals.append(engine.plan().interval)
                return intervals
        finally:
            store.close()
            server.stop()

    assert asyncio.run(main()) == [DEFAULT_FLOOR_S] * 4


def test_a_sustained_rise_in_events_still_raises_the_estimate() -> None:
    cost = PollCost()
    for _ in range(3):
        cost.note(1)
    cost.note(501)  # one catch-up: a nudge, not a jump
    assert cost.value < 2.0
    for _ in range(30):  # a busy service: every poll finds events to fetch and delete
        cost.note(9)
    assert 8.5 < cost.value <= 9.0
