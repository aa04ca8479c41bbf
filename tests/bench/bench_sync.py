"""Sync engine figures (not a test): events applied per second, and a simulated busy day.

Run: .venv/bin/python tests/bench/bench_sync.py [--orders 300] [--hours 12] [--events 500]
Prints one line per figure: name<TAB>value<TAB>unit.

The busy day runs on the simulator's clock (FakeClock) through an in-process ASGI transport:
a platform creates orders spread over the opening hours, the engine polls at the planner's
interval, staff take each order through its statuses, and at the end every order and status
in the simulator is compared with the store.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from anywhere

from kds.clock import FakeClock  # noqa: E402
from kds.hubrise.client import HubRiseClient  # noqa: E402
from kds.hubrise.ratelimit import RateLimiter  # noqa: E402
from kds.hubrise.statuses import DONE_STATUSES, next_status  # noqa: E402
from kds.sim.generator import OrderGenerator  # noqa: E402
from kds.sim.app import create_app  # noqa: E402
from kds.sim.server import serve_in_thread  # noqa: E402
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World  # noqa: E402
from kds.store.store import Store  # noqa: E402
from kds.sync.engine import SyncEngine  # noqa: E402

# 11:00 in Paris on a Tuesday; the day's location is open 11:00-23:00 (12 hours).
DAY_START = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
TWELVE_HOURS = {day: [{"from": "11:00", "to": "23:00"}] for day in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}
STAFF_TAPS = 5                       # statuses after "received" staff move each order through
TAP_GAP = (60.0, 480.0)              # seconds between two taps on one order
PLATFORM_UPDATES = 0.10              # share of orders the platform updates later (order.update)
PLATFORM_CANCELS = 0.02              # share of orders the customer cancels on the platform
_ID = re.compile(r"/(orders|events)/[^/]+")


def order_body(rng: random.Random, n: int) -> dict[str, Any]:
    service = rng.choice(("delivery", "collection", "eat_in"))
    return {"status": "new", "service_type": service, "ref": f"D{n:03d}",
            "items": [{"product_name": "Margherita", "sku_name": "Large", "price": "9.50 EUR",
                       "quantity": str(rng.randint(1, 3))},
                      {"product_name": "Tiramisu", "price": "5.00 EUR", "quantity": "1"}]}


@dataclass
class DayFigures:
    mode: str
    orders: int = 0
    requests: Counter[str] = field(default_factory=Counter)
    too_many: int = 0
    latencies: list[float] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    taps: int = 0
    dead_letters: int = 0
    platform_changes: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def request_kind(method: str, path: str) -> str:
    return f"{method} {_ID.sub(lambda m: f'/{m.group(1)}/:id', path.removeprefix('/v1'))}"


class BusyDay:
    """Drives platform, engine and staff on one timeline of the simulator's clock."""

    def __init__(self, mode: str, orders: int, hours: float, seed: int, db_path: Path,
                 menu: bool = False) -> None:
        self.mode = mode
        self.rng = random.Random(seed)
        self.clock = FakeClock(DAY_START)
        self.world = World(self.clock, seed=seed)
        self.world.patch_location(DEMO_PLATFORM_TOKEN, {"opening_hours": TWELVE_HOURS})
        # menu=True: the demo's orders (its channels, menu, notes) instead of the fixed body the
        # request-count figures were measured with.
        self.generator = (OrderGenerator(self.world, self.clock, seed=seed, channels=True)
                          if menu else None)
        self.store = Store.open(db_path, self.clock)
        self.end = DAY_START + timedelta(hours=hours)
        self.queue: list[tuple[datetime, int, str, Any]] = []
        self._seq = 0
        for n in range(orders):
            at = DAY_START + timedelta(seconds=self.rng.uniform(0, hours * 3600 - 1800))
            self._schedule(at, "create", n)
        self.created: dict[str, datetime] = {}   # order id -> when the platform created it
        self.unseen: set[str] = set()
        self.taps_left: dict[str, int] = {}
        self.figures = DayFigures(mode, orders)

    def _schedule(self, at: datetime, kind: str, data: Any) -> None:
        self._seq += 1
        heapq.heappush(self.queue, (at, self._seq, kind, data))

    async def run(self) -> DayFigures:
        transport = httpx.ASGITransport(app=create_app(self.world))
        async with HubRiseClient("https://sim.test/v1", DEMO_KDS_TOKEN, transport=transport,
                                 clock=self.clock, limiter=RateLimiter(self.clock)) as client:
            engine = SyncEngine(client, self.store, self.clock, poll_mode=self.mode)  # type: ignore[arg-type]
            await engine.connect()
            self._schedule(self.clock.now(), "poll", None)
            while self.queue:
                at, _, kind, data = heapq.heappop(self.queue)
                if at > self.clock.now():
                    self.clock.set(at)
                await self._handle(engine, kind, data)
                if kind == "poll" and self._finished():
                    break
        self._compare()
        self.store.close()
        return self.figures

    def _finished(self) -> bool:
        busy = any(kind != "poll" for _, _, kind, _ in self.queue)
        return not busy and not self.unseen and self.clock.now() >= self.end and \
            self.store.outbox_counts().pending == 0

    async def _handle(self, engine: SyncEngine, kind: str, data: Any) -> None:
        if kind == "create":
            token, body = (self.generator.next_order() if self.generator is not None
                           else (DEMO_PLATFORM_TOKEN, order_body(self.rng, data)))
            order = self.world.create_order(token, body)
            self.created[order["id"]] = self.clock.now()
            self.unseen.add(order["id"])
            self._maybe_platform_change(order["id"])
        elif kind == "poll":
            await engine.poll_once()
            await engine.drain_outbox_once()  # the kick after auto-receive
            self._note_arrivals()
            self._schedule(self.clock.now() + timedelta(seconds=engine.plan().interval),
                           "poll", None)
        elif kind == "platform":
            order_id, body = data
            self.world.update_order(DEMO_PLATFORM_TOKEN, order_id, body)
            self.figures.platform_changes += 1
        elif kind == "tap":
            self._tap(data)
            await engine.drain_outbox_once()  # the kick after a staff action

    def _maybe_platform_change(self, order_id: str) -> None:
        """Some orders change on the platform's side later: notes, or a customer cancels."""
        roll = self.rng.random()
        later = self.clock.now() + timedelta(seconds=self.rng.uniform(30, 1500))
        if roll < PLATFORM_CANCELS:
            self._schedule(later, "platform", (order_id, {"status": "cancelled"}))
        elif roll < PLATFORM_CANCELS + PLATFORM_UPDATES:
            body = {"custom_fields": {"platform": {"note": f"rider {self.rng.randint(1, 9)}"}}}
            self._schedule(later, "platform", (order_id, body))

    def _note_arrivals(self) -> None:
        for order_id in [o for o in self.unseen if self.store.has_order(o)]:
            self.unseen.discard(order_id)
            self.figures.latencies.append((self.clock.now() - self.created[order_id]).total_seconds())
            self.taps_left[order_id] = STAFF_TAPS
            self._schedule(self.clock.now() + timedelta(seconds=self.rng.uniform(*TAP_GAP)),
                           "tap", order_id)

    def _tap(self, order_id: str) -> None:
        row = self.store.get_order(order_id)
        if row is None or row.status in DONE_STATUSES or self.taps_left[order_id] <= 0:
            return
        following = next_status(row.status, row.service_type)
        if following is None:
            return
        confirmed = self.clock.now() + timedelta(minutes=25) if following == "accepted" else None
        self.store.set_order_status(order_id, following, confirmed_time=confirmed)
        self.figures.taps += 1
        self.taps_left[order_id] -= 1
        if self.taps_left[order_id] > 0:
            self._schedule(self.clock.now() + timedelta(seconds=self.rng.uniform(*TAP_GAP)),
                           "tap", order_id)

    def _compare(self) -> None:
        mine = [r for r in self.world.request_log if r.token == DEMO_KDS_TOKEN]
        self.figures.requests = Counter(request_kind(r.method, r.path) for r in mine)
        self.figures.too_many = sum(1 for r in mine if r.status == 429)
        self.figures.dead_letters = len(self.store.dead_letters())
        for order_id, order in self.world.orders.items():
            row = self.store.get_order(order_id)
            if row is None:
                self.figures.mismatches.append(f"{order_id}: missing from the store")
            elif not (row.status == row.remote_status == order["status"]):
                self.figures.mismatches.append(
                    f"{order_id}: sim {order['status']}, store {row.status}/{row.remote_status}")


