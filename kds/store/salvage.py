"""Read back what a damaged store file still holds: the taps not yet sent, then the orders.

When the file fails its integrity check it is moved aside and a fresh one created; HubRise
gives the orders back, but only this file knows the kitchen's taps still waiting in the outbox
and which tickets staff have already seen or rushed. Every read here is best effort: a page
that cannot be read is skipped, never fatal.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAX_SKIPS = 64  # unreadable spots skipped per table before giving up on it
OUTBOX_COLUMNS = ("id", "resource", "kind", "patch_kind", "body", "state", "attempts",
                  "next_try_at", "last_error", "created_at")
ORDER_COLUMNS = ("id", "status", "remote_status", "service_type", "created_at", "expected_time",
                 "confirmed_time", "due_at", "done", "first_seen_at", "last_status_change_at",
                 "seen", "remote_change", "raw", "problems", "payload_hash", "change_fingerprint",
                 "rush")


@dataclass(frozen=True)
class SalvageReport:
    damaged_file: Path
    changes: int = 0   # outbox entries not yet sent, queued again
    orders: int = 0    # orders kept with their seen / rush flags

    def message(self) -> str:
        """What staff read on screen."""
        return (f"The local store was damaged and repaired: {self.changes} "
                f"{'change' if self.changes == 1 else 'changes'} waiting to be sent and "
                f"{self.orders} {'order was' if self.orders == 1 else 'orders were'} kept. "
                f"The damaged file is at {self.damaged_file}.")


def _open_damaged(path: Path) -> sqlite3.Connection | None:
    """Read-only, with its WAL if it can be read, else the main file alone."""
    for query in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError as exc:
            log.warning("damaged file %s cannot be read (%s): %s", path, query, exc)
    return None


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def read_rows(conn: sqlite3.Connection, table: str,
              wanted: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Every readable row, in rowid order; an unreadable spot is stepped over, wider each time."""
    columns = [c for c in wanted if c in _columns(conn, table)]
    if wanted[0] not in columns:  # the key column: without it a row cannot be placed
        return
    after, step, skips = -(2 ** 63), 1, 0
    sql = f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE rowid > ? ORDER BY rowid"
    while skips <= MAX_SKIPS:
        try:
            for row in conn.execute(sql, [after]):
                after = row[0]
                yield dict(zip(columns, row[1:], strict=False))
            return
        except sqlite3.DatabaseError:
            skips += 1
            after, step = (after if after > -(2 ** 62) else 0) + step, step * 2
            if after >= 2 ** 63 - 1:   # stepped past the largest rowid: the damage ran to the end
                return


def _json_dict(text: Any) -> dict[str, Any] | None:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _good_change(row: dict[str, Any]) -> bool:
    return (row.get("state") == "pending" and isinstance(row.get("id"), int)
            and isinstance(row.get("resource"), str) and isinstance(row.get("kind"), str)
            and isinstance(row.get("next_try_at"), str) and isinstance(row.get("created_at"), str)
            and _json_dict(row.get("body")) is not None)


def _good_order(row: dict[str, Any]) -> bool:
    raw = _json_dict(row.get("raw"))
    return (raw is not None and isinstance(row.get("id"), str) and raw.get("id") == row["id"]
            and isinstance(row.get("status"), str) and isinstance(row.get("remote_status"), str)
            and isinstance(row.get("first_seen_at"), str)
            and isinstance(row.get("last_status_change_at"), str))


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> bool:
    names = list(row)
    cursor = conn.execute(
        f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
    return cursor.rowcount == 1


def salvage(damaged: Path, target: sqlite3.Connection) -> SalvageReport:
    """Copy the pending outbox, the orders and the settings from `damaged` into `target`.

    The caller holds the write transaction on `target` (a fresh, migrated store).
    """
    source = _open_damaged(damaged)
    if source is None:
        return SalvageReport(damaged)
    try:
        changes = sum(_insert(target, "outbox", {**row, "attempts": row.get("attempts") or 0})
                      for row in read_rows(source, "outbox", OUTBOX_COLUMNS) if _good_change(row))
        orders = sum(_insert(target, "orders", {**row, "seen": int(bool(row.get("seen"))),
                                                "rush": int(bool(row.get("rush")))})
                     for row in read_rows(source, "orders", ORDER_COLUMNS) if _good_order(row))
        for row in read_rows(source, "settings", ("key", "value")):
            if row.get("key") == "settings" and _json_dict(row.get("value")) is not None:
                _insert(target, "settings", row)
    finally:
        source.close()
    log.warning("salvaged from %s: %d changes not yet sent, %d orders", damaged, changes, orders)
    return SalvageReport(damaged, changes, orders)
