"""Open now: one cutoff-aware rule (kds.kitchen.hours) for the poll planner and the hours editor."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from kds.kitchen.hours import is_open_now

HOURS = {"monday": [{"from": "11:30", "to": "14:30"}, {"from": "18:00", "to": "01:00"}],
         "tuesday": [{"from": "11:30", "to": "14:30"}]}


def location(hours: Any, zone: str = "Europe/Paris", cutoff: str = "06:00") -> dict[str, Any]:
    return {"opening_hours": hours, "timezone": {"name": zone}, "cutoff_time": cutoff}


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    # November 2026: Paris is UTC+1; 2026-11-23 is a Monday.
    return datetime(2026, 11, day, hour - 1, minute, tzinfo=timezone.utc) if hour >= 1 else \
        datetime(2026, 11, day - 1, 23, minute, tzinfo=timezone.utc)


@pytest.mark.parametrize(("day", "hour", "minute", "expected"), [
    (23, 12, 0, True),     # Monday lunch
    (23, 15, 0, False),    # Monday afternoon gap
    (23, 20, 0, True),     # Monday evening
    (24, 0, 30, True),     # Monday's evening slot runs past midnight into Tuesday
    (24, 1, 30, False),    # ...and ends at 01:00
    (24, 12, 0, True),     # Tuesday lunch
    (25, 12, 0, False),    # Wednesday: closed all day
])
def test_opening_hours_decide_open_or_closed(day, hour, minute, expected):
    assert is_open_now(location(HOURS), paris(day, hour, minute)) is expected


def test_unknown_opening_hours_count_as_open_and_bad_slots_are_ignored():
    now = paris(23, 12)
    assert is_open_now(location(None), now)
    assert is_open_now(None, now)
    assert not is_open_now(location({"monday": [{"from": "xx", "to": 5}, "junk"]}), now)
    # An unknown zone falls back to UTC (kds.kitchen.timezone): 11:00 UTC is before 11:30.
    assert is_open_now(location(HOURS, zone="Not/AZone"), now) is False


def test_a_slot_after_midnight_belongs_to_the_business_day_the_cutoff_defines():
    # Monday 00:30–03:00 with a 06:00 cutoff is Monday's service, running into Tuesday morning.
    late = location({"monday": [{"from": "00:30", "to": "03:00"}]})
    assert is_open_now(late, paris(24, 1)) is True       # Tuesday 01:00: still Monday's night
    assert is_open_now(late, paris(23, 1)) is False      # Monday 01:00 is Sunday's business day

