"""Adapters between the widgets and the store: every staff action is stored, then sent at once."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from kds.store.store import Store


class KitchenSource:
    """The store as the board and the location panels see it, waking the outbox after each write.

    Reads go straight to the store; writes go to the store first (the screen updates at once)
    and then `kick` tells the sync engine to send the new outbox entry without waiting.
    """

    def __init__(self, store: Store, kick: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.kick = kick

    def __getattr__(self, name: str) -> Any:
        # Read queries (active_orders, outbox_counts, get_location_raw, ...) pass through.
        return getattr(self.store, name)

    def set_order_status(self, order_id: str, status: str, *,
                         confirmed_time: datetime | None = None, reason: str | None = None,
                         seller_notes: str | None = None) -> int:
        entry = self.store.set_order_status(order_id, status, confirmed_time=confirmed_time,
                                            reason=reason, seller_notes=seller_notes)
        self.kick()
        return entry

    def set_station_done(self, order_id: str, station: str, done: bool = True) -> int:
        entry = self.store.set_station_done(order_id, station, done)
        self.kick()
        return entry

    def set_rush(self, order_id: str, rush: bool) -> None:
        # A kitchen-only flag: nothing goes to the outbox, so there is nothing to kick.
        self.store.set_rush(order_id, rush)

    def enqueue_location_patch(self, body: dict[str, Any], kind: str) -> int:
        entry = self.store.enqueue_location_patch(body, kind)
        self.kick()
        return entry
