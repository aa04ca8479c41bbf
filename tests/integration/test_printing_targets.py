"""Printers other than the network: a device file (USB/serial) and a system printer via Qt."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kds.app.printing import printer_setups
from kds.app.qt_printing import qt_sender
from kds.clock import FakeClock
from kds.printing.address import DevicePrinter, PrinterAddress, SystemPrinter, parse_printer
from kds.printing.escpos import CUT, INIT
from kds.printing.worker import PrinterSetup, PrintWorker
from kds.store import Store
from kds.store.settings import Settings
from tests.integration.test_printing import ORDER

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


def store_for(tmp_path: Path, setup: PrinterSetup) -> Store:
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock(T0))
    store.printers, store.print_events = (str(setup.address),), frozenset({"arrival"})
    store.upsert_remote_order(ORDER)
    return store


def test_printer_addresses_parse_each_kind() -> None:
    assert parse_printer("tcp://10.0.0.9") == PrinterAddress("10.0.0.9", 9100)
    assert parse_printer("file:///dev/usb/lp0") == DevicePrinter("/dev/usb/lp0")
    assert parse_printer("qt:Kitchen_TM20") == SystemPrinter("Kitchen_TM20")
    assert parse_printer("qt:") == SystemPrinter("")
    for bad in ("lpt1", "file://host/dev/lp0", "http://10.0.0.9", "tcp://:9100"):
        with pytest.raises(ValueError):
            parse_printer(bad)
    [setup] = printer_setups(Settings(printers=("file:///dev/usb/lp0",)), {})
    assert setup.address == DevicePrinter("/dev/usb/lp0")


def test_a_device_printer_gets_the_escpos_bytes(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    setup = PrinterSetup(DevicePrinter(str(device)))
    store = store_for(tmp_path, setup)
    worker = PrintWorker(store, store.clock, setup)
    assert asyncio.run(worker.print_due()) == 1
    data = device.read_bytes()
    assert data.startswith(INIT) and data.endswith(CUT) and b"#R42" in data
    store.close()


def test_an_unplugged_device_is_retried_and_shown(tmp_path: Path) -> None:
    setup = PrinterSetup(DevicePrinter(str(tmp_path / "unplugged" / "lp0")))
    store = store_for(tmp_path, setup)
    problems: list[str] = []
    worker = PrintWorker(store, store.clock, setup, on_problem=problems.append)
    assert asyncio.run(worker.print_due()) == 0
    assert [j.state for j in store.print_jobs()] == ["pending"]
    assert "lp0" in problems[-1]
    store.close()


def test_a_system_printer_draws_one_page_per_copy(tmp_path: Path, qapp: Any) -> None:
    pdf = tmp_path / "tickets.pdf"
    setup = PrinterSetup(SystemPrinter(f"pdf:{pdf}"), paper_mm=80, copies=2)
    store = store_for(tmp_path, setup)
    worker = PrintWorker(store, store.clock, setup, send=qt_sender(80))
    assert asyncio.run(worker.print_due()) == 1
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 2
    store.close()


def test_an_unknown_system_printer_is_a_printer_fault(tmp_path: Path, qapp: Any) -> None:
    setup = PrinterSetup(SystemPrinter("No_Such_Printer"))
    store = store_for(tmp_path, setup)
    problems: list[str] = []
    worker = PrintWorker(store, store.clock, setup, send=qt_sender(80),
                         on_problem=problems.append)
    assert asyncio.run(worker.print_due()) == 0
    assert "No_Such_Printer" in problems[-1]
    [job] = store.print_jobs()
    assert job.state == "pending" and "no printer named" in (job.last_error or "")
    store.close()
