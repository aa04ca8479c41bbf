"""The rate limiter's counters kept in the store, so a restart cannot overspend a window."""

from __future__ import annotations

from typing import Any

from kds.clock import Clock
from kds.hubrise.ratelimit import RateLimiter
from kds.sync.ports import LimiterMemory, RateBudget


class LimiterSaver:
    """Saves the limiter's counters to the store, at most every `every` seconds.

    One SQLite commit per request cost 15x in throughput; losing a few seconds of counts in a
    crash is harmless (HubRise's 429 then corrects the limiter), so changes are coalesced.
    A 429 hold is saved at once: it must survive a restart.
    """

    def __init__(self, store: LimiterMemory, clock: Clock, every: float = 5.0) -> None:
        self.store = store
        self.clock = clock
        self.every = every
        self._latest: dict[str, Any] | None = None
        self._saved_at: float | None = None

    def __call__(self, state: dict[str, Any]) -> None:
        self._latest = state
        now = self.clock.monotonic()
        blocked = state.get("blocked_until")
        urgent = isinstance(blocked, (int, float)) and blocked > self.clock.now().timestamp()
        if urgent or self._saved_at is None or now - self._saved_at >= self.every:
            self.flush()

    def flush(self) -> None:
        if self._latest is not None:
            self.store.save_limiter_state(self._latest)
            self._latest = None
            self._saved_at = self.clock.monotonic()


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
