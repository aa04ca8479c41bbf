"""The rate-budget planner: poll as fast as allowed, never into a 429, keep room for staff taps."""

from __future__ import annotations

import math
from datetime import datetime, timezone

import pytest

from kds.sync.planner import (
    Budget,
    budget_from_limiter,
    plan_interval,
    seconds_to_window_ends,
)

FULL = {"minute": 500, "hour": 2500, "day": 10000}
NO_RESERVE = {"minute": 0, "hour": 0, "day": 0}


def budget(remaining=None, ends=None) -> Budget:
    return Budget(
        remaining or dict(FULL),
        ends or {"minute": 60.0, "hour": 3600.0, "day": 3600.0 * 12},
    )


def polls_fit(b: Budget, interval: float, reserve: dict, cost: float = 1.0) -> bool:
    """Simulate: polls every `interval` until each window ends never eat into the reserve."""
    for window, left in b.remaining.items():
        polls = math.floor(b.seconds_to_end[window] / interval) + 1
        if polls * cost > left - reserve.get(window, 0):
            return False
    return True


def test_open_location_polls_at_the_default_30_second_floor():
    plan = plan_interval(budget(), is_open=True)
    assert plan.interval == 30.0
    assert "default" in plan.reason


def test_closed_location_polls_slowly():
    plan = plan_interval(budget(), is_open=False)
    assert plan.interval == 60.0
    assert "closed" in plan.reason


def test_fast_mode_goes_to_ten_seconds_when_the_day_budget_proves_it_holds():
    b = budget(ends={"minute": 60.0, "hour": 3600.0, "day": 6 * 3600.0})
    plan = plan_interval(b, is_open=True, mode="fast")
    assert plan.interval == 10.0
    assert polls_fit(b, plan.interval, {"minute": 50, "hour": 300, "day": 2000})


def test_fast_mode_stays_above_ten_seconds_when_a_whole_day_at_ten_would_not_fit():
    # At midnight a full day at 10 s is 8,640 polls: more than 10,000 - 2,000 reserve.
    b = budget(ends={"minute": 60.0, "hour": 3600.0, "day": 86400.0})
    plan = plan_interval(b, is_open=True, mode="fast")
    assert 10.0 < plan.interval < 30.0
    assert polls_fit(b, plan.interval, {"minute": 50, "hour": 300, "day": 2000})


def test_fast_mode_falls_back_above_the_floor_when_the_budget_is_low():
    b = budget(remaining={"minute": 500, "hour": 2500, "day": 2500},
               ends={"minute": 60.0, "hour": 3600.0, "day": 8 * 3600.0})
    plan = plan_interval(b, is_open=True, mode="fast")
    assert plan.interval >= 30.0
    assert "not affordable" in plan.reason
    assert polls_fit(b, plan.interval, {"day": 2000})


def test_default_mode_slows_down_when_the_day_budget_would_run_out():
    b = budget(remaining={"minute": 500, "hour": 2500, "day": 2600},
               ends={"minute": 60.0, "hour": 3600.0, "day": 12 * 3600.0})
    plan = plan_interval(b, is_open=True)
    assert plan.interval > 30.0
    assert "slowed" in plan.reason
    assert polls_fit(b, plan.interval, {"day": 2000})


def test_exhausted_window_waits_until_it_resets():
    b = budget(remaining={"minute": 0, "hour": 2000, "day": 9000},
               ends={"minute": 17.0, "hour": 1800.0, "day": 40000.0})
    plan = plan_interval(b, is_open=True, reserve=NO_RESERVE)
    assert plan.interval == 17.0
    assert "minute" in plan.reason


def test_a_429_hold_waits_for_the_hold_not_for_the_end_of_the_day():
    zero = budget(remaining={"minute": 0, "hour": 0, "day": 0},
                  ends={"minute": 20.0, "hour": 1800.0, "day": 40000.0})
    plan = plan_interval(zero, is_open=True, blocked_for=45.0)
    assert plan.interval == 45.0
    assert "429" in plan.reason
    assert plan_interval(zero, is_open=True, blocked_for=3.0).interval == 30.0  # floor holds


def test_reserve_for_staff_actions_is_never_spent_on_polls():
    b = budget(remaining={"minute": 500, "hour": 2500, "day": 2000},
               ends={"minute": 60.0, "hour": 3600.0, "day": 5000.0})
    plan = plan_interval(b, is_open=True)
    assert plan.interval == 5000.0  # nothing left above the 2,000 reserve: wait for the reset
    assert "day" in plan.reason


def test_costly_polls_slow_the_rate():
    b = budget(ends={"minute": 60.0, "hour": 3600.0, "day": 12 * 3600.0})
    cheap = plan_interval(b, is_open=True, reserve=NO_RESERVE, cost_per_poll=1)
    costly = plan_interval(b, is_open=True, reserve=NO_RESERVE, cost_per_poll=20)
    assert cheap.interval == 30.0
    assert costly.interval > cheap.interval
    assert polls_fit(b, costly.interval, NO_RESERVE, cost=20)


@pytest.mark.parametrize("day_left", [100, 1000, 3000, 5000, 8000, 9999])
@pytest.mark.parametrize("hours_to_go", [0.5, 3, 11, 23.9])
@pytest.mark.parametrize("mode", ["default", "fast"])
def test_planned_rate_never_overspends_any_window(day_left, hours_to_go, mode):
    b = budget(remaining={"minute": 500, "hour": 2500, "day": day_left},
               ends={"minute": 60.0, "hour": min(3600.0, hours_to_go * 3600), "day": hours_to_go * 3600})
    reserve = {"minute": 50, "hour": 300, "day": 2000}
    plan = plan_interval(b, is_open=True, mode=mode, reserve=reserve)
    assert plan.interval >= (10.0 if mode == "fast" else 30.0)
    if day_left - 2000 >= 1:
        assert polls_fit(b, plan.interval, reserve)


def test_window_ends_are_aligned_on_round_minute_hour_and_day():
    now = datetime(2026, 11, 24, 23, 59, 30, tzinfo=timezone.utc)
    ends = seconds_to_window_ends(now)
    assert ends == {"minute": 30.0, "hour": 30.0, "day": 30.0}
    b = budget_from_limiter({"minute": 5, "hour": 6, "day": 7, "high_load": 9}, now)
    assert b.remaining == {"minute": 5, "hour": 6, "day": 7}
