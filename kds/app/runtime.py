"""The running app without its widgets: store, HubRise client, sync engine, and the demo world.

Qt-free so the self-test, the fault-injection driver and the widgets share one start-up path.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

from kds.clock import Clock, SystemClock
from kds.app.connection import ConnectionInfo
from kds.hubrise.client import HubRiseClient
from kds.platform.files import private_dir
from kds.app.printing import PrintingService
from kds.store.settings import Settings
from kds.store.connection import Precheck
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.sync.limiter_store import make_limiter

log = logging.getLogger(__name__)

STORE_FILE = "kds.sqlite3"
DEMO_FIRST_ORDERS = 6          # a demo board should not start empty
DEMO_ORDER_EVERY_S = (20.0, 45.0)  # a new demo order at a random moment in this range
DEMO_POLL_FLOOR_S = 3.0
POLL_FLOOR_ENV = "KDS_POLL_FLOOR_S"  # test harnesses only (docs/FAULTS.md)
CONNECT_RETRY_S = 5.0
CONNECT_RETRY_MAX_S = 120.0        # the demo world has no rate limits: show orders quickly


def _counts_in_memory_only(_state: object) -> None:
    """The limiter's change hook when the store is read-only: the counts stay in memory."""


def open_store(data_dir: Path, clock: Clock, precheck: Precheck | None = None) -> Store:
    try:
        private_dir(data_dir)  # orders hold customer names and phones
    except OSError as exc:  # read-only: Store.open falls back and says so
        log.warning("cannot prepare %s: %s", data_dir, exc.strerror)
    return Store.open(data_dir / STORE_FILE, clock, precheck)


@dataclass
class DemoWorld:
    """The built-in HubRise simulator on a loopback port, with an ordering platform feeding it."""

    world: object
    server: object
    generator: object
    rng: random.Random = field(default_factory=random.Random)

    @classmethod
    def start(cls, clock: Clock, seed: int | None = None) -> DemoWorld:
        from kds.sim.generator import OrderGenerator
        from kds.sim.server import serve_in_thread
        from kds.sim.world import World

        world = World(clock, rate_limits=False, seed=seed)
        server = serve_in_thread(world)
        generator = OrderGenerator(world, clock, seed, channels=True)
        return cls(world, server, generator, random.Random(seed))

    @property
    def base_url(self) -> str:
        return self.server.base_url  # type: ignore[attr-defined, no-any-return]

    @property
    def token(self) -> str:
        from kds.sim.world import DEMO_KDS_TOKEN

        return DEMO_KDS_TOKEN

    def connection_info(self) -> ConnectionInfo:
        """What the connection screen shows for the demo account."""
        from kds.sim.demo import ACCOUNT, CATALOG, CUSTOMER_LIST, LOCATION_ID

        return ConnectionInfo(location_id=LOCATION_ID, location_name="Paris (demo)",
                              account_id=ACCOUNT["id"], account_name=ACCOUNT["name"],
                              catalog_id=CATALOG["id"], catalog_name=CATALOG["name"],
                              customer_list_id=CUSTOMER_LIST["id"],
                              customer_list_name=CUSTOMER_LIST["name"], api_url=self.base_url)

    def seed_orders(self, count: int = DEMO_FIRST_ORDERS) -> None:
        for _ in range(count):
            body = self.generator.make_order_body()  # type: ignore[attr-defined]
            self.world.create_order(self.generator.token, body)  # type: ignore[attr-defined]

    async def run_generator(self, clock: Clock) -> None:
        """Create demo orders (and the odd platform cancellation) until cancelled."""
        while True:
            await clock.sleep(self.rng.uniform(*DEMO_ORDER_EVERY_S))
            try:
                self.generator.step()  # type: ignore[attr-defined]
            except Exception:  # one refused demo order must not stop the demo
                log.exception("demo order generation failed")

    def stop(self) -> None:
        self.server.stop()  # type: ignore[attr-defined]


@dataclass
class Runtime:
    store: Store
    clock: Clock
    client: HubRiseClient | None = None
    engine: SyncEngine | None = None
    demo: DemoWorld | None = None
    printing: PrintingService | None = None
    print_settings: Settings | None = None   # the main store's (demo orders have their own file)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def build_sync(self, api_url: str, token: str, *, poll_floor: float | Decimal | None = None,
                   rate_limited: bool = True) -> SyncEngine:
        """Create the client and the engine for one connection (does not start them).

        `rate_limited=False` only for the built-in demo world, which has no limits to respect.
        """
        settings = self.store.get_settings()
        limiter = make_limiter(self.store, self.clock) if rate_limited else None
        if limiter is not None and self.store.read_only_reason is not None:
            # Nothing can be saved: a failing save must not fail every request to HubRise.
            limiter.on_change = _counts_in_memory_only
        self.client = HubRiseClient(api_url, token, limiter=limiter, clock=self.clock)
        self.engine = SyncEngine(self.client, self.store, self.clock,
                                 auto_receive=settings.auto_receive,
                                 poll_mode=settings.poll_mode, limiter=limiter)
        harness_floor = os.environ.get(POLL_FLOOR_ENV)
        if harness_floor:  # fault-injection harness only: poll faster than HubRise's 30 s floor
            poll_floor = Decimal(harness_floor)
        if poll_floor is not None:
            self.engine.poll_floor = poll_floor
        return self.engine

    async def start_sync(self) -> None:
        """Connect (callback, location, catch-up) and run the poll and outbox loops, in the background."""
        engine = self.engine
        if engine is None:
            raise RuntimeError("build_sync first")
        # Before the first poll: an order stored from now on queues its tickets.
        self.start_printing(self.print_settings or self.store.get_settings())
        # run() connects by itself and keeps retrying while the kitchen is offline.
        self.tasks.append(asyncio.ensure_future(engine.run()))
        if self.demo is not None:
            self.tasks.append(asyncio.ensure_future(self.demo.run_generator(self.clock)))

    def start_printing(self, settings: Settings) -> PrintingService:
        """(Re)start printing with these settings (kds.app.printing); again after a save."""
        if self.printing is None:
            self.printing = PrintingService(self.store, self.clock, self.engine)
        self.print_settings = settings
        self.printing.apply(settings)
        return self.printing

    async def stop(self) -> None:
        if self.printing is not None:
            await self.printing.aclose()
        if self.engine is not None:
            self.engine.stop()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()
        if self.client is not None:
            await self.client.aclose()
        if self.demo is not None:
            self.demo.stop()


def start_demo_runtime(data_dir: Path, clock: Clock | None = None,
                       seed: int | None = None) -> Runtime:
    clock = clock or SystemClock()
    runtime = Runtime(open_store(data_dir, clock), clock)
    runtime.demo = DemoWorld.start(clock, seed)
    runtime.demo.seed_orders()
    runtime.build_sync(runtime.demo.base_url, runtime.demo.token, poll_floor=DEMO_POLL_FLOOR_S,
                       rate_limited=False)
    return runtime
