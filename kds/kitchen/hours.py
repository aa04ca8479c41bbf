"""The opening-hours week without Qt: a working copy, slot spans for the timeline, error placement.

Validation itself is kds.hubrise.rules.validate_opening_hours (one rule, one place); this module
only shapes the week for the editor and places each FieldError next to its slot.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from kds.hubrise.rules import (
    DAYS,
    DEFAULT_CUTOFF,
    FieldError,
    business_minutes,
    hhmm_to_minutes,
    validate_cutoff_time,
    validate_opening_hours,
)
from kds.kitchen.timezone import location_zone
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate

Week = dict[str, list[dict[str, str]]]
# English source text: show a day as day_label(day) (translated).
DAY_LABELS = {"monday": QT_TRANSLATE_NOOP("Day", "Monday"),
              "tuesday": QT_TRANSLATE_NOOP("Day", "Tuesday"),
              "wednesday": QT_TRANSLATE_NOOP("Day", "Wednesday"),
              "thursday": QT_TRANSLATE_NOOP("Day", "Thursday"),
              "friday": QT_TRANSLATE_NOOP("Day", "Friday"),
              "saturday": QT_TRANSLATE_NOOP("Day", "Saturday"),
              "sunday": QT_TRANSLATE_NOOP("Day", "Sunday")}


def day_label(day: str) -> str:
    """"Monday" in the screen's language."""
    return translate("Day", DAY_LABELS[day])
STEP_MINUTES = 15
_FIELD_RE = re.compile(r"^opening_hours\.([a-z]+)(?:\[(\d+)\])?(?:\.(from|to))?$")


def week_from_raw(hours: object) -> Week:
    """All seven days, closed days as []; slot values kept as given so problems stay visible."""
    week: Week = {day: [] for day in DAYS}
    if not isinstance(hours, dict):
        return week
    for day in DAYS:
        slots = hours.get(day)
        if isinstance(slots, list):
            week[day] = [{"from": str(s.get("from", "")), "to": str(s.get("to", ""))}
                         for s in slots if isinstance(s, dict)]
    return week


def week_body(week: Week, cutoff_time: str) -> dict[str, Any]:
    """The one PATCH /location body Save sends."""
    return {"opening_hours": copy.deepcopy({day: week.get(day, []) for day in DAYS}),
            "cutoff_time": cutoff_time}


def validate_week(week: Week, cutoff_time: str) -> list[FieldError]:
    return validate_cutoff_time(cutoff_time) + validate_opening_hours(
        {day: week.get(day, []) for day in DAYS}, cutoff_time)


@dataclass
class PlacedErrors:
    """FieldErrors sorted by where the editor shows them."""

    by_slot: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    by_day: dict[str, list[str]] = field(default_factory=dict)
    cutoff: list[str] = field(default_factory=list)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.by_slot or self.by_day or self.cutoff or self.general)


def place_errors(errors: list[FieldError] | list[dict[str, str]]) -> PlacedErrors:
    placed = PlacedErrors()
    for error in errors:
        name, message = _field_and_message(error)
        match = _FIELD_RE.match(name)
        if name == "cutoff_time":
            placed.cutoff.append(message)
        elif match and match.group(1) in DAYS and match.group(2) is not None:
            key = (match.group(1), int(match.group(2)))
            placed.by_slot.setdefault(key, []).append(_slot_words(match.group(3), message))
        elif match and match.group(1) in DAYS:
            placed.by_day.setdefault(match.group(1), []).append(message)
        else:
            placed.general.append(f"{name}: {message}" if name and name != "opening_hours"
                                  else message)
    return placed


def _field_and_message(error: FieldError | dict[str, str]) -> tuple[str, str]:
    if isinstance(error, FieldError):
        return error.field, error.message
    return str(error.get("field") or ""), str(error.get("message") or "")


def _slot_words(end: str | None, message: str) -> str:
    prefix = {"from": "Opens: ", "to": "Closes: "}.get(end or "", "")
    return prefix + message


def slot_span(slot: dict[str, str], cutoff_time: str) -> tuple[int, int] | None:
    """Minutes since the business day started (at the cutoff), for drawing; None if unreadable."""
    try:
        start = business_minutes(slot["from"], cutoff_time, is_end=False)
        end = business_minutes(slot["to"], cutoff_time, is_end=True)
    except (KeyError, ValueError):
        return None
    return start, end


