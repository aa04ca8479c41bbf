"""The print queue: kitchen tickets waiting for a printer, kept in the store so none is lost
or printed twice across a restart.

One job per (order, event, printer): events "arrival", "accept", ..., and "reprint:N" for each
reprint staff ask for; each printer (its "tcp://HOST:PORT") gets its own job and worker. A job
is queued in the same transaction as what caused it (the order's first storing, the accept
tap), so a crash cannot lose it, and the unique key means applying the same order again after
a restart queues nothing new.

States: pending (waiting, maybe until next_try_at) → sending (bytes on their way) → sent, or
back to pending with the error (the printer was away), or failed (given up, or interrupted
mid-send: the printer may or may not have printed it, so it is not sent again by itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from kds.hubrise.statuses import DONE_STATUSES
from kds.store.base import StoreBase
from kds.store.timefmt import from_db, from_db_required, to_db

PrintState = Literal["pending", "sending", "sent", "failed"]

#: The events that can print a ticket by themselves (Settings → Printing). "station_done":
#: a station screen bumps its part (the job's kind is "station:<name>", once per station).
PRINT_EVENTS = ("arrival", "accept", "station_done")
INTERRUPTED = "interrupted while printing; reprint from the ticket menu if it did not come out"

_COLUMNS = ("id, order_id, kind, state, attempts, next_try_at, last_error, created_at, "
            "sent_at, printer")


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    order_id: str
    kind: str                 # "arrival", "accept", "reprint:2"
    state: PrintState
    attempts: int
    next_try_at: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    printer: str = ""         # which printer ("tcp://HOST:PORT"); "" in tests without one


def create_print_jobs(db: Any) -> None:
    """Schema version 5 (kds/store/migrations.py)."""
    db.execute(
        "CREATE TABLE print_jobs (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, "
        "kind TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', "
        "attempts INTEGER NOT NULL DEFAULT 0, next_try_at TEXT, last_error TEXT, "
        "created_at TEXT NOT NULL, sent_at TEXT, printer TEXT NOT NULL DEFAULT '', "
        "UNIQUE (order_id, kind, printer))")
    db.execute("CREATE INDEX print_jobs_by_state ON print_jobs (printer, state, id)")


class PrintQueueMixin(StoreBase):
    #: Which events queue a ticket by themselves; the app sets it from the printer settings
    #: (empty: no printer, nothing is queued).
    print_events: frozenset[str] = frozenset()
    #: The printers a job is queued for, one job each; the app sets them with the workers.
    printers: tuple[str, ...] = ()

    @property
    def printer_ready(self) -> bool:
        """A printer is set up: the ticket menu offers a reprint."""
        return bool(self.printers)

    def queue_print(self, order_id: str, kind: str, printer: str = "") -> int | None:
        """Queue a ticket for one printer; None when that (order, kind, printer) was queued
        before (never twice)."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO print_jobs (order_id, kind, printer, created_at) "
                "VALUES (?, ?, ?, ?)", [order_id, kind, printer, self._now_text()])
        return int(cursor.lastrowid) if cursor.rowcount == 1 and cursor.lastrowid else None

    def queue_reprint(self, order_id: str) -> list[int]:
        """Staff asked for the ticket again: a new job on every printer."""
        with self.transaction():
            count = self._one("SELECT COUNT(DISTINCT kind) FROM print_jobs WHERE order_id = ? "
                              "AND kind LIKE 'reprint:%'", [order_id])
            kind = f"reprint:{int(count or 0) + 1}"
            jobs = [self.queue_print(order_id, kind, printer) for printer in self.printers]
        return [job for job in jobs if job is not None]

    def _queue_on(self, event: str, order_id: str, status: str, kind: str | None = None) -> None:
        """Called where the event happens, inside its transaction. `kind`: the job's kind when
        it is not the event's name ("station:grill" for "station_done")."""
        if event in self.print_events and status not in DONE_STATUSES:
            for printer in self.printers:
                self.queue_print(order_id, kind or event, printer)

    def next_print_job(self, now: datetime, printer: str = "") -> PrintJob | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE printer = ? AND state = 'pending' "
            "AND (next_try_at IS NULL OR next_try_at <= ?) ORDER BY id LIMIT 1",
            [printer, to_db(now)]).fetchone()
        return None if row is None else _job(row)

    def next_print_retry_at(self, printer: str = "") -> datetime | None:
        """When the earliest waiting job may be tried again (None: nothing is waiting)."""
        return from_db(self._one(
            "SELECT MIN(next_try_at) FROM print_jobs WHERE printer = ? AND state = 'pending'",
            [printer]))

    def start_print(self, job_id: int) -> bool:
        """Take a pending job for sending; False if it is no longer pending."""
        with self.transaction():
            cursor = self.db.execute(
                "UPDATE print_jobs SET state = 'sending', attempts = attempts + 1 "
                "WHERE id = ? AND state = 'pending'", [job_id])
        return cursor.rowcount == 1

    def mark_print_sent(self, job_id: int) -> None:
        self._set_print_state(job_id, "sent", None, sent_at=self._now_text())

    def mark_print_retry(self, job_id: int, next_try_at: datetime, error: str) -> None:
        self._set_print_state(job_id, "pending", error, next_try_at=to_db(next_try_at))

    def mark_print_failed(self, job_id: int, error: str) -> None:
        self._set_print_state(job_id, "failed", error)

    def _set_print_state(self, job_id: int, state: PrintState, error: str | None, *,
                         next_try_at: str | None = None, sent_at: str | None = None) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE print_jobs SET state = ?, last_error = ?, next_try_at = ?, "
                "sent_at = COALESCE(?, sent_at) WHERE id = ?",
                [state, None if error is None else str(error)[:500], next_try_at, sent_at,
                 job_id])

    def print_jobs(self, order_id: str | None = None) -> list[PrintJob]:
        where, params = ("WHERE order_id = ?", [order_id]) if order_id is not None else ("", [])
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM print_jobs {where} ORDER BY id",
                               params).fetchall()
        return [_job(row) for row in rows]

    def print_counts(self, printer: str | None = None) -> tuple[int, int]:
        """(waiting, failed) jobs, of one printer or all, for the header."""
        where, params = ("WHERE printer = ?", [printer]) if printer is not None else ("", [])
        row = self.db.execute(
            "SELECT SUM(state IN ('pending', 'sending')), SUM(state = 'failed') "
            f"FROM print_jobs {where}", params).fetchone()
        return int(row[0] or 0), int(row[1] or 0)

    def _settle_interrupted_prints(self) -> None:
        """At open: a job left "sending" may have printed; it is not sent again by itself."""
        if not self.db["print_jobs"].exists():
            return
        with self.transaction():
            self.db.execute("UPDATE print_jobs SET state = 'failed', last_error = ? "
                            "WHERE state = 'sending'", [INTERRUPTED])


def _job(row: tuple[Any, ...]) -> PrintJob:
    return PrintJob(id=int(row[0]), order_id=str(row[1]), kind=str(row[2]), state=row[3],
                    attempts=int(row[4]), next_try_at=from_db(row[5]), last_error=row[6],
                    created_at=from_db_required(row[7]), sent_at=from_db(row[8]),
                    printer=str(row[9]))
