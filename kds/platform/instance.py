"""One running KDS per data directory: an OS file lock that dies with the process.

Two apps on one data dir (a double-click, an autostart plus a manual start) would each poll and
send, and the older one's snapshot could overwrite the kitchen's newer status on HubRise.
The lock is the kernel's (flock / msvcrt.locking), so a crash or SIGKILL releases it at once:
no stale lock file to clean up after a power cut.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_FILE = "kds.lock"


class AlreadyRunning(Exception):
    """Another process holds the data dir's lock."""


class InstanceLock:
    """Held while the object lives (or until release); never blocks."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning; OSError when the file cannot be opened."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunning(str(self.path)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _lock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
