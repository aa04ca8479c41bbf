"""What the board asks for: open tickets by due time, scheduled ones, done today, all-day counts.

Only open orders (an index on `done`) and today's done ones are read; history stays on disk.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from kds.kitchen import due
from kds.kitchen.allday import all_day_totals
from kds.kitchen.timezone import zone_named
from kds.store.orders import ORDER_COLUMNS, OrdersMixin
from kds.store.rows import HistoryEntry, OrderRow
from kds.store.timefmt import from_db, from_db_required, to_db

log = logging.getLogger(__name__)



class QueriesMixin(OrdersMixin):
    def preparation_minutes(self, now: datetime | None = None) -> int:
        """Creation-to-due minutes for orders with no requested time (kds.kitchen.due)."""
        return due.preparation_minutes(self.get_location_raw(), now or self.clock.now())

    def get_location_raw(self) -> dict[str, Any] | None:
        text = self._one("SELECT raw FROM location WHERE id = 1")
        return None if text is None else dict(json.loads(text))

    def due_time(self, order: OrderRow, prep_minutes: int | None = None,
                 door_minutes: int | None = None) -> datetime:
        """When `order` must be ready (kds.kitchen.due), with the location's times now."""
        prep = self.preparation_minutes() if prep_minutes is None else prep_minutes
        if door_minutes is None:
            door_minutes = due.door_minutes(self.get_location_raw())
        return due.due_time(confirmed_time=order.confirmed_time, expected_time=order.expected_time,
                            created_at=order.created_at, first_seen_at=order.first_seen_at,
                            preparation=prep, service_type=order.service_type,
                            door_minutes=door_minutes,
                            rider_pickup=due.rider_pickup_at(order.raw))

    def _open_orders(self) -> list[tuple[datetime, OrderRow]]:
        """Open orders with their due times; one refresh asks three times, the file once.

        The key changes with any commit: ours (total_changes) or another connection's
        (PRAGMA data_version), so a cached list is never stale.
        """
        # Busy mode's extra time can end on its own (resume_at): the minutes are part of the key.
        location = self.get_location_raw()   # one read for both location figures
        prep = due.preparation_minutes(location, self.clock.now())
        door = due.door_minutes(location)
        key = (self.db.conn.total_changes, self._one("PRAGMA data_version"), prep, door)
        cached: tuple[Any, list[tuple[datetime, OrderRow]]] | None = getattr(
            self, "_open_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        timed = self._read_open_orders(prep, door)
        self._open_cache = (key, timed)
        return timed

    def _read_open_orders(self, prep: int,
                          door: int | None) -> list[tuple[datetime, OrderRow]]:
        cursor = self.db.execute(f"SELECT {ORDER_COLUMNS} FROM orders WHERE done = 0")
        names = [d[0] for d in cursor.description]
        records = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        states = self._sync_states(None)
        rows = self._with_local_progress([self._to_row(record, states) for record in records])
        timed = [(when, dataclasses.replace(row, due_at=when))
                 for when, row in ((self.due_time(row, prep, door), row) for row in rows)]
        timed.sort(key=lambda pair: (pair[0], pair[1].id))
        return timed

    def active_orders(self, now: datetime, lead_minutes: int) -> list[OrderRow]:
        """Open tickets due within `lead_minutes` (overdue ones included), soonest first."""
        horizon = now + timedelta(minutes=lead_minutes)
        return [row for due, row in self._open_orders() if due <= horizon]

    def scheduled_orders(self, now: datetime, lead_minutes: int) -> list[OrderRow]:
        """Open tickets due later than the lead window, soonest first."""
        horizon = now + timedelta(minutes=lead_minutes)
        return [row for due, row in self._open_orders() if due > horizon]

    def done_today(self, now: datetime, tz: str | None) -> list[OrderRow]:
        """Orders that reached a done status since local midnight, newest first."""
        zone = zone_named(tz)
        local = now.astimezone(zone)
        midnight = datetime.combine(local.date(), time(0), tzinfo=zone)
        cursor = self.db.execute(
            f"SELECT {ORDER_COLUMNS} FROM orders WHERE done = 1 AND last_status_change_at >= ? "
            "ORDER BY last_status_change_at DESC, id", [to_db(midnight)])
        names = [d[0] for d in cursor.description]
        records = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        states = self._sync_states([r["id"] for r in records]) if records else {}
        return self._with_local_progress([self._to_row(record, states) for record in records])

    def all_day_counts(self, now: datetime, lead_minutes: int) -> list[tuple[str, Decimal]]:
        """Total quantity per product + sku across active tickets (deleted items left out),
        largest first: what the kitchen has to make right now."""
        return all_day_totals(order.raw for order in self.active_orders(now, lead_minutes))

    def order_history(self, order_id: str) -> list[HistoryEntry]:
        rows = self.db.execute(
            "SELECT order_id, status, at, by FROM status_history WHERE order_id = ? "
            "ORDER BY at, id", [order_id]).fetchall()
        return [HistoryEntry(r[0], r[1], from_db_required(r[2]), r[3]) for r in rows]

    def last_status_change(self, order_id: str) -> datetime | None:
        return from_db(self._one(
            "SELECT MAX(at) FROM status_history WHERE order_id = ?", [order_id]))
