"""Opening the SQLite file: private permissions, WAL, integrity check, recovery from corruption."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlite_utils import Database

log = logging.getLogger(__name__)

APP_NAME = "kds"
FILE_NAME = "kds.sqlite3"
SIDE_FILES = ("-wal", "-shm")
BUSY_TIMEOUT_SECONDS = 5.0  # how long to wait for another connection's write lock
FULL_BELOW_BYTES = 64 * 1024  # less free space than this: SQLite cannot even start a write


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


# A verdict given ahead of opening: True when the file passed its integrity check.
Precheck = Callable[[], bool]


def check_in_background(path: Path) -> Precheck | None:
    """Start the file's integrity check on its own connection and thread; the returned call
    waits for the verdict. The check reads the whole file (a quarter of a second with 100,000
    historic orders) and SQLite releases the GIL while it runs, so the app's start-up imports
    proceed beside it. None when there is no file yet."""
    if not path.is_file():
        return None
    verdict: list[bool] = []

    def check() -> None:
        try:
            # as_uri: a folder named with spaces, '?' or '#', or a Windows drive, stays one path
            uri = f"{path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
            try:
                row = conn.execute("PRAGMA quick_check").fetchone()
                verdict.append(bool(row) and row[0] == "ok")
            finally:
                conn.close()
        except sqlite3.Error:
            verdict.append(False)  # open_database then checks for itself and decides

    worker = threading.Thread(target=check, name="kds-store-check", daemon=True)
    worker.start()

    def wait() -> bool:
        worker.join()
        return verdict == [True]
    return wait


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


def copy_before_migrating(db: Database, path: Path, version: int, now: datetime) -> Path:
    """A consistent copy of the file as it was (SQLite's backup API: WAL pages included), kept
    beside it before a migration changes it, so an upgrade can always be undone by hand."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.schema-v{version}-{stamp}")
    copy = sqlite3.connect(target)
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    return target


def open_database(path: Path, now: datetime,
                  precheck: Precheck | None = None) -> tuple[Database, Path | None]:
    """Open (or create) the file; a corrupt one is moved aside and a fresh one created.

    `precheck` (check_in_background, started under the instance lock) spares the second read
    of the whole file when it found the file sound; any other answer is checked again here."""
    db: Database | None = None
    try:
        db = _connect(path)
        if (precheck is not None and precheck()) or _healthy(db):
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


# Why the file cannot be written: the app then shows the cache read-only instead of stopping.
_NO_WRITE_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC,
                    getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_WRITE_TEXTS = ("disk is full", "readonly", "read-only", "disk i/o error", "unable to open")


def cannot_write(exc: BaseException) -> bool:
    """A full, read-only or forbidden disk (not a lock held by another process, not damage)."""
    if isinstance(exc, OSError):
        return exc.errno in _NO_WRITE_ERRNOS
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return "locked" not in text and any(t in text for t in _NO_WRITE_TEXTS)
    return False


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):  # no statvfs on Windows; a missing folder
        return False


def _disk_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def describe_no_write(exc: BaseException, folder: Path) -> str:
    """A few words for staff: why nothing can be saved."""
    code = exc.errno if isinstance(exc, OSError) else None
    text = str(exc).lower()
    if code == errno.EROFS or _read_only_mount(folder):
        return "the data folder is read-only"
    # SQLite says "disk I/O error" when a full disk refuses its -shm file.
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or "full" in text \
            or _disk_full(folder):
        return "the disk is full"
    if code == errno.EROFS or "readonly" in text or "read-only" in text:
        return "the data folder is read-only"
    if code in (errno.EACCES, errno.EPERM):
        return "this user may not write to the data folder"
    return f"the data folder cannot be written ({exc})"


def open_read_only(path: Path) -> Database | None:
    """The cached file for reading only: with its WAL when readable, else the main file alone
    (immutable=1 needs no -shm, so it works in a read-only folder after a clean shutdown)."""
    if not path.exists():
        return None
    for query in ("mode=ro", "immutable=1"):
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                                   timeout=BUSY_TIMEOUT_SECONDS)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return Database(conn, execute_plugins=False)
        except sqlite3.DatabaseError as exc:
            log.warning("cannot read %s (%s): %s", path, query, exc)
            if conn is not None:
                conn.close()
    return None
