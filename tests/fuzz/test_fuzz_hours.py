"""The opening-hours validator agrees with an independent timeline model and with the simulator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kds.clock import FakeClock
from kds.hubrise.rules import validate_opening_hours
from kds.sim.world import DEMO_KDS_TOKEN, SimError, World

pytestmark = pytest.mark.slow  # fuzzing: hundreds of generated inputs per test

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
times = st.integers(min_value=0, max_value=23 * 4 + 3).map(lambda q: f"{q // 4:02d}:{q % 4 * 15:02d}")
slots = st.lists(st.fixed_dictionaries({"from": times, "to": times}), max_size=3)
weeks = st.dictionaries(st.sampled_from(DAYS), slots, max_size=7)
cutoffs = st.sampled_from(["00:00", "04:00", "05:00", "06:00"])


def minutes(text: str) -> int:
    return int(text[:2]) * 60 + int(text[3:])


def timeline_valid(week: dict, cutoff: str) -> bool:
    """Brute force: put each slot on the business-day timeline, minute by minute."""
    start = minutes(cutoff)
    if not any(week.get(day) for day in DAYS):
        return False
    for day_slots in week.values():
        taken: set[int] = set()
        for slot in day_slots:
            begin = (minutes(slot["from"]) - start) % 1440
            end = (minutes(slot["to"]) - start) % 1440 or 1440   # the cutoff ends the day
            if end <= begin:
                return False
            span = set(range(begin, end))
            if span & taken:
                return False
            taken |= span
    return True


@settings(max_examples=300, deadline=None)
@given(weeks, cutoffs)
def test_validator_agrees_with_a_brute_force_timeline(week, cutoff):
    assert (validate_opening_hours(week, cutoff) == []) == timeline_valid(week, cutoff)


@settings(max_examples=100, deadline=None)
@given(weeks, cutoffs)
def test_validator_agrees_with_the_simulator(week, cutoff):
    world = World(FakeClock(), rate_limits=False, seed=1)
    try:
        world.patch_location(DEMO_KDS_TOKEN, {"cutoff_time": cutoff, "opening_hours": week})
        accepted = True
    except SimError as refusal:
        assert refusal.status == 422
        accepted = False
    assert accepted == (validate_opening_hours(week, cutoff) == [])
