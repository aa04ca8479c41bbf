"""Typed, tolerant views of HubRise locations, events and users (orders: order_model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kds.hubrise.field_checks import ACCEPTANCE_MODES, HHMM_RE
from kds.hubrise.reader import (
    BadPayload as BadPayload,  # the parsers' error, re-exported with them
    FieldProblem,
    NotALocation,
    NotAnEvent,
    PayloadReader,
    short_repr,
)

# ---------------------------------------------------------------- locations

# HubRise accepts any non-negative integer of minutes. A kitchen's preparation (or busy extra)
# time is tens of minutes; 8 hours is more than any service. Past that a value is a mistake or
# hostile, and 10**300 minutes would crash every timedelta built from it.
MAX_PREPARATION_MINUTES = 480
# A resume time HubRise could mean: busy/paused lasts hours or days, not centuries. Outside
# these years, converting to the kitchen's timezone can overflow.
RESUME_YEARS = range(2000, 2101)


@dataclass(frozen=True, slots=True)
class Account:
    id: str | None
    name: str | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class OrderAcceptance:
    mode: str = "normal"
    resume_at: datetime | None = None
    extra_preparation_time: int | None = None
    reason: str | None = None

    def effective(self, now: datetime) -> OrderAcceptance:
        """What applies at `now`: HubRise reverts busy/paused to normal once resume_at passes."""
        if self.mode != "normal" and self.resume_at is not None and now >= self.resume_at:
            return OrderAcceptance()
        return self


@dataclass(frozen=True, slots=True)
class Location:
    id: str | None
    name: str | None
    account: Account
    timezone: str  # IANA name; "UTC" with a problem when missing or unknown
    cutoff_time: str
    opening_hours: dict[str, Any] | None
    preparation_time: int | None
    order_acceptance: OrderAcceptance
    custom_fields: dict[str, Any] = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    problems: tuple[FieldProblem, ...]


def parse_location(data: object) -> Location:
    if not isinstance(data, dict):
        raise NotALocation(f"a location must be a JSON object, got {type(data).__name__}")
    problems: list[FieldProblem] = []
    r = PayloadReader(data, "", problems)
    return Location(
        id=r.text("id"), name=r.text("name"), account=_account(r.sub("account")),
        timezone=_timezone(r), cutoff_time=_cutoff_time(r),
        opening_hours=r.obj("opening_hours"), preparation_time=_minutes(r, "preparation_time"),
        order_acceptance=_acceptance(r.sub("order_acceptance")),
        custom_fields=r.obj("custom_fields") or {}, raw=data, problems=tuple(problems),
    )


def parse_account(data: object) -> Account:
    if not isinstance(data, dict):
        raise BadPayload(f"an account must be a JSON object, got {type(data).__name__}")
    return _account(PayloadReader(data, "", []))


def _account(r: PayloadReader | None) -> Account:
    if r is None:
        return Account(None, None, None)
    return Account(id=r.text("id"), name=r.text("name"), currency=r.text("currency"))


def _timezone(r: PayloadReader) -> str:
    value = r.data.get("timezone")
    name = value.get("name") if isinstance(value, dict) else value
    if not isinstance(name, str):
        r.problem("timezone", f"{short_repr(value)} has no timezone name; using UTC")
        return "UTC"
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        r.problem("timezone", f"'{name[:60]}' is not a known timezone; using UTC")
        return "UTC"
    return name


def _cutoff_time(r: PayloadReader) -> str:
    value = r.text("cutoff_time")
    if value is None:
        return "06:00"
    if not HHMM_RE.match(value):
        r.problem("cutoff_time", f"'{value[:40]}' is not a HH:mm time; using 06:00")
        return "06:00"
    return value


def _acceptance(r: PayloadReader | None) -> OrderAcceptance:
    if r is None:
        return OrderAcceptance()
    mode = r.text("mode")
    if mode == "online":  # one stale version of the docs names "normal" this way
        mode = "normal"
    if mode not in ACCEPTANCE_MODES:
        if mode is not None:
            r.problem("mode", f"'{mode[:40]}' is not a known mode; read as normal")
        mode = "normal"
    return OrderAcceptance(mode=mode, resume_at=_resume_at(r),
                           extra_preparation_time=_minutes(r, "extra_preparation_time"),
                           reason=r.text("reason"))


def _minutes(r: PayloadReader, key: str) -> int | None:
    """A number of minutes clamped to 0..MAX_PREPARATION_MINUTES; a clamp is a FieldProblem."""
    value = r.data.get(key)
    if isinstance(value, str) and len(value.strip()) > 9:  # int() of huge digit strings raises
        r.problem(key, f"{short_repr(value)} is not a sane number of minutes")
        return None
    minutes = r.integer(key)
    if minutes is None:
        return None
    shown = str(minutes) if abs(minutes) < 10**9 else "a huge number of"
    if minutes < 0:
        r.problem(key, f"{shown} minutes is negative; read as 0")
        return 0
    if minutes > MAX_PREPARATION_MINUTES:
        r.problem(key, f"{shown} minutes is more than {MAX_PREPARATION_MINUTES}; "
                       f"read as {MAX_PREPARATION_MINUTES}")
        return MAX_PREPARATION_MINUTES
    return minutes


def _resume_at(r: PayloadReader) -> datetime | None:
    """resume_at within RESUME_YEARS: far ahead reads as no resume time, far back as passed."""
    when = r.time("resume_at")
    if when is None or when.year in RESUME_YEARS:  # the local year: no conversion needed
        return when
    if when.year > RESUME_YEARS[-1]:
        r.problem("resume_at", f"{when.year} is too far ahead; read as no resume time")
        return None
    r.problem("resume_at", f"{when.year} is long past; read as already passed")
    return datetime(RESUME_YEARS[0], 1, 1, tzinfo=UTC)


# ---------------------------------------------------------------- callbacks and events


@dataclass(frozen=True, slots=True)
class Callback:
    url: str | None
    events: dict[str, list[str]]


def parse_callback(data: object) -> Callback:
    if not isinstance(data, dict):
        raise BadPayload(f"a callback must be a JSON object, got {type(data).__name__}")
    url = data.get("url") if isinstance(data.get("url"), str) else None
    events_raw = data.get("events")
    events = {
        str(resource): [e for e in kinds if isinstance(e, str)]
        for resource, kinds in (events_raw.items() if isinstance(events_raw, dict) else ())
        if isinstance(kinds, list)
    }
    return Callback(url=url, events=events)


@dataclass(frozen=True, slots=True)
class Event:
    id: str | None
    resource_type: str | None
    event_type: str | None
    created_at: datetime | None
    order_id: str | None
    location_id: str | None
    new_state: dict[str, Any] | None = field(repr=False)
    previous_state: dict[str, Any] | None = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    problems: tuple[FieldProblem, ...] = ()


def parse_event(data: object) -> Event:
    """Parse a callback event, including the pre-2022 shape that used `resource_id`."""
    if not isinstance(data, dict):
        raise NotAnEvent(f"an event must be a JSON object, got {type(data).__name__}")
    problems: list[FieldProblem] = []
    r = PayloadReader(data, "", problems)
    resource_type = r.text("resource_type")
    order_id, location_id = r.text("order_id"), r.text("location_id")
    resource_id = r.text("resource_id")
    if resource_id is not None:
        if resource_type == "order" and order_id is None:
            order_id = resource_id
        elif resource_type == "location" and location_id is None:
            location_id = resource_id
    return Event(
        id=r.text("id"), resource_type=resource_type, event_type=r.text("event_type"),
        created_at=r.time("created_at"), order_id=order_id, location_id=location_id,
        new_state=r.obj("new_state"), previous_state=r.obj("previous_state"), raw=data,
        problems=tuple(problems),
    )


# ---------------------------------------------------------------- connection screen


@dataclass(frozen=True, slots=True)
class User:
    id: str | None
    first_name: str | None
    last_name: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class NamedResource:
    """A catalog or customer list as the connection screen shows it: its id and name."""

    id: str | None
    name: str | None
    raw: dict[str, Any] = field(repr=False)


def parse_user(data: object) -> User:
    if not isinstance(data, dict):
        raise BadPayload(f"a user must be a JSON object, got {type(data).__name__}")
    r = PayloadReader(data, "", [])
    return User(id=r.text("id"), first_name=r.text("first_name"), last_name=r.text("last_name"),
                email=r.text("email"))


def parse_named(data: object) -> NamedResource:
    if not isinstance(data, dict):
        raise BadPayload(f"expected a JSON object, got {type(data).__name__}")
    r = PayloadReader(data, "", [])
    return NamedResource(id=r.text("id"), name=r.text("name"), raw=data)
