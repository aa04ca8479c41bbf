"""A known service day for the speed-of-service figures (issue 16), written through the store
on a FakeClock: each status tap is stored when the clock says it happened.

Location in Europe/Paris (UTC+1 in November), preparation time 15 min, no requested times:
each order is due 15 min after it arrived. "Now" is 24 Nov 2026, 22:00 in Paris.

order  arrives (Paris)   service     channel    products        acc  ready  done  late
E      24 Nov 00:30      collection  Website    Coffee          1    2      3     no
A      24 Nov 12:00      delivery    Uber Eats  Pizza           2    20     30    yes
B      24 Nov 12:10      collection  Website    Salad           1    8      12    no
C      24 Nov 12:40      eat_in      Till       Pizza, Salad    4    16     40    yes
D      24 Nov 19:05      delivery    Deliveroo  Burger          3    10     25    no
Y      23 Nov 20:00      collection  Website    Soup            1    5      6     no
(E is "today" in Paris but "yesterday" in UTC.)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kds.clock import FakeClock
from kds.store import Store

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 22, 0, tzinfo=PARIS)
LOCATION = {"id": "loc", "name": "Chez Test", "preparation_time": 15,
            "timezone": {"name": "Europe/Paris"}}

DAY: tuple[tuple[str, datetime, str, str, tuple[str, ...], tuple[int, int, int]], ...] = (
    ("E", datetime(2026, 11, 24, 0, 30, tzinfo=PARIS), "collection", "Website", ("Coffee",),
     (1, 2, 3)),
    ("A", datetime(2026, 11, 24, 12, 0, tzinfo=PARIS), "delivery", "Uber Eats", ("Pizza",),
     (2, 20, 30)),
    ("B", datetime(2026, 11, 24, 12, 10, tzinfo=PARIS), "collection", "Website", ("Salad",),
     (1, 8, 12)),
    ("C", datetime(2026, 11, 24, 12, 40, tzinfo=PARIS), "eat_in", "Till", ("Pizza", "Salad"),
     (4, 16, 40)),
    ("D", datetime(2026, 11, 24, 19, 5, tzinfo=PARIS), "delivery", "Deliveroo", ("Burger",),
     (3, 10, 25)),
    ("Y", datetime(2026, 11, 23, 20, 0, tzinfo=PARIS), "collection", "Website", ("Soup",),
     (1, 5, 6)),
)


def _payload(order_id: str, arrived: datetime, service: str, channel: str,
             products: tuple[str, ...]) -> dict[str, Any]:
    return {"id": order_id, "status": "new", "created_at": arrived.isoformat(),
            "service_type": service, "created_by": channel,
            "items": [{"product_name": name, "quantity": "1", "price": "9.50 EUR"}
                      for name in products]}


def seed_day(store: Store, clock: FakeClock) -> None:
    """Write DAY into `store` in time order; leaves the clock at NOW."""
    store.set_location(LOCATION)
    steps: list[tuple[datetime, str, Any]] = []
    for order_id, arrived, service, channel, products, (acc, ready, done) in DAY:
        steps.append((arrived, "arrive", _payload(order_id, arrived, service, channel, products)))
        ready_status = "awaiting_shipment" if service == "delivery" else "awaiting_collection"
        for minutes, status in ((acc, "accepted"), (ready, ready_status), (done, "completed")):
            steps.append((arrived + timedelta(minutes=minutes), status, order_id))
    for when, what, subject in sorted(steps, key=lambda step: step[0]):
        clock.set(when)
        if what == "arrive":
            store.upsert_remote_order(subject)
        else:
            store.set_order_status(subject, what)
    clock.set(NOW)


def seeded_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 0, 0, tzinfo=PARIS))


def open_day_store(path: Any) -> Store:
    """A store file at `path` holding DAY, its clock at NOW."""
    clock = seeded_clock()
    store = Store.open(path, clock)
    seed_day(store, clock)
    return store
