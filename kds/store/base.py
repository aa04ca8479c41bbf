"""Shared plumbing for the store's parts: the connection, the clock, transactions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kds.clock import Clock
from kds.store.claims import new_owner
from kds.store.connection import immediate_transaction
from kds.store.timefmt import to_db


class StoreBase:
    """What every part of the store needs. Not used on its own; see kds.store.store.Store."""

    def __init__(self, db: Database, clock: Clock, path: Path,
                 recovered_from: Path | None = None) -> None:
        self.db = db
        self.clock = clock
        self.path = path
        # Set when the file was damaged at open and moved aside: the app tells staff.
        self.recovered_from = recovered_from
        # Who this store's outbox claims belong to (kds/store/claims.py).
        self.claim_owner = new_owner()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite transaction; nested calls join it (as a savepoint) and commit with it."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        with immediate_transaction(conn):
            yield

    def _now(self) -> datetime:
        return self.clock.now()

    def _now_text(self) -> str:
        return to_db(self.clock.now())

    def _one(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        row = self.db.execute(sql, list(params)).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self.db.close()

    def dead_letter(self, kind: str, raw: Any, reason: str) -> int:
        """Keep what could not be applied, with why, instead of losing or crashing on it."""
        from kds.store.sanitize import clean_text, safe_json

        text, _ = safe_json(raw)
        why, _ = clean_text(str(reason)[:2000])
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO dead_letters (kind, raw, reason, at) VALUES (?, ?, ?, ?)",
                [str(kind)[:40], text, why, self._now_text()])
        return int(cursor.lastrowid or 0)
