"""Store benchmark (a script, not a test): events applied per second and start-up time.

Run: .venv/bin/python tests/bench/bench_store.py [--orders 100000] [--events 2000]
Prints one `name<TAB>value<TAB>unit` line per figure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kds.clock import FakeClock  # noqa: E402
from kds.store import Store  # noqa: E402

START = datetime(2026, 6, 1, 10, 0, tzinfo=timezone.utc)


def order_body(number: int, created: datetime, status: str) -> dict[str, Any]:
    """A realistic order payload (~1.5 KB): two items with options, customer, payment."""
    return {
        "id": f"ord{number:07d}", "location_id": "loc-1", "status": status,
        "service_type": "delivery" if number % 3 else "collection",
        "ref": f"R{number}", "created_at": created.isoformat(),
        "expected_time": (created + timedelta(minutes=30)).isoformat(),
        "customer_notes": "Ring twice, please." if number % 5 == 0 else None,
        "items": [
            {"id": f"i{number}a", "product_name": "Margherita", "sku_name": "Large",
             "price": "12.50 EUR", "quantity": "2", "subtotal": "25.00 EUR",
             "options": [{"option_list_name": "Extras", "name": "Olives", "price": "1.00 EUR"}]},
            {"id": f"i{number}b", "product_name": "Tiramisu", "price": "5.00 EUR",
             "quantity": "1", "subtotal": "5.00 EUR", "options": []},
        ],
        "payments": [{"id": "p1", "name": "Card", "amount": "31.00 EUR"}],
        "customer": {"first_name": "Ada", "last_name": "Lovelace", "phone": "+33612345678",
                     "address_1": "1 rue de la Paix", "city": "Paris", "postal_code": "75002"},
        "total": "31.00 EUR", "custom_fields": {"restaurant": {"table_name": None}},
    }


def fill_history(store: Store, count: int) -> None:
    for chunk in range(0, count, 5000):
        with store.transaction():
            for number in range(chunk, min(count, chunk + 5000)):
                created = START + timedelta(minutes=number * 2)
                store.clock.set(created + timedelta(minutes=40))  # type: ignore[attr-defined]
                store.upsert_remote_order(order_body(number, created, "completed"))


def bench_events(store: Store, clock: FakeClock, count: int, batch: int) -> float:
    """Apply `count` events (upsert + record_event), `batch` per transaction: each order gets
    a create event (new) and later an update event (completed), so the board stays small."""
    base = 10_000_000 + batch * count
    started = time.perf_counter()
    for first in range(0, count, batch):
        with store.transaction():
            for number in range(first, min(count, first + batch)):
                order_number = base + number // 2
                status = "new" if number % 2 == 0 else "completed"
                body = order_body(order_number, clock.now(), status)
                store.upsert_remote_order(body)
                store.record_event(f"ev{base + number}", {"id": f"ev{base + number}",
                                   "new_state": body}, clock.now())
    return count / (time.perf_counter() - started)


def add_open_tickets(store: Store, clock: FakeClock, count: int) -> None:
    with store.transaction():
        for number in range(count):
            store.upsert_remote_order(order_body(20_000_000 + number, clock.now(), "accepted"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kds.sqlite3"
        clock = FakeClock(START)
        store = Store.open(path, clock)
        started = time.perf_counter()
        fill_history(store, args.orders)
        print(f"history_fill\t{args.orders / (time.perf_counter() - started):.0f}\torders/s")
        now = clock.now()
        print(f"events_applied_one_per_transaction\t"
              f"{bench_events(store, clock, args.events, 1):.0f}\tevents/s")
        print(f"events_applied_batch_of_50\t"
              f"{bench_events(store, clock, args.events, 50):.0f}\tevents/s")
        add_open_tickets(store, clock, 30)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        print(f"file_size\t{path.stat().st_size / 1e6:.1f}\tMB")
        started = time.perf_counter()
        reopened = Store.open(path, FakeClock(now))
        opened = time.perf_counter()
        active = reopened.active_orders(now, 30)
        done = time.perf_counter()
        print(f"startup_open\t{(opened - started) * 1000:.0f}\tms")
        print(f"startup_first_active_orders\t{(done - opened) * 1000:.0f}\tms")
        print(f"startup_total\t{(done - started) * 1000:.0f}\tms")
        print(f"active_orders_loaded\t{len(active)}\torders")
        started = time.perf_counter()
        reopened.db.execute("PRAGMA quick_check").fetchone()
        print(f"of_which_integrity_check\t{(time.perf_counter() - started) * 1000:.0f}\tms")
        reopened.close()


if __name__ == "__main__":
    main()
