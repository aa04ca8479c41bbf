"""HubRise's delivery resource (API reference, "Deliveries"): fields, statuses, what a create or
an update may carry. The simulator validates with it; the KDS can read the same names."""

from __future__ import annotations

from typing import Any

from kds.hubrise.field_checks import (
    Errors,
    FieldError,
    check_decimal,
    check_money,
    check_text,
    check_time,
    unknown_keys,
)
from kds.hubrise.money import parse_decimal

# In the order a courier goes through them; `cancelled` can come at any point.
STATUSES = ("pending", "pickup_enroute", "pickup_approaching", "pickup_waiting",
            "dropoff_enroute", "dropoff_approaching", "dropoff_waiting", "delivered",
            "cancelled")
FINAL_STATUSES = frozenset({"delivered", "cancelled"})
TEXT_FIELDS = ("carrier", "carrier_ref", "ref", "tracking_url", "driver_pickup_url",
               "driver_name", "driver_phone", "driver_phone_access_code")
TIME_FIELDS = ("estimated_pickup_at", "estimated_dropoff_at", "assigned_at", "pickup_at",
               "delivered_at", "cancelled_at")
GPS_FIELDS = ("driver_latitude", "driver_longitude")
FIELDS = frozenset(TEXT_FIELDS + TIME_FIELDS + GPS_FIELDS + ("status", "fee"))
FIXED_AFTER_CREATE = ("carrier", "carrier_ref", "fee")  # "All fields can be updated, except"
# A status change sets its time field, unless the same request sets it (docs: "Auto-updated").
STATUS_TIMES = {"pickup_enroute": "assigned_at", "dropoff_enroute": "pickup_at",
                "delivered": "delivered_at", "cancelled": "cancelled_at"}
_RANGES = {"driver_latitude": 90, "driver_longitude": 180}


def validate_delivery_create(body: Any, currency: str) -> Errors:
    if not isinstance(body, dict):
        return [FieldError("", "the body must be a JSON object")]
    errors = _check_fields(body, currency)
    errors += check_text("carrier", body.get("carrier"), required=True)
    if body.get("status") is None:
        errors.append(FieldError("status", "is required"))
    return errors


def validate_delivery_update(body: Any, currency: str) -> Errors:
    if not isinstance(body, dict):
        return [FieldError("", "the body must be a JSON object")]
    errors = [FieldError(key, "cannot be changed once the delivery exists")
              for key in FIXED_AFTER_CREATE if key in body]
    if "status" in body and body["status"] is None:
        errors.append(FieldError("status", "cannot be null"))
    return errors + _check_fields(body, currency)


def _check_fields(body: dict[str, Any], currency: str) -> Errors:
    errors = unknown_keys("", body, FIELDS)
    for key in TEXT_FIELDS:
        errors += check_text(key, body.get(key))
    for key in TIME_FIELDS:
        errors += check_time(key, body.get(key))
    errors += check_money("fee", body.get("fee"), currency=currency)
    status = body.get("status")
    if status is not None and status not in STATUSES:
        errors.append(FieldError("status", f"{status!r} is not one of {', '.join(STATUSES)}"))
    for key, limit in _RANGES.items():
        found = check_decimal(key, body.get(key))
        if not found and body.get(key) is not None \
                and abs(parse_decimal(body[key])) > limit:
            found = [FieldError(key, f"must be between -{limit} and {limit}")]
        errors += found
    return errors


def is_gps_only(body: dict[str, Any]) -> bool:
    """A driver position update: HubRise sends delivery.update but no order.update for it."""
    return bool(body) and set(body) <= set(GPS_FIELDS)
