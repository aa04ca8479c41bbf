"""Accepting an order with a promised time, without Qt: which times to offer and what to send.

Seed 001: `expected_time` is "the time the customer is expecting to get his order" and
`confirmed_time` is "the time the customer will receive his order". So the promise is about the
customer's door, not the kitchen's pass: for delivery it is the ready time plus the delivery
time, read from the location's `custom_fields.delivery.door_time` (minutes, seed 004 example
`{"delivery": {"door_time": "35"}}`). A pre-order is never offered a time earlier than asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

ASAP_MINUTES = (5, 10, 15, 20)            # ready in N minutes from now
REQUESTED_OFFSETS = (0, 5, 10, 15, 20)    # the requested time itself, then a little later
MAX_DOOR_MINUTES = 240                    # a longer "delivery time" is a typing mistake


@dataclass(frozen=True, slots=True)
class AcceptChoice:
    key: int                  # minutes: from now (ASAP) or after the requested time
    label: str                # "+10 min", "As requested", "+5 min"
    ready_at: datetime        # when the kitchen must have it ready
    confirmed_time: datetime  # what HubRise is told: when the customer gets it


@dataclass(frozen=True, slots=True)
class AcceptPlan:
    requested: datetime | None      # the customer's time when it is still ahead
    delivery_minutes: int | None    # None unless this is a delivery order
    choices: tuple[AcceptChoice, ...]
    relative_to_request: bool       # False: ASAP times (no request, or it can no longer be met)


def door_time_minutes(location_raw: object) -> int | None:
    """custom_fields.delivery.door_time as whole minutes, or None when absent or unusable."""
    if not isinstance(location_raw, dict):
        return None
    fields = location_raw.get("custom_fields")
    delivery = fields.get("delivery") if isinstance(fields, dict) else None
    value = delivery.get("door_time") if isinstance(delivery, dict) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value <= MAX_DOOR_MINUTES:
        return value
    return None


def accept_plan(now: datetime, expected_time: datetime | None, service_type: str | None,
                door_minutes: int | None) -> AcceptPlan:
    """The times a staff member can promise, each with its ready time and confirmed_time."""
    delivery = service_type == "delivery"
    travel = timedelta(minutes=(door_minutes or 0) if delivery else 0)
    requested = expected_time if expected_time is not None and expected_time > now else None
    choices: list[AcceptChoice] = []
    if requested is not None:
        for offset in REQUESTED_OFFSETS:
            customer = requested + timedelta(minutes=offset)
            if customer - travel >= now:   # the kitchen cannot be ready in the past
                label = "As requested" if offset == 0 else f"+{offset} min"
                choices.append(AcceptChoice(offset, label, customer - travel, customer))
    relative = bool(choices)
    if not choices:   # as soon as possible, or the requested time can no longer be met
        for minutes in ASAP_MINUTES:
            ready = now + timedelta(minutes=minutes)
            choices.append(AcceptChoice(minutes, f"+{minutes} min", ready, ready + travel))
    return AcceptPlan(requested, (door_minutes or 0) if delivery else None, tuple(choices),
                      relative)


def confirmed_time_note(plan: AcceptPlan) -> str:
    """One sentence for the dialog: what the chosen time means to the customer."""
    if plan.delivery_minutes is None:
        return "The customer is told the time the order is ready."
    if plan.delivery_minutes:
        return (f"Delivery: the customer is told when it reaches the door — ready time + "
                f"{plan.delivery_minutes} min delivery time.")
    return ("Delivery: no delivery time is set for this location (custom_fields.delivery."
            "door_time), so the customer is told the ready time.")



def kitchen_ready_time(confirmed_time: datetime | None, service_type: str | None,
                       door_minutes: int | None) -> datetime | None:
    """When the kitchen must have an order ready, from the confirmed_time HubRise holds: for
    delivery that time is at the customer's door, so the delivery time comes off it."""
    if confirmed_time is None:
        return None
    if service_type == "delivery" and door_minutes:
        return confirmed_time - timedelta(minutes=door_minutes)
    return confirmed_time
