"""The local store: one SQLite file holding orders, events, the outbox, location and settings."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from kds.clock import Clock
from kds.store.catalog import CatalogMixin
from kds.store.connection import (
    Precheck,
    cannot_write,
    copy_before_migrating,
    describe_no_write,
    open_database,
    open_read_only,
)
from kds.store.figures import FiguresMixin
from kds.store.migrations import MIGRATIONS, migrate, schema_version
from kds.store.outbox import OutboxMixin
from kds.store.salvage import SalvageReport, salvage
from kds.store.sanitize import Sanitized, clean_text, safe_json, sanitize, to_json
from kds.store.settings import Settings
from kds.store.stations import StationsMixin
from kds.store.timefmt import to_db

log = logging.getLogger(__name__)


class Store(FiguresMixin, OutboxMixin, StationsMixin, CatalogMixin):
    """See docs/CONTRACTS.md ("kds/store") for what each part promises."""

    #: Set with recovered_from: what was read back from the damaged file (for the notice).
    salvage_report: SalvageReport | None = None

    #: Set when nothing can be written (full or read-only disk): the cache is shown read-only
    #: (or, with no readable cache, an empty store in memory). The app tells staff.
    read_only_reason: str | None = None
    copied_before_migrating: Path | None = None   # the file as it was before this start migrated it
    in_memory: bool = False

    @classmethod
    def open(cls, path: Path, clock: Clock, precheck: Precheck | None = None) -> Store:
        """Open or create the file: 0600, WAL, integrity check, migrations.

        A damaged file is renamed aside and a fresh one created; `recovered_from` then holds
        the renamed path so the app can tell staff. A disk that cannot be written (full,
        read-only, forbidden) opens the cache read-only instead of failing the start.
        """
        try:
            return cls._open_writable(Path(path), clock, precheck)
        except (sqlite3.OperationalError, OSError) as exc:
            if not cannot_write(exc):
                raise
            return cls._open_read_only(Path(path), clock, describe_no_write(exc, Path(path).parent))

    @classmethod
    def _open_read_only(cls, path: Path, clock: Clock, reason: str) -> Store:
        db = open_read_only(path)
        if db is not None and schema_version(db) != len(MIGRATIONS):
            db.close()  # an older file needs migrating, which needs writing
            db = None
        in_memory = db is None
        if db is None:
            db = Database(memory=True)
            migrate(db)
        store = cls(db, clock, path)
        store.read_only_reason, store.in_memory = reason, in_memory
        log.error("cannot write %s (%s): %s", path, reason,
                  "working in memory" if in_memory else "showing the cache read-only")
        return store

    @classmethod
    def _open_writable(cls, path: Path, clock: Clock, precheck: Precheck | None = None) -> Store:
        db, moved = open_database(path, clock.now(), precheck)
        try:
            copied = cls._copy_if_migrating(db, path, clock)
            migrate(db)
            store = cls(db, clock, path, moved)
            store.copied_before_migrating = copied
            store._release_claims()
            store._settle_interrupted_prints()
        except sqlite3.OperationalError:
            db.close()
            raise
        if moved is not None:
            store._salvage(moved)
        return store

    @staticmethod
    def _copy_if_migrating(db: Database, path: Path, clock: Clock) -> Path | None:
        version = schema_version(db) if db["meta"].exists() else 0
        if not 0 < version < len(MIGRATIONS):
            return None   # a new file, or one already up to date (a newer one is refused)
        copied = copy_before_migrating(db, path, version, clock.now())
        log.info("data file at schema version %d: copied to %s before migrating", version, copied)
        return copied

    def _salvage(self, damaged: Path) -> None:
        """Queue again the taps the damaged file still holds; keep seen / rush as they were."""
        try:
            with self.transaction():
                self.salvage_report = salvage(damaged, self.db.conn)
                self._note_figures_of_missing()   # rows copied as they were, without facts
        except sqlite3.DatabaseError as exc:  # never let a rescue attempt stop the kitchen
            log.error("could not salvage %s: %s", damaged, exc)
            self.salvage_report = SalvageReport(damaged)

    # --- events -------------------------------------------------------------------------
    def has_event(self, event_id: str) -> bool:
        return self._one("SELECT 1 FROM events WHERE id = ?", [str(event_id)]) is not None

    def record_event(self, event_id: str, raw: Any, applied_at: Any = None) -> None:
        """Remember an applied event (idempotent: recording it twice keeps the first)."""
        text, _ = safe_json(raw)
        when = to_db(applied_at) if applied_at is not None else self._now_text()
        key, _ = clean_text(str(event_id)[:200])
        with self.transaction():
            self.db.execute("INSERT OR IGNORE INTO events (id, raw, applied_at) VALUES (?, ?, ?)",
                            [key, text, when])

    def dead_letters(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, kind, raw, reason, at FROM dead_letters ORDER BY id DESC LIMIT ?",
            [limit]).fetchall()
        return [dict(zip(("id", "kind", "raw", "reason", "at"), row, strict=True)) for row in rows]

    # --- location -----------------------------------------------------------------------
    def set_location(self, raw: dict[str, Any]) -> None:
        if not isinstance(raw, dict):
            self.dead_letter("location", raw, "location is not an object")
            return
        clean = sanitize(raw, Sanitized())
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO location (id, raw, updated_at) VALUES (1, ?, ?)",
                [to_json(clean), self._now_text()])
            self._recount_figures_if_stale()   # a new zone moves orders to other days and hours

    # --- limiter, settings, meta ----------------------------------------------------------
    def load_limiter_state(self) -> dict[str, Any] | None:
        state = self._load_json("SELECT state FROM limiter WHERE id = 1")
        return cast("dict[str, Any] | None", state)  # written by save_limiter_state

    def save_limiter_state(self, state: dict[str, Any]) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO limiter (id, state) VALUES (1, ?)",
                            [to_json(sanitize(state, Sanitized()))])

    def get_settings(self) -> Settings:
        return Settings.from_dict(self._load_json(
            "SELECT value FROM settings WHERE key = 'settings'"))

    def save_settings(self, settings: Settings) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('settings', ?)",
                            [json.dumps(settings.to_dict(), sort_keys=True)])

    def get_meta(self, key: str) -> str | None:
        value = self._one("SELECT value FROM meta WHERE key = ?", [key])
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [key, str(value)])

    def _load_json(self, sql: str) -> Any:
        text = self._one(sql)
        if text is None:
            return None
        try:
            return json.loads(text)
        except ValueError:
            log.warning("stored JSON is unreadable (%s); ignoring it", sql.split()[3])
            return None
