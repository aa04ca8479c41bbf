"""The outbox: staff changes waiting to reach HubRise, sent in order per resource.

The sender (kds.sync) takes heads with due_outbox() and reports each with mark_outbox_sent /
mark_outbox_retry / mark_outbox_failed. Claims carry an owner and a lease (kds/store/claims.py),
so a second sender on the same file (another KDS, a tool) never gets an entry on the wire.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from kds.store.base import StoreBase
from kds.store.claims import CLAIM_LEASE_S, owner_is_gone
from kds.store.orders import OrdersMixin
from kds.store.rows import OutboxEntry, SyncCounts
from kds.store.sanitize import Sanitized, clean_text, sanitize, to_json
from kds.store.timefmt import from_db_required, to_db

log = logging.getLogger(__name__)

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

        Returned entries are claimed by this store (owner and lease, kds/store/claims.py) in
        one UPDATE ... RETURNING under the write lock, so two senders on one file never get the
        same entry. From then on a new tap is queued behind them instead of rewriting a body
        that may already be on the wire. A head claimed by another live sender is skipped until
        its lease ends; this store's own claims are returned again (e.g. after the sender gave
        up on a 401), never lost.
        """
        if limit <= 0:
            return []
        clock_now = self._now()
        with self.transaction():
            rows = self.db.execute(
                "UPDATE outbox SET claimed_at = ?, claimed_by = ?, claim_until = ? "
                "WHERE id IN (SELECT o.id FROM outbox AS o WHERE o.state = 'pending' "
                "  AND o.id = (SELECT MIN(p.id) FROM outbox AS p "
                "              WHERE p.resource = o.resource AND p.state = 'pending') "
                "  AND o.next_try_at <= ? "
                "  AND (o.claimed_by IS NULL OR o.claimed_by = ? OR o.claim_until IS NULL "
                "       OR o.claim_until <= ?) "
                f"  ORDER BY o.id LIMIT ?) RETURNING {OUTBOX_COLUMNS}",
                [to_db(clock_now), self.claim_owner,
                 to_db(clock_now + timedelta(seconds=CLAIM_LEASE_S)), to_db(now),
                 self.claim_owner, to_db(clock_now), limit]).fetchall()
        return sorted((_entry(row) for row in rows), key=lambda entry: entry.id)

    def mark_outbox_sent(self, outbox_id: int, response_raw: Any = None) -> None:
        """HubRise accepted the entry. Applies nothing itself: the caller then passes the
        response to upsert_remote_order (orders) or set_location (location), which is where
        the confirmed state lands. Older failures of the same resource are cleared, since a
        newer change has now reached HubRise.
        """
        with self.transaction():
            row = self.db.execute("SELECT resource FROM outbox WHERE id = ?",
                                  [outbox_id]).fetchone()
            if row is None or not self._still_mine(outbox_id):
                return
            now = self._now_text()
            self.db.execute(
                f"UPDATE outbox SET state = 'sent', sent_at = ?, {_UNCLAIMED}, "
                "last_error = NULL WHERE id = ?", [now, outbox_id])
            self.db.execute(
                "UPDATE outbox SET cleared_at = ? WHERE resource = ? AND state = 'failed' "
                "AND id < ? AND cleared_at IS NULL", [now, row[0], outbox_id])

    def mark_outbox_retry(self, outbox_id: int, next_try_at: datetime, error: str) -> None:
        with self.transaction():
            if not self._still_mine(outbox_id):
                return
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_try_at = ?, last_error = ?, "
                f"{_UNCLAIMED} WHERE id = ? AND state = 'pending'",
                [to_db(next_try_at), _text(error), outbox_id])

    def mark_outbox_failed(self, outbox_id: int, error: str) -> None:
        """HubRise refused it (404/422): kept, visible to staff, until dismissed or superseded.

        The ticket keeps the status staff chose; its sync state says "failed" with the reason.
        """
        with self.transaction():
            if not self._still_mine(outbox_id):
                return
            self.db.execute(
                "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, "
                f"{_UNCLAIMED} WHERE id = ?", [_text(error), outbox_id])

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

    def _still_mine(self, outbox_id: int) -> bool:
        """A sender reports only entries it still holds: when its lease ran out and another
        sender took the entry over, that one reports it (an entry is never marked sent, or
        failed, by a sender that may have sent an older body)."""
        owner = self._one("SELECT claimed_by FROM outbox WHERE id = ?", [outbox_id])
        if owner == self.claim_owner:
            return True
        log.warning("outbox entry %s is no longer claimed by this KDS; its report is dropped",
                    outbox_id)
        return False

    def _release_claims(self) -> None:
        """At open: claims whose lease ran out, or whose process is gone (a killed app), are
        released so their entries may collapse again. A running KDS's claims are kept."""
        with self.transaction():
            owners = [row[0] for row in self.db.execute(
                "SELECT DISTINCT claimed_by FROM outbox WHERE state = 'pending' "
                "AND claimed_by IS NOT NULL").fetchall()]
            gone = [owner for owner in owners if owner_is_gone(str(owner))]
            self.db.execute(
                f"UPDATE outbox SET {_UNCLAIMED} WHERE state = 'pending' "
                "AND claimed_at IS NOT NULL AND (claimed_by IS NULL OR claim_until IS NULL "
                f"OR claim_until <= ? OR claimed_by IN ({','.join('?' * len(gone))}))",
                [self._now_text(), *gone])


_UNCLAIMED = "claimed_at = NULL, claimed_by = NULL, claim_until = NULL"


def _text(error: object) -> str:
    text, _ = clean_text(str(error)[:2000])
    return text


def _entry(row: tuple[Any, ...]) -> OutboxEntry:
    return OutboxEntry(
        id=int(row[0]), resource=row[1], kind=row[2], body=json.loads(row[3]), state=row[4],
        attempts=int(row[5]), next_try_at=from_db_required(row[6]),
        created_at=from_db_required(row[7]), last_error=row[8], patch_kind=row[9])
