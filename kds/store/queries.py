"""What the board asks for: open tickets by due time, scheduled ones, done today, all-day counts.

Only open orders (an index on `done`) and today's done ones are read; history stays on disk.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kds.store.derive import item_lines
from kds.store.orders import ORDER_COLUMNS, OrdersMixin
from kds.store.rows import HistoryEntry, OrderRow
from kds.store.timefmt import from_db, from_db_required, to_db

log = logging.getLogger(__name__)

DEFAULT_PREPARATION_MINUTES = 15


class QueriesMixin(OrdersMixin):
    def preparation_minutes(self) -> int:
        """The location's preparation_time, or 15 minutes when unknown or malformed."""
        raw = self.get_location_raw()
        value = raw.get("preparation_time") if raw else None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 60:
            return value
        return DEFAULT_PREPARATION_MINUTES

    def get_location_raw(self) -> dict[str, Any] | None:
        text = self._one("SELECT raw FROM location WHERE id = 1")
        return None if text is None else dict(json.loads(text))

    def due_time(self, order: OrderRow, prep_minutes: int | None = None) -> datetime:
        """confirmed_time, else expected_time, else created (or first seen) + preparation time."""
        if order.confirmed_time is not None:
            return order.confirmed_time
        if order.expected_time is not None:
            return order.expected_time
        prep = self.preparation_minutes() if prep_minutes is None else prep_minutes
        return (order.created_at or order.first_seen_at) + timedelta(minutes=prep)

    def _open_orders(self) -> list[tuple[datetime, OrderRow]]:
        """Open orders with their due times; one refresh asks three times, the file once.

        The key changes with any commit: ours (total_changes) or another connection's
        (PRAGMA data_version), so a cached list is never stale.
        """
        key = (self.db.conn.total_changes, self._one("PRAGMA data_version"))
        cached = getattr(self, "_open_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        timed = self._read_open_orders()
        self._open_cache = (key, timed)
        return timed

    def _read_open_orders(self) -> list[tuple[datetime, OrderRow]]:
        cursor = self.db.execute(f"SELECT {ORDER_COLUMNS} FROM orders WHERE done = 0")
        names = [d[0] for d in cursor.description]
        records = [dict(zip(names, row)) for row in cursor.fetchall()]
        states = self._sync_states(None)
        prep = self.preparation_minutes()
        rows = [self._to_row(record, states) for record in records]
        timed = [(self.due_time(row, prep), row) for row in rows]
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

    def done_today(self, now: datetime, tz: str) -> list[OrderRow]:
        """Orders that reached a done status since local midnight, newest first."""
        zone = _zone(tz)
        local = now.astimezone(zone)
        midnight = datetime.combine(local.date(), time(0), tzinfo=zone)
        cursor = self.db.execute(
            f"SELECT {ORDER_COLUMNS} FROM orders WHERE done = 1 AND last_status_change_at >= ? "
            "ORDER BY last_status_change_at DESC, id", [to_db(midnight)])
        names = [d[0] for d in cursor.description]
        records = [dict(zip(names, row)) for row in cursor.fetchall()]
        states = self._sync_states([r["id"] for r in records]) if records else {}
        return [self._to_row(record, states) for record in records]

    def all_day_counts(self, now: datetime, lead_minutes: int) -> list[tuple[str, Decimal]]:
        """Total quantity per product + sku across active tickets (deleted items left out),
        largest first: what the kitchen has to make right now."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for order in self.active_orders(now, lead_minutes):
            for label, quantity in item_lines(order.raw):
                totals[label] += quantity
        return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))

    def order_history(self, order_id: str) -> list[HistoryEntry]:
        rows = self.db.execute(
            "SELECT order_id, status, at, by FROM status_history WHERE order_id = ? "
            "ORDER BY at, id", [order_id]).fetchall()
        return [HistoryEntry(r[0], r[1], from_db_required(r[2]), r[3]) for r in rows]

    def last_status_change(self, order_id: str) -> datetime | None:
        return from_db(self._one(
            "SELECT MAX(at) FROM status_history WHERE order_id = ?", [order_id]))


def _zone(name: str) -> ZoneInfo | timezone:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        log.warning("unknown timezone %r, using UTC for 'today'", name)
        return timezone.utc
