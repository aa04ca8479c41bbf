"""Order acceptance without Qt: the three PATCH templates, resume choices, countdown, suggestion.

Seed 004 §1.2: `order_acceptance` must match exactly one of three templates; busy needs an
integer extra_preparation_time; busy and paused may carry resume_at; paused may carry a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from kds.hubrise.models import BadPayload, OrderAcceptance, parse_location
from kds.hubrise.money import format_time
from kds.kitchen.formats import clock_text
from kds.kitchen.hours import business_date, day_opening_spans, normal_cutoff
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate

BUSY_PRESETS = (10, 15, 20, 30)
# English source text; the screen shows (and sends) them translated: translate("Acceptance", …).
REASON_PRESETS = (QT_TRANSLATE_NOOP("Acceptance", "Kitchen overloaded"),
                  QT_TRANSLATE_NOOP("Acceptance", "Out of ingredients"),
                  QT_TRANSLATE_NOOP("Acceptance", "Closing early"),
                  QT_TRANSLATE_NOOP("Acceptance", "Technical problem"))
MAX_EXTRA_MINUTES = 180
MAX_REASON_CHARS = 200

# key → (button label, minutes from now; None = computed or no resume); labels translated
# where shown, as translate("Acceptance", label).
RESUME_CHOICES: tuple[tuple[str, str, int | None], ...] = (
    ("30min", "30 min", 30),
    ("1h", "1 h", 60),
    ("2h", "2 h", 120),
    ("end_of_service", QT_TRANSLATE_NOOP("Acceptance", "End of service"), None),
    ("manual", QT_TRANSLATE_NOOP("Acceptance", "Until I change it"), None),
)


# ---------------------------------------------------------------- the three templates

def normal_body() -> dict[str, Any]:
    return {"order_acceptance": {"mode": "normal"}}


def busy_body(extra_minutes: int, resume_at: datetime | None, tz: tzinfo) -> dict[str, Any]:
    if not isinstance(extra_minutes, int) or isinstance(extra_minutes, bool) or extra_minutes < 0:
        raise ValueError("extra preparation time is a non-negative whole number of minutes")
    acceptance: dict[str, Any] = {"mode": "busy", "extra_preparation_time": extra_minutes}
    if resume_at is not None:
        acceptance["resume_at"] = _iso(resume_at, tz)
    return {"order_acceptance": acceptance}


def paused_body(reason: str | None, resume_at: datetime | None, tz: tzinfo) -> dict[str, Any]:
    acceptance: dict[str, Any] = {"mode": "paused"}
    text = (reason or "").strip()[:MAX_REASON_CHARS]
    if text:
        acceptance["reason"] = text
    if resume_at is not None:
        acceptance["resume_at"] = _iso(resume_at, tz)
    return {"order_acceptance": acceptance}


def _iso(when: datetime, tz: tzinfo) -> str:
    # HubRise writes offsets in the location's zone (e.g. +02:00), to the second.
    return format_time(when.astimezone(tz).replace(microsecond=0))


def acceptance_from_body(body: dict[str, Any]) -> OrderAcceptance:
    """What a queued body asks for, to show it while HubRise has not confirmed yet."""
    raw = parse_location({"order_acceptance": body.get("order_acceptance")})
    return raw.order_acceptance


def stored_acceptance(raw: dict[str, Any] | None) -> OrderAcceptance:
    if not raw:
        return OrderAcceptance()
    try:
        return parse_location(raw).order_acceptance
    except BadPayload:
        return OrderAcceptance()


def same_acceptance(a: OrderAcceptance, b: OrderAcceptance) -> bool:
    """Equal as HubRise stores them (resume_at compared as instants)."""
    return (a.mode, a.resume_at, a.extra_preparation_time if a.mode == "busy" else None,
            a.reason if a.mode == "paused" else None) == \
        (b.mode, b.resume_at, b.extra_preparation_time if b.mode == "busy" else None,
         b.reason if b.mode == "paused" else None)


# ---------------------------------------------------------------- resume choices

def end_of_service(now: datetime, hours: object, cutoff_time: str | None,
                   tz: tzinfo) -> datetime | None:
    """End of the opening-hours slot we are in now, in the business day the cutoff defines.

    None when the location is closed now (or hours are unknown): there is no service to end.
    """
    if not isinstance(hours, dict):
        return None
    cutoff = normal_cutoff(cutoff_time)
    for start, end in day_opening_spans(hours, business_date(now, cutoff, tz), cutoff, tz):
        if start <= now < end:
            return end
    return None


@dataclass(frozen=True, slots=True)
class ResumeChoice:
    key: str
    label: str
    resume_at: datetime | None     # None: no automatic resume (or not available)
    available: bool = True


def resume_choices(now: datetime, hours: object, cutoff_time: str | None,
                   tz: tzinfo) -> list[ResumeChoice]:
    choices = []
    for key, label, minutes in RESUME_CHOICES:
        if minutes is not None:
            choices.append(ResumeChoice(key, label, now + timedelta(minutes=minutes)))
        elif key == "end_of_service":
            end = end_of_service(now, hours, cutoff_time, tz)
            choices.append(ResumeChoice(key, label, end, available=end is not None))
        else:
            choices.append(ResumeChoice(key, label, None))
    return choices


def resume_at_for(key: str, now: datetime, hours: object, cutoff_time: str | None,
                  tz: tzinfo) -> datetime | None:
    for choice in resume_choices(now, hours, cutoff_time, tz):
        if choice.key == key:
            if not choice.available:
                raise ValueError("the location is closed now: there is no end of service")
            return choice.resume_at
    raise ValueError(f"unknown resume choice {key!r}")


# ---------------------------------------------------------------- what the screen says

def countdown_text(resume_at: datetime, now: datetime) -> str:
    seconds = (resume_at - now).total_seconds()
    if seconds <= 0:
        return translate("Acceptance", "now")
    if seconds < 60:
        return translate("Acceptance", "in less than a minute")
    minutes = int(seconds + 59) // 60  # round up: "in 1 min" until it has really passed
    if minutes < 60:
        return translate("Acceptance", "in {minutes} min").format(minutes=minutes)
    return translate("Acceptance", "in {hours} h {minutes} min").format(
        hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def mode_title(acceptance: OrderAcceptance) -> str:
    if acceptance.mode == "busy":
        return translate("Acceptance", "Busy +{minutes} min").format(
            minutes=acceptance.extra_preparation_time or 0)
    if acceptance.mode == "paused":
        return translate("Acceptance", "Paused")
    return translate("Acceptance", "Normal")


def mode_subtitle(acceptance: OrderAcceptance) -> str:
    if acceptance.mode == "busy":
        return translate("Acceptance", "Taking orders with extra preparation time")
    if acceptance.mode == "paused":
        return translate("Acceptance", "Not taking new orders")
    return translate("Acceptance", "Taking orders normally")


def resume_text(acceptance: OrderAcceptance, now: datetime, tz: tzinfo) -> str:
    if acceptance.mode == "normal":
        return ""
    if acceptance.resume_at is None:
        return translate("Acceptance", "Until you change it")
    clock = clock_text(acceptance.resume_at, tz)
    return translate("Acceptance", "Back to normal at {clock} · {countdown}").format(
        clock=clock, countdown=countdown_text(acceptance.resume_at, now))


# ---------------------------------------------------------------- the gentle suggestion

BUSY_OPEN_TICKETS = 15   # this many tickets on the board or more…
BUSY_LATE_TICKETS = 3    # …or this many already late: suggest busy mode (never automatic)


@dataclass(frozen=True, slots=True)
class SuggestionThresholds:
    open_tickets: int = BUSY_OPEN_TICKETS
    late_tickets: int = BUSY_LATE_TICKETS
    extra_minutes: int = 15


@dataclass(frozen=True, slots=True)
class BusySuggestion:
    extra_minutes: int
    question: str
    why: str


def busy_suggestion(open_tickets: int, late_tickets: int, thresholds: SuggestionThresholds,
                    current_mode: str) -> BusySuggestion | None:
    """Offer "Go busy +15 min?" when the kitchen is swamped; never act on its own."""
    if current_mode != "normal":
        return None
    reasons = []
    if thresholds.open_tickets > 0 and open_tickets >= thresholds.open_tickets:
        reasons.append(translate("Acceptance", "{count} open tickets").format(count=open_tickets))
    if thresholds.late_tickets > 0 and late_tickets >= thresholds.late_tickets:
        reasons.append(translate("Acceptance", "{count} late").format(count=late_tickets))
    if not reasons:
        return None
    extra = thresholds.extra_minutes
    question = translate("Acceptance", "Go busy +{minutes} min?").format(minutes=extra)
    return BusySuggestion(extra, question, " · ".join(reasons))
