"""`kds --demo --self-test`: one order through the whole stack against the built-in simulator.

It proves an installed copy works end to end: the simulator serves HTTP on loopback, a platform
creates an order, the sync engine polls it into a fresh store, the kitchen advances it one status
through the outbox, and the simulator reports the new status back. No Qt window: it runs
headless, but it imports the Qt modules screens load on demand, so a bundle missing one fails
here instead of in a kitchen the first time someone opens Figures or prints to a system printer.
"""

from __future__ import annotations

import asyncio
import importlib
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from kds.clock import Clock, SystemClock
from kds.hubrise.statuses import next_status

T = TypeVar("T")
POLL_ATTEMPTS = 10     # the order's event is normally there on the first poll
DRAIN_ATTEMPTS = 10    # auto-receive may queue an acknowledgement ahead of our status change
DEFAULT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class SelfTestResult:
    ok: bool
    summary: str


class SelfTestFailure(Exception):
    """A step found the system in the wrong state; the message says which and why."""


class _Timer:
    """Milliseconds per named step, for the summary line."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self.current = "start"

    async def step(self, name: str, action: Callable[[], Awaitable[T]]) -> T:
        self.current = name
        started = time.perf_counter()
        result = await action()
        self.steps[name] = (time.perf_counter() - started) * 1000
        return result

    def describe(self) -> str:
        return ", ".join(f"{name} {ms:.0f} ms" for name, ms in self.steps.items())


async def run_self_test(data_dir: Path, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> SelfTestResult:
    """Run the check; never raises for an expected failure, the result says what went wrong."""
    timer = _Timer()
    started = time.perf_counter()
    try:
        order_id, status = await asyncio.wait_for(_run(Path(data_dir), timer), timeout_s)
    except asyncio.TimeoutError:
        reason = f"no answer in {timeout_s:.0f} s"
        return SelfTestResult(False, f"self-test FAILED at {timer.current}: {reason}")
    except Exception as exc:  # report any failure as one line instead of a traceback
        return SelfTestResult(False, f"self-test FAILED at {timer.current}: {_reason(exc)}")
    total = time.perf_counter() - started
    return SelfTestResult(
        True,
        f"self-test OK: order {order_id} arrived and reached '{status}' on the simulator "
        f"({timer.describe()}; total {total:.1f} s)",
    )


# Imported inside functions (Figures, system printers, icons, the alert): kds.spec names them too.
ON_DEMAND_QT = ("QtCharts", "QtPrintSupport", "QtSvg", "QtMultimedia")


def _check_on_demand_modules() -> None:
    for module in ON_DEMAND_QT:
        importlib.import_module(f"PySide6.{module}")


async def _run(data_dir: Path, timer: _Timer) -> tuple[str, str]:
    timer.current = "loading the Qt modules screens open on demand"
    _check_on_demand_modules()
    timer.current = "loading the simulator and sync layers"
    stack = _load_stack()
    clock = SystemClock()
    data_dir.mkdir(parents=True, exist_ok=True)
    world = stack.World(clock)
    server = await timer.step("simulator", lambda: asyncio.to_thread(stack.serve_in_thread, world))
    try:
        # A fresh database each run: a new simulator may reuse order ids an old run stored.
        with tempfile.TemporaryDirectory(prefix="selftest-", dir=data_dir) as scratch:
            store = stack.Store.open(Path(scratch) / "kds.sqlite3", clock)
            try:
                return await _one_order(stack, server.base_url, world, store, clock, timer)
            finally:
                store.close()
    finally:
        server.stop()


def _load_stack() -> SimpleNamespace:
    """Imported on demand so `kds --version` and the UI do not pay for the simulator's imports."""
    from kds.hubrise.client import HubRiseClient
    from kds.sim import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
    from kds.sim.generator import OrderGenerator
    from kds.sim.server import serve_in_thread
    from kds.store import Store
    from kds.sync.engine import SyncEngine

    return SimpleNamespace(
        HubRiseClient=HubRiseClient, World=World, OrderGenerator=OrderGenerator,
        serve_in_thread=serve_in_thread, Store=Store, SyncEngine=SyncEngine,
        kds_token=DEMO_KDS_TOKEN, platform_token=DEMO_PLATFORM_TOKEN,
    )


async def _one_order(stack: SimpleNamespace, base_url: str, world: Any, store: Any,
                     clock: Clock, timer: _Timer) -> tuple[str, str]:
    async with stack.HubRiseClient(base_url, stack.kds_token, clock=clock) as kitchen, \
            stack.HubRiseClient(base_url, stack.platform_token, clock=clock) as platform:
        engine = stack.SyncEngine(kitchen, store, clock)
        await timer.step("connect", engine.connect)
        body = stack.OrderGenerator(world, clock, seed=7).make_order_body()
        created = await timer.step("create", lambda: platform.create_order(body))
        order_id = str(created.id)
        await timer.step("poll", lambda: _poll_until_stored(engine, store, order_id))
        target = await timer.step("advance", lambda: _advance(engine, store, order_id))
        seen = await timer.step("confirm", lambda: platform.get_order(order_id))
        if seen.status != target:
            raise SelfTestFailure(f"simulator has order {order_id} as '{seen.status}', "
                                  f"expected '{target}'")
        return order_id, target


async def _poll_until_stored(engine: Any, store: Any, order_id: str) -> None:
    for _ in range(POLL_ATTEMPTS):
        if store.has_order(order_id):
            return
        await engine.poll_once()
    if not store.has_order(order_id):
        raise SelfTestFailure(f"order {order_id} never arrived after {POLL_ATTEMPTS} polls "
                              f"({_health_reason(engine)})")


async def _advance(engine: Any, store: Any, order_id: str) -> str:
    """Tap the ticket once (as staff would), then send the outbox until it is empty."""
    row = store.get_order(order_id)
    if row is None:
        raise SelfTestFailure(f"order {order_id} vanished from the store")
    target = next_status(row.status, row.service_type)
    if target is None:
        raise SelfTestFailure(f"order {order_id} is '{row.status}', which has no next status")
    store.set_order_status(order_id, target)
    for _ in range(DRAIN_ATTEMPTS):
        await engine.drain_outbox_once()
        counts = store.outbox_counts()
        if counts.failed:
            raise SelfTestFailure("outbox entry failed: " + "; ".join(counts.failed_messages))
        if counts.pending == 0:
            return target
    raise SelfTestFailure(f"outbox still has entries after {DRAIN_ATTEMPTS} drains "
                          f"({_health_reason(engine)})")


def _health_reason(engine: Any) -> str:
    health = engine.health()
    return f"last error: {health.last_error}" if health.last_error else "no error reported"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())  # the summary must stay one line
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
