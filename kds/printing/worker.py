"""The printer worker: sends the store's pending print jobs to a network printer, on the app's
loop, without ever holding the screen up.

The network part is asyncio streams (no blocking socket). When the printer does not answer,
the job goes back to the queue with the reason, the worker holds every job for a growing pause
(2 s … 60 s) and tells the header; the first ticket that goes through clears the fault.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from kds.clock import Clock
from kds.hubrise.order_model import parse_order
from kds.hubrise.reader import NotAnOrder
from kds.hubrise.statuses import DONE_STATUSES
from kds.kitchen.print_ticket import ticket_lines
from kds.kitchen.timezone import location_zone
from kds.kitchen.words import translate
from kds.printing.address import DevicePrinter, Printer, PrinterAddress
from kds.printing.escpos import ticket_bytes
from kds.store.print_queue import PrintJob
from kds.store.store import Store

log = logging.getLogger(__name__)

BACKOFF_S = (2.0, 4.0, 8.0, 15.0, 30.0, 60.0)
IDLE_S = 2.0            # a reprint queued by a tap waits at most this long
TIMEOUT_S = 5.0         # to connect, and to hand the bytes over

Send = Callable[[Printer, bytes], Awaitable[None]]


async def send_tcp(address: PrinterAddress, data: bytes) -> None:
    """Raw printing (port 9100): connect, write the job, close. Raises OSError/TimeoutError."""
    timeout = TIMEOUT_S
    _, writer = await asyncio.wait_for(asyncio.open_connection(address.host, address.port),
                                       timeout)
    try:
        writer.write(data)
        await asyncio.wait_for(writer.drain(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(OSError, TimeoutError):
            await asyncio.wait_for(writer.wait_closed(), timeout)


def _write_device(path: str, data: bytes) -> None:
    with open(path, "wb", buffering=0) as device:
        device.write(data)


async def send_device(printer: DevicePrinter, data: bytes) -> None:
    """A USB or serial printer the OS exposes as a file: written in a thread (a device write
    can block while the printer is busy), never on the loop."""
    await asyncio.wait_for(asyncio.to_thread(_write_device, printer.path, data), TIMEOUT_S * 6)


async def send_escpos(printer: Printer, data: bytes) -> None:
    """ESC/POS bytes to a network or device printer. A system printer needs the app's Qt
    sender (kds.app.qt_printing): without it, it is reported like an absent printer."""
    if isinstance(printer, PrinterAddress):
        await send_tcp(printer, data)
    elif isinstance(printer, DevicePrinter):
        await send_device(printer, data)
    else:
        raise OSError(f"{printer} needs the app's print support")


@dataclass(frozen=True, slots=True)
class PrinterSetup:
    address: Printer
    paper_mm: int = 80
    copies: int = 1


def describe(exc: BaseException) -> str:
    """Why the printer did not take the job, in the header's words (the OS's text otherwise)."""
    if isinstance(exc, TimeoutError):
        return translate("Printer", "no answer")
    if isinstance(exc, ConnectionRefusedError):
        return translate("Printer", "connection refused")
    if isinstance(exc, OSError) and exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return translate("Printer", "cannot be reached")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)[:200] or type(exc).__name__


class PrintWorker:
    def __init__(self, store: Store, clock: Clock, setup: PrinterSetup, *,
                 send: Send = send_escpos,
                 on_problem: Callable[[str], None] | None = None) -> None:
        self.store, self.clock, self.setup = store, clock, setup
        self.key = str(setup.address)   # the store's name for this printer's jobs
        self._send = send
        self._on_problem = on_problem
        self._wake = asyncio.Event()
        self._failures = 0
        self.hold_until: datetime | None = None   # the printer was away: nothing before this
        self.problem = ""                         # the header's words; "" when it prints

    # -- listener of the sync engine (kds.sync.news): a new order may have queued a ticket ---
    def orders_changed(self, _ids: Iterable[str]) -> None:
        self.wake()

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        """Until cancelled: print what is due, then wait for news, the next retry or IDLE_S."""
        while True:
            self._wake.clear()
            try:
                await self.print_due()
            except sqlite3.Error as exc:  # the store's trouble is shown by the sync health
                log.warning("print queue unreadable: %s", exc)
            await self._wait(self._pause())

    async def print_due(self) -> int:
        """Send every due job, oldest first; stop at the first the printer does not take."""
        sent = 0
        while not self._held():
            job = self.store.next_print_job(self.clock.now(), self.key)
            if job is None:
                break
            if not self.store.start_print(job.id):
                continue
            outcome = await self._print(job)
            if outcome == "away":
                break
            sent += outcome == "sent"
        return sent

    async def _print(self, job: PrintJob) -> Literal["sent", "dropped", "away"]:
        try:
            data = self.render(job)
        except (LookupError, NotAnOrder, ValueError) as exc:
            log.warning("print job %s for order %s dropped: %s", job.id, job.order_id, exc)
            self.store.mark_print_failed(job.id, f"not printed: {exc}")
            return "dropped"
        try:
            await self._send(self.setup.address, data)
        except (OSError, TimeoutError) as exc:
            self._printer_away(job, describe(exc))
            return "away"
        except asyncio.CancelledError:   # settings changed or the app stops: try it again later
            self.store.mark_print_retry(job.id, self.clock.now(), "stopped while printing")
            raise
        self.store.mark_print_sent(job.id)
        self._failures, self.hold_until = 0, None
        self._set_problem("")
        return "sent"

    def render(self, job: PrintJob) -> bytes:
        """The job's ticket as the order stands now (a changed order prints its new items)."""
        row = self.store.get_order(job.order_id)
        if row is None:
            raise LookupError("the order is not in the store")
        if row.status in DONE_STATUSES and not job.kind.startswith("reprint"):
            # The printer was away until after service: staff can still reprint it.
            raise LookupError("it was finished before the printer took it")
        due_at = row.due_at or self.store.due_time(row)
        lines = ticket_lines(parse_order(row.raw), paper_mm=self.setup.paper_mm, due_at=due_at,
                             tz=location_zone(self.store.get_location_raw()), kind=job.kind,
                             marks=self.store.menu_marks(), now=self.clock.now())
        return ticket_bytes(lines, self.setup.copies)

    def _printer_away(self, job: PrintJob, reason: str) -> None:
        pause = BACKOFF_S[min(self._failures, len(BACKOFF_S) - 1)]
        self._failures += 1
        self.hold_until = self.clock.now() + timedelta(seconds=pause)
        self.store.mark_print_retry(job.id, self.hold_until, reason)
        waiting, _ = self.store.print_counts(self.key)
        tickets = translate("Printer", "1 ticket waiting") if waiting == 1 else \
            translate("Printer", "{count} tickets waiting").format(count=waiting)
        self._set_problem(translate("Printer", "Printer {name}: {reason} · {tickets}").format(
            name=self.setup.address.label, reason=reason, tickets=tickets))

    def _set_problem(self, text: str) -> None:
        if text == self.problem:
            return
        if text:
            log.warning("printing: %s", text)
        elif self.problem:
            log.info("the printer prints again")
        self.problem = text
        if self._on_problem is not None:
            self._on_problem(text)

    def _held(self) -> bool:
        return self.hold_until is not None and self.clock.now() < self.hold_until

    def _pause(self) -> float:
        if self.hold_until is None:
            return IDLE_S
        return max(0.0, (self.hold_until - self.clock.now()).total_seconds())

    async def _wait(self, seconds: float) -> None:
        sleeper = asyncio.ensure_future(self.clock.sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()
