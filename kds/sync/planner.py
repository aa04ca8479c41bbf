"""Rate-budget planner: how long to wait before the next poll of the passive callback (pure logic).

The rule: never plan a poll rate that the minute/hour/day windows cannot carry until they end,
after keeping a reserve for staff actions (status taps, location edits). HubRise advises polling
no more often than every 30 s; the "fast" mode may go lower only while the day's remaining
budget proves that rate holds until the day window ends.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

PollMode = Literal["default", "fast"]

DEFAULT_FLOOR_S = 30.0
FAST_FLOOR_S = 10.0
CLOSED_INTERVAL_S = 60.0  # orders may still come while closed (pre-orders, stale hours)
# Staff actions each window keeps free (a busy day is ~1,500 taps, so the day keeps 2,000).
DEFAULT_RESERVE = {"minute": 50, "hour": 300, "day": 2000}
WINDOWS = ("minute", "hour", "day")


# How the per-poll cost estimate follows the polls: a moving average, where one poll counts
# for at most OUTLIER_FACTOR times the current estimate (and at least OUTLIER_FLOOR requests).
COST_WEIGHT = 0.2
OUTLIER_FACTOR = 3.0
OUTLIER_FLOOR = 4.0


class PollCost:
    """Requests an ordinary poll uses: `plan_interval`'s `cost_per_poll`, learnt from the polls.

    A catch-up poll after a backlog (hundreds of events fetched and deleted at once, after the
    app was closed or offline) says nothing about the next polls, and its requests are already
    in the limiter's counts. Taken at face value it made the next polls wait 4-7 minutes
    (issue 18), so each poll's count is capped near the current estimate: a backlog nudges the
    estimate, a sustained rise in orders still raises it within a few minutes.
    """

    def __init__(self, start: float = 1.0) -> None:
        self.value = max(1.0, start)

    def note(self, requests: int) -> float:
        """Take one finished poll's request count; returns the new estimate."""
        cap = max(OUTLIER_FLOOR, OUTLIER_FACTOR * self.value)
        sample = min(max(1.0, float(requests)), cap)
        self.value += COST_WEIGHT * (sample - self.value)
        return self.value


@dataclass(frozen=True, slots=True)
class PollPlan:
    interval: float  # seconds until the next poll
    reason: str      # one line for staff/support, e.g. "open, default rate (30 s)"


@dataclass(frozen=True, slots=True)
class Budget:
    """What the rate limiter says is left: requests and seconds until each window resets."""

    remaining: Mapping[str, int]        # keys "minute", "hour", "day"
    seconds_to_end: Mapping[str, float]  # same keys


def plan_interval(
    budget: Budget,
    *,
    is_open: bool,
    mode: PollMode = "default",
    reserve: Mapping[str, int] | None = None,
    cost_per_poll: float = 1.0,
    default_floor: float = DEFAULT_FLOOR_S,
    fast_floor: float = FAST_FLOOR_S,
    closed_interval: float = CLOSED_INTERVAL_S,
    blocked_for: float = 0.0,
) -> PollPlan:
    """The poll interval for the current budget, opening state and mode, with its reason.

    `cost_per_poll` is the expected number of requests one poll uses (1 list call plus the
    fetches and acknowledgements of the events it usually finds). `blocked_for` is the time
    left of a 429 hold (RateLimiter.blocked_for()).
    """
    if blocked_for > 0:
        # After a 429 the limiter reports every window as empty; only the hold is real.
        interval = max(blocked_for, default_floor if mode == "default" else fast_floor)
        return PollPlan(interval, f"HubRise refused a request (429): waiting {_fmt(interval)}")
    reserve = DEFAULT_RESERVE if reserve is None else reserve
    cost = max(1.0, cost_per_poll)
    exhausted = _exhausted_window(budget, reserve, cost)
    if exhausted is not None:
        wait = max(1.0, float(budget.seconds_to_end.get(exhausted, 60.0)))
        return PollPlan(wait,
                        f"{exhausted} budget kept for staff actions; next poll when it resets")
    needed = _budget_interval(budget, reserve, cost)
    if not is_open:
        interval = max(closed_interval, needed)
        return PollPlan(interval, f"closed, slow rate ({_fmt(interval)})")
    if mode == "fast" and fast_floor < default_floor:
        if needed <= fast_floor:
            return PollPlan(fast_floor, f"open, fast rate ({_fmt(fast_floor)}): day budget holds")
        if needed < default_floor:
            return PollPlan(needed, f"open, fast rate limited by budget ({_fmt(needed)})")
        return PollPlan(needed, f"open, fast rate not affordable ({_fmt(needed)})")
    interval = max(default_floor, needed)
    if interval > default_floor:
        return PollPlan(interval, f"open, slowed to save budget ({_fmt(interval)})")
    return PollPlan(interval, f"open, default rate ({_fmt(interval)})")


def _usable(budget: Budget, reserve: Mapping[str, int], window: str) -> float:
    return float(budget.remaining.get(window, 0)) - float(reserve.get(window, 0))


def _exhausted_window(budget: Budget, reserve: Mapping[str, int], cost: float) -> str | None:
    """The longest window that cannot pay for even one more poll, if any."""
    for window in reversed(WINDOWS):
        if window in budget.remaining and _usable(budget, reserve, window) < cost:
            return window
    return None


def _budget_interval(budget: Budget, reserve: Mapping[str, int], cost: float) -> float:
    """The shortest interval at which every window's usable budget lasts until it resets.

    A window with `usable` requests left and `t` seconds to go carries
    floor(t / interval) + 1 more polls; so interval >= t / (usable / cost - 1).
    """
    needed = 0.0
    for window in WINDOWS:
        if window not in budget.remaining:
            continue
        polls = math.floor(_usable(budget, reserve, window) / cost)
        seconds = max(0.0, float(budget.seconds_to_end.get(window, 0.0)))
        needed = max(needed, seconds if polls <= 1 else seconds / (polls - 1))
    return needed


def _fmt(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def budget_from_limiter(remaining: Mapping[str, Any], now: datetime) -> Budget:
    """Adapt `RateLimiter.remaining()` (window → count) into a Budget with time to each end.

    Windows are aligned on round minute/hour/day (UTC), as HubRise documents.
    """
    counts = {w: int(remaining[w]) for w in WINDOWS if isinstance(remaining.get(w), (int, float))}
    return Budget(counts, seconds_to_window_ends(now))


def seconds_to_window_ends(now: datetime) -> dict[str, float]:
    minute_start = now.replace(second=0, microsecond=0)
    hour_start = minute_start.replace(minute=0)
    day_start = hour_start.replace(hour=0)
    return {
        "minute": (minute_start + timedelta(minutes=1) - now).total_seconds(),
        "hour": (hour_start + timedelta(hours=1) - now).total_seconds(),
        "day": (day_start + timedelta(days=1) - now).total_seconds(),
    }
