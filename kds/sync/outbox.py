"""Outbox worker: staff actions already in the store → PATCH on HubRise, in order per resource."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kds.clock import Clock
from kds.hubrise.errors import HubRiseError
from kds.hubrise.order_model import Order
from kds.store.orders import PLATFORM_FINAL
from kds.store.rows import OutboxEntry
from kds.sync.ports import HubRiseApi, SyncStore
from kds.sync.retry import Backoff, classify, is_network_failure

log = logging.getLogger(__name__)

BATCH = 50  # entries per drain at most; the loop comes straight back for more


@dataclass(slots=True)
class DrainResult:
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    location_changed: bool = False
    reconnect_needed: bool = False
    offline_error: str | None = None   # set when HubRise could not be reached
    last_error: str | None = None


class OutboxWorker:
    def __init__(self, client: HubRiseApi, store: SyncStore, clock: Clock,
                 backoff: Backoff) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self.backoff = backoff
        # entry id -> when it may be tried again (the store's due_outbox claims entries,
        # so the loop keeps its own note of the next retry instead of peeking there).
        self.retry_at: dict[int, datetime] = {}

    async def drain_once(self) -> DrainResult:
        """Send every due head entry (one per resource, so per-resource order holds).

        Stops early when HubRise cannot be reached (the other entries would fail the same
        way) or answers 401 (nothing may be sent until staff reconnect).
        """
        result = DrainResult()
        for _ in range(BATCH):
            # One at a time: the store marks what it hands out as claimed (no more collapsing
            # of later taps into it), so take only what is about to be sent.
            due = self.store.due_outbox(self.clock.now(), 1)
            if not due:
                break
            entry = due[0]
            try:
                response = await self._send(entry)
            except Exception as exc:  # noqa: BLE001 - classified; the entry keeps the reason
                if self._handle_failure(entry, exc, result):
                    break
                continue
            self._apply_success(entry, response, result)
        return result

    async def _send(self, entry: OutboxEntry) -> Order | dict[str, Any]:
        """HubRise's answer: the order read once on arrival, or the location's JSON."""
        if entry.resource == "location":
            location = await self.client.patch_location(entry.body)
            return location.raw
        order_id = entry.resource.split(":", 1)[1] if ":" in entry.resource else entry.resource
        return await self.client.update_order(order_id, entry.body)

    def _apply_success(self, entry: OutboxEntry, response: Order | dict[str, Any],
                       result: DrainResult) -> None:
        # Our own change produces no event: the PATCH response is the new truth.
        with self.store.transaction():
            if isinstance(response, Order):
                self.store.mark_outbox_sent(entry.id, response.raw)
                overwritten = _overwritten_final_status(self.store, response)
                self.store.upsert_remote_order(response)
                if overwritten is not None:
                    self.store.restore_platform_status(response.id, overwritten)
                result.order_ids.append(response.id)
            else:
                self.store.mark_outbox_sent(entry.id, response)
                self.store.set_location(response)
                result.location_changed = True
        result.sent.append(entry.id)
        self.retry_at.pop(entry.id, None)

    def _handle_failure(self, entry: OutboxEntry, exc: BaseException,
                        result: DrainResult) -> bool:
        """Record the failure on the entry; True when the drain must stop now."""
        outcome = classify(exc)
        result.last_error = outcome.message
        if outcome.verdict == "reconnect":
            result.reconnect_needed = True
            return True
        if outcome.verdict == "failed":
            self.store.mark_outbox_failed(entry.id, outcome.message)
            result.failed.append(entry.id)
            self.retry_at.pop(entry.id, None)
            if entry.resource != "location":
                result.order_ids.append(entry.resource.split(":", 1)[-1])
            return False
        delay = self.backoff.delay(entry.attempts + 1, outcome.retry_after)
        next_try = self.clock.now() + timedelta(seconds=delay)
        self.store.mark_outbox_retry(entry.id, next_try, outcome.message)
        self.retry_at[entry.id] = next_try
        result.retried.append(entry.id)
        if is_network_failure(exc):
            result.offline_error = outcome.message
            return True
        # A closed window (429): nothing else goes out.
        return isinstance(exc, HubRiseError) and exc.status == 429  # RateLimited

    def next_retry_in(self) -> float | None:
        """Seconds until the soonest noted retry, or None when none is noted."""
        if not self.retry_at:
            return None
        now = self.clock.now()
        return max(0.0, (min(self.retry_at.values()) - now).total_seconds())


def _overwritten_final_status(store: SyncStore, response: Order) -> str | None:
    """Our tap was already on the wire when the platform cancelled (or rejected) the order, and
    it landed after: HubRise has no conditional update, so put the platform's status back."""
    row = store.get_order(response.id)
    if row is None or row.remote_status not in PLATFORM_FINAL:
        return None
    return None if response.raw.get("status") in PLATFORM_FINAL else str(row.remote_status)