def simulate_day(mode: str = "default", orders: int = 300, hours: float = 12.0, seed: int = 7,
                 db_path: Path | None = None, menu: bool = False) -> DayFigures:
    with tempfile.TemporaryDirectory() as tmp:
        path = db_path or Path(tmp) / "day.sqlite"
        return asyncio.run(BusyDay(mode, orders, hours, seed, path, menu).run())


async def _events_per_second(count: int, db_path: Path, loopback: bool = False) -> float:
    """Events listed, fetched, stored in one transaction and acknowledged, per second."""
    clock = FakeClock(DAY_START)
    world = World(clock, seed=1)
    store = Store.open(db_path, clock)
    server = serve_in_thread(world) if loopback else None
    transport = None if server else httpx.ASGITransport(app=create_app(world))
    base_url = server.base_url if server else "https://sim.test/v1"
    try:
        return await _timed_poll(world, store, clock, count, base_url, transport)
    finally:
        if server is not None:
            server.stop()
        store.close()


async def _timed_poll(world: World, store: Store, clock: FakeClock, count: int, base_url: str,
                      transport: httpx.AsyncBaseTransport | None) -> float:
    async with HubRiseClient(base_url, DEMO_KDS_TOKEN, transport=transport,
                             clock=clock, limiter=RateLimiter(clock)) as client:
        engine = SyncEngine(client, store, clock, auto_receive=False)
        await engine.connect()
        rng = random.Random(1)
        for n in range(count):
            world.create_order(DEMO_PLATFORM_TOKEN, order_body(rng, n))
        started = time.perf_counter()
        result = await engine.poll_once()
        elapsed = time.perf_counter() - started
    assert result.applied == count and result.acknowledged == count
    return count / elapsed


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.1f}\t{unit}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--hours", type=float, default=12.0)
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rate = asyncio.run(_events_per_second(args.events, Path(tmp) / "asgi.sqlite"))
        line("events_applied_per_second_in_process", rate, "events/s")
        rate = asyncio.run(_events_per_second(args.events, Path(tmp) / "tcp.sqlite", True))
        line("events_applied_per_second_loopback", rate, "events/s")
    for mode in ("default", "fast"):
        started = time.perf_counter()
        day = simulate_day(mode, args.orders, args.hours)
        line(f"day_{mode}_wall_time", time.perf_counter() - started, "s")
        line(f"day_{mode}_orders", day.orders, "orders")
        line(f"day_{mode}_staff_taps", day.taps, "taps")
        line(f"day_{mode}_platform_changes", day.platform_changes, "updates")
        line(f"day_{mode}_requests_total", sum(day.requests.values()), "requests")
        for kind, used in sorted(day.requests.items()):
            line(f"day_{mode}_requests[{kind}]", used, "requests")
        line(f"day_{mode}_429", day.too_many, "responses")
        line(f"day_{mode}_mismatches", len(day.mismatches), "orders")
        line(f"day_{mode}_creation_to_store_median", day.median, "s")
        line(f"day_{mode}_creation_to_store_p95", day.p95, "s")


if __name__ == "__main__":
    main()
