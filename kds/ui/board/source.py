"""What the board needs from the store: a Protocol the real Store satisfies, plus board settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from decimal import Decimal
from typing import Protocol, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kds.store.rows import OrderRow, SyncCounts
from kds.ui.board.ticket import Thresholds


class BoardSource(Protocol):
    def active_orders(self, now: datetime, lead_minutes: int) -> Sequence[OrderRow]: ...

    def scheduled_orders(self, now: datetime, lead_minutes: int) -> Sequence[OrderRow]: ...

    def done_today(self, now: datetime, tz: str) -> Sequence[OrderRow]: ...

    def all_day_counts(self, now: datetime,
                       lead_minutes: int) -> Sequence[tuple[str, Decimal]]: ...

    def set_order_status(self, order_id: str, status: str, *,
                         confirmed_time: datetime | None = None,
                         reason: str | None = None,
                         seller_notes: str | None = None) -> int: ...

    def mark_seen(self, order_id: str) -> None: ...

    def dismiss_remote_change(self, order_id: str) -> None: ...

    def set_rush(self, order_id: str, rush: bool) -> None: ...

    def outbox_counts(self) -> SyncCounts: ...


@dataclass(frozen=True, slots=True)
class BoardConfig:
    """Kitchen preferences the board reads; the lead maps them from kds.store.settings.Settings."""

    timezone_name: str = "Europe/Paris"  # the location's; "today" and clock times use it
    lead_minutes: int = 30               # scheduled orders join the board this long before due
    thresholds: Thresholds = field(default_factory=Thresholds)
    preparation_minutes: int | None = None   # the location's; None → thresholds default
    alert_repeat_seconds: float = 10.0   # new-order sound repeats this often until touched
    undo_seconds: float = 6.0            # how long the undo bar stays after a bump
    ask_confirmed_time: bool = True      # accepting offers +5/+10/+15/+20 min
    refresh_seconds: float = 15.0        # re-query so scheduled orders move in on time
    card_width: int = 300
    touch_hold_ms: int = 1500            # after a tap, tickets keep their places this long

    @property
    def tz(self) -> tzinfo:
        try:
            return ZoneInfo(self.timezone_name)
        except (ZoneInfoNotFoundError, ValueError):
            return timezone.utc
