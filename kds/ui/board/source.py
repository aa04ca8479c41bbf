"""What the board needs from the store: a Protocol the real Store satisfies, plus board settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, Sequence

from kds.kitchen.acceptance import SuggestionThresholds
from kds.kitchen.item_marks import NO_MARKS, MenuMarks
from kds.kitchen.timezone import zone_named
from kds.store.rows import OrderRow, SyncCounts
from kds.ui.board.ticket import Thresholds

if TYPE_CHECKING:   # the lens imports the ticket module, as this one does
    from kds.ui.stations.lens import StationLens


class BoardSource(Protocol):
    def active_orders(self, now: datetime, lead_minutes: int) -> Sequence[OrderRow]: ...

    def scheduled_orders(self, now: datetime, lead_minutes: int) -> Sequence[OrderRow]: ...

    def done_today(self, now: datetime, tz: str | None) -> Sequence[OrderRow]: ...

    def all_day_counts(self, now: datetime,
                       lead_minutes: int) -> Sequence[tuple[str, Decimal]]: ...

    def set_order_status(self, order_id: str, status: str, *,
                         confirmed_time: datetime | None = None,
                         reason: str | None = None,
                         seller_notes: str | None = None) -> int: ...

    def set_station_done(self, order_id: str, station: str, done: bool = True) -> int: ...

    def mark_seen(self, order_id: str) -> None: ...

    def dismiss_remote_change(self, order_id: str) -> None: ...

    def set_rush(self, order_id: str, rush: bool) -> None: ...

    def outbox_counts(self) -> SyncCounts: ...


@dataclass(frozen=True, slots=True)
class BoardConfig:
    """Kitchen preferences the board reads; the lead maps them from kds.store.settings.Settings."""

    timezone_name: str | None = None     # the location's (None: unknown); "today" uses it
    lead_minutes: int = 30               # scheduled orders join the board this long before due
    thresholds: Thresholds = field(default_factory=Thresholds)
    preparation_minutes: int | None = None   # the location's; None → thresholds default
    alert_repeat_seconds: float = 10.0   # new-order sound repeats this often until touched
    undo_seconds: float = 6.0            # how long the undo bar stays after a bump
    ask_confirmed_time: bool = True      # accepting offers +5/+10/+15/+20 min
    refresh_seconds: float = 15.0        # re-query so scheduled orders move in on time
    card_width: int = 300
    busy: SuggestionThresholds = field(default_factory=SuggestionThresholds)  # "Busy mode?" hint
    touch_hold_ms: int = 1500            # after a tap, tickets keep their places this long
    stations: StationLens | None = None  # a station or expo screen (None: the single screen)
    marks: MenuMarks = NO_MARKS          # the catalog's allergen/dietary tags per sku ref

    @property
    def tz(self) -> tzinfo:
        return zone_named(self.timezone_name)
