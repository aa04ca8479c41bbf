"""Several screens figures (not a test): grill, pizza and expo screens on a busy day.

Run: .venv/bin/python tests/bench/bench_stations.py [--orders 300] [--hours 24]
Prints one line per figure: name<TAB>value<TAB>unit, for each exclusion mode of the simulator
(per-client: HubRise's literal reading, screens of one app hear nothing of each other;
per-connection: they do).

Everything runs on the simulator's clock (FakeClock) through in-process ASGI transports, one
HubRise client, limiter, store and engine per screen (own token and device). Each screen polls
at its planner's interval and reconciles when due, exactly as its run loop would. The platform
posts the orders over the 12 opening hours; the expo takes each in as soon as it sees it; each
station bumps its part a few minutes after it sees the order; the expo readies the order once
it sees every station done and completes it later. Measured: from a station's bump to the
expo's store showing it (median, p95), and each screen's requests over the whole day.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from anywhere

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.kitchen.station_progress import is_done
from kds.kitchen.stations import ScreenRole, StationRule, make_routing
from kds.sim.app import create_app
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.ui.stations.lens import StationLens

DAY_START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)   # 11:00 in Paris, a Tuesday
OPEN_HOURS = 12.0
TWELVE_HOURS = {day: [{"from": "11:00", "to": "23:00"}] for day in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}
ROUTING = make_routing([StationRule("Pizza", "name", "Margherita"),
                        StationRule("Pizza", "name", "Calzone")], default_station="Grill")
ROLES = {"grill": ScreenRole("Grill", "Grill"), "pizza": ScreenRole("Pizza", "Pizza"),
         "expo": ScreenRole("Expo", expo=True)}
TOKENS = {"grill": DEMO_KDS_TOKEN, "pizza": "pizza-screen-token", "expo": "expo-screen-token"}
MENUS = [["Margherita", "Burger"], ["Burger", "Fries"], ["Calzone"], ["Margherita", "Fries"]]
COOK = (120.0, 720.0)      # seconds from a station seeing an order to its bump
HAND_OUT = (60.0, 300.0)   # seconds from ready to completed
DAY_LIMIT = 10_000


def order_body(rng: random.Random, n: int) -> dict[str, Any]:
    return {"status": "new", "service_type": rng.choice(("delivery", "collection", "eat_in")),
            "ref": f"S{n:03d}", "items": [{"product_name": name, "price": "9.00 EUR",
                                           "quantity": "1"} for name in rng.choice(MENUS)]}


class StationDay:
    def __init__(self, mode: str, orders: int, hours: float, seed: int, folder: Path) -> None:
        self.rng = random.Random(seed)
        self.clock = FakeClock(DAY_START)
        self.world = World(self.clock, seed=seed, exclude_own_events=mode)
        self.world.patch_location(DEMO_PLATFORM_TOKEN, {"opening_hours": TWELVE_HOURS})
        for name, token in TOKENS.items():
            if token != DEMO_KDS_TOKEN:
                self.world.add_connection(token, "kds", f"{name}-screen")
        self.stores = {n: Store.open(folder / n / "kds.sqlite", self.clock) for n in TOKENS}
        self.lenses = {n: StationLens(ROLES[n], ROUTING) for n in TOKENS}
        self.end = DAY_START + timedelta(hours=hours)
        self.queue: list[tuple[datetime, int, str, Any]] = []
        self._seq = 0
        for n in range(orders):
            at = DAY_START + timedelta(seconds=self.rng.uniform(0, OPEN_HOURS * 3600 - 1800))
            self._schedule(at, "create", n)
        self.seen: dict[str, set[str]] = {n: set() for n in TOKENS}
        self.bumps: dict[tuple[str, str], datetime] = {}   # (order, station) → bumped at
        self.latencies: list[float] = []
        self.readied: set[str] = set()

    def _schedule(self, at: datetime, kind: str, data: Any) -> None:
        self._seq += 1
        heapq.heappush(self.queue, (at, self._seq, kind, data))

    async def run(self) -> dict[str, Any]:
        app = create_app(self.world)
        clients = {n: HubRiseClient("https://sim.test/v1", token, clock=self.clock,
                                    transport=httpx.ASGITransport(app=app),
                                    limiter=RateLimiter(self.clock))
                   for n, token in TOKENS.items()}
        engines = {n: SyncEngine(clients[n], self.stores[n], self.clock)  # type: ignore[arg-type]
                   for n in TOKENS}
        try:
            for name, engine in engines.items():
                await engine.connect()
                self._schedule(self.clock.now() + timedelta(seconds=self.rng.uniform(0, 30)),
                               "poll", name)
            while self.queue:
                at, _, kind, data = heapq.heappop(self.queue)
                if at > self.end:
                    break
                if at > self.clock.now():
                    self.clock.set(at)
                await self._handle(engines, kind, data)
        finally:
            for client in clients.values():
                await client.aclose()
        return self._figures()

    async def _handle(self, engines: dict[str, SyncEngine], kind: str, data: Any) -> None:
        if kind == "create":
            self.world.create_order(DEMO_PLATFORM_TOKEN, order_body(self.rng, data))
        elif kind == "poll":
            engine = engines[data]
            await engine.poll_once()
            await engine.reconcile_if_due()
            self._look(data)
            await _drain(engine)
            self._schedule(self.clock.now() + timedelta(seconds=engine.plan().interval),
                           "poll", data)
        elif kind == "bump":
            name, order_id = data
            station = ROLES[name].station or ""
            self.stores[name].set_station_done(order_id, station)
            self.bumps[(order_id, station)] = self.clock.now()
            await _drain(engines[name])       # the kick after a tap
        elif kind == "complete":
            self.stores["expo"].set_order_status(data, "completed")
            await _drain(engines["expo"])

    def _look(self, name: str) -> None:
        """What a screen does with what it now sees (staff, as fast as the story allows)."""
        store, now = self.stores[name], self.clock.now()
        rows = store.active_orders(now, 24 * 60)
        if name == "expo":
            self._expo(store, rows)
            return
        todo, _ = self.lenses[name].station_rows(rows)
        for row in todo:
            if row.id not in self.seen[name]:
                self.seen[name].add(row.id)
                self._schedule(now + timedelta(seconds=self.rng.uniform(*COOK)), "bump",
                               (name, row.id))

    def _expo(self, store: Store, rows: list[Any]) -> None:
        now = self.clock.now()
        for row in rows:
            if row.id not in self.seen["expo"] and row.status in ("new", "received"):
                self.seen["expo"].add(row.id)
                store.set_order_status(row.id, "accepted", confirmed_time=now
                                       + timedelta(minutes=25))
                store.set_order_status(row.id, "in_preparation")
        for (order_id, station), at in list(self.bumps.items()):
            row = store.get_order(order_id)
            if row is not None and is_done(row.raw.get("custom_fields"), station):
                self.latencies.append((now - at).total_seconds())
                del self.bumps[(order_id, station)]
        for order_id, status in self.lenses["expo"].to_ready(rows, self.readied):
            self.readied.add(order_id)
            store.set_order_status(order_id, status)
            self._schedule(now + timedelta(seconds=self.rng.uniform(*HAND_OUT)), "complete",
                           order_id)

    def _figures(self) -> dict[str, Any]:
        requests = Counter(r.token for r in self.world.request_log)
        too_many = sum(1 for r in self.world.request_log if r.status == 429)
        unequal = 0
        for order_id, order in self.world.orders.items():
            for store in self.stores.values():
                row = store.get_order(order_id)
                if row is None or row.status != order["status"] or \
                        row.raw.get("custom_fields") != order["custom_fields"]:
                    unequal += 1
        for store in self.stores.values():
            store.close()
        return {"latencies": self.latencies, "unseen_bumps": len(self.bumps),
                "requests": {n: requests[t] for n, t in TOKENS.items()},
                "too_many": too_many, "unequal": unequal, "readied": len(self.readied)}


async def _drain(engine: SyncEngine) -> None:
    for _ in range(20):
        if not engine.store.outbox_counts().pending:
            return
        result = await engine.drain_outbox_once()
        if not result.sent:
            return


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.1f}\t{unit}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--hours", type=float, default=24.0)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    for mode in ("per-client", "per-connection"):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            day = asyncio.run(StationDay(mode, args.orders, args.hours, args.seed,
                                         Path(tmp)).run())
        prefix = f"stations_{mode}"
        line(f"{prefix}_wall_time", time.perf_counter() - started, "s")
        line(f"{prefix}_bumps_seen_by_expo", len(day["latencies"]), "bumps")
        line(f"{prefix}_bumps_never_seen", day["unseen_bumps"], "bumps")
        line(f"{prefix}_bump_to_expo_median", statistics.median(day["latencies"]), "s")
        line(f"{prefix}_bump_to_expo_p95", percentile(day["latencies"], 0.95), "s")
        line(f"{prefix}_orders_readied_by_expo", day["readied"], "orders")
        for name, used in day["requests"].items():
            line(f"{prefix}_requests_per_day[{name}]", used, f"of {DAY_LIMIT}")
        line(f"{prefix}_429", day["too_many"], "responses")
        line(f"{prefix}_unequal_order_copies", day["unequal"], "copies")


if __name__ == "__main__":
    main()
