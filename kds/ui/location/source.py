"""What the location panels need from the store: a Protocol the real Store satisfies."""

from __future__ import annotations

from typing import Any, Protocol, Sequence

from kds.store.rows import OutboxEntry, SyncCounts


class LocationSource(Protocol):
    """Reads the stored location and queues PATCH /location; the panels never talk HTTP."""

    def get_location_raw(self) -> dict[str, Any] | None: ...

    def enqueue_location_patch(self, body: dict[str, Any], kind: str) -> int: ...

    def outbox_counts(self) -> SyncCounts: ...

    def failed_outbox(self) -> Sequence[OutboxEntry]: ...
