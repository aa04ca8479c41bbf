"""Kitchen tickets to a fake network printer (a TCP listener on 127.0.0.1): the bytes, the retry
when the printer comes back, and nothing printed twice after a restart (kds.printing)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kds.app.printing import printer_setups
from kds.app.runtime import Runtime
from kds.clock import FakeClock, SystemClock
from kds.printing.address import PrinterAddress, parse_printer
from kds.printing.escpos import CUT, INIT, LARGE, ticket_bytes
from kds.printing.worker import BACKOFF_S, PrinterSetup, PrintWorker
from kds.store import Store
from kds.store.settings import Settings
from kds.sync.health import Health
from kds.ui.board.header import HeaderInfo, health_text, is_healthy
from kds.ui.main_window import header_info

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
ORDER = {"id": "o-1", "status": "new", "service_type": "collection", "collection_code": "R42",
         "created_by": "Deliveroo", "customer_notes": "Peanut allergy",
         "items": [{"product_name": "Crêpe", "price": "5.00 EUR", "quantity": "1.5",
                    "options": [{"name": "Onions", "removed": True}]}]}


class FakePrinter:
    """Accepts raw-printing connections and keeps each job's bytes."""

    def __init__(self) -> None:
        self.jobs: list[bytes] = []
        self.received: asyncio.Queue[bytes] = asyncio.Queue()
        self.server: asyncio.Server | None = None
        self.port = 0

    async def start(self, port: int = 0) -> FakePrinter:
        self.server = await asyncio.start_server(self._job, "127.0.0.1", port)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def _job(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        data = await reader.read()   # a raw-printing job ends when the sender closes
        writer.close()
        self.jobs.append(data)
        await self.received.put(data)

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    @property
    def address(self) -> PrinterAddress:
        return PrinterAddress("127.0.0.1", self.port)


async def free_port() -> int:
    """A port on which nobody listens (the printer is switched off)."""
    probe = await FakePrinter().start()
    port = probe.port
    await probe.stop()
    return port


def run(main: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(asyncio.wait_for(main(), 60))


def open_store(tmp_path: Path, clock: Any, printer: PrinterAddress) -> Store:
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    store.print_events, store.printers = frozenset({"arrival"}), (str(printer),)
    return store


def test_a_new_order_prints_once_with_init_text_large_number_and_cut(tmp_path: Path) -> None:
    async def main() -> None:
        printer = await FakePrinter().start()
        clock = FakeClock(T0)
        store = open_store(tmp_path, clock, printer.address)
        worker = PrintWorker(store, clock, PrinterSetup(printer.address, paper_mm=58))
        store.upsert_remote_order(ORDER)
        assert await worker.print_due() == 1
        assert await worker.print_due() == 0
        job = await printer.received.get()
        assert printer.jobs == [job]
        assert job.startswith(INIT)
        assert job.endswith(CUT) and job.count(CUT) == 1
        assert LARGE + b"\x1bE\x01#R42" in job                  # the number, large and bold
        assert "1.5 x Crêpe".encode("cp858") in job              # accents in the code page
        assert b"NO Onions" in job and b"*PEANUT* *ALLERGY*" in job
        assert b"DELIVEROO \xfa COLLECTION" in job               # "·" is 0xFA in PC858
        assert [j.state for j in store.print_jobs()] == ["sent"]
        await printer.stop()
        store.close()

    run(main)


def test_copies_each_get_their_cut() -> None:
    data = ticket_bytes([], copies=2)
    assert data.count(INIT) == 1 and data.count(CUT) == 2


def test_the_ticket_prints_when_the_printer_comes_back(tmp_path: Path) -> None:
    async def main() -> None:
        port = await free_port()
        clock = FakeClock(T0)
        address = PrinterAddress("127.0.0.1", port)
        store = open_store(tmp_path, clock, address)
        problems: list[str] = []
        worker = PrintWorker(store, clock, PrinterSetup(address), on_problem=problems.append)
        store.upsert_remote_order(ORDER)
        assert await worker.print_due() == 0                     # switched off
        [job] = store.print_jobs()
        assert (job.state, job.attempts) == ("pending", 1) and job.last_error
        assert problems and "127.0.0.1" in problems[-1] and "1 ticket waiting" in problems[-1]
        assert await worker.print_due() == 0                     # held: no hammering
        printer = await FakePrinter().start(port)                # switched on again
        clock.advance(BACKOFF_S[0])
        assert await worker.print_due() == 1
        assert (await printer.received.get()).startswith(INIT)
        assert problems[-1] == "" and worker.problem == ""
        [job] = store.print_jobs()
        assert (job.state, job.attempts) == ("sent", 2)
        await printer.stop()
        store.close()

    run(main)


def test_no_duplicate_after_a_restart(tmp_path: Path) -> None:
    async def main() -> None:
        printer = await FakePrinter().start()
        clock = FakeClock(T0)
        store = open_store(tmp_path, clock, printer.address)
        store.upsert_remote_order(ORDER)
        assert await PrintWorker(store, clock, PrinterSetup(printer.address)).print_due() == 1
        await printer.received.get()
        store.close()                                            # the KDS is killed
        store = open_store(tmp_path, clock, printer.address)     # and starts again
        store.upsert_remote_order(dict(ORDER, status="received"))  # HubRise sends it again
        assert await PrintWorker(store, clock, PrinterSetup(printer.address)).print_due() == 0
        assert len(printer.jobs) == 1
        await printer.stop()
        store.close()

    run(main)


def test_kds_printer_alone_prints_every_new_order_once_on_the_loop(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def main() -> None:
        printer = await FakePrinter().start()
        monkeypatch.setenv("KDS_PRINTER", f"tcp://127.0.0.1:{printer.port}")
        clock = SystemClock()
        runtime = Runtime(Store.open(tmp_path / "kds.sqlite3", clock), clock)
        [worker] = runtime.start_printing(Settings()).workers
        assert runtime.store.print_events == {"arrival"} and runtime.store.printer_ready
        runtime.store.upsert_remote_order(ORDER)
        runtime.store.upsert_remote_order(dict(ORDER, id="o-2", collection_code="R43"))
        worker.orders_changed(["o-1", "o-2"])
        first = await printer.received.get()
        second = await printer.received.get()
        assert b"#R42" in first and b"#R43" in second
        await runtime.stop()
        assert len(printer.jobs) == 2
        await printer.stop()
        runtime.store.close()

    run(main)


def test_which_printers_print() -> None:
    assert printer_setups(Settings(), {}) == []
    assert printer_setups(Settings(), {"KDS_PRINTER": "lpt1"}) == []   # refused, logged
    [env] = printer_setups(Settings(paper_width_mm=58, print_copies=2),
                           {"KDS_PRINTER": "tcp://10.0.0.9:9101"})
    assert env == PrinterSetup(PrinterAddress("10.0.0.9", 9101), 58, 2)
    # Printers chosen in Settings win over the harness variable.
    [chosen] = printer_setups(Settings(printers=("tcp://kitchen",)),
                              {"KDS_PRINTER": "tcp://10.0.0.9:9101"})
    assert chosen.address == PrinterAddress("kitchen", 9100) == parse_printer("tcp://kitchen")


def test_a_printer_fault_shows_in_the_header() -> None:
    info = header_info(None, Health(online=True, printer_problem="Printer 10.0.0.9: no answer"),
                       T0)
    assert info.printer_problem
    assert not is_healthy(info, T0)
    assert "✖ Printer 10.0.0.9: no answer" in health_text(info, T0, None)
    assert is_healthy(HeaderInfo(), T0)


def test_settings_choose_the_printers_and_a_save_applies_at_once(tmp_path: Path) -> None:
    async def main() -> None:
        one, two = await FakePrinter().start(), await FakePrinter().start()
        clock = SystemClock()
        runtime = Runtime(Store.open(tmp_path / "kds.sqlite3", clock), clock)
        settings = Settings(printers=(str(one.address), str(two.address)), print_copies=2)
        assert len(runtime.start_printing(settings).workers) == 2
        runtime.store.upsert_remote_order(ORDER)
        for printer in (one, two):
            job = await printer.received.get()   # each printer wakes within IDLE_S
            assert job.count(CUT) == 2            # two copies
        runtime.start_printing(Settings(print_on_arrival=False))   # printing switched off
        assert runtime.printing is not None and runtime.printing.workers == []
        assert not runtime.store.printer_ready
        runtime.store.upsert_remote_order(dict(ORDER, id="o-2"))
        assert runtime.store.print_jobs("o-2") == []
        await runtime.stop()
        for printer in (one, two):
            await printer.stop()
        runtime.store.close()

    run(main)


def test_an_order_finished_while_the_printer_was_away_is_not_printed_late(
        tmp_path: Path) -> None:
    async def main() -> None:
        port = await free_port()
        clock = FakeClock(T0)
        address = PrinterAddress("127.0.0.1", port)
        store = open_store(tmp_path, clock, address)
        worker = PrintWorker(store, clock, PrinterSetup(address))
        store.upsert_remote_order(ORDER)
        assert await worker.print_due() == 0                     # switched off
        store.upsert_remote_order(dict(ORDER, status="completed"))
        printer = await FakePrinter().start(port)
        clock.advance(BACKOFF_S[0])
        assert await worker.print_due() == 0
        [job] = store.print_jobs()
        assert job.state == "failed" and "finished" in (job.last_error or "")
        store.queue_reprint("o-1")                               # staff still can
        assert await worker.print_due() == 1
        assert b"REPRINT" in await printer.received.get()
        await printer.stop()
        store.close()

    run(main)


CHILD = """
import asyncio, json, sys, time
from pathlib import Path
from kds.clock import SystemClock
from kds.printing.address import parse_printer
from kds.printing.worker import PrinterSetup, PrintWorker
from kds.store import Store

path, printer, order = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
store = Store.open(Path(path), SystemClock())
store.printers, store.print_events = (printer,), frozenset({"arrival"})
store.upsert_remote_order(order)
asyncio.run(PrintWorker(store, SystemClock(), PrinterSetup(parse_printer(printer))).print_due())
print("printed", flush=True)
time.sleep(600)
"""


def test_no_duplicate_after_a_sigkill(tmp_path: Path) -> None:
    """The KDS is killed with SIGKILL as soon as the printer has the ticket (before or after
    it wrote "sent"): the next start applies the same order and prints nothing again."""
    async def main() -> None:
        printer = await FakePrinter().start()
        path = tmp_path / "kds.sqlite3"
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CHILD, str(path), str(printer.address), json.dumps(ORDER),
            env=env, stdout=asyncio.subprocess.DEVNULL)
        try:
            await printer.received.get()
        finally:
            child.kill()
            await child.wait()
        clock = FakeClock(T0)
        store = open_store(tmp_path, clock, printer.address)
        store.upsert_remote_order(dict(ORDER, status="received"))
        assert await PrintWorker(store, clock, PrinterSetup(printer.address)).print_due() == 0
        [job] = store.print_jobs()
        assert job.state in ("sent", "failed")   # "failed": killed mid-send, never resent
        assert len(printer.jobs) == 1
        await printer.stop()
        store.close()

    run(main)


def test_the_fake_printer_tool_files_each_ticket_as_text_and_image(
        tmp_path: Path, qapp: Any) -> None:
    # qapp: drawing needs Qt's application object, and it must be the widgets' one (a bare
    # QGuiApplication made here would break every widget test after this one).
    from kds.tools.fakeprinter import FakePrinterServer

    async def main() -> None:
        server = FakePrinterServer(tmp_path / "out", paper_mm=58, png=True)
        port = await server.start(port=0)
        clock = FakeClock(T0)
        address = PrinterAddress("127.0.0.1", port)
        store = open_store(tmp_path, clock, address)
        store.upsert_remote_order(ORDER)
        setup = PrinterSetup(address, paper_mm=58, copies=2)
        assert await PrintWorker(store, clock, setup).print_due() == 1
        for _ in range(2):                # the server files the job on its own task
            await server.filed.get()
        text = (tmp_path / "out" / "ticket-0002.txt").read_text(encoding="utf-8")
        assert "# R 4 2" in text and "NO Onions" in text and "[! PEANUTS, ALLERGY !]" in text
        assert (tmp_path / "out" / "ticket-0001.png").stat().st_size > 1000
        assert server.server is not None
        server.server.close()
        store.close()

    run(main)
