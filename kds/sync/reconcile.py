"""Reconcile: list the recent orders now and then, and apply what other screens changed.

HubRise sends a client no events for the changes it made itself; read per client (the literal
reading, the simulator's default), two KDS screens of one kitchen never hear of each other's
taps through events. So each screen lists its open (and recently done) orders with
`GET /location/orders?after=...` (seed 001, a high-load call: a few per hour keep it far
inside the 10/minute class and the day's budget) and applies them through the same store path
as events: a change of ours still waiting in the outbox keeps winning on screen, and an order
whose tap HubRise confirmed while the list was on the wire is left for the next round.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from kds.clock import Clock
from kds.hubrise.client import PAGE_SIZE
from kds.hubrise.order_model import Order
from kds.sync.poller import CATCH_UP, Poller
from kds.sync.ports import HubRiseApi, SyncStore

log = logging.getLogger(__name__)

RECONCILE_EVERY_S = 120.0        # while open: a bump on another screen shows within ~2 min
CLOSED_RECONCILE_EVERY_S = 600.0
RECENTLY_DONE = timedelta(hours=2)  # another screen may recall an order done here
# Never spend the day's last requests on it: polls and staff taps come first.
DAY_RESERVE = 2500
HIGH_LOAD_KEEP = 2               # leave room in the 10/minute class (catch-up, other lists)


@dataclass(frozen=True, slots=True)
class ReconcileResult:
    listed: int = 0
    order_ids: tuple[str, ...] = ()  # orders whose stored state changed (board refresh)
    held_back: int = 0               # a tap of ours was confirmed while listing: next round
    requests: int = 0
    skipped: str = ""                # why no listing was made (budget), else ""


class Reconciler:
    def __init__(self, client: HubRiseApi, store: SyncStore, clock: Clock, poller: Poller,
                 *, every: float = RECONCILE_EVERY_S) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self.poller = poller          # stores an order it has never seen, like the catch-up
        self.every = every
        self.closed_every = max(every, CLOSED_RECONCILE_EVERY_S)
        self.last_at: datetime | None = None

    def due(self, *, is_open: bool) -> bool:
        if self.last_at is None:
            return True
        every = self.every if is_open else self.closed_every
        return (self.clock.now() - self.last_at).total_seconds() >= every

    def since(self, now: datetime) -> datetime:
        """The oldest open order here, or two hours back; never more than the catch-up's day."""
        oldest = self.store.oldest_open_since()
        start = now - RECENTLY_DONE
        if oldest is not None and oldest < start:
            start = oldest
        return max(start, now - CATCH_UP)

    async def reconcile_once(self, remaining: Mapping[str, int] | None = None) -> ReconcileResult:
        """One listing and its application. Raises what listing raises (the engine notes it)."""
        now = self.clock.now()
        why_not = _unaffordable(remaining or {})
        if why_not:
            self.last_at = now  # try again next round, not at every poll
            return ReconcileResult(skipped=why_not)
        marks, newest = self.store.kitchen_marks_now()
        listed: list[Order] = [order async for order in self.client.list_orders(
            after=self.since(now))]
        self.last_at = now
        changed, held = self._apply(listed, marks, newest)
        return ReconcileResult(listed=len(listed), order_ids=tuple(changed), held_back=held,
                               requests=max(1, math.ceil(len(listed) / PAGE_SIZE)))

    def _apply(self, listed: list[Order], marks: dict[str, int],
               newest: int) -> tuple[list[str], int]:
        changed: list[str] = []
        held = 0
        with self.store.transaction():
            for order in listed:
                if self._confirmed_meanwhile(order.id, marks, newest):
                    held += 1
                    continue
                if not self.store.has_order(order.id):
                    if self.poller.store_listed(order) is not None:
                        changed.append(order.id)
                    continue
                result = self.store.upsert_remote_order(order)
                if result.order_id is not None and result.changed:
                    changed.append(order.id)
        return changed, held

    def _confirmed_meanwhile(self, order_id: str, marks: dict[str, int], newest: int) -> bool:
        """A tap of ours reached HubRise while the list was on the wire: the listed order may
        be older than it. Only an order with a change waiting before the call, or a change
        queued during it (an id above `newest`), can be in that case."""
        mark = self.store.kitchen_change_mark(order_id)
        if order_id in marks:
            return mark != marks[order_id]
        return mark > newest


def _unaffordable(remaining: Mapping[str, int]) -> str:
    day = remaining.get("day")
    if isinstance(day, int) and day < DAY_RESERVE:
        return "day budget kept for polls and staff taps"
    high = remaining.get("high_load")
    if isinstance(high, int) and high < HIGH_LOAD_KEEP:
        return "high-load class busy this minute"
    return ""
