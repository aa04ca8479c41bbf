"""Speed of service: how fast the kitchen went, from the status history the store keeps (issue 16).

Qt-free and SQL-free: the store (kds/store/figures.py) reads one `OrderTimes` per order of the
period in a single query; everything here is arithmetic on those rows. Minutes are Decimal
(one decimal place), so a figure printed on screen and in the CSV is the same number.

Words: *arrival* is when the order was placed (created_at, else first seen here); *accepted*,
*ready* and *completed* are the first time the history shows the order at that step or later
(a step skipped by a tap counts as reached by the next one); an order is *late* when it was
ready (else completed) after its due time (kds.kitchen.due).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from kds.kitchen.words import translate

Period = Literal["today", "yesterday", "week"]
PERIODS: tuple[Period, ...] = ("today", "yesterday", "week")
PERIOD_LABELS: dict[Period, str] = {"today": "Today", "yesterday": "Yesterday",
                                    "week": "Last 7 days"}
# The statuses at or after each step (seed 001 §3 flows): the first such history line counts.
ACCEPTED_OR_LATER = ("accepted", "in_preparation", "awaiting_shipment", "awaiting_collection",
                     "in_delivery", "completed")
READY_OR_LATER = ("awaiting_shipment", "awaiting_collection", "in_delivery", "completed")
SLOWEST_PRODUCTS = 5
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class OrderTimes:
    """One order of the period, as the store reads it (plain values, no payload)."""

    order_id: str
    arrived_at: datetime
    due_at: datetime | None
    service_type: str | None
    channel: str                       # the badge's name (kds.kitchen.channels), "" if none
    accepted_at: datetime | None = None
    ready_at: datetime | None = None
    completed_at: datetime | None = None
    products: tuple[str, ...] = ()     # product names on the order (each once)
    # Arrival to ready (else completed): the kitchen's time, worked out once (read many times).
    prep_minutes: Decimal | None = field(init=False, default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prep_minutes", _minutes(self.arrived_at, self.finished_at))

    @property
    def finished_at(self) -> datetime | None:
        return self.ready_at or self.completed_at

    @property
    def late(self) -> bool:
        finished = self.finished_at
        return finished is not None and self.due_at is not None and finished > self.due_at


@dataclass(frozen=True, slots=True)
class Spread:
    """Median and 90th percentile in minutes; None when no order reached the step."""

    count: int
    median: Decimal | None
    p90: Decimal | None


@dataclass(frozen=True, slots=True)
class Group:
    """One service type or channel."""

    name: str
    orders: int
    late: int
    prep: Spread


@dataclass(frozen=True, slots=True)
class ProductTime:
    name: str
    orders: int
    median_prep: Decimal


@dataclass(frozen=True, slots=True)
class Figures:
    period: Period
    start: datetime                    # local midnight the period starts
    end: datetime                      # local midnight after it
    orders: int
    per_hour: tuple[int, ...]          # 24 counts by local hour of arrival
    prep_by_hour: tuple[Decimal | None, ...]   # 24 median prep minutes (None: no order)
    to_accepted: Spread
    to_ready: Spread
    to_completed: Spread
    late: int
    late_percent: Decimal
    by_service: tuple[Group, ...]
    by_channel: tuple[Group, ...]
    slowest: tuple[ProductTime, ...]
    avg_prep: Decimal | None = None    # mean arrival-to-ready minutes (the header's "avg prep")
    rows: tuple[OrderTimes, ...] = ()  # one per order, when asked for (the CSV)


def mean_minutes(total: Decimal, count: int) -> Decimal | None:
    """The mean of `count` durations adding up to `total` minutes, to the tenth."""
    return _tenth(total / count) if count else None


def period_bounds(period: Period, now: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """Local midnight to local midnight: today, yesterday, or the last 7 days ending today."""
    today = now.astimezone(zone).date()
    first = {"today": today, "yesterday": today - timedelta(days=1),
             "week": today - timedelta(days=6)}[period]
    last = today - timedelta(days=1) if period == "yesterday" else today
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


_MICROSECOND = timedelta(microseconds=1)
_US_PER_TENTH = 6_000_000   # microseconds in a tenth of a minute


def tenths(start: datetime | None, end: datetime | None) -> int | None:
    """Tenths of a minute from `start` to `end`, rounded half up; None when either is missing
    or `end` comes first. Whole numbers, so the store can count orders by it (kds/store)."""
    if start is None or end is None or end < start:
        return None
    return ((end - start) // _MICROSECOND + _US_PER_TENTH // 2) // _US_PER_TENTH


def from_tenths(value: int) -> Decimal:
    """123 → Decimal("12.3"), the same Decimal the rounding of a duration gives."""
    return Decimal(value).scaleb(-1)


def _minutes(start: datetime | None, end: datetime | None) -> Decimal | None:
    value = tenths(start, end)
    return None if value is None else from_tenths(value)


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def spread(values: Iterable[Decimal | None]) -> Spread:
    """Median (mean of the two middle values for an even count) and p90 (nearest rank)."""
    ordered = sorted(v for v in values if v is not None)
    return spread_of(len(ordered), ordered.__getitem__)


def spread_of(count: int, nth: Callable[[int], Decimal]) -> Spread:
    """The spread of `count` values given the k-th smallest (from 0): from a sorted list, or
    from counts of orders per tenth of a minute (kds.kitchen.figures_counts)."""
    if not count:
        return Spread(0, None, None)
    middle = count // 2
    median = nth(middle) if count % 2 else (nth(middle - 1) + nth(middle)) / 2
    p90 = nth(max(0, math.ceil(Decimal("0.9") * count) - 1))
    return Spread(count, _tenth(median), p90)


def _groups(rows: Sequence[OrderTimes], key: str) -> tuple[Group, ...]:
    buckets: dict[str, list[OrderTimes]] = {}
    for row in rows:
        name = (row.service_type if key == "service" else row.channel) or "—"
        buckets.setdefault(name, []).append(row)
    groups = [Group(name, len(items), sum(r.late for r in items),
                    spread(r.prep_minutes for r in items)) for name, items in buckets.items()]
    return tuple(sorted(groups, key=lambda g: (-g.orders, g.name)))


def _slowest(rows: Sequence[OrderTimes], limit: int) -> tuple[ProductTime, ...]:
    times: dict[str, list[Decimal]] = {}
    for row in rows:
        prep = row.prep_minutes
        if prep is None:
            continue
        for name in row.products:
            times.setdefault(name, []).append(prep)
    found = [ProductTime(name, len(values), spread(values).median or Decimal(0))
             for name, values in times.items()]
    found.sort(key=lambda p: (-p.median_prep, -p.orders, p.name))
    return tuple(found[:limit])


def _hourly(rows: Sequence[OrderTimes], zone: tzinfo) -> tuple[tuple[int, ...],
                                                              tuple[Decimal | None, ...]]:
    counts = [0] * 24
    preps: list[list[Decimal | None]] = [[] for _ in range(24)]
    for row in rows:
        hour = row.arrived_at.astimezone(zone).hour
        counts[hour] += 1
        preps[hour].append(row.prep_minutes)
    return tuple(counts), tuple(spread(values).median for values in preps)


def compute(rows: Sequence[OrderTimes], period: Period, now: datetime,
            zone: tzinfo) -> Figures:
    """The figures of `period` from the orders that arrived in it (others are left out)."""
    start, end = period_bounds(period, now, zone)
    kept = tuple(r for r in rows if start <= r.arrived_at < end)
    per_hour, prep_by_hour = _hourly(kept, zone)
    late = sum(r.late for r in kept)
    preps = [m for m in (row.prep_minutes for row in kept) if m is not None]
    return Figures(
        period=period, start=start, end=end, orders=len(kept), per_hour=per_hour,
        prep_by_hour=prep_by_hour,
        to_accepted=spread(_minutes(r.arrived_at, r.accepted_at) for r in kept),
        to_ready=spread(_minutes(r.arrived_at, r.ready_at) for r in kept),
        to_completed=spread(_minutes(r.arrived_at, r.completed_at) for r in kept),
        late=late, late_percent=late_percent(late, len(kept)),
        by_service=_groups(kept, "service"), by_channel=_groups(kept, "channel"),
        slowest=_slowest(kept, SLOWEST_PRODUCTS),
        avg_prep=mean_minutes(sum(preps, Decimal(0)), len(preps)), rows=kept)


def late_percent(late: int, orders: int) -> Decimal:
    return _tenth(Decimal(late * 100) / orders) if orders else Decimal(0)


def header_line(figures: Figures) -> str:
    """The header's one line during service: "avg prep 14 min · 3 late"."""
    prep = figures.avg_prep
    if prep is None:
        return translate("Figures", "avg prep — · {late} late").format(late=figures.late)
    return translate("Figures", "avg prep {minutes} min · {late} late").format(
        minutes=prep.to_integral_value(), late=figures.late)


CSV_COLUMNS = ("order", "arrived", "accepted", "ready", "completed", "due", "service_type",
               "channel", "prep_minutes", "late")


def _stamp(value: datetime | None, zone: tzinfo) -> str:
    return "" if value is None else value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def to_csv(figures: Figures, zone: tzinfo) -> str:
    """One line per order of the period, local times, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in sorted(figures.rows, key=lambda r: (r.arrived_at, r.order_id)):
        prep = row.prep_minutes
        writer.writerow([_safe(row.order_id), _stamp(row.arrived_at, zone),
                         _stamp(row.accepted_at, zone), _stamp(row.ready_at, zone),
                         _stamp(row.completed_at, zone), _stamp(row.due_at, zone),
                         _safe(row.service_type or ""), _safe(row.channel),
                         "" if prep is None else str(prep), "yes" if row.late else "no"])
    return out.getvalue()


def _safe(text: str) -> str:
    """Network text in a spreadsheet: a leading = + - @ would be run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
