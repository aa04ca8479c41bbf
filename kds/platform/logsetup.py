"""Logging: a rotating file in the data directory, INFO by default, secrets redacted."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

from kds.platform.files import open_for_append, private_dir

_TOKEN_FIELD_RE = re.compile(
    r"(?i)((?:x-access-token|access_token|token|authorization)[\"']?\s*[:=]\s*[\"']?)"
    r"(?:(?:Basic|Bearer)\s+)?[A-Za-z0-9._~+/=-]{6,}"
)
_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret so that no log line ever shows it."""
    if value and len(value) >= 4:
        _secrets.add(value)


def redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, "[redacted]")
    return _TOKEN_FIELD_RE.sub(r"\1[redacted]", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Opens the log 0600 and refuses a symlink planted at its path (rotation only renames)."""

    def _open(self):  # type: ignore[no-untyped-def]  # logging's own signature
        return os.fdopen(open_for_append(Path(self.baseFilename)), "a", encoding=self.encoding)

    def handleError(self, record: logging.LogRecord) -> None:
        """A full disk fails every write: say so once, then keep the messages on stderr."""
        if not getattr(self, "_said_failing", False):
            self._said_failing = True
            sys.stderr.write(f"kds: cannot write {self.baseFilename}; logging to stderr\n")
        if record.levelno >= logging.WARNING:
            return  # the console handler already shows it
        with contextlib.suppress(Exception):  # logging must never raise into the app
            sys.stderr.write(self.format(record) + "\n")


FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to data_dir/logs/kds.log (5 files of 1 MB) and to stderr for warnings.

    Raises OSError when the log cannot be written (read-only or full disk, a symlink at the
    log's path); the caller then keeps stderr only, see setup_console_logging.
    """
    log_dir = private_dir(data_dir / "logs")
    path = log_dir / "kds.log"
    file_handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                              encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(FORMAT))
    _install(level, file_handler, _console(logging.WARNING))
    return path


def setup_console_logging(level: int = logging.INFO) -> None:
    """No log file can be written: everything goes to stderr instead of being lost."""
    console = _console(level)
    console.setFormatter(logging.Formatter(FORMAT))
    _install(level, console)


def _console(level: int) -> logging.Handler:
    console = logging.StreamHandler()
    console.setLevel(level)
    return console


def _install(level: int, *handlers: logging.Handler) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    # httpx logs every URL at INFO; keep it out of the kitchen's log unless debugging.
    logging.getLogger("httpx").setLevel(logging.WARNING)
