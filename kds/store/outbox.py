"""The outbox: staff changes waiting to reach HubRise, sent in order per resource.

The sender (kds.sync) is expected to be single: it takes heads with due_outbox() and reports
each with mark_outbox_sent / mark_outbox_retry / mark_outbox_failed.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from kds.store.base import StoreBase
from kds.store.orders import OrdersMixin
from kds.store.rows import OutboxEntry, SyncCounts
from kds.store.sanitize import Sanitized, clean_text, sanitize, to_json
from kds.store.timefmt import from_db_required, to_db

LOCATION_RESOURCE = "location"
LOCATION_PATCH_KINDS = frozenset({"order_acceptance", "opening_hours", "preparation_time",
                                  "location"})
OUTBOX_COLUMNS = ("id, resource, kind, body, state, attempts, next_try_at, created_at, "
                  "last_error, patch_kind")


class OutboxMixin(OrdersMixin, StoreBase):
    def enqueue_location_patch(self, body: dict[str, Any], kind: str) -> int:
        """Queue a PATCH /location. A pending, not yet claimed patch of the same kind absorbs it
        (top-level keys of the newer body win), so only the latest edit is sent.
        """
        if kind not in LOCATION_PATCH_KINDS:
            raise ValueError(f"unknown location patch kind {kind!r}")
        if not isinstance(body, dict):
            raise TypeError("a location patch body is a dict")
        clean = sanitize(body, Sanitized())
        with self.transaction():
            row = self.db.execute(
                "SELECT id, body FROM outbox WHERE resource = ? AND state = 'pending' "
                "AND patch_kind = ? AND claimed_at IS NULL ORDER BY id DESC LIMIT 1",
                [LOCATION_RESOURCE, kind]).fetchone()
            if row is not None:
                merged = {**json.loads(row[1]), **clean}
                self.db.execute("UPDATE outbox SET body = ? WHERE id = ?",
                                [to_json(merged), row[0]])
                return int(row[0])
            return self._insert_outbox(LOCATION_RESOURCE, "location_patch", clean, kind)

    def due_outbox(self, now: datetime, limit: int = 20) -> list[OutboxEntry]:
        """The oldest pending entry of each resource, if due; later ones wait for their head.

        Returned entries are marked as claimed: from then on a new tap is queued behind them
        instead of rewriting a body that may already be on the wire. A claimed entry is still
        returned by the next call (e.g. after the sender gave up on a 401), never lost.
        """
        rows = self.db.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox AS o WHERE o.state = 'pending' "
            "AND o.id = (SELECT MIN(p.id) FROM outbox AS p "
            "            WHERE p.resource = o.resource AND p.state = 'pending') "
            "AND o.next_try_at <= ? ORDER BY o.id LIMIT ?", [to_db(now), max(0, limit)]).fetchall()
        if rows:
            with self.transaction():
                self.db.execute(
                    f"UPDATE outbox SET claimed_at = ? WHERE id IN ({','.join('?' * len(rows))})",
                    [self._now_text(), *[row[0] for row in rows]])
        return [_entry(row) for row in rows]

    def mark_outbox_sent(self, outbox_id: int, response_raw: Any = None) -> None:
        """HubRise accepted the entry. Applies nothing itself: the caller then passes the
        response to upsert_remote_order (orders) or set_location (location), which is where
        the confirmed state lands. Older failures of the same resource are cleared, since a
        newer change has now reached HubRise.
        """
        with self.transaction():
            row = self.db.execute("SELECT resource FROM outbox WHERE id = ?",
                                  [outbox_id]).fetchone()
            if row is None:
                return
            now = self._now_text()
            self.db.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?, claimed_at = NULL, "
                "last_error = NULL WHERE id = ?", [now, outbox_id])
            self.db.execute(
                "UPDATE outbox SET cleared_at = ? WHERE resource = ? AND state = 'failed' "
                "AND id < ? AND cleared_at IS NULL", [now, row[0], outbox_id])

    def mark_outbox_retry(self, outbox_id: int, next_try_at: datetime, error: str) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_try_at = ?, last_error = ?, "
                "claimed_at = NULL WHERE id = ? AND state = 'pending'",
                [to_db(next_try_at), _text(error), outbox_id])

    def mark_outbox_failed(self, outbox_id: int, error: str) -> None:
        """HubRise refused it (404/422): kept, visible to staff, until dismissed or superseded.

        The ticket keeps the status staff chose; its sync state says "failed" with the reason.
        """
        with self.transaction():
            self.db.execute(
                "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, "
                "claimed_at = NULL WHERE id = ?", [_text(error), outbox_id])

    def dismiss_failed(self, outbox_id: int) -> None:
        """Staff have read the failure; it stops being shown."""
        with self.transaction():
            self.db.execute("UPDATE outbox SET cleared_at = ? WHERE id = ? AND state = 'failed'",
                            [self._now_text(), outbox_id])

    def failed_outbox(self) -> list[OutboxEntry]:
        rows = self.db.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE state = 'failed' AND cleared_at IS NULL "
            "ORDER BY id").fetchall()
        return [_entry(row) for row in rows]

    def outbox_counts(self) -> SyncCounts:
        pending = self._one("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
        failed = self.failed_outbox()
        return SyncCounts(
            pending=int(pending or 0), failed=len(failed),
            failed_messages=tuple(f"{e.resource}: {e.last_error or 'refused'}" for e in failed))

    def _release_claims(self) -> None:
        """After a restart nothing is on the wire: claimed entries may collapse again."""
        with self.transaction():
            self.db.execute("UPDATE outbox SET claimed_at = NULL WHERE state = 'pending' "
                            "AND claimed_at IS NOT NULL")


def _text(error: object) -> str:
    text, _ = clean_text(str(error)[:2000])
    return text


def _entry(row: tuple[Any, ...]) -> OutboxEntry:
    return OutboxEntry(
        id=int(row[0]), resource=row[1], kind=row[2], body=json.loads(row[3]), state=row[4],
        attempts=int(row[5]), next_try_at=from_db_required(row[6]),
        created_at=from_db_required(row[7]), last_error=row[8], patch_kind=row[9])
