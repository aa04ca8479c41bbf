"""Speed of service on a stored history with known answers (tests/figures_seed.py).

Each answer is checked on both reads: the counted one the screen uses and the per-order one
the CSV export uses (`rows=True`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC
from decimal import Decimal
from pathlib import Path

import pytest

from kds.kitchen.figures import Figures, Group, Period, Spread, header_line, to_csv
from kds.store import Store
from tests.figures_seed import NOW, PARIS, seed_day, seeded_clock


@pytest.fixture
def day_store(tmp_path: Path) -> Iterator[Store]:
    clock = seeded_clock()
    store = Store.open(tmp_path / "kds.sqlite", clock)
    seed_day(store, clock)
    yield store
    store.close()


Read = Callable[[Period], Figures]


@pytest.fixture(params=[False, True], ids=["counted", "rows"])
def read(request: pytest.FixtureRequest, day_store: Store) -> Read:
    return lambda period: day_store.figures(period, NOW, rows=request.param)


def test_today_counts_orders_per_local_hour(read: Read) -> None:
    figures = read("today")
    assert figures.orders == 5
    expected = [0] * 24
    expected[0], expected[12], expected[19] = 1, 3, 1
    assert list(figures.per_hour) == expected


def test_today_step_times_median_and_p90(read: Read) -> None:
    figures = read("today")
    assert figures.to_accepted == Spread(5, Decimal("2.0"), Decimal("4.0"))
    assert figures.to_ready == Spread(5, Decimal("10.0"), Decimal("20.0"))
    assert figures.to_completed == Spread(5, Decimal("25.0"), Decimal("40.0"))


def test_late_orders_use_the_due_time(read: Read, day_store: Store) -> None:
    figures = read("today")
    assert figures.late == 2
    assert figures.late_percent == Decimal("40.0")
    late = [r.order_id for r in day_store.figures("today", NOW, rows=True).rows if r.late]
    assert sorted(late) == ["A", "C"]


def test_by_service_type_and_channel(read: Read) -> None:
    figures = read("today")
    assert [(g.name, g.orders, g.late) for g in figures.by_service] == [
        ("collection", 2, 0), ("delivery", 2, 1), ("eat_in", 1, 1)]
    assert [(g.name, g.orders, g.late) for g in figures.by_channel] == [
        ("Website", 2, 0), ("Deliveroo", 1, 0), ("Till", 1, 1), ("Uber Eats", 1, 1)]
    delivery = figures.by_service[1]
    assert isinstance(delivery, Group) and delivery.prep.median == Decimal("15.0")


def test_slowest_products_by_median_prep(read: Read) -> None:
    slowest = read("today").slowest
    assert [(p.name, p.orders, p.median_prep) for p in slowest] == [
        ("Pizza", 2, Decimal("18.0")), ("Salad", 2, Decimal("12.0")),
        ("Burger", 1, Decimal("10.0")), ("Coffee", 1, Decimal("2.0"))]


def test_prep_line_by_hour(read: Read) -> None:
    prep = read("today").prep_by_hour
    assert prep[12] == Decimal("16.0") and prep[19] == Decimal("10.0") and prep[0] == Decimal("2.0")
    assert prep[13] is None


def test_periods_follow_the_locations_timezone(read: Read, day_store: Store) -> None:
    assert [r.order_id for r in day_store.figures("yesterday", NOW, rows=True).rows] == ["Y"]
    assert read("yesterday").orders == 1
    assert read("week").orders == 6
    # Without the location's zone (UTC), 00:30 in Paris is still the day before.
    day_store.set_location({"id": "loc", "preparation_time": 15})
    assert sorted(r.order_id for r in day_store.figures("yesterday", NOW, rows=True).rows) == \
        ["E", "Y"]
    assert read("yesterday").orders == 2
    assert read("yesterday").per_hour[23] == 1   # 00:30 in Paris is 23:30 UTC


def test_header_line(read: Read) -> None:
    assert header_line(read("today")) == "avg prep 11 min · 2 late"


def test_csv_of_the_day_one_line_per_order_in_local_time(day_store: Store) -> None:
    text = to_csv(day_store.figures("today", NOW, rows=True), PARIS)
    lines = text.splitlines()
    assert lines[0].startswith("order,arrived,accepted,ready,completed,due")
    assert [line.split(",")[0] for line in lines[1:]] == ["E", "A", "B", "C", "D"]
    assert lines[2] == ("A,2026-11-24 12:00:00,2026-11-24 12:02:00,2026-11-24 12:20:00,"
                        "2026-11-24 12:30:00,2026-11-24 12:15:00,delivery,Uber Eats,20.0,yes")
    utc = to_csv(day_store.figures("today", NOW, rows=True), UTC)
    assert utc.splitlines()[2].split(",")[1] == "2026-11-24 11:00:00"


def test_the_period_read_uses_the_created_index_not_a_scan_of_all_history(
        day_store: Store) -> None:
    from kds.store.figures import _ORDER_TIMES_SQL

    plan = " | ".join(str(row[3]) for row in day_store.db.execute(
        "EXPLAIN QUERY PLAN " + _ORDER_TIMES_SQL, {"start": "a", "end": "b"}).fetchall())
    assert "orders_by_created" in plan and "SCAN o" not in plan, plan


def test_an_order_without_created_at_counts_from_when_it_was_first_seen(
        read: Read, day_store: Store) -> None:
    # HubRise sends B again without created_at: B was first seen here at 12:10 too.
    day_store.upsert_remote_order({"id": "B", "status": "completed",
                                   "service_type": "collection", "created_by": "Website",
                                   "items": [{"product_name": "Salad", "quantity": "1",
                                              "price": "9.50 EUR"}]})
    figures = read("today")
    assert figures.orders == 5 and figures.per_hour[12] == 3
    assert figures.to_ready == Spread(5, Decimal("10.0"), Decimal("20.0"))


def test_the_period_is_summed_walking_the_counts_in_order_without_sorting(
        day_store: Store) -> None:
    from kds.store.figures import _COUNTS_SQL

    plan = " | ".join(str(row[3]) for row in day_store.db.execute(
        "EXPLAIN QUERY PLAN " + _COUNTS_SQL, {"first": 0, "last": 1}))
    assert "SCAN figure_counts" in plan and "TEMP B-TREE" not in plan, plan
