"""Orders: applying HubRise's payloads and recording what staff do with them."""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kds.hubrise.arrival import read_order
from kds.hubrise.field_checks import merged_custom_fields
from kds.hubrise.money import format_time
from kds.hubrise.order_model import Order
from kds.hubrise.statuses import DONE_STATUSES, ORDER_STATUSES
from kds.store.derive import OrderFields, change_fingerprint, derive_order
from kds.store.figure_facts import FigureFactsMixin
from kds.store.rows import OrderRow, RemoteChange, SyncState, decoded_payload
from kds.store.sanitize import MAX_PAYLOAD_BYTES, payload_hash, to_json
from kds.store.timefmt import from_db, from_db_required, to_db, to_db_or_none

log = logging.getLogger(__name__)

ORDER_COLUMNS = (
    "id, status, remote_status, service_type, created_at, expected_time, confirmed_time, "
    "due_at, done, first_seen_at, last_status_change_at, seen, remote_change, raw, problems, "
    "payload_hash, change_fingerprint, rush"
)


@dataclass(frozen=True, slots=True)
class UpsertResult:
    """What applying one HubRise order payload did."""

    order_id: str | None          # None when the payload was not an order (dead-lettered)
    created: bool = False
    changed: bool = False         # False for a payload identical to the stored one
    status_changed: bool = False  # the status shown on the board moved
    remote_change: RemoteChange | None = None
    problems: tuple[str, ...] = ()
    dead_letter_id: int | None = None


STATION_PROGRESS = "station_progress"  # outbox kind: one station's bump (kds/store/stations.py)

# Statuses only the ordering side sets; a kitchen tap queued before them must not override them.
PLATFORM_FINAL = frozenset({"cancelled", "rejected"})


# Statuses that only acknowledge receipt to HubRise: setting one is not "staff have seen it".
ACK_STATUSES = frozenset({"new", "received"})


def order_resource(order_id: str) -> str:
    return f"order:{order_id}"


