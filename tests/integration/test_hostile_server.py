"""A hostile server run (issue 11): HubRise answering 502s, web pages, broken JSON, endless or
dripping bodies, and a 429 asking to wait three years, over a real loopback socket.

Each phase ends with the sync responsive (a poll returns within its bound), the header telling
the truth (the same words the board draws), and orders arriving again once the server behaves.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kds.clock import SystemClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.server import serve_in_thread as serve_sim
from kds.sim.world import DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.tools.faultproxy import FaultProxy, serve_in_thread as serve_proxy
from kds.ui.board.header import health_text
from kds.ui.main_window import header_info

pytestmark = pytest.mark.slow  # real processes or servers over loopback: seconds each

TOKEN = "kds-hostile-token"
POLL_BOUND_S = 20.0   # a poll through any hostile answer returns within this (deadline 3 s)


@pytest.fixture
def stack(tmp_path: Path):
    world = World(SystemClock(), seed=11)
    world.add_connection(TOKEN, "kds", "screen-hostile")
    sim = serve_sim(world)
    proxy = FaultProxy("127.0.0.1", sim.port, rate=0.0)
    running = serve_proxy(proxy)
    clock = SystemClock()
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    client = HubRiseClient(running.base_url, TOKEN, clock=clock, limiter=RateLimiter(clock),
                           timeout=3.0, deadline=3.0, max_body_bytes=2_000_000, max_pages=20)
    engine = SyncEngine(client, store, clock)
    yield world, proxy, store, engine
    asyncio.run(client.aclose())
    store.close()
    running.stop()
    sim.stop()


def header(store: Store, engine: SyncEngine) -> str:
    now = datetime.now(timezone.utc)
    return health_text(header_info(store.get_location_raw(), engine.health(), now), now,
                       timezone.utc)


def new_order(world: World) -> str:
    return world.create_order(DEMO_PLATFORM_TOKEN, {
        "status": "new", "service_type": "collection",
        "items": [{"product_name": "Margherita", "price": "9.00 EUR", "quantity": "1"}]})["id"]


async def poll(engine: SyncEngine) -> None:
    await asyncio.wait_for(engine.poll_once(), POLL_BOUND_S)


@pytest.mark.parametrize("fault", ["502", "not_json", "bad_json", "endless", "drip", "huge",
                                   "refuse", "reset_mid", "truncated"])
def test_a_hostile_answer_is_never_online_and_orders_arrive_again(stack, fault: str) -> None:
    world, proxy, store, engine = stack

    async def run() -> None:
        await engine.connect()
        await poll(engine)
        assert header(store, engine).startswith("● Online")
        proxy.force = fault
        missed = new_order(world)
        for _ in range(2):
            await poll(engine)
        shown = header(store, engine)
        assert not shown.startswith("● Online"), shown
        assert "No contact with HubRise since" in shown or "OFFLINE" in shown, shown
        assert not store.has_order(missed)          # nothing was invented from garbage
        proxy.force = None                           # the server behaves again
        arrived = new_order(world)
        await poll(engine)
        await poll(engine)
        assert store.has_order(missed) and store.has_order(arrived)
        assert header(store, engine).startswith("● Online")

    asyncio.run(run())


def test_a_three_year_retry_after_waits_at_most_until_the_day_window_ends(stack) -> None:
    world, proxy, store, engine = stack

    async def run() -> None:
        await engine.connect()
        await poll(engine)
        proxy.force = "429_huge"
        await poll(engine)
        shown = header(store, engine)
        assert "HubRise asks us to wait until" in shown, shown
        waiting = engine.health().waiting_until
        assert waiting is not None
        now = datetime.now(timezone.utc)
        midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        assert now < waiting <= midnight + timedelta(seconds=1)
        assert engine.plan().interval <= (midnight - now).total_seconds() + 60

    asyncio.run(run())
