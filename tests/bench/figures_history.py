"""A long kitchen history written through the store, for the figures benchmark (issue 16).

Every order goes in the way the app writes it: HubRise's payload through `upsert_remote_order`,
then the staff's taps through `set_order_status`, each at the FakeClock time it happened, so the
status history, the outbox and the order rows are the real ones. Orders are spread evenly over
`days` local days ending on `NOW`'s day; the mix (service types, channels, requested times,
riders, products, orders never finished) is fixed by the seed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kds.clock import FakeClock
from kds.store import Store

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 23, 30, tzinfo=PARIS)
LOCATION = {"id": "loc-1", "name": "Chez Bench", "preparation_time": 15,
            "timezone": {"name": "Europe/Paris"},
            "custom_fields": {"delivery": {"door_time": "20"}}}
CLIENTS = (("Uber Eats", "UBER_EATS_DELIVERY"), ("Deliveroo", None), ("Website", None),
           ("Till", None), ("Just Eat", "JUST_EAT"), ("Burger Club", "BURGER_CLUB_DELIVERY"))
PRODUCTS = ("Margherita", "Regina", "Calzone", "Burger", "Cheeseburger", "Fries", "Caesar salad",
            "Tiramisu", "Brownie", "Lemonade", "Soup of the day", "Club sandwich")
READY = {"delivery": "awaiting_shipment", "collection": "awaiting_collection",
         "eat_in": "awaiting_collection"}
CHUNK = 2000   # orders per transaction


def _payload(rng: random.Random, number: int, arrived: datetime) -> dict[str, Any]:
    service = rng.choice(("delivery", "delivery", "collection", "eat_in"))
    client, ref = rng.choice(CLIENTS)
    body: dict[str, Any] = {
        "id": f"h{number:07d}", "status": "new", "service_type": service,
        "service_type_ref": ref, "created_by": client, "ref": f"R{number}",
        "created_at": arrived.isoformat(),
        "items": [{"product_name": name, "quantity": str(rng.randint(1, 2)), "price": "9.50 EUR"}
                  for name in rng.sample(PRODUCTS, rng.randint(1, 3))],
    }
    if rng.random() < 0.3:   # a time asked for by the customer
        body["expected_time"] = (arrived + timedelta(minutes=rng.randint(20, 60))).isoformat()
    if service == "delivery" and rng.random() < 0.3:
        body["delivery"] = {"status": rng.choice(("pending", "pickup_enroute", "delivered")),
                            "estimated_pickup_at":
                                (arrived + timedelta(minutes=rng.randint(10, 30))).isoformat()}
    return body


def _taps(rng: random.Random, service: str) -> list[tuple[float, str]]:
    """(seconds after arrival, status) for one order; a few are left unfinished or rejected."""
    roll = rng.random()
    accepted = rng.uniform(10, 300)
    if roll < 0.02:
        return [(accepted, "rejected")]
    taps = [(accepted, "accepted")]
    if roll < 0.05:   # still cooking when the day ended
        return taps
    ready = accepted + rng.uniform(180, 1800)
    taps.append((ready, READY[service]))
    taps.append((ready + rng.uniform(60, 1200), "completed"))
    return taps


def build_history(path: Path, orders: int, days: int = 7, seed: int = 16) -> Store:
    """A store at `path` with `orders` finished-or-not orders over the `days` days ending on
    NOW's day; returned open, its clock at NOW."""
    rng = random.Random(seed)
    first_day = datetime.combine(NOW.date() - timedelta(days=days - 1),
                                 datetime.min.time(), tzinfo=PARIS)
    span = (NOW - first_day).total_seconds() - 3600   # all finished before NOW
    store = Store.open(path, FakeClock(first_day))
    store.set_location(LOCATION)
    for start in range(0, orders, CHUNK):
        with store.transaction():
            for number in range(start, min(orders, start + CHUNK)):
                _write_order(store, rng, number,
                             first_day + timedelta(seconds=span * number / orders))
    store.clock = FakeClock(NOW)
    return store


def _write_order(store: Store, rng: random.Random, number: int, arrived: datetime) -> None:
    # Orders overlap in time and a FakeClock never goes back, so each order gets its own
    # clock: it is stored at its arrival and each tap at the time it happened.
    body = _payload(rng, number, arrived)
    clock = store.clock = FakeClock(arrived)
    store.upsert_remote_order(body)
    for seconds, status in _taps(rng, body["service_type"]):
        clock.set(arrived + timedelta(seconds=seconds))
        store.set_order_status(body["id"], status)
