"""Make untrusted JSON safe to keep: valid UTF-8, bounded depth and size, JSON types only.

Anything changed on the way is reported as a "field: message" problem so staff can see it.
An API rule (every HubRise payload is untrusted), so it lives here: an order is cleaned before
its one parse (kds/hubrise/arrival.py); the store cleans its other payloads with it too.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_DEPTH = 32            # custom fields nested deeper are cut (HubRise caps them at 8 KB anyway)
MAX_STRING = 16_384       # a ticket cannot show more; a 1 MB note is truncated, not refused
REPLACEMENT = "\ufffd"


class Sanitized:
    """The cleaned value plus what had to be changed to get it."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def note(self, path: str, message: str) -> None:
        if len(self.problems) < 50:  # one bad payload must not bloat the row with messages
            self.problems.append(f"{path or '(payload)'}: {message}")


_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_LONE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, bool]:
    """Replace lone surrogates (undecodable bytes kept by surrogateescape or JSON escapes)
    with U+FFFD, one per code point; a split but valid pair is joined back."""
    try:
        text.encode("utf-8")
        return text, False
    except UnicodeEncodeError:
        joined = _PAIR.sub(
            lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), text)
        return _LONE.sub(REPLACEMENT, joined), True


def sanitize(value: Any, report: Sanitized, path: str = "", depth: int = 0) -> Any:
    """A JSON-safe copy of `value`. Recursion stops at MAX_DEPTH, so huge nesting cannot crash."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        report.note(path, "number is not finite")
        return None
    if isinstance(value, str):
        return _sanitize_str(value, report, path)
    if isinstance(value, (bytes, bytearray)):
        report.note(path, "bytes replaced by text")
        return _sanitize_str(bytes(value).decode("utf-8", "replace"), report, path)
    if depth >= MAX_DEPTH:
        report.note(path, f"nested deeper than {MAX_DEPTH} levels, cut")
        return None
    if isinstance(value, dict):
        return _sanitize_dict(value, report, path, depth)
    if isinstance(value, (list, tuple)):
        return [sanitize(v, report, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
    report.note(path, f"unexpected {type(value).__name__} replaced by text")
    return _sanitize_str(str(value), report, path)


def _sanitize_str(value: str, report: Sanitized, path: str) -> str:
    text, replaced = clean_text(value)
    if replaced:
        report.note(path, "invalid UTF-8 replaced")
    if len(text) > MAX_STRING:
        report.note(path, f"text of {len(text):,} characters cut to {MAX_STRING:,}")
        text = text[:MAX_STRING]
    return text


def _sanitize_dict(value: dict[Any, Any], report: Sanitized, path: str,
                   depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = key if isinstance(key, str) else str(key)
        name, replaced = clean_text(name)
        child = f"{path}.{name}" if path else name
        if replaced:
            report.note(child, "invalid UTF-8 in key replaced")
        out[name] = sanitize(item, report, child, depth + 1)
    return out
