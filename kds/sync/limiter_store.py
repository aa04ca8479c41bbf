"""The rate limiter's counters kept in the store, so a restart cannot overspend a window."""

from __future__ import annotations

from typing import Any

from kds.clock import Clock
from kds.hubrise.ratelimit import RateLimiter
from kds.sync.ports import LimiterMemory, RateBudget

# Requests counted ahead when the counters are saved (write-ahead): a SIGKILL loses no request,
# and a save is needed only once per this many requests. The high-load class allows 10/min.
RESERVE = {"minute": 25, "hour": 25, "day": 25, "high_load": 2}


class LimiterSaver:
    """Saves the limiter's counters to the store ahead of use, so a restart cannot overspend.

    One SQLite commit per request cost 15x in throughput, and coalescing saves in time lost
    the counts of the last seconds at each crash: fifty quick restarts overspent HubRise's
    minute window (a 429). So each save counts `RESERVE` requests more than were made, and
    the next save comes only when the real count passes that: after a crash the restored
    counters are at most a reserve too high, never too low. A 429 hold is saved at once;
    `flush()` (clean stop) saves the exact counts.
    """

    def __init__(self, store: LimiterMemory, clock: Clock, every: float = 5.0) -> None:
        self.store = store
        self.clock = clock
        self.every = every   # kept for callers; the reserve decides when to save
        self._latest: dict[str, Any] | None = None
        self._covered: dict[str, tuple[int, int]] = {}   # window → (start, count saved)
        self._hold: object = None

    def __call__(self, state: dict[str, Any]) -> None:
        self._latest = state
        blocked = state.get("blocked_until")
        if blocked != self._hold or not self._covers(state):
            self._save_ahead(state)

    def _windows(self, state: dict[str, Any]) -> dict[str, tuple[int, int]]:
        windows = state.get("windows")
        found: dict[str, tuple[int, int]] = {}
        for name, value in (windows.items() if isinstance(windows, dict) else ()):
            if isinstance(value, (list, tuple)) and len(value) == 2:
                found[name] = (int(value[0]), int(value[1]))
        return found

    def _covers(self, state: dict[str, Any]) -> bool:
        for name, (start, count) in self._windows(state).items():
            saved = self._covered.get(name)
            if saved is None or saved[0] != start or saved[1] < count:
                return False
        return True

    def _save_ahead(self, state: dict[str, Any]) -> None:
        ahead = {name: (start, count + RESERVE.get(name, 5))
                 for name, (start, count) in self._windows(state).items()}
        self.store.save_limiter_state(
            {**state, "windows": {name: [s, c] for name, (s, c) in ahead.items()}})
        self._covered = ahead
        self._hold = state.get("blocked_until")

    def flush(self) -> None:
        """A clean stop: save the exact counters (no reserve left counted)."""
        if self._latest is not None:
            self.store.save_limiter_state(self._latest)
            self._covered = self._windows(self._latest)
            self._latest = None


def persist_limiter(limiter: RateBudget | None, store: LimiterMemory,
                    clock: Clock) -> LimiterSaver | None:
    """Attach a saver to a limiter that has none, so a restart cannot overspend a window."""
    if not isinstance(limiter, RateLimiter):  # a stand-in budget (tests) has nothing to save
        return None
    current = limiter.on_change
    if isinstance(current, LimiterSaver):
        return current
    if current is None:
        saver = LimiterSaver(store, clock)
        limiter.on_change = saver
        return saver
    return None


def make_limiter(store: LimiterMemory, clock: Clock) -> RateLimiter:
    """A RateLimiter restored from the store, saving itself back as it changes."""
    return RateLimiter(clock, state=store.load_limiter_state(),
                       on_change=LimiterSaver(store, clock))
