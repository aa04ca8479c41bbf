"""Private files in the data dir: 0700 folder, 0600 files, never through a symlink.

A kitchen PC often has several OS users. Anyone who can plant a symlink where we are about to
write could make us write the access token (or append the log) into a file they read. So: new
files are created with O_EXCL under a random name and renamed into place (a rename replaces a
symlink, it never writes through it), and files we append to are opened with O_NOFOLLOW.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) 0700, or tighten an existing one we own to 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, 0o700)
    return path


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text`, readable only by this user; symlinks are not followed."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:  # mkstemp: O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_private(path: Path) -> str:
    """Read a file of ours, refusing a symlink (OSError ELOOP) planted in its place."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW)
    with os.fdopen(fd, "r", encoding="utf-8") as fh:
        return fh.read()


def open_for_append(path: Path) -> int:
    """A descriptor to append to `path`, created 0600; a symlink there is refused (ELOOP)."""
    return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | NOFOLLOW, 0o600)


def readable_by_others(path: Path) -> int | None:
    """The file's mode when users other than its owner may read it (POSIX), else None."""
    if os.name != "posix":
        return None  # Windows ACLs are not mode bits; the profile folder is private by default
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    return mode if mode & 0o044 else None
