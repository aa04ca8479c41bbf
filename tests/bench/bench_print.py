"""One kitchen ticket to the fake network printer (issue 16; not a test).

Run: .venv/bin/python tests/bench/bench_print.py [--tickets 50]
Prints one `name<TAB>value<TAB>unit` line per figure.

The app's path: the printer worker runs on the loop (kds.printing.worker, woken as the sync
engine wakes it), the fake printer (kds.tools.fakeprinter) listens on 127.0.0.1 and files each
ticket it receives. Timed from just before the job is queued in the store (its commit, fsync
included) to the ticket filed by the printer: render, ESC/POS bytes, TCP, decode.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kds.clock import SystemClock
from kds.printing.address import PrinterAddress
from kds.printing.worker import PrinterSetup, PrintWorker
from kds.store import Store
from kds.tools.fakeprinter import FakePrinterServer

ORDER = {"id": "bench-1", "status": "accepted", "service_type": "delivery",
         "created_by": "Uber Eats", "ref": "UE-4821", "customer_notes": "Peanut allergy",
         "items": [{"product_name": "Margherita", "sku_name": "Large", "price": "12.50 EUR",
                    "quantity": "2", "options": [{"name": "Olives", "price": "1.00 EUR"},
                                                 {"name": "Onions", "removed": True}]},
                   {"product_name": "Tiramisu", "price": "5.00 EUR", "quantity": "1"}]}


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.2f}\t{unit}", flush=True)


async def _tickets(folder: Path, count: int) -> list[float]:
    printer = FakePrinterServer(folder / "printed")
    port = await printer.start(port=0)
    address = PrinterAddress("127.0.0.1", port)
    store = Store.open(folder / "kds.sqlite", SystemClock())
    store.printers = (str(address),)
    store.upsert_remote_order(ORDER)
    worker = PrintWorker(store, store.clock, PrinterSetup(address))
    running = asyncio.ensure_future(worker.run())
    times = []
    try:
        for number in range(count):
            started = time.perf_counter()
            store.queue_print(ORDER["id"], f"bench:{number}", str(address))
            worker.wake()
            await asyncio.wait_for(printer.filed.get(), 10)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        running.cancel()
        store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        times = asyncio.run(_tickets(Path(tmp), args.tickets))
    ordered = sorted(times)
    line("print_ticket_queued_to_printer_median", statistics.median(times), "ms")
    line("print_ticket_queued_to_printer_p90", ordered[-(-len(ordered) * 9 // 10) - 1], "ms")
    line("print_ticket_queued_to_printer_max", ordered[-1], "ms")


if __name__ == "__main__":
    main()
