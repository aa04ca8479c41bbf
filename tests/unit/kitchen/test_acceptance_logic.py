"""Location controls without Qt: the PATCH templates, resume choices, countdown, suggestion,
pending state, and the week editor's shaping of opening hours (validated by kds.hubrise.rules)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kds.hubrise.models import OrderAcceptance
from kds.hubrise.rules import validate_order_acceptance
from kds.store.rows import OutboxEntry, SyncCounts
from kds.kitchen import acceptance as logic
from kds.kitchen import hours as hl
from kds.ui.location.sync_state import field_errors_from_message, location_tz, patch_state

PARIS = ZoneInfo("Europe/Paris")
# Friday 27 Nov 2026, 19:40 in Paris (UTC+1).
NOW = datetime(2026, 11, 27, 18, 40, tzinfo=timezone.utc)
HOURS = {"friday": [{"from": "12:00", "to": "14:30"}, {"from": "18:00", "to": "01:00"}],
         "saturday": [{"from": "18:00", "to": "02:00"}]}


# ---------------------------------------------------------------- templates

def test_normal_template_is_mode_only() -> None:
    assert logic.normal_body() == {"order_acceptance": {"mode": "normal"}}


def test_busy_template_has_integer_extra_and_resume_at_in_location_offset() -> None:
    body = logic.busy_body(15, NOW + timedelta(minutes=30), PARIS)
    assert body == {"order_acceptance": {"mode": "busy", "extra_preparation_time": 15,
                                         "resume_at": "2026-11-27T20:10:00+01:00"}}
    assert validate_order_acceptance(body["order_acceptance"]) == []


def test_busy_until_changed_has_no_resume_at() -> None:
    assert logic.busy_body(20, None, PARIS) == {
        "order_acceptance": {"mode": "busy", "extra_preparation_time": 20}}


@pytest.mark.parametrize("extra", [-5, 1.5, True])
def test_busy_refuses_extra_that_is_not_a_whole_non_negative_number(extra: object) -> None:
    with pytest.raises(ValueError):
        logic.busy_body(extra, None, PARIS)  # type: ignore[arg-type]


def test_paused_template_reason_optional_and_trimmed() -> None:
    assert logic.paused_body("  ", None, PARIS) == {"order_acceptance": {"mode": "paused"}}
    body = logic.paused_body(" Oven broken ", NOW, PARIS)
    assert body == {"order_acceptance": {"mode": "paused", "reason": "Oven broken",
                                         "resume_at": "2026-11-27T19:40:00+01:00"}}
    assert validate_order_acceptance(body["order_acceptance"]) == []


def test_resume_at_drops_microseconds() -> None:
    body = logic.busy_body(10, NOW.replace(microsecond=123456), timezone.utc)
    assert body["order_acceptance"]["resume_at"] == "2026-11-27T18:40:00+00:00"


# ---------------------------------------------------------------- resume choices

def test_fixed_resume_choices_count_from_now() -> None:
    choices = {c.key: c for c in logic.resume_choices(NOW, HOURS, "06:00", PARIS)}
    assert choices["30min"].resume_at == NOW + timedelta(minutes=30)
    assert choices["1h"].resume_at == NOW + timedelta(hours=1)
    assert choices["2h"].resume_at == NOW + timedelta(hours=2)
    assert choices["manual"].resume_at is None and choices["manual"].available


def test_end_of_service_is_end_of_current_slot_across_midnight() -> None:
    end = logic.end_of_service(NOW, HOURS, "06:00", PARIS)
    assert end == datetime(2026, 11, 28, 1, 0, tzinfo=PARIS)


def test_after_midnight_before_cutoff_still_belongs_to_yesterdays_slot() -> None:
    half_past_midnight = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)  # Sat 00:30 Paris
    end = logic.end_of_service(half_past_midnight, HOURS, "06:00", PARIS)
    assert end == datetime(2026, 11, 28, 1, 0, tzinfo=PARIS)


def test_end_of_service_unavailable_when_closed() -> None:
    afternoon = datetime(2026, 11, 27, 15, 0, tzinfo=timezone.utc)  # Fri 16:00 Paris, a gap
    assert logic.end_of_service(afternoon, HOURS, "06:00", PARIS) is None
    choice = next(c for c in logic.resume_choices(afternoon, HOURS, "06:00", PARIS)
                  if c.key == "end_of_service")
    assert not choice.available
    with pytest.raises(ValueError):
        logic.resume_at_for("end_of_service", afternoon, HOURS, "06:00", PARIS)


def test_end_of_service_unknown_without_hours() -> None:
    assert logic.end_of_service(NOW, None, "06:00", PARIS) is None


# ---------------------------------------------------------------- what the screen says

@pytest.mark.parametrize("seconds, text", [
    (0, "now"), (-5, "now"), (30, "in less than a minute"), (60, "in 1 min"),
    (61, "in 2 min"), (29 * 60 + 1, "in 30 min"), (3600, "in 1 h 00 min"),
    (2 * 3600 + 5 * 60, "in 2 h 05 min")])
def test_countdown_text(seconds: int, text: str) -> None:
    assert logic.countdown_text(NOW + timedelta(seconds=seconds), NOW) == text


def test_mode_titles() -> None:
    assert logic.mode_title(OrderAcceptance()) == "Normal"
    assert logic.mode_title(OrderAcceptance("busy", extra_preparation_time=20)) == "Busy +20 min"
    assert logic.mode_title(OrderAcceptance("paused")) == "Paused"


def test_resume_text_in_location_time() -> None:
    busy = OrderAcceptance("busy", NOW + timedelta(minutes=30), 15)
    assert logic.resume_text(busy, NOW, PARIS) == "Back to normal at 20:10 · in 30 min"
    assert logic.resume_text(OrderAcceptance("paused"), NOW, PARIS) == "Until you change it"


def test_busy_shows_normal_once_resume_at_has_passed() -> None:
    busy = OrderAcceptance("busy", NOW + timedelta(minutes=30), 15)
    assert busy.effective(NOW + timedelta(minutes=29)).mode == "busy"
    assert busy.effective(NOW + timedelta(minutes=30)).mode == "normal"


def test_acceptance_from_body_reads_the_queued_template() -> None:
    body = logic.busy_body(15, NOW + timedelta(minutes=30), PARIS)
    wanted = logic.acceptance_from_body(body)
    assert (wanted.mode, wanted.extra_preparation_time) == ("busy", 15)
    assert wanted.resume_at == NOW + timedelta(minutes=30)
    stored = logic.stored_acceptance({"order_acceptance": {
        "mode": "busy", "extra_preparation_time": 15, "resume_at": "2026-11-27T18:10:00Z"}})
    assert logic.same_acceptance(wanted, stored) is False
    assert logic.same_acceptance(wanted, logic.acceptance_from_body(body))


# ---------------------------------------------------------------- suggestion

def test_busy_suggested_when_open_tickets_reach_threshold() -> None:
    rules = logic.SuggestionThresholds(open_tickets=12, late_tickets=3, extra_minutes=15)
    assert logic.busy_suggestion(11, 0, rules, "normal") is None
    hint = logic.busy_suggestion(12, 0, rules, "normal")
    assert hint is not None and hint.question == "Go busy +15 min?"
    assert hint.why == "12 open tickets"


def test_busy_suggested_when_late_tickets_reach_threshold() -> None:
    rules = logic.SuggestionThresholds(open_tickets=30, late_tickets=3, extra_minutes=20)
    hint = logic.busy_suggestion(5, 4, rules, "normal")
    assert hint is not None and hint.extra_minutes == 20 and hint.why == "4 late"


def test_no_suggestion_when_already_busy_or_paused() -> None:
    rules = logic.SuggestionThresholds()
    assert logic.busy_suggestion(50, 50, rules, "busy") is None
    assert logic.busy_suggestion(50, 50, rules, "paused") is None


# ---------------------------------------------------------------- pending state

def _entry(outbox_id: int, state: str, error: str | None = None) -> OutboxEntry:
    return OutboxEntry(id=outbox_id, resource="location", kind="location_patch", body={},
                       state=state, attempts=1, next_try_at=NOW, created_at=NOW,  # type: ignore[arg-type]
                       last_error=error, patch_kind="order_acceptance")


def test_patch_state_pending_failed_confirmed() -> None:
    assert patch_state(None, [], SyncCounts(1, 0), False).state == "idle"
    assert patch_state(7, [], SyncCounts(1, 0), False).state == "pending"
    assert patch_state(7, [], SyncCounts(1, 0), True).state == "confirmed"
    assert patch_state(7, [], SyncCounts(0, 0), False).state == "confirmed"
    failed = patch_state(7, [_entry(7, "failed", "422 nope")], SyncCounts(0, 1), False)
    assert (failed.state, failed.message) == ("failed", "422 nope")


def test_field_errors_from_outbox_message() -> None:
    text = ("422 Invalid location; opening_hours.monday[1].to: must be after '18:00'; "
            "cutoff_time: is not valid")
    assert field_errors_from_message(text) == [
        {"field": "opening_hours.monday[1].to", "message": "must be after '18:00'"},
        {"field": "cutoff_time", "message": "is not valid"}]
    assert field_errors_from_message("503 try later") == [{"field": "", "message": "503 try later"}]


def test_location_timezone_falls_back_to_utc() -> None:
    assert location_tz({"timezone": {"name": "Europe/Paris"}}) == PARIS
    assert location_tz({"timezone": {"name": "Mars/Olympus"}}) == timezone.utc
    assert location_tz(None) == timezone.utc


# ---------------------------------------------------------------- opening-hours week

def test_week_from_raw_has_seven_days_and_closed_days_empty() -> None:
    week = hl.week_from_raw(HOURS)
    assert list(week) == list(hl.DAYS)
    assert week["monday"] == [] and week["friday"][1] == {"from": "18:00", "to": "01:00"}


def test_save_body_sends_every_day_and_the_cutoff() -> None:
    body = hl.week_body(hl.week_from_raw(HOURS), "05:00")
    assert body["cutoff_time"] == "05:00"
    assert body["opening_hours"]["sunday"] == []
    assert body["opening_hours"]["saturday"] == [{"from": "18:00", "to": "02:00"}]


def test_seed_example_hours_are_valid_with_their_cutoff() -> None:
    # The seed 004 PATCH example: 14:00-01:30 and 17:00-02:00 with cutoff 05:00.
    week = hl.week_from_raw({
        "monday": [{"from": "09:00", "to": "12:30"}, {"from": "14:00", "to": "23:30"}],
        "wednesday": [{"from": "09:00", "to": "12:30"}, {"from": "14:00", "to": "01:30"}],
        "thursday": [], "friday": [{"from": "17:00", "to": "02:00"}]})
    assert hl.validate_week(week, "05:00") == []


def test_midnight_slot_invalid_with_midnight_cutoff_is_placed_on_its_slot() -> None:
    week = hl.week_from_raw({"monday": [{"from": "12:00", "to": "14:00"},
                                        {"from": "18:00", "to": "01:00"}]})
    placed = hl.place_errors(hl.validate_week(week, "00:00"))
    assert list(placed.by_slot) == [("monday", 1)]
    assert placed.by_slot[("monday", 1)][0].startswith("Closes: '01:00' must be after '18:00'")


def test_overlap_is_placed_on_the_later_slot() -> None:
    week = hl.week_from_raw({"tuesday": [{"from": "12:00", "to": "14:00"},
                                         {"from": "13:00", "to": "22:00"}]})
    placed = hl.place_errors(hl.validate_week(week, "06:00"))
    assert placed.by_slot == {("tuesday", 1): ["overlaps time slot 0 of the same day"]}


def test_empty_week_cannot_be_saved_and_says_why() -> None:
    placed = hl.place_errors(hl.validate_week(hl.week_from_raw({}), "06:00"))
    assert placed.general == ["at least one time slot must be provided for the week"]


def test_server_errors_as_dicts_are_placed_too() -> None:
    placed = hl.place_errors([{"field": "opening_hours.friday[0].from", "message": "bad"},
                              {"field": "cutoff_time", "message": "wrong"},
                              {"field": "opening_hours.sunday", "message": "must be a list"}])
    assert placed.by_slot == {("friday", 0): ["Opens: bad"]}
    assert placed.cutoff == ["wrong"] and placed.by_day == {"sunday": ["must be a list"]}


def test_after_midnight_depends_on_cutoff() -> None:
    slot = {"from": "18:00", "to": "01:00"}
    assert hl.after_midnight(slot, "06:00")
    assert not hl.after_midnight(slot, "00:00")
    assert hl.slot_label(slot, "06:00").endswith("☾")
    assert hl.slot_span(slot, "06:00") == (12 * 60, 19 * 60)


def test_shift_time_wraps_round_midnight() -> None:
    assert hl.shift_time("23:30", 60) == "00:30"
    assert hl.shift_time("00:15", -60) == "23:15"


def test_new_slot_defaults() -> None:
    assert hl.new_slot([], "06:00") == {"from": "12:00", "to": "14:00"}
    assert hl.new_slot([{"from": "11:00", "to": "14:00"}], "06:00") == \
        {"from": "15:00", "to": "17:00"}


def test_copy_day_to_all_copies_independently() -> None:
    week = hl.copy_day_to_all(hl.week_from_raw(HOURS), "saturday")
    assert all(slots == [{"from": "18:00", "to": "02:00"}] for slots in week.values())
    week["monday"][0]["to"] = "03:00"
    assert week["tuesday"][0]["to"] == "02:00"


def test_cutoff_warning_counts_slots_it_would_break() -> None:
    week = hl.week_from_raw(HOURS)
    text = hl.cutoff_warning("06:00", "00:00", week)
    assert "instead of 06:00" in text and "2 slots would become invalid" in text
    assert "would become invalid" not in hl.cutoff_warning("06:00", "03:00", week)
