"""HubRise's per-connection rate limits (seed 002 §3): windows aligned on round boundaries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

# (name, window length in seconds, limit). Days are UTC days: the docs do not say which zone.
WINDOWS = (("minute", 60, 500), ("hour", 3600, 2500), ("day", 86400, 10000))
HIGH_LOAD_LIMIT = 10  # per round minute, on top of the three windows
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class _Counters:
    # window name -> (window start in epoch seconds, requests counted in it)
    used: dict[str, tuple[int, int]] = field(default_factory=dict)


def _window_start(now: datetime, length: int) -> int:
    seconds = int((now - _EPOCH).total_seconds())
    return seconds - seconds % length


class RateLimits:
    """Counts accepted requests per token; a refused (429) request is not counted."""

    def __init__(self) -> None:
        self._by_token: dict[str, _Counters] = {}

    def check(self, token: str, now: datetime, *, high_load: bool) -> float | None:
        """Count the request and return None, or return seconds until the blocking window ends."""
        counters = self._by_token.setdefault(token, _Counters())
        windows = list(WINDOWS) + ([("high_load", 60, HIGH_LOAD_LIMIT)] if high_load else [])
        current = {name: self._used(counters, name, now, length) for name, length, _ in windows}
        blocked = [(name, length) for name, length, limit in windows if current[name] >= limit]
        if blocked:
            ends = [_window_start(now, length) + length for _, length in blocked]
            wait = (_EPOCH + timedelta(seconds=max(ends)) - now).total_seconds()
            return float(max(1, math.ceil(wait)))
        for name, length, _ in windows:
            counters.used[name] = (_window_start(now, length), current[name] + 1)
        return None

    @staticmethod
    def _used(counters: _Counters, name: str, now: datetime, length: int) -> int:
        start, count = counters.used.get(name, (-1, 0))
        return count if start == _window_start(now, length) else 0
