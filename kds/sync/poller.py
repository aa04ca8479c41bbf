"""Poller: passive-callback events → one store transaction → acknowledge (delete) after commit.

A crash anywhere leads to re-processing, never to loss: events are deleted on HubRise only
after the transaction that recorded them has committed, and an already-recorded event is a
no-op that is still acknowledged.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kds.clock import Clock
from kds.hubrise.arrival import read_order
from kds.hubrise.errors import HubRiseError
from kds.hubrise.models import Callback, Event
from kds.hubrise.money import parse_time
from kds.hubrise.order_model import Order
from kds.store.orders import PLATFORM_FINAL
from kds.store.rows import OrderRow
from kds.sync.health import PollResult
from kds.sync.ports import HubRiseApi, SyncStore
from kds.sync.retry import classify, is_disk_full, is_network_failure

log = logging.getLogger(__name__)

# No `delivery` events: attaching or changing an order's delivery also fires `order.update`
# carrying the order with its `delivery` (API-NOTES §1.3), which is all a ticket shows. The
# delivery-only events are GPS moves, one every few seconds per rider: subscribing would spend
# requests on positions the kitchen never shows (tests/integration/test_sync_deliveries.py).
# `catalog.update` only: the menu's tags mark allergens and route items (kds.sync.catalog); a
# catalog event carries no state (API-NOTES §1.4), so it costs its DELETE and nothing else.
WANTED_EVENTS: dict[str, list[str]] = {"order": ["create", "update"], "location": ["update"],
                                       "catalog": ["update"]}
CATCH_UP = timedelta(hours=24)
CAUGHT_UP_META = "sync.caught_up_at"
_STORE_DEAD_LETTERED = "dead-lettered by the store"


@dataclass(slots=True)
class Fetched:
    """One new event and what fetching its state gave: a payload, or a reason to dead-letter."""

    event: Event
    event_id: str                  # the listed event's id (checked non-empty before fetching)
    kind: str                      # "order" | "location" | "catalog" | "other"
    payload: dict[str, Any] | None = None  # a location's state
    order: Order | None = None     # an order's state, read once on arrival (hubrise/arrival.py)
    problem: str | None = None     # set → dead-letter instead of applying
    restore_status: str | None = None  # a platform cancellation our own tap overwrote
    order_id: str | None = None
    kitchen_mark: int = 0          # the order's newest HubRise-confirmed tap when fetching began


@dataclass(slots=True)
class Batch:
    events: list[Event] = field(default_factory=list)         # all listed events, in order
    fetched: list[Fetched] = field(default_factory=list)     # new ones with their state
    deferred: set[str] = field(default_factory=set)          # fetch failed retryably: no ack
    requests: int = 0
    failure: BaseException | None = None                     # HubRise unreachable / 401


class Poller:
    def __init__(self, client: HubRiseApi, store: SyncStore, clock: Clock, *,
                 auto_receive: bool = True) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self.auto_receive = auto_receive

    # -- connect ---------------------------------------------------------------------------

    async def ensure_callback(self) -> bool:
        """Make the connection's callback passive with our events; True when it was changed."""
        current = await self.client.get_callback()
        if _same_callback(current, WANTED_EVENTS):
            return False
        await self.client.set_callback(WANTED_EVENTS, url=None)
        return True

    async def fetch_location(self) -> None:
        location = await self.client.get_location()
        self.store.set_location(location.raw)

    async def catch_up(self) -> list[str]:
        """First run only: store orders of the last 24 h the cache does not know."""
        if self.store.get_meta(CAUGHT_UP_META):
            return []
        now = self.clock.now()
        new_ids: list[str] = []
        async for order in self.client.list_orders(after=now - CATCH_UP):
            order_id = self.store_listed(order)
            if order_id is not None:
                new_ids.append(order_id)
        self.store.set_meta(CAUGHT_UP_META, _iso(now))
        return new_ids

    def store_listed(self, order: Order) -> str | None:
        """Store one listed order; a bad one is set aside (dead-lettered), never stops the rest."""
        raw, order_id = order.raw, order.id  # read_order guarantees a non-empty string id
        try:
            if self.store.has_order(order_id):
                return None
            with self.store.transaction():
                result = self.store.upsert_remote_order(order)
                if result.order_id is None:
                    return None  # the store set it aside with its reason
                self._auto_receive(order_id)
            return order_id
        except Exception as exc:
            if is_disk_full(exc):
                raise  # not the order's fault: the catch-up is tried again later
            log.warning("listed order %s set aside: %s", order_id, exc)
            self.store.dead_letter("order", raw, f"{type(exc).__name__}: {exc}")
            return None

    # -- poll --------------------------------------------------------------------------------

    async def poll_once(self) -> PollResult:
        """List, fetch, apply in one transaction, then acknowledge.

        Raises only when listing fails. When HubRise becomes unreachable (or answers 401)
        half-way, what was fetched is still applied, the rest waits for the next poll, and
        the error comes back in `PollResult.failure`.
        """
        batch = Batch()
        async for event in self.client.list_events():
            batch.events.append(event)
        batch.requests += 1
        for event in batch.events:
            event_id = event.id
            if not event_id:
                log.warning("event without an id ignored: %r", event.raw)
            elif batch.failure is not None:
                batch.deferred.add(event_id)
            elif not self.store.has_event(event_id):
                await self._fetch_into(batch, event, event_id)
        result = self._apply(batch)
        acknowledged, ack_requests = 0, 0
        if batch.failure is None:
            acknowledged, ack_requests = await self._acknowledge(batch)
        return PollResult(
            listed=len(batch.events), applied=result.applied,
            already_applied=result.already_applied, dead_lettered=result.dead_lettered,
            acknowledged=acknowledged, requests=batch.requests + ack_requests,
            order_ids=result.order_ids, location_changed=result.location_changed,
            catalog_ids=result.catalog_ids, failure=batch.failure,
        )

    async def _fetch_into(self, batch: Batch, event: Event, event_id: str) -> None:
        try:
            batch.fetched.append(await self._fetch(event, event_id, batch))
        except Exception as exc:  # noqa: BLE001 - every failure is classified just below
            if _unusable(exc):
                batch.fetched.append(Fetched(event, event_id, "other",
                                             problem=f"fetch failed: {exc}"))
                return
            # Network, 5xx, 429, 401: leave it on HubRise; the next poll tries again.
            batch.deferred.add(event_id)
            if classify(exc).verdict == "reconnect" or is_network_failure(exc):
                batch.failure = exc
            else:
                log.warning("event %s deferred: %s", event_id, exc)

    async def _fetch(self, event: Event, event_id: str, batch: Batch) -> Fetched:
        resource = event.resource_type
        if resource == "order":
            return await self._fetch_order_state(event, event_id, batch)
        if resource == "location":
            return await self._fetch_location_state(event_id, batch)
        if resource == "catalog":   # no state to fetch: kds.sync.catalog reads it when allowed
            return Fetched(event, event_id, "catalog")
        return Fetched(event, event_id, "other", problem=f"unexpected event type {resource!r}")

    async def _fetch_order_state(self, event: Event, event_id: str, batch: Batch) -> Fetched:
        order_id = event.order_id
        row = self.store.get_order(order_id) if order_id is not None else None
        # Noted before any request: _apply compares it again (see _outdated).
        mark = self.store.kitchen_change_mark(order_id) if order_id is not None else 0
        if row is not None:
            event = await self.client.get_event(event_id)
            batch.requests += 1
            state = event.new_state
            # A cancellation is checked against the order itself: a tap of ours may have
            # reached HubRise after it and overwritten it (see _overwritten_final).
            if (state is not None and _looks_like_order(state, order_id)
                    and state.get("status") not in PLATFORM_FINAL
                    and agrees_with_hubrise(state, row.raw)):
                return Fetched(event, event_id, "order", order=read_order(state),
                               order_id=order_id, kitchen_mark=mark)
        order_id = event.order_id or order_id
        if not order_id:
            return Fetched(event, event_id, "order", problem="order event without order_id")
        # Unknown order, missing/unparseable state, or a snapshot that would move the status
        # away from what HubRise last told us: the order itself is the truth.
        order = await self.client.get_order(order_id)  # read (cleaned, parsed) by the client
        batch.requests += 1
        return Fetched(event, event_id, "order", order=order, order_id=order_id,
                       kitchen_mark=mark, restore_status=_overwritten_final(event, order.raw, row))

    async def _fetch_location_state(self, event_id: str, batch: Batch) -> Fetched:
        full = await self.client.get_event(event_id)
        batch.requests += 1
        state = full.new_state
        if state is not None and isinstance(state.get("id"), str):
            return Fetched(full, event_id, "location", payload=state)
        location = await self.client.get_location()
        batch.requests += 1
        return Fetched(full, event_id, "location", payload=location.raw)

    def _apply(self, batch: Batch) -> PollResult:
        """Everything new in ONE transaction; a bad event is dead-lettered, the rest applied."""
        now = self.clock.now()
        applied = dead = 0
        order_ids: list[str] = []
        catalogs: list[str | None] = []
        location = False
        self._hold_back_outdated(batch)
        if not batch.fetched:
            return PollResult(already_applied=self._count_known(batch))
        with self.store.transaction():
            for item in batch.fetched:
                problem = item.problem or self._apply_one(item, order_ids)
                if problem is None:
                    applied += 1
                    location = location or item.kind == "location"
                    if item.kind == "catalog":
                        catalogs.append(_catalog_id(item.event))
                else:
                    dead += 1
                    if problem is not _STORE_DEAD_LETTERED:
                        self.store.dead_letter("event", item.event.raw, problem)
                self.store.record_event(item.event_id, item.event.raw, now)
        return PollResult(applied=applied, dead_lettered=dead, order_ids=tuple(order_ids),
                          location_changed=location, catalog_ids=tuple(catalogs),
                          already_applied=self._count_known(batch))

    def _hold_back_outdated(self, batch: Batch) -> None:
        """HubRise confirmed a kitchen tap on an order while its snapshot was being fetched (the
        outbox runs beside the poll): the snapshot may be older than the tap. Leave the event on
        HubRise; the next poll fetches it again. No await between this and the transaction."""
        kept: list[Fetched] = []
        for item in batch.fetched:
            if _outdated(item, self.store):
                log.info("event %s held back: a kitchen change on order %s was confirmed "
                         "while it was fetched", item.event_id, item.order_id)
                batch.deferred.add(item.event_id)
            else:
                kept.append(item)
        batch.fetched = kept

    def _count_known(self, batch: Batch) -> int:
        fresh = {item.event_id for item in batch.fetched} | batch.deferred
        return sum(1 for e in batch.events if e.id not in fresh)

    def _apply_one(self, item: Fetched, order_ids: list[str]) -> str | None:
        """Apply one payload; return the reason when it cannot be applied."""
        if item.kind == "catalog":
            return None   # noted by the engine (PollResult.catalog_ids); recorded, acknowledged
        try:
            if item.kind == "location" and item.payload is not None:
                self.store.set_location(item.payload)
                return None
            order = item.order
            if order is None:
                return f"{item.kind} event without a payload"
            result = self.store.upsert_remote_order(order)
            if result.order_id is None:
                return _STORE_DEAD_LETTERED  # the store kept it with its reason
            order_ids.append(order.id)
            if item.restore_status is not None:
                self.store.restore_platform_status(order.id, item.restore_status)
            self._auto_receive(order.id)
            return None
        except sqlite3.Error:
            # The store, not the payload, failed (disk full, I/O): the whole batch rolls back
            # and no event is acknowledged, so HubRise keeps the order for the next poll.
            raise
        except Exception as exc:  # noqa: BLE001 - one bad payload never stops the batch
            log.warning("event %s dead-lettered: %s", item.event_id, exc)
            return f"{type(exc).__name__}: {exc}"

    def _auto_receive(self, order_id: str) -> None:
        """Acknowledge a new order as received (integration guide), through the outbox."""
        if not self.auto_receive:
            return
        row = self.store.get_order(order_id)
        if row is not None and row.status == "new" and row.remote_status == "new":
            self.store.set_order_status(order_id, "received")

    async def _acknowledge(self, batch: Batch) -> tuple[int, int]:
        """Delete every handled event; stop at the first failure (the next poll redoes it)."""
        done = requests = 0
        for event in batch.events:
            event_id = event.id
            if not event_id or event_id in batch.deferred:
                continue
            try:
                requests += 1
                await self.client.delete_event(event_id)
            except HubRiseError as exc:
                if exc.status == 404:  # NotFound, or a 404 page that is not HubRise's JSON
                    continue  # already gone: acknowledged before a crash
                raise
            done += 1
        return done, requests


