"""Logging: a rotating file in the data directory, INFO by default, secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

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


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to data_dir/logs/kds.log (5 files of 1 MB) and to stderr for warnings."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kds.log"
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in (file_handler, console):
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    # httpx logs every URL at INFO; keep it out of the kitchen's log unless debugging.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path
