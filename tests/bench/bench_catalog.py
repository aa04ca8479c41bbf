"""The connected catalog's cost (not a test): requests per day and start-up time.

Run: .venv/bin/python tests/bench/bench_catalog.py [--orders 300] [--products 2000]
Prints one line per figure: name<TAB>value<TAB>unit.

1. The busy day of bench_sync.py (300 orders over 12 h, staff taps, platform changes) with the
   catalog keeper on, as the app runs it: the first catalog fetch, and the till publishing its
   menu again during the day (four `catalog.update` events, one a burst of five). Then the
   same day with a till re-publishing every 15 minutes (48 events): the daily cap holds.
   HubRise's limit is 10,000 requests a day; the target is under 50 %.
2. Start-up with a 2,000-product catalog (6,000 skus): opening the store and reading the
   cached catalog into the board's marks, against the same store without a catalog; and the
   one fetch itself (GET /catalogs/:id in process, parse, save).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from anywhere

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.kitchen.stations import catalog_facts
from kds.sim import demo, menu
from kds.sim.app import create_app
from kds.sim.world import DEMO_KDS_TOKEN
from kds.store.store import Store
from kds.sync.catalog import CatalogKeeper
from kds.sync.engine import SyncEngine
from tests.bench.bench_sync import DAY_START, BusyDay
from tests.fakes.catalogs import big_catalog

DAILY_LIMIT = 10_000
MENU_UPDATES_H = (1.5, 5.0, 8.0)     # the till publishes its menu again at these hours
BURST_AT_H, BURST = 9.5, 5            # an import that fires five updates in a row


class CatalogDay(BusyDay):
    """The busy day with the catalog keeper on and the till publishing its menu."""

    def __init__(self, *args: Any, updates: list[float], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for hours in updates:
            self._schedule(DAY_START + timedelta(hours=hours), "menu", None)
        self.menu_events = len(updates)

    async def _handle(self, engine: SyncEngine, kind: str, data: Any) -> None:
        if engine.catalog is None:
            engine.catalog = CatalogKeeper(self.store, self.clock, demo.CATALOG["id"])
        if kind == "menu":
            self.world.update_catalog(menu.catalog_data())
            return
        await super()._handle(engine, kind, data)
        if kind == "poll":
            await engine.refresh_catalog_if_due()


def run_day(orders: int, updates: list[float]) -> tuple[int, int, int, int]:
    """(requests in all, catalog GETs, catalog event deletes, 429s) for one day."""
    with tempfile.TemporaryDirectory() as tmp:
        day = CatalogDay("default", orders, 12.0, 7, Path(tmp) / "day.sqlite", updates=updates)
        figures = asyncio.run(day.run())
    gets = sum(n for kind, n in figures.requests.items() if kind.startswith("GET /catalogs"))
    return sum(figures.requests.values()), gets, day.menu_events, figures.too_many


def start_up(products: int, rounds: int = 7) -> tuple[float, float, float, float]:
    """Median ms: store open + the board's marks, without and with the catalog; the same with
    the station routing's facts too (a station screen); the fetch."""
    raw = big_catalog(products)
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(DAY_START)
        plain, full = Path(tmp) / "plain.sqlite3", Path(tmp) / "full.sqlite3"
        Store.open(plain, clock).close()
        store = Store.open(full, clock)
        fetch = asyncio.run(_fetch(store, clock, raw))
        store.close()
        without = _median_ms(lambda: _open_and_read(plain, clock), rounds)
        with_catalog = _median_ms(lambda: _open_and_read(full, clock), rounds)
        station = _median_ms(lambda: _open_and_read(full, clock, station=True), rounds)
    return without, with_catalog, station, fetch


def _open_and_read(path: Path, clock: FakeClock, station: bool = False) -> None:
    store = Store.open(path, clock)
    store.menu_marks()
    if station:
        store.get_catalog_facts()    # a station or expo screen's routing reads it too
    store.close()


async def _fetch(store: Store, clock: FakeClock, raw: dict[str, Any]) -> float:
    from kds.sim.world import World

    world = World(clock, seed=1, rate_limits=False)
    world.update_catalog(raw["data"])
    transport = httpx.ASGITransport(app=create_app(world))
    async with HubRiseClient("https://sim.test/v1", DEMO_KDS_TOKEN, transport=transport,
                             clock=clock, limiter=RateLimiter(clock)) as client:
        keeper = CatalogKeeper(store, clock, demo.CATALOG["id"])
        started = time.perf_counter()
        assert await keeper.refresh_if_due(client, {})
        elapsed = (time.perf_counter() - started) * 1000
    assert len(catalog_facts({"data": raw["data"]})) == len(store.get_catalog_facts())
    return elapsed


def _median_ms(action: Any, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.1f}\t{unit}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--products", type=int, default=2000)
    args = parser.parse_args()
    updates = [*MENU_UPDATES_H, *([BURST_AT_H] * BURST)]
    for name, plan in (("catalog_day", updates), ("catalog_day_menu_every_15min",
                                                  [0.25 * n for n in range(1, 49)])):
        total, gets, events, too_many = run_day(args.orders, plan)
        line(f"{name}_requests_total", total, "requests")
        line(f"{name}_share_of_daily_limit", 100 * total / DAILY_LIMIT, "%")
        line(f"{name}_catalog_gets", gets, "requests")
        line(f"{name}_catalog_update_events", events, "events")
        line(f"{name}_429", too_many, "responses")
    without, with_catalog, station, fetch = start_up(args.products)
    line("start_store_open_and_marks_no_catalog", without, "ms")
    line(f"start_store_open_and_marks_{args.products}_products", with_catalog, "ms")
    line(f"start_station_screen_{args.products}_products", station, "ms")
    line(f"catalog_fetch_parse_save_{args.products}_products", fetch, "ms")


if __name__ == "__main__":
    main()
