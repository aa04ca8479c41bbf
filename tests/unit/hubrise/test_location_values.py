"""Location values HubRise sends are clamped to sane ranges: none can crash the start or make
every ticket LATE; each clamp is recorded as a FieldProblem."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kds.hubrise.models import parse_location

NOW = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def location(**fields):
    return parse_location({"id": "L1", "timezone": {"name": "Europe/Paris"}, **fields})


def busy(**acceptance):
    return location(order_acceptance={"mode": "busy", **acceptance})


def problem_fields(loc):
    return [p.field for p in loc.problems]


@pytest.mark.parametrize("value,expected", [(10 ** 300, 480), (481, 480), (-5, 0),
                                            (-(10 ** 300), 0)],
                         ids=["10**300", "481", "-5", "-10**300"])
def test_preparation_time_is_clamped_with_a_problem(value, expected):
    loc = location(preparation_time=value)
    assert loc.preparation_time == expected
    assert problem_fields(loc) == ["preparation_time"]
    timedelta(minutes=loc.preparation_time)  # what the board builds from it


@pytest.mark.parametrize("value,expected", [(0, 0), (15, 15), (480, 480), ("25", 25)])
def test_sane_preparation_times_are_kept_without_a_problem(value, expected):
    loc = location(preparation_time=value)
    assert loc.preparation_time == expected and loc.problems == ()


def test_a_preparation_time_of_thousands_of_digits_in_a_string_does_not_crash():
    loc = location(preparation_time="9" * 5000)
    assert loc.preparation_time is None
    assert problem_fields(loc) == ["preparation_time"]
    assert len(loc.problems[0].message) < 200


@pytest.mark.parametrize("value,expected", [(10 ** 300, 480), (-3, 0)], ids=["10**300", "-3"])
def test_extra_preparation_time_is_clamped_with_a_problem(value, expected):
    loc = busy(extra_preparation_time=value)
    assert loc.order_acceptance.extra_preparation_time == expected
    assert problem_fields(loc) == ["order_acceptance.extra_preparation_time"]


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59+00:00", "9999-12-31T23:00:00-05:00",
                                  "2500-01-01T00:00:00+01:00"])
def test_a_resume_time_centuries_ahead_reads_as_no_resume_time(text):
    loc = busy(extra_preparation_time=10, resume_at=text)
    acceptance = loc.order_acceptance
    assert acceptance.resume_at is None
    assert problem_fields(loc) == ["order_acceptance.resume_at"]
    assert acceptance.effective(NOW).mode == "busy"


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+05:00", "1970-01-01T00:00:00Z"])
def test_a_resume_time_long_past_reads_as_passed(text):
    loc = busy(extra_preparation_time=10, resume_at=text)
    acceptance = loc.order_acceptance
    assert acceptance.resume_at is not None
    acceptance.resume_at.astimezone(PARIS)  # the header shows it in the kitchen's zone
    assert acceptance.effective(NOW).mode == "normal"
    assert problem_fields(loc) == ["order_acceptance.resume_at"]


@pytest.mark.parametrize("text", ["soon", "2026-13-45T99:00:00+00:00", "", 12])
def test_a_garbage_resume_time_is_a_problem_not_a_crash(text):
    loc = busy(extra_preparation_time=10, resume_at=text)
    assert loc.order_acceptance.resume_at is None
    assert problem_fields(loc) == ["order_acceptance.resume_at"]


def test_a_normal_resume_time_is_kept_as_sent():
    loc = busy(extra_preparation_time=10, resume_at="2026-11-24T13:30:00+01:00")
    assert loc.order_acceptance.resume_at == datetime(2026, 11, 24, 12, 30, tzinfo=UTC)
    assert loc.problems == ()
