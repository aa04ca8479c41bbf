"""The store's JSON: canonical text, its hash, and a never-failing dump for dead letters.

Making untrusted JSON safe (`sanitize`) is an API rule and lives in kds/hubrise/sanitize.py:
an order is cleaned there once, before its one parse (kds/hubrise/arrival.py). Re-exported here
for the store's other payloads (location, outbox answers, dead letters).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kds.hubrise.sanitize import (
    MAX_DEPTH,
    MAX_STRING,
    REPLACEMENT,
    Sanitized,
    clean_text,
    sanitize,
)

__all__ = ["MAX_DEPTH", "MAX_PAYLOAD_BYTES", "MAX_STRING", "REPLACEMENT", "Sanitized",
           "clean_text", "payload_hash", "safe_json", "sanitize", "to_json"]

MAX_PAYLOAD_BYTES = 4_000_000  # beyond this a payload is dead-lettered instead of stored


def to_json(value: Any) -> str:
    """Canonical JSON of an already sanitized value (sorted keys, so equal payloads hash equal)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def payload_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def safe_json(value: Any) -> tuple[str, list[str]]:
    """Serialize anything (for dead letters and audit rows); never raises."""
    report = Sanitized()
    try:
        return to_json(sanitize(value, report)), report.problems
    except (RecursionError, ValueError, TypeError) as exc:  # last resort: keep a readable trace
        try:
            text, _ = clean_text(repr(value)[:MAX_STRING])
        except RecursionError:
            text = f"<{type(value).__name__} too deeply nested to show>"
        return json.dumps({"unserializable": text, "error": str(exc)}), report.problems
