"""An in-memory BoardSource for tests, screenshots and the benchmark (same rules as the Store).

Not for production: nothing persists and nothing reaches HubRise.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from kds.clock import Clock
from kds.kitchen import due
from kds.kitchen.allday import all_day_totals
from kds.kitchen.timezone import zone_named
from kds.hubrise.order_model import parse_order
from kds.hubrise.statuses import DONE_STATUSES
from kds.store.rows import OrderRow, SyncCounts


class MemoryBoardSource:
    def __init__(self, clock: Clock, preparation_minutes: int = 15) -> None:
        self.clock = clock
        self.preparation_minutes = preparation_minutes
        self.rows: dict[str, OrderRow] = {}
        self.calls: list[tuple[str, str, dict[str, Any]]] = []   # (action, order id, details)

    # -- feeding it, as HubRise would ---------------------------------------------------------
    def add_remote(self, raw: dict[str, Any], *, seen: bool = False) -> OrderRow:
        order = parse_order(raw)
        now = self.clock.now()
        old = self.rows.get(order.id)
        remote_change = None
        if old is not None and order.status == "cancelled" and old.status != "cancelled":
            remote_change = "cancelled"
        elif old is not None and raw != old.raw:
            remote_change = "changed"
        row = OrderRow(
            id=order.id, status=order.status, remote_status=order.status,
            service_type=order.service_type, created_at=order.created_at,
            expected_time=order.expected_time, confirmed_time=order.confirmed_time,
            first_seen_at=old.first_seen_at if old else now,
            last_status_change_at=now, raw=raw,
            problems=tuple(f"{p.field}: {p.message}" for p in order.problems),
            seen=seen if old is None else old.seen, remote_change=remote_change,
            rush=old.rush if old else False)   # the kitchen's flag: HubRise never sends it
        self.rows[order.id] = row
        return row

    def set_sync(self, order_id: str, state: str, error: str | None = None) -> None:
        self.rows[order_id] = dataclasses.replace(
            self.rows[order_id], sync_state=state, sync_error=error)  # type: ignore[arg-type]

    # -- BoardSource --------------------------------------------------------------------------
    def _due(self, row: OrderRow) -> datetime:
        return due.due_time(confirmed_time=row.confirmed_time, expected_time=row.expected_time,
                            created_at=row.created_at, first_seen_at=row.first_seen_at,
                            preparation=self.preparation_minutes,
                            service_type=row.service_type,
                            rider_pickup=due.rider_pickup_at(row.raw))

    def _open(self) -> list[OrderRow]:
        rows = [dataclasses.replace(row, due_at=self._due(row))
                for row in self.rows.values() if row.status not in DONE_STATUSES]
        return sorted(rows, key=lambda row: (row.due_at, row.id))

    def active_orders(self, now: datetime, lead_minutes: int) -> list[OrderRow]:
        horizon = now + timedelta(minutes=lead_minutes)
        return [row for row in self._open() if row.due_at is not None and row.due_at <= horizon]

    def scheduled_orders(self, now: datetime, lead_minutes: int) -> list[OrderRow]:
        horizon = now + timedelta(minutes=lead_minutes)
        return [row for row in self._open() if row.due_at is not None and row.due_at > horizon]

    def done_today(self, now: datetime, tz: str | None) -> list[OrderRow]:
        local = now.astimezone(zone_named(tz))
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        rows = [row for row in self.rows.values()
                if row.status in DONE_STATUSES and row.last_status_change_at >= midnight]
        return sorted(rows, key=lambda row: row.last_status_change_at, reverse=True)

    def all_day_counts(self, now: datetime, lead_minutes: int) -> list[tuple[str, Decimal]]:
        return all_day_totals(row.raw for row in self.active_orders(now, lead_minutes))

    def set_order_status(self, order_id: str, status: str, *,
                         confirmed_time: datetime | None = None,
                         reason: str | None = None, seller_notes: str | None = None) -> int:
        row = self.rows[order_id]
        self.rows[order_id] = dataclasses.replace(
            row, status=status, seen=True, sync_state="pending",
            confirmed_time=confirmed_time or row.confirmed_time,
            last_status_change_at=self.clock.now())
        self.calls.append(("status", order_id, {"status": status, "reason": reason,
                                                 "confirmed_time": confirmed_time,
                                                 **({"seller_notes": seller_notes}
                                                    if seller_notes else {})}))
        return len(self.calls)

    def mark_seen(self, order_id: str) -> None:
        self.rows[order_id] = dataclasses.replace(self.rows[order_id], seen=True)
        self.calls.append(("seen", order_id, {}))

    def dismiss_remote_change(self, order_id: str) -> None:
        self.rows[order_id] = dataclasses.replace(self.rows[order_id], remote_change=None,
                                                  seen=True)
        self.calls.append(("dismiss", order_id, {}))

    def set_rush(self, order_id: str, rush: bool) -> None:
        # Local only, like the Store: the sync state (this source's outbox) is left alone.
        self.rows[order_id] = dataclasses.replace(self.rows[order_id], rush=rush)
        self.calls.append(("rush", order_id, {"rush": rush}))

    def outbox_counts(self) -> SyncCounts:
        states = [row.sync_state for row in self.rows.values()]
        return SyncCounts(pending=states.count("pending"), failed=states.count("failed"))
