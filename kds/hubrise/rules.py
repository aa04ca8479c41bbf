"""HubRise's documented location rules (seed 004), shared by the simulator and the UI.

Order rules live in order_rules and the field checks in field_checks; both are re-exported here.
Every function is pure and returns a list of `FieldError`; an empty list means valid.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from kds.hubrise.field_checks import (
    ACCEPTANCE_MODES,
    HHMM_RE,
    Errors,
    FieldError as FieldError,  # what every validate_* returns, re-exported with them
    check_text,
    check_time,
    is_int,
    unknown_keys,
    validate_custom_fields,
)

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_CUTOFF = "06:00"
_MINUTES_PER_DAY = 24 * 60

# The three order_acceptance templates of seed 004 §1.2: allowed keys per mode.
_ACCEPTANCE_KEYS = {
    "normal": frozenset({"mode"}),
    "busy": frozenset({"mode", "resume_at", "extra_preparation_time"}),
    "paused": frozenset({"mode", "resume_at", "reason"}),
}
LOCATION_PATCH_KEYS = frozenset(
    {"cutoff_time", "opening_hours", "preparation_time", "order_acceptance", "custom_fields"})


# ---------------------------------------------------------------- times of day

def hhmm_to_minutes(text: str) -> int:
    match = HHMM_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a valid time of day (HH:mm)")
    return int(match.group(1)) * 60 + int(match.group(2))


def _check_hhmm(field: str, value: object) -> Errors:
    if not isinstance(value, str) or not HHMM_RE.match(value):
        return [FieldError(field, f"{value!r} is not a valid time of day, expected HH:mm")]
    return []


# ---------------------------------------------------------------- location (seed 004)

def validate_cutoff_time(value: object) -> Errors:
    return _check_hhmm("cutoff_time", value)


def business_minutes(text: str, cutoff_time: str, *, is_end: bool) -> int:
    """Minutes since the start of the business day, which starts at `cutoff_time`.

    A slot end exactly at the cutoff is the *end* of the business day (1440), not its start:
    with cutoff 06:00, 18:00-06:00 is a valid slot that closes as the business day ends, and
    with cutoff 00:00, 18:00-00:00 closes at midnight. A slot start at the cutoff is 0, so
    06:00-06:00 (cutoff 06:00) is open for the whole business day.
    """
    offset = (hhmm_to_minutes(text) - hhmm_to_minutes(cutoff_time)) % _MINUTES_PER_DAY
    return _MINUTES_PER_DAY if (is_end and offset == 0) else offset


def validate_opening_hours(hours: object, cutoff_time: str = DEFAULT_CUTOFF) -> Errors:
    """Seed 004 opening hours: None = not set; a missing day or [] = closed that day."""
    if hours is None:
        return []
    if not isinstance(hours, dict):
        return [FieldError("opening_hours", "must be an object keyed by day, or null")]
    if _check_hhmm("cutoff_time", cutoff_time):
        cutoff_time = DEFAULT_CUTOFF  # the cutoff's own error is reported by its validator
    errors = [FieldError(f"opening_hours.{day}", "is not a day of the week (monday..sunday)")
              for day in hours if day not in DAYS]
    slot_count = 0
    for day in DAYS:
        slots = hours.get(day)
        if slots is None:
            continue
        if not isinstance(slots, list):
            errors.append(FieldError(f"opening_hours.{day}", "must be a list of time slots"))
            continue
        slot_count += len(slots)
        errors += _validate_day(f"opening_hours.{day}", slots, cutoff_time)
    if slot_count == 0 and not errors:
        errors.append(FieldError("opening_hours",
                                 "at least one time slot must be provided for the week"))
    return errors


def _validate_day(field: str, slots: list[Any], cutoff_time: str) -> Errors:
    errors: Errors = []
    spans: list[tuple[int, int, int]] = []
    for index, slot in enumerate(slots):
        where = f"{field}[{index}]"
        if not isinstance(slot, dict):
            errors.append(FieldError(where, "must be an object with from and to"))
            continue
        slot_errors = (unknown_keys(where, slot, frozenset({"from", "to"}))
                       + _check_hhmm(f"{where}.from", slot.get("from"))
                       + _check_hhmm(f"{where}.to", slot.get("to")))
        if slot_errors:
            errors += slot_errors
            continue
        start = business_minutes(slot["from"], cutoff_time, is_end=False)
        end = business_minutes(slot["to"], cutoff_time, is_end=True)
        if end <= start:
            errors.append(FieldError(f"{where}.to", (
                f"'{slot['to']}' must be after '{slot['from']}' within the business day "
                f"that starts at the cutoff time {cutoff_time}")))
            continue
        spans.append((start, end, index))
    spans.sort()
    for (_, prev_end, prev_index), (start, _, index) in pairwise(spans):
        if start < prev_end:
            errors.append(FieldError(f"{field}[{index}]",
                                     f"overlaps time slot {prev_index} of the same day"))
    return errors


def validate_preparation_time(value: object) -> Errors:
    if not is_int(value) or value < 0:
        return [FieldError("preparation_time", "must be a non-negative integer (minutes)")]
    return []


def validate_order_acceptance(value: object) -> Errors:
    """Must match one of the three templates exactly (seed 004 §1.2)."""
    field = "order_acceptance"
    if not isinstance(value, dict):
        return [FieldError(field, "must be an object")]
    mode = value.get("mode")
    if mode not in ACCEPTANCE_MODES:
        return [FieldError(f"{field}.mode", f"{mode!r} is not one of normal, busy, paused")]
    errors = unknown_keys(field, value, _ACCEPTANCE_KEYS[mode])
    errors += check_time(f"{field}.resume_at", value.get("resume_at"))
    if mode == "busy":
        extra = value.get("extra_preparation_time")
        if not is_int(extra) or extra < 0:
            errors.append(FieldError(f"{field}.extra_preparation_time",
                                     "is required for busy and must be a non-negative integer"))
    if mode == "paused":
        errors += check_text(f"{field}.reason", value.get("reason"))
    return errors


def validate_location_patch(body: object, *, current_cutoff_time: str = DEFAULT_CUTOFF,
                            current_opening_hours: object = None) -> Errors:
    """PATCH /location. A new cutoff_time re-checks the current hours when none are sent."""
    if not isinstance(body, dict):
        return [FieldError("", "the body must be a JSON object")]
    errors = unknown_keys("", body, LOCATION_PATCH_KEYS)
    cutoff = current_cutoff_time
    if "cutoff_time" in body:
        cutoff_errors = validate_cutoff_time(body["cutoff_time"])
        errors += cutoff_errors
        if not cutoff_errors:
            cutoff = body["cutoff_time"]
    if "opening_hours" in body:
        errors += validate_opening_hours(body["opening_hours"], cutoff)
    elif cutoff != current_cutoff_time:
        errors += validate_opening_hours(current_opening_hours, cutoff)
    if "preparation_time" in body:
        errors += validate_preparation_time(body["preparation_time"])
    if "order_acceptance" in body:
        errors += validate_order_acceptance(body["order_acceptance"])
    if "custom_fields" in body:
        errors += validate_custom_fields(body["custom_fields"])
    return errors
