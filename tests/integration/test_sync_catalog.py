"""The connected catalog (allergen marks, station routing): fetched once, cached in the store,
fetched again after a `catalog.update` event, never per order, never past the daily cap.
In-process simulator (ASGI), real client, real store, real engine."""

from __future__ import annotations

import asyncio
import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.sim import demo, menu
from kds.sim.app import create_app
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.catalog import MAX_FETCHES_PER_DAY, SETTLE, CatalogKeeper
from kds.sync.engine import SyncEngine

START = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)  # 12:00 in Paris: open
CATALOG_ID = demo.CATALOG["id"]


def order_body(n: int, sku_ref: str = "BROW") -> dict[str, Any]:
    return {"status": "new", "service_type": "collection", "ref": f"R{n}",
            "items": [{"product_name": "Brownie", "sku_ref": sku_ref, "price": "3.00 EUR",
                       "quantity": "1"}]}


def catalog_gets(world: World) -> int:
    return sum(1 for r in world.request_log
               if r.token == DEMO_KDS_TOKEN and r.method == "GET" and "/catalogs/" in r.path)


class Heard:
    def __init__(self) -> None:
        self.catalog = 0

    def catalog_changed(self) -> None:
        self.catalog += 1


def engine_for(world: World, store: Store, clock: FakeClock) -> tuple[SyncEngine, Any]:
    client = HubRiseClient("http://sim.test/v1", DEMO_KDS_TOKEN, clock=clock,
                           limiter=RateLimiter(clock),
                           transport=httpx.ASGITransport(app=create_app(world)))
    engine = SyncEngine(client, store, clock, auto_receive=False)
    engine.catalog = CatalogKeeper(store, clock, CATALOG_ID)
    return engine, client


async def service(world: World, store: Store, clock: FakeClock, orders: int,
                  first: int = 0) -> Heard:
    """One start: connect, then a poll loop's rounds (poll, catalog check), an order each."""
    engine, client = engine_for(world, store, clock)
    heard = Heard()
    engine.add_listener(heard)
    async with client:
        await engine.connect()
        for n in range(orders):
            world.create_order(DEMO_PLATFORM_TOKEN, order_body(first + n))
            await engine.poll_once()
            await engine.refresh_catalog_if_due()
            clock.advance(30)
    return heard


def test_the_catalog_is_fetched_once_per_start_and_not_per_order(tmp_path: Path) -> None:
    clock = FakeClock(START)
    world = World(clock, seed=3)
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    try:
        heard = asyncio.run(service(world, store, clock, orders=12))
        assert store.db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 12
        assert catalog_gets(world) == 1 and heard.catalog == 1
        assert set(store.menu_marks().by_ref["BROW"]) == {"NUTS", "EGG", "DAIRY", "GLUTEN",
                                                          "VEGETARIAN"}
        assert store.menu_marks().by_option == {"MOZ": ("DAIRY",), "CHI": ("SPICY",)}
        # A restart an hour later: the cached copy serves, no new fetch.
        clock.advance(3600)
        asyncio.run(service(world, store, clock, orders=5, first=100))
        assert catalog_gets(world) == 1
        # Nine hours later the copy is old (a change may have come with no callback): once.
        clock.advance(9 * 3600)
        asyncio.run(service(world, store, clock, orders=5, first=200))
        assert catalog_gets(world) == 2
    finally:
        store.close()


def test_a_catalog_update_event_refreshes_the_cache(tmp_path: Path) -> None:
    clock = FakeClock(START)
    world = World(clock, seed=3)
    store = Store.open(tmp_path / "kds.sqlite3", clock)

    async def scenario() -> Heard:
        engine, client = engine_for(world, store, clock)
        heard = Heard()
        engine.add_listener(heard)
        async with client:
            await engine.connect()
            await engine.poll_once()
            assert await engine.refresh_catalog_if_due()   # the first copy
            assert store.menu_marks().by_ref.get("FRIE") == ("VEGAN",)
            # The till pushes a new menu: the fries are now cooked in peanut oil.
            data = copy.deepcopy(menu.catalog_data())
            fries = next(p for p in data["products"] if p["name"] == "Fries")
            fries["tags"] = ["fryer", "peanuts"]
            clock.advance(15 * 60)
            world.update_catalog(data)
            result = await engine.poll_once()
            assert result.catalog_ids == (CATALOG_ID,)
            assert not await engine.refresh_catalog_if_due()   # waits for the burst to end
            clock.advance(SETTLE.total_seconds())
            await engine.poll_once()
            assert await engine.refresh_catalog_if_due()
            assert not await engine.refresh_catalog_if_due()   # answered: not again
        return heard

    try:
        heard = asyncio.run(scenario())
        assert store.menu_marks().by_ref["FRIE"] == ("PEANUTS",)
        assert catalog_gets(world) == 2 and heard.catalog == 2
        assert world.pending_events(DEMO_KDS_TOKEN) == []   # the event was acknowledged
        assert store.catalog_state().update_seen_at is None
    finally:
        store.close()


def test_events_never_spend_more_than_the_daily_cap(tmp_path: Path) -> None:
    clock = FakeClock(START)
    world = World(clock, seed=3)
    store = Store.open(tmp_path / "kds.sqlite3", clock)

    async def scenario() -> None:
        engine, client = engine_for(world, store, clock)
        async with client:
            await engine.connect()
            for _ in range(40):   # a till re-publishing its menu every 15 min all day
                world.update_catalog(menu.catalog_data())
                await engine.poll_once()
                clock.advance(SETTLE.total_seconds())
                await engine.refresh_catalog_if_due()
                clock.advance(14 * 60)

    try:
        asyncio.run(scenario())
        assert catalog_gets(world) == MAX_FETCHES_PER_DAY
    finally:
        store.close()


def test_the_demo_orders_items_the_demo_catalog_tags() -> None:
    from kds.hubrise.order_model import parse_order
    from kds.kitchen.item_marks import MenuMarks
    from kds.kitchen.stations import catalog_facts
    from kds.sim.generator import OrderGenerator

    clock = FakeClock(START)
    world = World(clock, seed=3)
    generator = OrderGenerator(world, clock, seed=5, channels=True)
    for _ in range(60):
        generator.step()
        clock.advance(60)
    facts = catalog_facts(world.catalog())
    marks = MenuMarks.of(facts)
    items = [item for order in world.orders.values() for item in parse_order(order).items]
    assert len(items) > 100 and {item.sku_ref for item in items} <= set(facts)
    marked = [marks.marks(item) for item in items]
    assert sum(bool(m) for m in marked) > len(items) / 2
    assert {"VEGETARIAN", "VEGAN", "SPICY", "GLUTEN", "NUTS"} <= {m for ms in marked for m in ms}
