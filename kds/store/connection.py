"""Opening the SQLite file: private permissions, WAL, integrity check, recovery from corruption."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlite_utils import Database

log = logging.getLogger(__name__)

APP_NAME = "kds"
FILE_NAME = "kds.sqlite3"
SIDE_FILES = ("-wal", "-shm")
BUSY_TIMEOUT_SECONDS = 5.0  # how long to wait for another connection's write lock


def default_path() -> Path:
    """Where the store lives unless --data-dir says otherwise (per-platform user data dir)."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


def private(path: Path) -> None:
    """Orders hold customer names and phones: only the user may read the files."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        if candidate.exists():
            os.chmod(candidate, 0o600)


def _create_private(path: Path) -> None:
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        # Create with 0600 before SQLite touches it; SQLite gives -wal/-shm the same mode.
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _connect(path: Path) -> Database:
    _create_private(path)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        db = Database(conn, execute_plugins=False)
        _enable_wal(db)
        # FULL, not NORMAL: events are acknowledged to HubRise right after our commit, so a
        # commit must survive a power cut too, or an acknowledged order could vanish.
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError:
        conn.close()  # Windows cannot rename a file that is still open
        raise
    private(path)
    return db


@contextlib.contextmanager
def immediate_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

    IMMEDIATE takes the write lock up front: another process writing to the file (a second
    KDS starting, a tool, a crashed app's recovery) makes us wait for the busy timeout, where
    a deferred transaction that read first would fail half-way with "database is locked".
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _enable_wal(db: Database) -> None:
    """Switch to WAL, waiting for a connection that is creating the file at the same moment.

    Changing the journal mode needs an exclusive lock, and SQLite answers "database is locked"
    at once rather than through the busy timeout when the other side holds a pending write
    (two KDS processes, or a tool opening the file while the app migrates it).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _healthy(db: Database) -> bool:
    row = db.execute("PRAGMA quick_check").fetchone()
    return bool(row) and row[0] == "ok"


def move_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged file (and its WAL/SHM) aside: nothing is deleted, support can look later."""
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.rename(target)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.rename(Path(f"{target}{suffix}"))
    return target


def open_database(path: Path, now: datetime) -> tuple[Database, Path | None]:
    """Open (or create) the file; a corrupt one is moved aside and a fresh one created."""
    db: Database | None = None
    try:
        db = _connect(path)
        if _healthy(db):
            return db, None
        reason = "integrity check failed"
    except sqlite3.OperationalError:
        # Locked by another KDS, no permission, disk full: not damage; never move a good file.
        if db is not None:
            db.close()
        raise
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        reason = str(exc)
    if db is not None:
        db.close()
    moved = move_aside(path, now)
    log.error("data file %s is damaged (%s); moved to %s, starting fresh", path, reason, moved)
    return _connect(path), moved