def after_midnight(slot: dict[str, str], cutoff_time: str) -> bool:
    """True for 18:00–01:00 style slots that close after midnight but before the cutoff."""
    try:
        return hhmm_to_minutes(slot["to"]) < hhmm_to_minutes(slot["from"]) and \
            slot_span(slot, cutoff_time) is not None and \
            business_minutes(slot["to"], cutoff_time, is_end=True) > \
            business_minutes(slot["from"], cutoff_time, is_end=False)
    except (KeyError, ValueError):
        return False


def slot_label(slot: dict[str, str], cutoff_time: str) -> str:
    text = f"{slot.get('from', '?')} – {slot.get('to', '?')}"
    return text + " ☾" if after_midnight(slot, cutoff_time) else text


def shift_time(hhmm: str, minutes: int) -> str:
    """Move a time of day by whole minutes, wrapping round midnight."""
    try:
        value = hhmm_to_minutes(hhmm)
    except ValueError:
        value = 12 * 60
    value = (value + minutes) % (24 * 60)
    return f"{value // 60:02d}:{value % 60:02d}"


def new_slot(slots: list[dict[str, str]], cutoff_time: str) -> dict[str, str]:
    """A sensible slot to add: lunch on an empty day, else two hours after the last one ends."""
    if not slots:
        return {"from": "12:00", "to": "14:00"}
    spans = [s for s in (slot_span(x, cutoff_time) for x in slots) if s is not None]
    if not spans:
        return {"from": "12:00", "to": "14:00"}
    last_end = max(end for _, end in spans)
    start = shift_time(cutoff_time, min(last_end + 60, 24 * 60 - 2 * 60))
    return {"from": start, "to": shift_time(start, 120)}


def copy_day_to_all(week: Week, day: str) -> Week:
    return {other: copy.deepcopy(week.get(day, [])) for other in DAYS}


def cutoff_warning(old: str, new: str, week: Week) -> str:
    """Words about what moving the cutoff changes, and how many slots it would break."""
    if old == new:
        return ("The business day starts at the cutoff time. A slot that closes after midnight "
                "belongs to the day it opened only if it closes before the cutoff.")
    broken = len(place_errors(validate_opening_hours({d: week.get(d, []) for d in DAYS},
                                                     new)).by_slot)
    text = (f"The business day will start at {new} instead of {old}: slots closing after "
            f"midnight must now close before {new} to stay on the day they open.")
    if broken:
        text += f" {broken} slot{'s' if broken > 1 else ''} would become invalid."
    return text


def normal_cutoff(value: object) -> str:
    return value if isinstance(value, str) and not validate_cutoff_time(value) else DEFAULT_CUTOFF


def business_date(now: datetime, cutoff: str, tz: tzinfo) -> date:
    """The business day `now` belongs to: before the cutoff it is still yesterday's service."""
    local = now.astimezone(tz)
    if local.hour * 60 + local.minute < hhmm_to_minutes(cutoff):
        return local.date() - timedelta(days=1)
    return local.date()


def day_opening_spans(hours: dict[str, Any], day: date, cutoff: str,
               tz: tzinfo) -> list[tuple[datetime, datetime]]:
    """The opening slots of one business day as (start, end) instants; malformed slots skipped."""
    cut = hhmm_to_minutes(cutoff)
    day_start = datetime.combine(day, time(cut // 60, cut % 60), tzinfo=tz)
    slots = hours.get(DAYS[day.weekday()])
    spans = []
    for slot in slots if isinstance(slots, list) else []:
        try:
            start = business_minutes(slot["from"], cutoff, is_end=False)
            end = business_minutes(slot["to"], cutoff, is_end=True)
        except (KeyError, TypeError, ValueError):
            continue  # malformed slots are the editor's to show; here they are skipped
        spans.append((day_start + timedelta(minutes=start), day_start + timedelta(minutes=end)))
    return spans


def is_open_now(raw_location: dict[str, Any] | None, now: datetime) -> bool:
    """Whether the location is open at `now`, by its business day (cutoff aware).

    Unknown hours count as open (a KDS must never stop listening on a guess). A slot that ends
    after midnight but before the cutoff belongs to the previous business day: with a 06:00
    cutoff, Monday's 00:30–03:00 is Monday's service running into Tuesday morning.
    """
    hours = (raw_location or {}).get("opening_hours")
    if not isinstance(hours, dict) or not hours:
        return True
    tz = location_zone(raw_location)
    cutoff = normal_cutoff((raw_location or {}).get("cutoff_time"))
    day = business_date(now, cutoff, tz)
    return any(start <= now < end for start, end in day_opening_spans(hours, day, cutoff, tz))
