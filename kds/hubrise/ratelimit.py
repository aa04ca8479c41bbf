"""Client-side HubRise rate limiter: counts what we send so we never send into a full window.

HubRise limits each connection to 500 requests per minute, 2,500 per hour and 10,000 per day,
plus 10 per minute for high-load queries (`GET /location/orders`, catalogs, customers). The
windows start on the round minute / hour / day. The docs do not say which timezone the day
window follows; we align it on midnight UTC. If HubRise's day starts elsewhere, the worst case
is a 429 near the end of our day, which `note_429` then handles.

A 429 hold is bounded: no documented window is longer than a day, so a Retry-After can never
mean more than "until the end of the current day window". A bigger value (a proxy's bug, a
hostile server) would otherwise stop the kitchen's orders for years, even across restarts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kds.clock import Clock

# name -> (window length in seconds, requests allowed per window)
WINDOWS: dict[str, tuple[int, int]] = {
    "minute": (60, 500),
    "hour": (3600, 2500),
    "day": (86400, 10000),
}
HIGH_LOAD = "high_load"
HIGH_LOAD_WINDOW: tuple[int, int] = (60, 10)
STATE_VERSION = 1
# The shortest sleep `acquire` takes: a wait of a few nanoseconds (float rounding, a restored
# hold) must still move the clock, or the loop would spin without ever reaching the deadline.
MIN_SLEEP = 0.001


def latest_window_end(now: float, windows: dict[str, tuple[int, int]] | None = None) -> float:
    """Epoch seconds when the longest current window ends: no 429 hold can last past it."""
    lengths = [length for length, _ in (windows or WINDOWS).values()]
    return max(float(int(now // length) * length + length) for length in lengths)


def bound_retry_after(seconds: float | None, now: float,
                      windows: dict[str, tuple[int, int]] | None = None) -> float | None:
    """A Retry-After in seconds, cut at the end of the window it can belong to; None if unusable."""
    if seconds is None or not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), latest_window_end(now, windows) - now)


class RateLimiter:
    """Counts requests per aligned window; `acquire` waits on `clock.sleep` when one is full."""

    def __init__(self, clock: Clock, state: dict[str, Any] | None = None, *,
                 on_change: Callable[[dict[str, Any]], None] | None = None,
                 windows: dict[str, tuple[int, int]] | None = None,
                 high_load_window: tuple[int, int] = HIGH_LOAD_WINDOW) -> None:
        self._clock = clock
        self._windows = dict(windows or WINDOWS)
        self._windows[HIGH_LOAD] = high_load_window
        # window name -> (start of the window it counts, in epoch seconds; requests sent in it)
        self._counts: dict[str, tuple[int, int]] = {}
        self._blocked_until: float | None = None
        self.on_change = on_change
        if state:
            self._restore(state)

    # -- sending

    async def acquire(self, high_load: bool = False) -> None:
        """Wait until every window this request counts in has room, then count it."""
        names = self._names(high_load)
        while True:
            wait = self._wait_needed(names, self._now())
            if wait <= 0:
                break
            await self._clock.sleep(max(wait, MIN_SLEEP))
        # No await between the last check and counting, so concurrent tasks cannot overbook.
        now = self._now()
        for name in names:
            self._counts[name] = (self._start(name, now), self._count(name, now) + 1)
        self._changed()

    def note_429(self, retry_after: float | None = None) -> None:
        """HubRise said a window is full: hold every request until Retry-After or the next minute.

        The server counts what we cannot see (another screen on the same token, requests sent
        before a restart); without a Retry-After we also mark the minute window as full.
        """
        now = self._now()
        retry_after = bound_retry_after(retry_after, now, self._windows)
        if retry_after is not None and retry_after > 0:
            until = now + retry_after
        else:
            until = self._end("minute", now)
            limit = self._windows["minute"][1]
            self._counts["minute"] = (self._start("minute", now),
                                      max(limit, self._count("minute", now)))
        self._blocked_until = max(self._blocked_until or 0.0, until)
        self._changed()

    # -- reading

    def remaining(self) -> dict[str, int]:
        """Requests still allowed in each current window ("minute", "hour", "day", "high_load")."""
        now = self._now()
        blocked = self._blocked_until is not None and now < self._blocked_until
        return {name: 0 if blocked else max(0, limit - self._count(name, now))
                for name, (_, limit) in self._windows.items()}

    def seconds_to_end(self) -> dict[str, float]:
        """Seconds until each current window ends (and its count starts again at zero)."""
        now = self._now()
        return {name: self._end(name, now) - now for name in self._windows}

    def blocked_for(self) -> float:
        """Seconds left of a 429 hold, 0 when none."""
        if self._blocked_until is None:
            return 0.0
        return max(0.0, self._blocked_until - self._now())

    def blocked_until(self) -> datetime | None:
        """When a 429 hold ends (aware UTC), for "HubRise asks us to wait until HH:MM"; None when
        there is no hold."""
        if self._blocked_until is None or self._blocked_until <= self._now():
            return None
        return datetime.fromtimestamp(self._blocked_until, UTC)

    # -- persistence

    def snapshot(self) -> dict[str, Any]:
        """Plain JSON-able state; `RateLimiter(clock, state=snapshot)` restores it."""
        return {
            "version": STATE_VERSION,
            "windows": {name: [start, count] for name, (start, count) in self._counts.items()},
            "blocked_until": self._blocked_until,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        # A damaged snapshot must not stop the app: whatever cannot be read is dropped.
        if state.get("version") != STATE_VERSION:
            return
        windows = state.get("windows")
        for name, value in (windows.items() if isinstance(windows, dict) else ()):
            if name in self._windows and _is_pair_of_ints(value):
                self._counts[name] = (int(value[0]), max(0, int(value[1])))
        self._blocked_until = self._restored_hold(state.get("blocked_until"))

    def _restored_hold(self, blocked: object) -> float | None:
        """A saved hold, bounded like a fresh one: a stored "wait three years" ends with the day."""
        if not isinstance(blocked, (int, float)) or isinstance(blocked, bool):
            return None
        try:
            until = float(blocked)
        except OverflowError:  # an int past float range: garbage, like inf
            return None
        now = self._now()
        if not math.isfinite(until) or until <= now:
            return None
        return min(until, latest_window_end(now, self._windows))

    # -- window arithmetic (epoch seconds; round boundaries are multiples of the length in UTC)

    def _names(self, high_load: bool) -> list[str]:
        names = [n for n in self._windows if n != HIGH_LOAD]
        return [*names, HIGH_LOAD] if high_load else names

    def _now(self) -> float:
        return self._clock.now().timestamp()

    def _start(self, name: str, now: float) -> int:
        length = self._windows[name][0]
        return int(now // length) * length

    def _end(self, name: str, now: float) -> float:
        return float(self._start(name, now) + self._windows[name][0])

    def _count(self, name: str, now: float) -> int:
        start, count = self._counts.get(name, (0, 0))
        return count if start == self._start(name, now) else 0

    def _wait_needed(self, names: list[str], now: float) -> float:
        wait = 0.0
        if self._blocked_until is not None and now < self._blocked_until:
            wait = self._blocked_until - now
        for name in names:
            if self._count(name, now) >= self._windows[name][1]:
                wait = max(wait, self._end(name, now) - now)
        return wait

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.snapshot())


def _is_pair_of_ints(value: object) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value))
