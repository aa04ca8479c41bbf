"""Speed of service from counts of orders, not one row per order (issue 16: 100,000 orders).

The store counts the period's orders per (local hour, prep time), (service type, prep time),
(channel, prep time), (product, prep time), per step time and per lateness class (late_class),
each time in whole tenths of a minute (kds.kitchen.figures.tenths). A median or a 90th
percentile only needs the k-th smallest value, and the k-th smallest of rounded times is the
rounded k-th smallest time, so counting per tenth gives exactly what `compute` gives from the
rows: tests/unit/store/test_figures_fast.py compares the two on random histories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from kds.kitchen.channels import channel_of
from kds.kitchen.figures import (
    SLOWEST_PRODUCTS,
    Figures,
    Group,
    Period,
    ProductTime,
    Spread,
    from_tenths,
    late_percent,
    mean_minutes,
    spread_of,
)

GroupCount = tuple[str | None, int | None, int]  # (service type or channel, prep tenths, orders)
HourCount = tuple[int, int | None, int]          # (local hour, prep tenths or None, orders)
# (service type, channel, late kind, late minutes, orders): see late_class
LateCount = tuple[str | None, str | None, int | None, int | None, int]
ProductCount = tuple[str, int, int]              # (product, prep tenths, orders)
Histogram = Mapping[int, int]                    # tenths of a minute -> orders


@dataclass(frozen=True, slots=True)
class Counts:
    """What the store counted over the period's orders (None times are left out of steps)."""

    hours: Sequence[HourCount]
    services: Sequence[GroupCount]
    channels: Sequence[GroupCount]
    late: Sequence[LateCount]
    steps: Mapping[str, Histogram]                # "accepted" / "ready" / "completed"
    products: Sequence[ProductCount]
    preparation: int                              # the location's minutes (kds.kitchen.due)
    door: int | None


@lru_cache(maxsize=512)   # a kitchen has a few clients and refs; the rule reads words (~0.3 ms)
def channel_name(created_by: object, ref: object, service_type: str | None) -> str:
    """The badge's name for an order's client and ref (kds.kitchen.channels), "" if none.
    The arguments are what json_extract gives (text, numbers, None): hashable."""
    channel = channel_of(created_by, ref, service_type)
    return channel.name if channel else ""


def spread_of_counts(histogram: Histogram) -> Spread:
    """Median and p90 of a histogram of tenths of a minute."""
    ordered = sorted((value, count) for value, count in histogram.items() if count > 0)
    total = sum(count for _, count in ordered)

    def nth(index: int) -> Decimal:
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return from_tenths(value)
        raise IndexError(index)

    return spread_of(total, nth)


def _groups(rows: Iterable[GroupCount], late: Mapping[str, int]) -> tuple[Group, ...]:
    orders: Counter[str] = Counter()
    preps: dict[str, Counter[int]] = {}
    for name, prep, count in rows:
        key = name or "—"
        orders[key] += count
        if prep is not None:
            preps.setdefault(key, Counter())[prep] += count
    groups = [Group(key, count, late.get(key, 0), spread_of_counts(preps.get(key, {})))
              for key, count in orders.items()]
    return tuple(sorted(groups, key=lambda g: (-g.orders, g.name)))


def _late(counts: Counts) -> tuple[int, Counter[str], Counter[str]]:
    total, services, channels = 0, Counter[str](), Counter[str]()
    for service_type, channel, kind, minutes, orders in counts.late:
        if is_late(kind, minutes, counts.preparation, counts.door):
            total += orders
            services[service_type or "—"] += orders
            channels[channel or "—"] += orders
    return total, services, channels


def _hourly(rows: Iterable[HourCount]) -> tuple[tuple[int, ...], tuple[Decimal | None, ...]]:
    counts = [0] * 24
    preps: list[Counter[int]] = [Counter() for _ in range(24)]
    for hour, prep, orders in rows:
        counts[hour] += orders
        if prep is not None:
            preps[hour][prep] += orders
    return tuple(counts), tuple(spread_of_counts(p).median for p in preps)


def _slowest(rows: Iterable[ProductCount], limit: int) -> tuple[ProductTime, ...]:
    times: dict[str, Counter[int]] = {}
    for name, prep, orders in rows:
        times.setdefault(name, Counter())[prep] += orders
    found = [ProductTime(name, sum(h.values()), spread_of_counts(h).median or Decimal(0))
             for name, h in times.items()]
    found.sort(key=lambda p: (-p.median_prep, -p.orders, p.name))
    return tuple(found[:limit])


def from_counts(counts: Counts, period: Period, start: datetime, end: datetime) -> Figures:
    """The same Figures `kds.kitchen.figures.compute` gives, without its per-order rows."""
    per_hour, prep_by_hour = _hourly(counts.hours)
    prep: Counter[int] = Counter()
    for _, value, orders in counts.hours:
        if value is not None:
            prep[value] += orders
    late, late_services, late_channels = _late(counts)
    total = sum(per_hour)
    return Figures(
        period=period, start=start, end=end, orders=total, per_hour=per_hour,
        prep_by_hour=prep_by_hour,
        to_accepted=spread_of_counts(counts.steps.get("accepted", {})),
        to_ready=spread_of_counts(counts.steps.get("ready", {})),
        to_completed=spread_of_counts(counts.steps.get("completed", {})),
        late=late, late_percent=late_percent(late, total),
        by_service=_groups(counts.services, late_services),
        by_channel=_groups(counts.channels, late_channels),
        slowest=_slowest(counts.products, SLOWEST_PRODUCTS),
        avg_prep=mean_minutes(from_tenths(sum(v * n for v, n in prep.items())),
                              sum(prep.values())))


# How an order's lateness depends on the location's minutes (kds.kitchen.due.due_time), so the
# store can count orders once and the read decide with today's preparation and delivery times.
FIXED_ON_TIME, FIXED_LATE, BY_PREPARATION, BY_DOOR = 0, 1, 2, 3
_MINUTE = timedelta(minutes=1)
_MICROSECOND = timedelta(microseconds=1)


def late_class(*, arrived: datetime, finished: datetime | None, wanted: datetime | None,
               rider: datetime | None, service_type: str | None) -> tuple[int | None, int | None]:
    """(kind, whole minutes) for `is_late`: (None, None) for an order not finished.

    A rider's pickup, or a customer's time on an order that is not a delivery, fixes the due
    time: late or not is known now. A delivery's time loses the delivery minutes: late when
    fewer whole minutes than those separate ready from the customer's time. Otherwise the
    order is due `preparation` minutes after arrival: late when it took longer, i.e. when
    (duration - 1 µs) holds at least that many whole minutes."""
    if finished is None:
        return None, None
    if rider is not None or (wanted is not None and service_type != "delivery"):
        fixed = rider if rider is not None else wanted
        return (FIXED_LATE if fixed is not None and finished > fixed else FIXED_ON_TIME), None
    if wanted is not None:
        return BY_DOOR, (wanted - finished) // _MINUTE
    return BY_PREPARATION, (finished - arrived - _MICROSECOND) // _MINUTE


def is_late(kind: int | None, minutes: int | None, preparation: int, door: int | None) -> bool:
    """Whether an order of `late_class` (kind, minutes) was late with the location's minutes."""
    if kind == BY_PREPARATION:
        return minutes is not None and minutes >= preparation
    if kind == BY_DOOR:
        return minutes is not None and minutes < (door or 0)
    return kind == FIXED_LATE
