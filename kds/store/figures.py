"""Speed-of-service rows (kds.kitchen.figures): one SQL read of the period's orders with the
first time each reached accepted / ready / completed, taken from status_history in the same
query (the history index serves the join; no per-order query)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from kds.kitchen import due
from kds.kitchen.channels import channel_of
from kds.kitchen.figures import (
    ACCEPTED_OR_LATER,
    READY_OR_LATER,
    Figures,
    OrderTimes,
    Period,
    compute,
    period_bounds,
)
from kds.kitchen.timezone import location_zone
from kds.store.queries import QueriesMixin
from kds.store.timefmt import from_db, from_db_required, to_db


def _in(statuses: tuple[str, ...]) -> str:
    return ", ".join(f"'{s}'" for s in statuses)   # fixed words from kds.kitchen, not input


_FIRST_AT = "(SELECT min(h.at) FROM status_history h WHERE h.order_id = o.id AND h.status {})"
# Correlated reads of the history (its order_id index) and no GROUP BY, so the period's range
# uses the orders' created_at index instead of scanning every order ever stored.
_ORDER_TIMES_SQL = f"""
SELECT o.id, coalesce(o.created_at, o.first_seen_at) AS arrived, o.service_type,
       o.confirmed_time, o.expected_time, o.created_at, o.first_seen_at,
       json_extract(o.raw, '$.created_by'), json_extract(o.raw, '$.service_type_ref'),
       json_extract(o.raw, '$.items'), json_extract(o.raw, '$.delivery'),
       {_FIRST_AT.format(f"IN ({_in(ACCEPTED_OR_LATER)})")},
       {_FIRST_AT.format(f"IN ({_in(READY_OR_LATER)})")},
       {_FIRST_AT.format("= 'completed'")}
FROM orders o
WHERE (o.created_at >= :start AND o.created_at < :end)
   OR (o.created_at IS NULL AND o.first_seen_at >= :start AND o.first_seen_at < :end)
"""


def _products(items_json: object) -> tuple[str, ...]:
    if not isinstance(items_json, str):
        return ()
    try:
        items = json.loads(items_json)
    except ValueError:
        return ()
    names = (item.get("product_name") for item in items if isinstance(item, dict)) \
        if isinstance(items, list) else ()
    return tuple(dict.fromkeys(n.strip()[:80] for n in names if isinstance(n, str) and n.strip()))


def _delivery(text: object) -> dict[str, Any] | None:
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return {"delivery": value} if isinstance(value, dict) else None


class FiguresMixin(QueriesMixin):
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
            channel = channel_of(created_by, ref, service_type)
            channels[key] = channel.name if channel else ""
        due_at = due.due_time(confirmed_time=from_db(confirmed), expected_time=from_db(expected),
                              created_at=from_db(created),
                              first_seen_at=from_db_required(first_seen),
                              preparation=prep, service_type=service_type, door_minutes=door,
                              rider_pickup=due.rider_pickup_at(_delivery(delivery)))
        return OrderTimes(order_id=order_id, arrived_at=from_db_required(arrived), due_at=due_at,
                          service_type=service_type, channel=channels[key],
                          accepted_at=from_db(accepted_at), ready_at=from_db(ready_at),
                          completed_at=from_db(completed_at), products=_products(items))

    def figures(self, period: Period, now: datetime | None = None) -> Figures:
        """Speed of service for today / yesterday / the last 7 days, in the location's zone."""
        now = now or self.clock.now()
        zone = location_zone(self.get_location_raw())
        start, end = period_bounds(period, now, zone)
        return compute(self.order_times(start, end), period, now, zone)
