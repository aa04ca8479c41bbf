"""A hostile-data run through the simulator (issue 11): odd quantities, a 1 MB note, invisible
and combining characters, a far date, absurd location values. The sync stays responsive, every
order is on the board or counted as set aside, the header tells the truth, nothing crashes."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from kds.clock import SystemClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.server import serve_in_thread as serve_sim
from kds.sim.world import DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.ui.board.board import BoardScreen
from kds.ui.board.header import health_text
from kds.ui.board.source import BoardConfig
from kds.ui.main_window import header_info
from kds.ui.sources import KitchenSource

TOKEN = "kds-hostile-data"
ITEM = {"product_name": "Margherita", "price": "9.00 EUR", "quantity": "1"}


def hostile_bodies() -> list[dict[str, Any]]:
    base = {"status": "new", "service_type": "collection"}
    return [
        {**base, "items": [{**ITEM, "quantity": q} for q in ("100", "1.5", "0.333", "2.0")]},
        {**base, "customer_notes": "x" * 1_000_000 + " SEVERE ALLERGY: PEANUTS", "items": [ITEM]},
        {**base, "ref": "\u200b\u200c\u200d\ufeff", "items": [
            {**ITEM, "product_name": "Pizza" + "\u0301" * 400}]},
        {**base, "expected_time": "9999-12-31T23:59:00+01:00", "items": [ITEM]},
        {**base, "items": [{**ITEM, "product_name": "Amira حداد +33 6 12 34 56 78"}]},
    ]


@pytest.fixture
def world_and_sim():
    world = World(SystemClock(), seed=12)
    world.add_connection(TOKEN, "kds", "screen-data")
    sim = serve_sim(world)
    yield world, sim
    sim.stop()


def test_hostile_orders_and_location_values_never_crash_or_hide_an_order(
        qtbot: Any, tmp_path: Path, world_and_sim: Any) -> None:
    world, sim = world_and_sim
    with world.lock:   # what a broken back office could send: HubRise does not clamp these
        world._location["preparation_time"] = 10**300
    ids = []
    for body in hostile_bodies():
        try:
            ids.append(world.create_order(DEMO_PLATFORM_TOKEN, body)["id"])
        except Exception:   # the simulator refused it as HubRise would: nothing to show
            continue
    assert len(ids) >= 4
    clock = SystemClock()
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    client = HubRiseClient(f"http://127.0.0.1:{sim.port}/v1", TOKEN, clock=clock,
                           limiter=RateLimiter(clock), deadline=10.0)
    engine = SyncEngine(client, store, clock)

    async def sync() -> None:
        await engine.connect()
        await asyncio.wait_for(engine.poll_once(), 30)
        await client.aclose()

    asyncio.run(sync())
    board = BoardScreen(KitchenSource(store), clock, BoardConfig(lead_minutes=24 * 60))
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    qtbot.waitExposed(board)
    board.views["active"].viewport().repaint()
    shown = {t.order_id for m in board.models.values() for t in m.tickets()}
    set_aside = engine.health().set_aside
    for order_id in ids:
        assert order_id in shown or set_aside, order_id
    now = datetime.now(timezone.utc)
    text = health_text(header_info(store.get_location_raw(), engine.health(), now), now,
                       timezone.utc)
    assert text.startswith("● Online"), text
    if len(shown & set(ids)) < len(ids):
        assert "could not be shown" in text, text
    for ticket in (board.ticket(i) for i in ids if i in shown):
        assert ticket is not None and ticket.reference.strip()   # never an empty reference
        assert ticket.due_at.year < 9999 or ticket.expected_time is not None
    store.close()
