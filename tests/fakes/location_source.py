"""An in-memory LocationSource with a pretend HubRise, for tests, screenshots and demos."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

from kds.store.rows import OutboxEntry, SyncCounts

SAMPLE_LOCATION: dict[str, Any] = {
    "id": "3r4s3-1", "name": "Paris",
    "account": {"id": "3r4s3", "name": "Bella Pizza", "currency": "EUR"},
    "timezone": {"name": "Europe/Paris"}, "cutoff_time": "06:00",
    "opening_hours": {
        "monday": [{"from": "12:00", "to": "14:00"}, {"from": "18:00", "to": "23:00"}],
        "tuesday": [{"from": "12:00", "to": "14:00"}, {"from": "18:00", "to": "23:00"}],
        "wednesday": [{"from": "12:00", "to": "14:00"}, {"from": "18:00", "to": "23:00"}],
        "thursday": [{"from": "12:00", "to": "14:00"}, {"from": "18:00", "to": "23:00"}],
        "friday": [{"from": "12:00", "to": "14:30"}, {"from": "18:00", "to": "01:00"}],
        "saturday": [{"from": "18:00", "to": "02:00"}],
        "sunday": [],
    },
    "preparation_time": 15, "order_acceptance": {"mode": "normal"},
}


class MemoryLocationSource:
    """Queued patches wait in `outbox` until `confirm()` (HubRise said yes) or `fail()` (422)."""

    def __init__(self, raw: dict[str, Any] | None = None) -> None:
        self.raw: dict[str, Any] | None = copy.deepcopy(raw if raw is not None else SAMPLE_LOCATION)
        self.outbox: list[OutboxEntry] = []
        self.patches: list[tuple[dict[str, Any], str]] = []  # everything ever enqueued
        self._next_id = 1

    # -- LocationSource ------------------------------------------------------------------
    def get_location_raw(self) -> dict[str, Any] | None:
        return copy.deepcopy(self.raw)

    def enqueue_location_patch(self, body: dict[str, Any], kind: str) -> int:
        self.patches.append((copy.deepcopy(body), kind))
        entry = OutboxEntry(id=self._next_id, resource="location", kind="location_patch",
                            body=copy.deepcopy(body), state="pending", attempts=0,
                            next_try_at=_EPOCH, created_at=_EPOCH, patch_kind=kind)
        self._next_id += 1
        self.outbox.append(entry)
        return entry.id

    def outbox_counts(self) -> SyncCounts:
        failed = self.failed_outbox()
        return SyncCounts(pending=sum(1 for e in self.outbox if e.state == "pending"),
                          failed=len(failed),
                          failed_messages=tuple(e.last_error or "" for e in failed))

    def failed_outbox(self) -> list[OutboxEntry]:
        return [e for e in self.outbox if e.state == "failed"]

    # -- the pretend HubRise -------------------------------------------------------------
    def confirm(self, outbox_id: int | None = None) -> None:
        """HubRise accepted the (oldest) pending patch: the location now holds it."""
        entry = self._pending(outbox_id)
        self.raw = {**(self.raw or {}), **copy.deepcopy(entry.body)}
        self._replace(entry, "sent", None)

    def fail(self, message: str, outbox_id: int | None = None) -> None:
        self._replace(self._pending(outbox_id), "failed", message)

    def remote_update(self, changes: dict[str, Any]) -> None:
        """A change made elsewhere (back office), as a location.update event would bring."""
        self.raw = {**(self.raw or {}), **copy.deepcopy(changes)}

    def _pending(self, outbox_id: int | None) -> OutboxEntry:
        return next(e for e in self.outbox
                    if e.state == "pending" and (outbox_id is None or e.id == outbox_id))

    def _replace(self, entry: OutboxEntry, state: str, error: str | None) -> None:
        index = self.outbox.index(entry)
        self.outbox[index] = OutboxEntry(
            id=entry.id, resource=entry.resource, kind=entry.kind, body=entry.body,
            state=state, attempts=entry.attempts + 1,  # type: ignore[arg-type]
            next_try_at=entry.next_try_at, created_at=entry.created_at, last_error=error,
            patch_kind=entry.patch_kind)


_EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)
