"""Printing in the running app: one worker per configured printer, on the app's loop.

The printers come from Settings (Settings → Printing), else from `KDS_PRINTER=tcp://HOST:PORT`
(integrators and test harnesses: with only that set, every new order prints once on arrival).
Printer faults go to the sync health (`Health.printer_problem`), so the header shows them.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections.abc import Mapping

from kds.clock import Clock
from kds.printing.address import PRINTER_ENV, SystemPrinter, parse_printer
from kds.printing.worker import PrinterSetup, PrintWorker, Send, send_escpos
from kds.store.settings import Settings
from kds.store.store import Store
from kds.sync.engine import SyncEngine

log = logging.getLogger(__name__)


def printer_setups(settings: Settings,
                   env: Mapping[str, str] | None = None) -> list[PrinterSetup]:
    """The printers to print on: the settings' list, else KDS_PRINTER; bad ones are logged."""
    env = os.environ if env is None else env
    addresses = settings.printers
    if not addresses and env.get(PRINTER_ENV, "").strip():
        addresses = (env[PRINTER_ENV],)
    setups: list[PrinterSetup] = []
    for text in addresses:
        try:
            address = parse_printer(text)
        except ValueError as exc:
            log.error("printer ignored: %s", exc)
            continue
        if all(setup.address != address for setup in setups):
            setups.append(PrinterSetup(address, settings.paper_width_mm, settings.print_copies))
    return setups


def _sender(setup: PrinterSetup) -> Send:
    if not isinstance(setup.address, SystemPrinter):
        return send_escpos
    from kds.app.qt_printing import qt_sender  # Qt only when a system printer is chosen

    return qt_sender(setup.paper_mm)


class PrintingService:
    def __init__(self, store: Store, clock: Clock, engine: SyncEngine | None = None) -> None:
        self.store, self.clock, self.engine = store, clock, engine
        self.workers: list[PrintWorker] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._problems: dict[str, str] = {}

    def apply(self, settings: Settings, env: Mapping[str, str] | None = None) -> None:
        """(Re)start the workers for these settings; no printer → nothing is queued."""
        self.stop()
        setups = printer_setups(settings, env)
        # Set before the first poll: an order stored from now on queues its tickets.
        self.store.printers = tuple(str(setup.address) for setup in setups)
        self.store.print_events = settings.print_events if setups else frozenset()
        for setup in setups:
            worker = PrintWorker(self.store, self.clock, setup, send=_sender(setup),
                                 on_problem=functools.partial(self._report, str(setup.address)))
            if self.engine is not None:
                self.engine.add_listener(worker)   # orders_changed wakes it
            self.workers.append(worker)
            self._tasks.append(asyncio.ensure_future(worker.run()))

    def stop(self) -> None:
        for worker in self.workers:
            if self.engine is not None:
                self.engine.remove_listener(worker)
        for task in self._tasks:
            task.cancel()
        self.workers, self._tasks = [], []
        self._problems.clear()
        self._report("", "")

    async def aclose(self) -> None:
        tasks = list(self._tasks)
        self.stop()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _report(self, key: str, text: str) -> None:
        if key:
            self._problems[key] = text
        if self.engine is not None:
            self.engine.report_printer(" · ".join(p for p in self._problems.values() if p))