def _catalog_id(event: Event) -> str | None:
    """The changed catalog (`catalog_id`, as HubRise's own apps read it; API-NOTES §1.4)."""
    raw = event.raw if isinstance(event.raw, dict) else {}
    value = raw.get("catalog_id")
    return value if isinstance(value, str) and value else None


def _same_callback(current: Callback, wanted: dict[str, list[str]]) -> bool:
    if current.url is not None:
        return False
    have = {k: sorted(v) for k, v in current.events.items() if v}
    return have == {k: sorted(v) for k, v in wanted.items()}


# What a kitchen tap changes on HubRise. An event snapshot that agrees with HubRise's last
# word on these fields cannot undo a tap; one that disagrees is either older than a tap or a
# real change by someone else, and only HubRise can tell which (GET the order).
KITCHEN_FIELDS = ("status", "confirmed_time")


def agrees_with_hubrise(state: dict[str, Any], known: dict[str, Any]) -> bool:
    """The snapshot leaves what the kitchen changes as HubRise last told us (the PATCH
    response, an earlier event or GET): it may be applied as it is. Never the local clock."""
    return all(_same_value(state.get(name), known.get(name)) for name in KITCHEN_FIELDS)


def _same_value(a: Any, b: Any) -> bool:
    if a == b:
        return True
    try:  # the same time may be written with another offset
        return parse_time(a) == parse_time(b)
    except (TypeError, ValueError):
        return False


def _outdated(item: Fetched, store: SyncStore) -> bool:
    if item.kind != "order" or item.order_id is None or item.problem is not None:
        return False
    return store.kitchen_change_mark(item.order_id) != item.kitchen_mark


def _overwritten_final(event: Event, order: dict[str, Any], row: OrderRow | None) -> str | None:
    """The platform cancelled/rejected the order, then a kitchen tap already on the wire set it
    back (HubRise has no conditional update). Return the platform's status to put back."""
    state = event.new_state
    wanted = state.get("status") if state is not None else None
    current = order.get("status")
    if wanted not in PLATFORM_FINAL or current in PLATFORM_FINAL or row is None:
        return None
    return str(wanted) if current == row.status else None


def _looks_like_order(state: dict[str, Any], order_id: str | None) -> bool:
    return state.get("id") == order_id and "status" in state


def _unusable(exc: BaseException) -> bool:
    """The event's state can never be fetched or read (404, 422, a payload that is no order)."""
    if isinstance(exc, ValueError):  # kds.hubrise.reader.BadPayload: not the resource at all
        return True
    return isinstance(exc, HubRiseError) and classify(exc).verdict == "failed"


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")