class OrdersMixin(FigureFactsMixin):
    def upsert_remote_order(self, order: Order | dict[str, Any], *,
                            source: str = "hubrise") -> UpsertResult:
        """Apply an order as HubRise has it. Never raises on bad data: it dead-letters instead.

        Sync hands in the Order it read on arrival (kds/hubrise/arrival.py: cleaned, then parsed
        once), which is stored as it is. A raw payload (tests, tools), or an Order parsed
        without cleaning, is read here first. Runs in a savepoint, so one bad order never undoes
        the rest of a batch.
        """
        raw = order.raw if isinstance(order, Order) else order
        if not _has_order_id(raw):
            reason = "not an order: no string id" if isinstance(raw, dict) else "not an order"
            return UpsertResult(None, dead_letter_id=self.dead_letter("order", raw, reason))
        try:
            arrived = order if isinstance(order, Order) and order.sanitized else read_order(raw)
            with self.transaction():
                return self._upsert(arrived, source)
        except (ValueError, TypeError, LookupError, AttributeError, RecursionError,
                OverflowError, sqlite3.DataError, sqlite3.IntegrityError) as exc:
            # Data-shaped failures only. sqlite3.OperationalError (disk full, locked) is raised:
            # the caller's batch then fails as a whole and its events are not acknowledged.
            log.warning("order %s dead-lettered: %s", str(raw.get("id"))[:40], exc)
            return UpsertResult(None, dead_letter_id=self.dead_letter(
                "order", raw, f"could not store order: {type(exc).__name__}: {exc}"))

    def _upsert(self, order: Order, source: str) -> UpsertResult:
        clean = order.raw  # cleaned before its parse: this is the JSON the store keeps
        text = to_json(clean)
        if len(text.encode("utf-8")) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"payload of {len(text):,} characters is too large")
        digest = payload_hash(text)
        order_id = str(clean["id"])[:200]
        existing = self._order_record(order_id)
        if existing is not None and existing["payload_hash"] == digest:
            return UpsertResult(order_id, problems=tuple(json.loads(existing["problems"] or "[]")))
        fields = derive_order(order)
        problems = tuple(order.repairs) + tuple(fields.problems)
        if existing is None:
            self._insert_order(order_id, clean, text, digest, fields, problems, source)
            self._note_figures(order_id)
            self._queue_on("arrival", order_id, fields.status)
            return UpsertResult(order_id, created=True, changed=True, status_changed=True,
                                problems=problems)
        result = self._update_order(existing, clean, text, digest, fields, problems, source)
        self._note_figures(order_id)
        return result

    def _insert_order(self, order_id: str, clean: dict[str, Any], text: str, digest: str,
                      fields: OrderFields, problems: tuple[str, ...], source: str) -> None:
        now = self._now_text()
        self.db.execute(
            f"INSERT INTO orders ({ORDER_COLUMNS}) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, 0)",
            [order_id, fields.status, fields.status, fields.service_type,
             to_db_or_none(fields.created_at), to_db_or_none(fields.expected_time),
             to_db_or_none(fields.confirmed_time),
             _due(fields.confirmed_time, fields.expected_time),
             int(fields.status in DONE_STATUSES), now, now, text, json.dumps(problems), digest,
             change_fingerprint(clean)])
        self._add_history(order_id, fields.status, "hubrise")

    def _update_order(self, old: dict[str, Any], clean: dict[str, Any], text: str, digest: str,
                      fields: OrderFields, problems: tuple[str, ...], source: str) -> UpsertResult:
        order_id = old["id"]
        if fields.status in PLATFORM_FINAL and fields.status != old["remote_status"]:
            self._withdraw_pending_changes(order_id, fields.status)
        # A kitchen change still waiting in the outbox wins on screen until HubRise has it.
        pending = self._has_pending_change(order_id)
        shown = old["status"] if pending else fields.status
        confirmed = from_db(old["confirmed_time"]) if pending else fields.confirmed_time
        remote_change = self._remote_change(old, clean, fields)
        if fields.status != old["remote_status"] and fields.status != old["status"]:
            self._add_history(order_id, fields.status, "hubrise")
        now = self._now_text()
        self.db.execute(
            "UPDATE orders SET status = ?, remote_status = ?, service_type = ?, created_at = ?, "
            "expected_time = ?, confirmed_time = ?, due_at = ?, done = ?, "
            "last_status_change_at = ?, remote_change = ?, raw = ?, problems = ?, "
            "payload_hash = ?, change_fingerprint = ? WHERE id = ?",
            [shown, fields.status, fields.service_type, to_db_or_none(fields.created_at),
             to_db_or_none(fields.expected_time), to_db_or_none(confirmed),
             _due(confirmed, fields.expected_time), int(shown in DONE_STATUSES),
             now if shown != old["status"] else old["last_status_change_at"], remote_change,
             text, json.dumps(problems), digest, change_fingerprint(clean), order_id])
        return UpsertResult(order_id, changed=True, status_changed=shown != old["status"],
                            remote_change=remote_change, problems=problems)

    @staticmethod
    def _remote_change(old: dict[str, Any], clean: dict[str, Any],
                       fields: OrderFields) -> RemoteChange | None:
        """The kitchen already had this order on screen: flag a cancellation or a changed order.

        Our own status changes come back with the status the kitchen already shows, and a
        confirmed time is not part of the fingerprint, so the kitchen's taps never flag.
        """
        current: RemoteChange | None = old["remote_change"]
        if fields.status == "cancelled" and old["status"] != "cancelled":
            return "cancelled"
        if current is None and old["change_fingerprint"] != change_fingerprint(clean):
            return "changed"
        return current

    def _withdraw_pending_changes(self, order_id: str, status: str) -> None:
        """The platform cancelled (or rejected) the order: unsent kitchen taps must not undo that.

        Sending them would move the order back to e.g. "accepted" on HubRise, reviving an order
        the customer cancelled. They are kept as failed, with the reason, never dropped silently;
        a change already on the wire cannot be recalled.
        """
        self.db.execute(
            "UPDATE outbox SET state = 'failed', last_error = ? WHERE resource = ? "
            "AND state = 'pending' AND claimed_at IS NULL "
            "AND coalesce(json_extract(body, '$.status'), '') != ?",
            [f"Not sent: the order was {status} on HubRise before this change could be sent.",
             order_resource(order_id), status])

    def _order_record(self, order_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?", [order_id])
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    def _has_pending_change(self, order_id: str) -> bool:
        """A status tap still waiting (a station's bump leaves the status to HubRise)."""
        return self._one("SELECT 1 FROM outbox WHERE resource = ? AND state = 'pending' "
                         "AND kind != ? LIMIT 1",
                         [order_resource(order_id), STATION_PROGRESS]) is not None

    def _with_local_progress(self, rows: list[OrderRow]) -> list[OrderRow]:
        """Station bumps still in the outbox, laid over HubRise's custom_fields (a copy: the
        stored payload stays HubRise's word), so a bump shows at once and survives refreshes."""
        waiting = self.db.execute(
            "SELECT resource, body FROM outbox WHERE state = 'pending' AND kind = ? ORDER BY id",
            [STATION_PROGRESS]).fetchall()
        if not waiting:
            return rows
        changes: dict[str, dict[str, Any]] = {}
        for resource, body in waiting:
            fields = json.loads(body).get("custom_fields") or {}
            changes.setdefault(resource.split(":", 1)[1], {}).update(fields)
        return [row if row.id not in changes else dataclasses.replace(row, raw={
            **row.raw, "custom_fields": merged_custom_fields(
                row.raw.get("custom_fields") if isinstance(row.raw.get("custom_fields"), dict)
                else {}, changes[row.id])}) for row in rows]

    def kitchen_change_mark(self, order_id: str) -> int:
        """The newest kitchen change HubRise has confirmed for the order (its outbox id, 0 for
        none). A snapshot fetched while this moved may be older than that change."""
        value = self._one("SELECT MAX(id) FROM outbox WHERE resource = ? AND state = 'sent'",
                          [order_resource(order_id)])
        return int(value or 0)

    def kitchen_marks_now(self) -> tuple[dict[str, int], int]:
        """What a listing's caller notes before the request (see kds/sync/reconcile.py): the
        change mark of every order with a change still waiting, and the newest outbox id. Only
        those orders, or a change queued after this, can get a newer mark while listing."""
        waiting = [row[0].split(":", 1)[1] for row in self.db.execute(
            "SELECT DISTINCT resource FROM outbox WHERE state = 'pending' "
            "AND resource LIKE 'order:%'").fetchall()]
        newest = self._one("SELECT MAX(id) FROM outbox")
        return {order_id: self.kitchen_change_mark(order_id) for order_id in waiting}, \
            int(newest or 0)

    def oldest_open_since(self) -> datetime | None:
        """When the oldest order still open on this screen was placed (or first seen)."""
        value = self._one("SELECT MIN(coalesce(created_at, first_seen_at)) FROM orders "
                          "WHERE done = 0")
        return from_db(value) if isinstance(value, str) else None

    def _add_history(self, order_id: str, status: str, by: str, reason: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO status_history (order_id, status, at, by, reason) VALUES (?, ?, ?, ?, ?)",
            [order_id, status, self._now_text(), by, reason])

    def has_order(self, order_id: str) -> bool:
        return self._one("SELECT 1 FROM orders WHERE id = ?", [order_id]) is not None

    def get_order(self, order_id: str) -> OrderRow | None:
        record = self._order_record(order_id)
        if record is None:
            return None
        return self._with_local_progress([self._to_row(record, self._sync_states([order_id]))])[0]

    def known_order_ids_since(self, since: datetime) -> set[str]:
        """Ids of stored orders created at or after `since` (catch-up skips these)."""
        rows = self.db.execute("SELECT id FROM orders WHERE created_at >= ?", [to_db(since)])
        return {row[0] for row in rows}

    def set_order_status(self, order_id: str, status: str, *,
                         confirmed_time: datetime | None = None, reason: str | None = None,
                         seller_notes: str | None = None) -> int:
        """A staff tap: order row + history (by kitchen) + outbox entry in one transaction.

        Returns the id of the outbox entry that will carry the change (see _enqueue_status
        for how superseded taps collapse).
        """
        if status not in ORDER_STATUSES:
            raise ValueError(f"unknown order status {status!r}")
        with self.transaction():
            old = self._order_record(order_id)
            if old is None:
                raise KeyError(f"no order {order_id!r} in the store")
            self._apply_local_status(old, status, confirmed_time)
            self._add_history(order_id, status, "kitchen", reason)
            self._note_figures(order_id)
            if status == "accepted":
                self._queue_on("accept", order_id, status)
            body: dict[str, Any] = {"status": status}
            if confirmed_time is not None:
                body["confirmed_time"] = format_time(confirmed_time)
            if seller_notes:   # staff chose to tell the customer (seed 001: the merchant's note)
                body["seller_notes"] = seller_notes[:500]
            return self._enqueue_status(order_id, body)

    def _apply_local_status(self, old: dict[str, Any], status: str,
                            confirmed_time: datetime | None) -> None:
        confirmed = to_db(confirmed_time) if confirmed_time else old["confirmed_time"]
        changed_at = self._now_text() if status != old["status"] else old["last_status_change_at"]
        # Telling HubRise "received" is an acknowledgement (auto-receive sends it unattended),
        # not a person having looked: the order stays NEW (flash, chime) until a touch marks
        # it seen. Any later step (accepted, cooking, ready…) can only come from a person.
        touched = status not in ACK_STATUSES
        self.db.execute(
            "UPDATE orders SET status = ?, done = ?, seen = CASE WHEN ? THEN 1 ELSE seen END, "
            "confirmed_time = ?, due_at = ?, last_status_change_at = ? WHERE id = ?",
            [status, int(status in DONE_STATUSES), int(touched), confirmed,
             confirmed or old["expected_time"], changed_at, old["id"]])

    def _enqueue_status(self, order_id: str, body: dict[str, Any]) -> int:
        """Collapse superseded taps: HubRise and the ordering platform only need the final status.

        The newest pending entry for the order is replaced when it has not been handed to the
        sender yet (not claimed) and does not carry a confirmed_time. An entry with a
        confirmed_time (normally `accepted` + the promised time) is kept and sent on its own:
        the platform tells the customer that time, so it must not be folded into a later step.
        """
        resource = order_resource(order_id)
        row = self.db.execute(
            "SELECT id, body, claimed_at, kind FROM outbox WHERE resource = ? "
            "AND state = 'pending' ORDER BY id DESC LIMIT 1", [resource]).fetchone()
        # An entry carrying a promise or a note for the customer is sent on its own, as tapped.
        kept = {"confirmed_time", "seller_notes"}
        if (row is not None and row[2] is None and row[3] == "order_status"
                and not kept & set(json.loads(row[1]))):
            self.db.execute("UPDATE outbox SET body = ? WHERE id = ?", [to_json(body), row[0]])
            return int(row[0])
        return self._insert_outbox(resource, "order_status", body, None)

    def _insert_outbox(self, resource: str, kind: str, body: dict[str, Any],
                       patch_kind: str | None) -> int:
        now = self._now_text()
        cursor = self.db.execute(
            "INSERT INTO outbox (resource, kind, patch_kind, body, state, attempts, next_try_at, "
            "created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
            [resource, kind, patch_kind, to_json(body), now, now])
        return int(cursor.lastrowid or 0)

    def restore_platform_status(self, order_id: str, status: str) -> int:
        """A kitchen tap reached HubRise just after the platform cancelled (or rejected) the
        order and overwrote it: show the cancellation again and send it back to HubRise."""
        with self.transaction():
            entry = self.set_order_status(
                order_id, status, reason=f"restoring the ordering platform's {status} status")
            self.db.execute("UPDATE orders SET remote_change = ? WHERE id = ?",
                            ["cancelled" if status == "cancelled" else "changed", order_id])
        return entry

    def mark_seen(self, order_id: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE orders SET seen = 1 WHERE id = ?", [order_id])

    def set_rush(self, order_id: str, rush: bool) -> None:
        """Flag (or unflag) an order as a kitchen priority. A local decision only: HubRise has
        no such field, so there is no outbox entry, and status history stays for statuses."""
        with self.transaction():
            cursor = self.db.execute("UPDATE orders SET rush = ? WHERE id = ?",
                                     [int(rush), order_id])
            if cursor.rowcount == 0:
                raise KeyError(f"no order {order_id!r} in the store")

    def dismiss_remote_change(self, order_id: str) -> None:
        """Staff saw the change; taps withdrawn because of it stop showing as failures too."""
        with self.transaction():
            self.db.execute("UPDATE orders SET remote_change = NULL, seen = 1 WHERE id = ?",
                            [order_id])
            self.db.execute("UPDATE outbox SET cleared_at = ? WHERE resource = ? "
                            "AND state = 'failed' AND cleared_at IS NULL",
                            [self._now_text(), order_resource(order_id)])

    def _sync_states(self, order_ids: list[str] | None) -> dict[str, tuple[SyncState, str | None]]:
        """Outbox state per order id: a failed (undismissed) entry outranks a pending one."""
        rows = self.db.execute(
            "SELECT resource, state, last_error FROM outbox WHERE state IN ('pending', 'failed') "
            "AND cleared_at IS NULL AND resource LIKE 'order:%' ORDER BY id").fetchall()
        wanted = None if order_ids is None else {order_resource(i) for i in order_ids}
        states: dict[str, tuple[SyncState, str | None]] = {}
        for resource, state, error in rows:
            if wanted is not None and resource not in wanted:
                continue
            key = resource.split(":", 1)[1]
            if state == "failed":
                states[key] = ("failed", error)
            elif key not in states:
                states[key] = ("pending", None)
        return states

    @staticmethod
    def _to_row(record: dict[str, Any],
                states: dict[str, tuple[SyncState, str | None]]) -> OrderRow:
        state, error = states.get(record["id"], ("ok", None))
        raw, problems = decoded_payload(record)
        return OrderRow(
            id=record["id"], status=record["status"], remote_status=record["remote_status"],
            service_type=record["service_type"], created_at=from_db(record["created_at"]),
            expected_time=from_db(record["expected_time"]),
            confirmed_time=from_db(record["confirmed_time"]),
            first_seen_at=from_db_required(record["first_seen_at"]),
            last_status_change_at=from_db_required(record["last_status_change_at"]),
            raw=raw, problems=problems,
            sync_state=state, sync_error=error, seen=bool(record["seen"]),
            remote_change=record["remote_change"], rush=bool(record["rush"]))


def _has_order_id(raw: object) -> bool:
    return isinstance(raw, dict) and isinstance(raw.get("id"), str) and bool(raw["id"])


def _due(confirmed: datetime | None, expected: datetime | None) -> str | None:
    """The promised time when there is one; created_at + preparation time is added at read."""
    chosen = confirmed or expected
    return None if chosen is None else to_db(chosen)
