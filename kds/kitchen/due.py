"""When an order is due: the one rule the board, the store and the figures share.

Seed 001: `confirmed_time` is when the customer gets the order, `expected_time` when they asked
for it. An order with neither is due its creation time plus the location's preparation time;
seed 004: while the location is busy, `extra_preparation_time` "is added to the base
`preparation_time`".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kds.hubrise.models import BadPayload, Location, parse_location

DEFAULT_PREPARATION_MINUTES = 15


def _location(raw_location: dict[str, Any] | None) -> Location | None:
    # parse_location clamps what HubRise sends (hubrise/models.py: 0..MAX_PREPARATION_MINUTES).
    if not raw_location:
        return None
    try:
        return parse_location(raw_location)
    except (BadPayload, ValueError, TypeError, OverflowError):
        return None


def base_preparation_minutes(raw_location: dict[str, Any] | None) -> int:
    """The location's `preparation_time`, else 15 minutes (missing or malformed)."""
    location = _location(raw_location)
    if location is None or location.preparation_time is None:
        return DEFAULT_PREPARATION_MINUTES
    return location.preparation_time


def extra_preparation_minutes(raw_location: dict[str, Any] | None, now: datetime) -> int:
    """Busy mode's extra time while it applies at `now` (0 in normal or paused mode)."""
    location = _location(raw_location)
    if location is None:
        return 0
    acceptance = location.order_acceptance.effective(now)
    if acceptance.mode != "busy":
        return 0
    return acceptance.extra_preparation_time or 0


def preparation_minutes(raw_location: dict[str, Any] | None, now: datetime) -> int:
    """Minutes from creation to due for an order with no requested time, at `now`."""
    return base_preparation_minutes(raw_location) + extra_preparation_minutes(raw_location, now)


def due_time(*, confirmed_time: datetime | None, expected_time: datetime | None,
             created_at: datetime | None, first_seen_at: datetime,
             preparation: int) -> datetime:
    """Confirmed, else expected, else created (or first seen here) + preparation minutes."""
    if confirmed_time is not None:
        return confirmed_time
    if expected_time is not None:
        return expected_time
    return (created_at or first_seen_at) + timedelta(minutes=preparation)
