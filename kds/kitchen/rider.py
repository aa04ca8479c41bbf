"""Who comes for a delivery and when, in the kitchen's words (no Qt here).

From the order's `delivery` (API reference, "Deliveries"; kds.hubrise.order_model.Delivery). The
due time it drives is kds.kitchen.due.rider_pickup_at: this module only says it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kds.kitchen.text import clean_text


@dataclass(frozen=True, slots=True)
class Rider:
    """Who comes for a delivery and when (the order's `delivery`), cleaned for the screen."""

    pickup_at: datetime | None   # estimated_pickup_at: also the ticket's due time
    name: str
    phone: str
    access_code: str             # driver_phone_access_code: dialled after the phone number
    status: str                  # delivery status ("pickup_waiting"), "" when unknown
    status_label: str            # "on the way", "WAITING AT THE PASS"


RIDER_STATUS_LABELS = {
    "pending": "booking a rider", "pickup_enroute": "on the way",
    "pickup_approaching": "arriving", "pickup_waiting": "WAITING AT THE PASS",
    "dropoff_enroute": "picked up", "dropoff_approaching": "picked up",
    "dropoff_waiting": "picked up", "delivered": "delivered", "cancelled": "rider cancelled",
}


def rider_of(order: Any) -> Rider | None:
    delivery = getattr(order, "delivery", None)
    if delivery is None:
        return None
    status = delivery.status or ""
    return Rider(
        pickup_at=delivery.estimated_pickup_at, name=clean_text(delivery.driver_name, 40),
        phone=clean_text(delivery.driver_phone, 30),
        access_code=clean_text(delivery.driver_phone_access_code, 20), status=status,
        status_label=RIDER_STATUS_LABELS.get(status, ""))
