"""The arithmetic of speed of service (kds.kitchen.figures), without a store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from kds.kitchen.figures import OrderTimes, compute, period_bounds, spread, to_csv

PARIS = ZoneInfo("Europe/Paris")


def test_spread_median_of_an_even_count_and_nearest_rank_p90() -> None:
    values = [Decimal(v) for v in (4, 1, 3, 2)]
    result = spread(values + [None])
    assert (result.count, result.median, result.p90) == (4, Decimal("2.5"), Decimal("4"))
    assert spread([]).median is None
    ten = spread(Decimal(v) for v in range(1, 11))
    assert ten.p90 == Decimal("9")


def test_week_spans_seven_local_days_across_the_clock_change() -> None:
    # France went back to UTC+1 on 25 Oct 2026: that local day had 25 hours.
    now = datetime(2026, 10, 31, 12, 0, tzinfo=PARIS)
    start, end = period_bounds("week", now, PARIS)
    assert start == datetime(2026, 10, 25, 0, 0, tzinfo=PARIS)
    assert end == datetime(2026, 11, 1, 0, 0, tzinfo=PARIS)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=7, hours=1)


def test_an_order_not_yet_ready_is_neither_late_nor_timed() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=PARIS)
    row = OrderTimes("x", now - timedelta(hours=1), now - timedelta(minutes=45), "collection",
                     "Website")
    figures = compute([row], "today", now, PARIS)
    assert figures.late == 0 and figures.to_ready.count == 0 and figures.orders == 1
    assert figures.avg_prep is None


def test_csv_cells_from_the_network_never_start_a_formula() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=PARIS)
    row = OrderTimes("=HYPERLINK(1)", now - timedelta(hours=1), None, None, "+Evil")
    text = to_csv(compute([row], "today", now, PARIS), PARIS)
    cells = text.splitlines()[1].split(",")
    assert cells[0] == "'=HYPERLINK(1)" and cells[7] == "'+Evil"
