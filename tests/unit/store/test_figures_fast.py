"""The counted figures (what the screen and header read) never drift from the per-order ones.

`store.figures(period)` sums counts kept as orders are written (kds/store/figure_facts.py);
`store.figures(period, rows=True)` computes from every order and its history with
kds.kitchen.figures.compute. Random histories written through the store, on a FakeClock, must
give the same Figures, before and after the location's minutes or zone change. The rules the
counts lean on are checked against the originals in tests/unit/kitchen/test_figures_counts.py.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kds.clock import FakeClock
from kds.hubrise.statuses import ORDER_STATUSES
from kds.kitchen.figures import PERIODS
from kds.store import Store
from kds.store.figure_facts import fill_facts

NOW = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)
ZONES = ("Europe/Paris", "UTC", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns")
NAMES = ("Pizza", " Pizza ", "Salad", "Soup", "Burger", "")
CLIENTS = ("Uber Eats", "Deliveroo", "Website", "Till", "Burger Club", 42, None)

minutes = st.integers(min_value=-30, max_value=90)
order_strategy = st.fixed_dictionaries({
    "arrives": st.integers(min_value=0, max_value=9 * 24 * 60),   # minutes before NOW
    "skew": st.sampled_from([None, 0, 0, 0, -3, 5]),   # created_at against first seen
    "service": st.sampled_from(["delivery", "collection", "eat_in", None]),
    "client": st.sampled_from(CLIENTS),
    "ref": st.sampled_from([None, "UBER_EATS_DELIVERY", "BURGER_CLUB_DELIVERY"]),
    "products": st.lists(st.sampled_from(NAMES), max_size=3),
    "expected": st.one_of(st.none(), minutes),
    "rider": st.one_of(st.none(), st.tuples(
        st.sampled_from(["pending", "pickup_enroute", "delivered"]), minutes)),
    "taps": st.lists(st.tuples(st.integers(min_value=0, max_value=4000),
                               st.sampled_from(ORDER_STATUSES)), max_size=5),
    "accept_for": st.one_of(st.none(), minutes),
})
location_strategy = st.fixed_dictionaries({
    "prep": st.sampled_from([0, 15, 40, None]),
    "door": st.sampled_from([None, "20", "0", 35]),
    "zone": st.sampled_from(ZONES),
})


def _location(choice: dict[str, Any]) -> dict[str, Any]:
    location: dict[str, Any] = {"id": "loc", "timezone": {"name": choice["zone"]}}
    if choice["prep"] is not None:
        location["preparation_time"] = choice["prep"]
    if choice["door"] is not None:
        location["custom_fields"] = {"delivery": {"door_time": choice["door"]}}
    return location


def _payload(number: int, order: dict[str, Any], arrived: datetime) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": f"o{number}", "status": "new", "service_type": order["service"],
        "created_by": order["client"], "service_type_ref": order["ref"],
        "items": [{"product_name": name, "quantity": "1", "price": "9.50 EUR"}
                  for name in order["products"]]}
    if order["skew"] is not None:
        body["created_at"] = (arrived + timedelta(minutes=order["skew"])).isoformat()
    if order["expected"] is not None:
        body["expected_time"] = (arrived + timedelta(minutes=order["expected"])).isoformat()
    if order["rider"] is not None:
        status, pickup = order["rider"]
        body["delivery"] = {"status": status, "estimated_pickup_at":
                            (arrived + timedelta(minutes=pickup)).isoformat()}
    return body


def _history(store: Store, clock: FakeClock, orders: list[dict[str, Any]]) -> None:
    """Every arrival and tap, in time order, each at its own time on the clock."""
    events: list[tuple[datetime, int, str, Any]] = []
    for number, order in enumerate(orders):
        arrived = NOW - timedelta(minutes=order["arrives"])
        events.append((arrived, number, "arrive", _payload(number, order, arrived)))
        for seconds, status in order["taps"]:
            events.append((arrived + timedelta(seconds=seconds), number, status, order))
    for when, number, what, data in sorted(events, key=lambda e: (e[0], e[1], e[2])):
        clock.set(max(when, clock.now()))
        if what == "arrive":
            store.upsert_remote_order(data)
        elif store.has_order(f"o{number}"):
            accept = data["accept_for"]
            confirmed = None if what != "accepted" or accept is None else \
                clock.now() + timedelta(minutes=accept)
            store.set_order_status(f"o{number}", what, confirmed_time=confirmed)


def _assert_counts_as_if_counted_afresh(store: Store) -> None:
    query = "SELECT * FROM figure_counts ORDER BY what, key, key2, value, value2, day"
    kept = store.db.execute(query).fetchall()
    fill_facts(store.db.conn)
    assert kept == store.db.execute(query).fetchall()


def _assert_same(store: Store) -> None:
    for period in PERIODS:
        plain = store.figures(period, NOW, rows=True)
        assert store.figures(period, NOW) == dataclasses.replace(plain, rows=()), period


@pytest.mark.slow  # fuzzes: 40 generated histories through the store
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orders=st.lists(order_strategy, min_size=1, max_size=25),
       first=location_strategy, later=location_strategy)
def test_counted_figures_equal_the_per_order_computation(
        orders: list[dict[str, Any]], first: dict[str, Any], later: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(NOW - timedelta(days=10))
        store = Store.open(Path(folder) / "kds.sqlite", clock)
        try:
            store.set_location(_location(first))
            _history(store, clock, orders)
            _assert_counts_as_if_counted_afresh(store)
            _assert_same(store)
            store.set_location(_location(later))   # other minutes, maybe another zone
            _assert_same(store)
        finally:
            store.close()


def test_a_tap_on_an_order_of_last_week_moves_its_counts(tmp_path: Path) -> None:
    clock = FakeClock(NOW - timedelta(days=3))
    store = Store.open(tmp_path / "kds.sqlite", clock)
    store.set_location(_location({"prep": 15, "door": None, "zone": "Europe/Paris"}))
    store.upsert_remote_order({"id": "old", "status": "new", "service_type": "collection",
                               "items": [{"product_name": "Soup", "quantity": "1",
                                          "price": "5.00 EUR"}]})
    assert store.figures("week", NOW).to_ready.count == 0
    clock.set(NOW - timedelta(days=2))
    store.set_order_status("old", "awaiting_collection")   # a day later: very late
    week = store.figures("week", NOW)
    assert week.to_ready.count == 1 and week.late == 1 and week.slowest[0].name == "Soup"
    assert week == dataclasses.replace(store.figures("week", NOW, rows=True), rows=())
    assert store.db.execute("SELECT count(*) FROM figure_counts WHERE orders < 1").fetchone() \
        == (0,)   # the cells it left are gone, none below zero
    store.close()


def test_a_zone_change_counts_every_order_again_at_once(tmp_path: Path) -> None:
    clock = FakeClock(NOW - timedelta(hours=2))
    store = Store.open(tmp_path / "kds.sqlite", clock)
    store.set_location(_location({"prep": 15, "door": None, "zone": "UTC"}))
    store.upsert_remote_order({"id": "a", "status": "new", "service_type": "eat_in"})
    assert store.figures("today", NOW).per_hour[19] == 1
    store.set_location(_location({"prep": 15, "door": None, "zone": "Asia/Kolkata"}))
    assert store.get_meta("figure_facts") == "1 Asia/Kolkata"
    assert store.db.execute("SELECT key FROM figure_counts WHERE what = 0").fetchall() == [(0,)]
    today = store.figures("today", NOW)   # 02:30 on the 25th there; it came at 00:30
    assert today.orders == 1 and today.per_hour[0] == 1
    store.close()


def test_a_store_that_cannot_write_reads_stale_counts_the_slow_way(tmp_path: Path) -> None:
    clock = FakeClock(NOW - timedelta(hours=2))
    store = Store.open(tmp_path / "kds.sqlite", clock)
    store.set_location(_location({"prep": 15, "door": None, "zone": "UTC"}))
    store.upsert_remote_order({"id": "a", "status": "new", "service_type": "eat_in"})
    clock.set(NOW - timedelta(hours=1))
    store.set_order_status("a", "completed")
    # Counted by rules an update has since changed, on a disk that is now full:
    store.db.execute("UPDATE meta SET value = '0 UTC' WHERE key = 'figure_facts'")
    store.db.execute("UPDATE figure_counts SET orders = 7")
    store.read_only_reason = "disk full"
    assert store.figures("today", NOW) == dataclasses.replace(
        store.figures("today", NOW, rows=True), rows=())
    assert store.figures("today", NOW).orders == 1
    assert store.get_meta("figure_facts") == "0 UTC"   # nothing written
    store.close()


def test_an_old_store_is_counted_when_it_migrates(tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "stores" / "v6.sqlite3"
    path = tmp_path / "kds.sqlite3"
    shutil.copy(fixture, path)
    store = Store.open(path, FakeClock(NOW))
    week = store.figures("week", datetime(2026, 11, 21, 9, 0, tzinfo=UTC))
    assert week.orders == 3 and week.to_accepted.count == 2
    assert week == dataclasses.replace(store.figures(
        "week", datetime(2026, 11, 21, 9, 0, tzinfo=UTC), rows=True), rows=())
    store.close()


def test_counts_older_than_two_weeks_go_and_older_periods_are_read_order_by_order(
        tmp_path: Path) -> None:
    clock = FakeClock(NOW - timedelta(days=31))
    store = Store.open(tmp_path / "kds.sqlite", clock)
    store.set_location(_location({"prep": 15, "door": None, "zone": "Europe/Paris"}))
    for number, days_ago in enumerate((30, 29, 2, 0)):
        clock.set(NOW - timedelta(days=days_ago, hours=2))
        store.upsert_remote_order({"id": f"o{number}", "status": "new",
                                   "service_type": "collection"})
        clock.set(NOW - timedelta(days=days_ago, hours=1))
        store.set_order_status(f"o{number}", "awaiting_collection")
    assert store.figures("week", NOW).orders == 2
    days = [day for (day,) in store.db.execute("SELECT DISTINCT day FROM figure_counts")]
    kept_from = NOW.date().toordinal() - 14
    assert days and min(days) >= kept_from   # the days of 30 and 29 days ago are gone
    month_ago = NOW - timedelta(days=29)
    assert store.figures("week", month_ago).orders == 2   # read order by order
    assert store.figures("week", month_ago) == dataclasses.replace(
        store.figures("week", month_ago, rows=True), rows=())
    store.close()


def test_an_order_no_clock_can_place_is_stored_and_left_out_of_the_counts(
        tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kds.sqlite", FakeClock(NOW - timedelta(hours=1)))
    store.set_location({"id": "loc", "timezone": {"name": "America/New_York"}})
    result = store.upsert_remote_order({"id": "year-1", "status": "new",
                                        "created_at": "0001-01-01T00:00:00+00:00"})
    assert result.dead_letter_id is None and store.has_order("year-1")
    store.upsert_remote_order({"id": "fine", "status": "new"})
    assert store.figures("today", NOW).orders == 1
    assert store.figures("today", NOW) == dataclasses.replace(
        store.figures("today", NOW, rows=True), rows=())
    store.close()
