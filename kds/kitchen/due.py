"""When an order is due: the one rule the board, the store and the figures share.

Seed 001: `confirmed_time` is when the customer gets the order, `expected_time` when they asked
for it. An order with neither is due its creation time plus the location's preparation time;
seed 004: while the location is busy, `extra_preparation_time` "is added to the base
`preparation_time`".

A delivery whose rider has an `estimated_pickup_at` (API reference, "Deliveries") is due then:
the kitchen must be ready when the rider arrives, whatever the customer was promised.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kds.hubrise.models import BadPayload, Location, parse_location
from kds.hubrise.order_model import parse_delivery
from kds.kitchen.accept import door_time_minutes, kitchen_ready_time

DEFAULT_PREPARATION_MINUTES = 15
# Until the rider has the food: after that (or once cancelled) the pickup time says nothing.
RIDER_COMING = frozenset({None, "pending", "pickup_enroute", "pickup_approaching",
                          "pickup_waiting"})


def _location(raw_location: dict[str, Any] | None) -> Location | None:
    # parse_location clamps what HubRise sends (hubrise/models.py: 0..MAX_PREPARATION_MINUTES).
    if not raw_location:
        return None
    try:
        return parse_location(raw_location)
    except (BadPayload, ValueError, TypeError, OverflowError):
        return None


def stored_preparation_minutes(raw_location: dict[str, Any] | None) -> int | None:
    """The location's `preparation_time` as HubRise holds it (clamped to sane minutes), or None."""
    location = _location(raw_location)
    return None if location is None else location.preparation_time


def base_preparation_minutes(raw_location: dict[str, Any] | None) -> int:
    """The location's `preparation_time`, else 15 minutes (missing or malformed)."""
    location = _location(raw_location)
    if location is None or location.preparation_time is None:
        return DEFAULT_PREPARATION_MINUTES
    return location.preparation_time


def preparation_minutes(raw_location: dict[str, Any] | None, now: datetime) -> int:
    """Minutes from creation to due for an order with no requested time, at `now`.

    Read on every board refresh: the location is parsed once here, not once per part."""
    location = _location(raw_location)
    if location is None:
        return DEFAULT_PREPARATION_MINUTES
    base = location.preparation_time
    acceptance = location.order_acceptance.effective(now)
    extra = (acceptance.extra_preparation_time or 0) if acceptance.mode == "busy" else 0
    return (DEFAULT_PREPARATION_MINUTES if base is None else base) + extra


def due_time(*, confirmed_time: datetime | None, expected_time: datetime | None,
             created_at: datetime | None, first_seen_at: datetime, preparation: int,
             service_type: str | None = None, door_minutes: int | None = None,
             rider_pickup: datetime | None = None) -> datetime:
    """When the kitchen must have the order ready.

    A rider's estimated pickup (rider_pickup_at) comes first: the food must be ready when the
    rider walks in. Else confirmed, else expected, is when the customer receives it (seed 001):
    for a delivery that is at the door, so the location's delivery time
    (`custom_fields.delivery.door_time`) comes off it. Without either, creation (or first seen
    here) + preparation minutes.
    """
    if rider_pickup is not None:
        return rider_pickup
    wanted = confirmed_time or expected_time
    if wanted is not None:
        return kitchen_ready_time(wanted, service_type, door_minutes) or wanted
    return (created_at or first_seen_at) + timedelta(minutes=preparation)


def door_minutes(raw_location: dict[str, Any] | None) -> int | None:
    """The location's delivery time to the customer's door (seed 004 example), if it has one."""
    return door_time_minutes(raw_location)


def rider_pickup_at(raw_order: object) -> datetime | None:
    """The rider's estimated pickup from an order payload's `delivery`, while a rider is still
    to come for the food; None otherwise (no delivery, no estimate, picked up, cancelled)."""
    if not isinstance(raw_order, dict):
        return None
    delivery = parse_delivery(raw_order.get("delivery"))
    if delivery is None or delivery.status not in RIDER_COMING:
        return None
    return delivery.estimated_pickup_at
