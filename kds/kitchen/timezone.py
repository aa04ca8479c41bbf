"""The location's timezone: one rule for every screen and every "today".

HubRise sends `timezone: {"name": "Europe/Paris"}` on the location. When it is missing or
unknown, every room falls back to the same zone (UTC), so the board, the hours editor, the
planner and "done today" can never disagree about what time it is in the restaurant.
"""

from __future__ import annotations

import logging
from datetime import UTC, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

FALLBACK_ZONE: tzinfo = UTC


def zone_named(name: object) -> tzinfo:
    """The IANA zone called `name`, else the fallback."""
    if not isinstance(name, str) or not name:
        return FALLBACK_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        log.warning("unknown timezone %r, using UTC", name[:64])
        return FALLBACK_ZONE


def zone_name(raw_location: dict[str, Any] | None) -> str | None:
    """The zone's name as the location gives it (a dict, or a bare string from older payloads)."""
    zone = (raw_location or {}).get("timezone")
    name = zone.get("name") if isinstance(zone, dict) else zone
    return name if isinstance(name, str) and name else None


def location_zone(raw_location: dict[str, Any] | None) -> tzinfo:
    """The location's timezone, else the fallback."""
    return zone_named(zone_name(raw_location))
