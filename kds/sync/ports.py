"""What sync needs from HubRise and from the store, written down as Protocols.

The engine, poller and outbox worker take these instead of `Any`, so mypy checks every call
they make and the real dependencies show in one place. `HubRiseClient` and `Store` satisfy them
structurally (mypy proves it where the app builds the engine); test doubles only need the
methods named here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from kds.hubrise.models import Callback, Event, Location, NamedResource
from kds.hubrise.order_model import Order
from kds.hubrise.ratelimit import RateLimiter
from kds.store.orders import UpsertResult
from kds.store.rows import OrderRow, OutboxEntry, SyncCounts

LimiterState = dict[str, Any]


class RateBudget(Protocol):
    """What the poll planner reads from a rate limiter (kds.hubrise.ratelimit.RateLimiter)."""

    def remaining(self) -> Mapping[str, int]: ...

    def blocked_for(self) -> float: ...


class HubRiseApi(Protocol):
    """The HubRise calls sync makes (kds.hubrise.client.HubRiseClient)."""

    @property
    def limiter(self) -> RateLimiter | None: ...

    async def get_callback(self) -> Callback: ...

    async def set_callback(self, events: Mapping[str, list[str]],
                           url: str | None = None) -> Callback: ...

    def list_events(self) -> AsyncIterator[Event]: ...

    async def get_event(self, event_id: str) -> Event: ...

    async def delete_event(self, event_id: str) -> None: ...

    async def get_location(self) -> Location: ...

    async def patch_location(self, body: Mapping[str, Any]) -> Location: ...

    # Orders come back read once on arrival (kds.hubrise.arrival.read_order: cleaned, then
    # parsed); sync hands that Order to the store as it is, never its raw payload.
    def list_orders(self, **filters: Any) -> AsyncIterator[Order]: ...

    async def get_order(self, order_id: str) -> Order: ...

    async def update_order(self, order_id: str, body: Mapping[str, Any]) -> Order: ...

    async def get_catalog(self, catalog_id: str) -> NamedResource: ...


class LimiterMemory(Protocol):
    """Where the rate limiter's counters survive a restart."""

    def load_limiter_state(self) -> LimiterState | None: ...

    def save_limiter_state(self, state: LimiterState) -> None: ...


class SyncStore(LimiterMemory, Protocol):
    """The store calls sync makes (kds.store.Store): events, orders, outbox, location, meta."""

    def transaction(self) -> AbstractContextManager[None]: ...

    # events and set-aside payloads
    def has_event(self, event_id: str) -> bool: ...

    def record_event(self, event_id: str, raw: Any, applied_at: Any = None) -> None: ...

    def dead_letter(self, kind: str, raw: Any, reason: str) -> int: ...

    # orders
    def has_order(self, order_id: str) -> bool: ...

    def get_order(self, order_id: str) -> OrderRow | None: ...

    def upsert_remote_order(self, order: Order, *,
                            source: str = "hubrise") -> UpsertResult: ...

    def kitchen_change_mark(self, order_id: str) -> int: ...

    def kitchen_marks_now(self) -> tuple[dict[str, int], int]: ...

    def oldest_open_since(self) -> datetime | None: ...

    def set_order_status(self, order_id: str, status: str, *,
                         confirmed_time: datetime | None = None,
                         reason: str | None = None,
                         seller_notes: str | None = None) -> int: ...

    def restore_platform_status(self, order_id: str, status: str) -> int: ...

    # outbox
    def due_outbox(self, now: datetime, limit: int = 20) -> list[OutboxEntry]: ...

    def mark_outbox_sent(self, outbox_id: int, response_raw: Any = None) -> None: ...

    def mark_outbox_retry(self, outbox_id: int, next_try_at: datetime, error: str) -> None: ...

    def mark_outbox_failed(self, outbox_id: int, error: str) -> None: ...

    def outbox_counts(self) -> SyncCounts: ...

    def failed_outbox(self) -> list[OutboxEntry]: ...

    # location and meta
    def set_location(self, raw: dict[str, Any]) -> None: ...

    def get_location_raw(self) -> dict[str, Any] | None: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


if TYPE_CHECKING:  # mypy proves here that the real client and store fill the seams
    from kds.hubrise.client import HubRiseClient
    from kds.store.store import Store

    def _real_seams(client: HubRiseClient, store: Store) -> tuple[HubRiseApi, SyncStore]:
        return client, store
