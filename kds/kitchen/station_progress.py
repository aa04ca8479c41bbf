"""Station progress on an order, kept in the order's HubRise custom_fields.

One top-level key per station (`kds_station_grill`...): HubRise merges custom_fields by
top-level key (seed 003 §1.1: sent keys replace, keys sent as null are removed, the others
stay), so the grill and the pizza screen bumping the same order at once cannot overwrite each
other. Each value is a few dozen bytes, far below the 8 KB limit of the whole object.
Updating custom fields fires the order's update event (seed 003 §1.3), which is how screens
of other apps, and screens that hear each other's events, learn of a bump.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kds.hubrise.field_checks import merged_custom_fields, validate_custom_fields
from kds.hubrise.money import format_time, parse_time
from kds.hubrise.order_model import Order
from kds.kitchen.stations import NO_CATALOG, Catalog, Routing

PREFIX = "kds_station_"
READY_FOR_SERVICE = {"delivery": "awaiting_shipment"}  # else awaiting_collection (seed 001)


@dataclass(frozen=True, slots=True)
class StationDone:
    station: str
    at: datetime | None  # when the station bumped its part (None: unreadable time)


def progress_key(station: str) -> str:
    """The custom_fields key of a station: the same on every screen for the same name."""
    slug = re.sub(r"[^0-9a-z]+", "_", station.strip().casefold()).strip("_")
    return PREFIX + (slug or "station")


def progress_value(station: str, done: bool, at: datetime) -> dict[str, Any] | None:
    """What a bump (done) or an un-bump (None: the key is removed) writes for the station."""
    return {"station": station[:30], "done_at": format_time(at)} if done else None


def progress_body(station: str, done: bool, at: datetime) -> dict[str, Any]:
    """The order update that carries one station's bump (seed 001: custom_fields is updatable)."""
    return {"custom_fields": {progress_key(station): progress_value(station, done, at)}}


def stations_done(custom_fields: Mapping[str, Any] | None) -> dict[str, StationDone]:
    """Progress key → what it says, read tolerantly (another app may write anything there)."""
    found: dict[str, StationDone] = {}
    for key, value in (custom_fields or {}).items():
        if not isinstance(key, str) or not key.startswith(PREFIX) or not isinstance(value, dict):
            continue
        name = value.get("station")
        found[key] = StationDone(name if isinstance(name, str) and name else key[len(PREFIX):],
                                 _time(value.get("done_at")))
    return found


def is_done(custom_fields: Mapping[str, Any] | None, station: str) -> bool:
    return progress_key(station) in stations_done(custom_fields)


def progress_of(order: Order, routing: Routing,
                catalog: Catalog = NO_CATALOG) -> list[tuple[str, bool]]:
    """Each station with a part in the order and whether it has bumped it, in station order."""
    done = stations_done(order.custom_fields)
    return [(name, progress_key(name) in done) for name in routing.stations_of(order, catalog)]


def all_stations_done(order: Order, routing: Routing, catalog: Catalog = NO_CATALOG) -> bool:
    """Every station with a part has bumped it (an order with no part anywhere is not done)."""
    progress = progress_of(order, routing, catalog)
    return bool(progress) and all(done for _, done in progress)


def ready_status(service_type: str | None) -> str:
    """The HubRise status the expo sets when the food is ready to hand out."""
    return READY_FOR_SERVICE.get(service_type or "", "awaiting_collection")


def fits(custom_fields: Mapping[str, Any] | None, change: Mapping[str, Any]) -> bool:
    """The order's custom_fields after the change still fit HubRise's 8 KB (seed 003 §1.2)."""
    return not validate_custom_fields(merged_custom_fields(custom_fields, change))


def _time(value: object) -> datetime | None:
    try:
        return parse_time(value) if isinstance(value, str) else None
    except ValueError:
        return None
