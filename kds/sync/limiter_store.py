"""The rate limiter's counters kept in the store, so a restart cannot overspend a window."""

from __future__ import annotations

from typing import Any

from kds.clock import Clock


def client_limiter(client: Any) -> Any:
    for name in ("limiter", "_limiter"):
        limiter = getattr(client, name, None)
        if limiter is not None:
            return limiter
    return None


class LimiterSaver:
    """Saves the limiter's counters to the store, at most every `every` seconds.

    One SQLite commit per request cost 15x in throughput; losing a few seconds of counts in a
    crash is harmless (HubRise's 429 then corrects the limiter), so changes are coalesced.
    A 429 hold is saved at once: it must survive a restart.
    """

    def __init__(self, store: Any, clock: Clock, every: float = 5.0) -> None:
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


def persist_limiter(limiter: Any, store: Any, clock: Clock) -> LimiterSaver | None:
    """Attach a saver to a limiter that has none, so a restart cannot overspend a window."""
    if limiter is None:
        return None
    current = getattr(limiter, "on_change", False)
    if isinstance(current, LimiterSaver):
        return current
    if current is None:
        saver = LimiterSaver(store, clock)
        limiter.on_change = saver
        return saver
    return None


def make_limiter(store: Any, clock: Clock) -> Any:
    """A RateLimiter restored from the store, saving itself back as it changes."""
    from kds.hubrise.ratelimit import RateLimiter

    return RateLimiter(clock, state=store.load_limiter_state(),
                       on_change=LimiterSaver(store, clock))
