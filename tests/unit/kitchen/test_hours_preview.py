"""The "open now / next opening" line the hours editor shows for the week being edited."""

from __future__ import annotations

import copy
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kds.ui.location.hours_preview import opening_preview, upcoming_spans
from tests.fakes.location_source import SAMPLE_LOCATION

PARIS = ZoneInfo("Europe/Paris")
HOURS = copy.deepcopy(SAMPLE_LOCATION["opening_hours"])  # Fri 18:00–01:00, Sat 18:00–02:00, Sun closed


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)  # 23 Nov 2026 is a Monday


@pytest.mark.parametrize("now, expected", [
    (paris(24, 13), "Open now · closes at 14:00"),
    (paris(24, 15), "Closed now · opens at 18:00"),
    (paris(27, 19, 40), "Open now · closes tomorrow at 01:00"),       # Friday night service
    (paris(28, 0, 30), "Open now · closes at 01:00"),                # still Friday's service
    (paris(28, 1, 30), "Closed now · opens at 18:00"),               # Saturday evening next
    (paris(28, 23), "Open now · closes tomorrow at 02:00"),
    (paris(29, 12), "Closed now · opens tomorrow at 12:00"),         # Sunday closed
])
def test_preview_follows_the_business_day_and_the_cutoff(now: datetime, expected: str) -> None:
    assert opening_preview(HOURS, now, "06:00", PARIS) == expected


def test_next_opening_days_away_is_named_by_weekday() -> None:
    hours = {"thursday": [{"from": "12:00", "to": "14:00"}]}
    assert opening_preview(hours, paris(23, 15), "06:00", PARIS) == \
        "Closed now · opens Thursday at 12:00"


def test_a_later_cutoff_makes_a_late_slot_part_of_the_evening_before() -> None:
    # With a 03:00 cutoff, Friday's 18:00–02:30 runs to Saturday 02:30; at 02:00 it is open.
    hours = {"friday": [{"from": "18:00", "to": "02:30"}]}
    assert opening_preview(hours, paris(28, 2), "03:00", PARIS) == "Open now · closes at 02:30"


def test_touching_slots_read_as_one_opening() -> None:
    hours = {"monday": [{"from": "12:00", "to": "14:00"}, {"from": "14:00", "to": "15:00"}]}
    assert opening_preview(hours, paris(23, 13), "06:00", PARIS) == "Open now · closes at 15:00"
    assert upcoming_spans(hours, paris(23, 11), "06:00", PARIS)[0] == (paris(23, 12), paris(23, 15))


def test_a_week_without_slots_says_customers_cannot_order() -> None:
    assert opening_preview({}, paris(23, 13), "06:00", PARIS).startswith("Closed all week")


def test_malformed_slots_and_cutoff_do_not_crash_the_preview() -> None:
    hours = {"monday": [{"from": "25:00", "to": "x"}, {"to": "14:00"}, "junk",
                        {"from": "12:00", "to": "14:00"}]}
    assert opening_preview(hours, paris(23, 13), "nonsense", PARIS) == "Open now · closes at 14:00"
