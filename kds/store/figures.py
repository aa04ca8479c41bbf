"""Speed-of-service figures (kds.kitchen.figures) read from the store.

Two reads giving the same Figures (tests/unit/store/test_figures_fast.py compares them):
- `figures(period)`: the screen and the header. The period's days of the counts kept as orders
  are written (kds/store/figure_facts.py), summed by SQLite; kds.kitchen.figures_counts turns
  them into medians, percentiles and late orders.
- `figures(period, rows=True)`: one `OrderTimes` per order (the CSV export needs them), read
  from the orders and their history and computed by kds.kitchen.figures.compute.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, tzinfo
from typing import Any

from kds.kitchen import due
from kds.kitchen.figures import Figures, OrderTimes, Period, compute, period_bounds
from kds.kitchen.figures_counts import Counts, channel_name, from_counts
from kds.kitchen.timezone import location_zone
from kds.store.figure_facts import (
    ACCEPTED,
    CHANNEL,
    COMPLETED,
    HOUR,
    LATENESS,
    NO_VALUE,
    ORDER_RECORD_SQL,
    PRODUCT,
    READY,
    SERVICE,
    delivery_of,
    facts_key,
    product_names,
    stored_facts_key,
)
from kds.store.queries import QueriesMixin
from kds.store.timefmt import from_db, from_db_required, to_db

# Correlated reads of the history (its order_id index) and no GROUP BY, so the period's range
# uses the orders' created_at index instead of scanning every order ever stored.
_ORDER_TIMES_SQL = ORDER_RECORD_SQL + """
WHERE (o.created_at >= :start AND o.created_at < :end)
   OR (o.created_at IS NULL AND o.first_seen_at >= :start AND o.first_seen_at < :end)
"""

# The period's days summed cell by cell, walking the counts' key in order (no sort: a sort of
# 100,000 rows alone costs ~60 ms on the 2-core test machine).
_COUNTS_SQL = """
SELECT what, key, key2, value, value2, sum(orders) FROM figure_counts
WHERE day >= :first AND day <= :last
GROUP BY what, key, key2, value, value2 HAVING sum(orders) != 0"""
_STEPS = {ACCEPTED: "accepted", READY: "ready", COMPLETED: "completed"}
KEPT_DAYS = 14   # the counts keep two weeks: "Last 7 days" reaches 6 days back


def _value(value: int) -> int | None:
    return None if value == NO_VALUE else value


def _counts(rows: list[tuple[Any, ...]], location: dict[str, Any] | None) -> Counts:
    hours, services, channels, late, products = [], [], [], [], []
    steps: dict[str, dict[int, int]] = {name: {} for name in _STEPS.values()}
    for what, key, key2, value, value2, orders in rows:
        if what == HOUR:
            hours.append((int(key), _value(value), orders))
        elif what == SERVICE:
            services.append((key, _value(value), orders))
        elif what == CHANNEL:
            channels.append((key, _value(value), orders))
        elif what == LATENESS:
            late.append((key, key2, _value(value), value2, orders))
        elif what == PRODUCT:
            products.append((key, value, orders))
        elif what in _STEPS:
            steps[_STEPS[what]][value] = orders
    return Counts(hours=hours, services=services, channels=channels, late=late, steps=steps,
                  products=products, preparation=due.base_preparation_minutes(location),
                  door=due.door_minutes(location))


class FiguresMixin(QueriesMixin):
    read_only_reason: str | None = None   # the Store's: set when nothing can be written

    def order_times(self, start: datetime, end: datetime) -> list[OrderTimes]:
        """Every order that arrived in [start, end), with its step times and due time."""
        location = self.get_location_raw()
        prep = due.base_preparation_minutes(location)   # busy extra time is not kept in history
        door = due.door_minutes(location)
        cursor = self.db.execute(_ORDER_TIMES_SQL, {"start": to_db(start), "end": to_db(end)})
        channels: dict[tuple[Any, ...], str] = {}   # a few clients and refs, many orders
        return [self._order_times(record, prep, door, channels) for record in cursor.fetchall()]

    @staticmethod
    def _order_times(record: tuple[Any, ...], prep: int, door: int | None,
                     channels: dict[tuple[Any, ...], str]) -> OrderTimes:
        (order_id, arrived, service_type, confirmed, expected, created, first_seen, created_by,
         ref, items, delivery, accepted_at, ready_at, completed_at) = record
        key = (created_by, ref, service_type)
        if key not in channels:
            channels[key] = channel_name(created_by, ref, service_type)
        due_at = due.due_time(confirmed_time=from_db(confirmed), expected_time=from_db(expected),
                              created_at=from_db(created),
                              first_seen_at=from_db_required(first_seen),
                              preparation=prep, service_type=service_type, door_minutes=door,
                              rider_pickup=due.rider_pickup_at(delivery_of(delivery)))
        return OrderTimes(order_id=order_id, arrived_at=from_db_required(arrived), due_at=due_at,
                          service_type=service_type, channel=channels[key],
                          accepted_at=from_db(accepted_at), ready_at=from_db(ready_at),
                          completed_at=from_db(completed_at), products=product_names(items))

    def figures(self, period: Period, now: datetime | None = None, *,
                rows: bool = False) -> Figures:
        """Speed of service for today / yesterday / the last 7 days, in the location's zone;
        with `rows`, also one OrderTimes per order (slower: for the CSV export)."""
        now = now or self.clock.now()
        location = self.get_location_raw()
        zone = location_zone(location)
        start, end = period_bounds(period, now, zone)
        first = start.astimezone(zone).toordinal()
        if rows or not self._facts_current(location) or first < self._counted_from(zone):
            figures = compute(self.order_times(start, end), period, now, zone)
            return figures if rows else dataclasses.replace(figures, rows=())
        last = end.astimezone(zone).date() - timedelta(days=1)   # end: midnight after it
        counted = self.db.execute(_COUNTS_SQL, {"first": first,
                                                "last": last.toordinal()}).fetchall()
        return from_counts(_counts(counted, location), period, start, end)

    def _counted_from(self, zone: tzinfo) -> int:
        """The first local day (ordinal) the counts still hold. The read walks every counted
        day, so days no period reaches are dropped, a week at a time (KEPT_DAYS); an older
        period is read order by order."""
        kept = int(self._one("SELECT value FROM meta WHERE key = 'figure_counts_from'") or 0)
        wanted = self.clock.now().astimezone(zone).toordinal() - KEPT_DAYS
        if wanted - kept < 7 or self.read_only_reason is not None:
            return kept
        with self.transaction():
            self.db.execute("DELETE FROM figure_counts WHERE day < ?", [wanted])
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) "
                            "VALUES ('figure_counts_from', ?)", [str(wanted)])
        return wanted

    def _facts_current(self, location: dict[str, Any] | None) -> bool:
        """The stored counts fit the location's zone and today's rules; else count every order
        again (after an update that changed a rule). A store that cannot write says no."""
        if stored_facts_key(self.db.conn) == facts_key(location):
            return True
        if self.read_only_reason is not None:
            return False
        with self.transaction():
            self._recount_figures_if_stale()
        return True
