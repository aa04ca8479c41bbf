"""Who comes for a delivery and when, in the kitchen's words (no Qt here).

From the order's `delivery` (API reference, "Deliveries"; kds.hubrise.order_model.Delivery). The
due time it drives is kds.kitchen.due.rider_pickup_at: this module only says it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kds.kitchen.text import clean_text
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class Rider:
    """Who comes for a delivery and when (the order's `delivery`), cleaned for the screen."""

    pickup_at: datetime | None   # estimated_pickup_at: also the ticket's due time
    name: str
    phone: str
    access_code: str             # driver_phone_access_code: dialled after the phone number
    status: str                  # delivery status ("pickup_waiting"), "" when unknown
    status_label: str            # "on the way", "WAITING AT THE PASS"


RIDER_STATUS_LABELS = {   # English source text, shown translated (rider_of)
    "pending": QT_TRANSLATE_NOOP("Rider", "booking a rider"),
    "pickup_enroute": QT_TRANSLATE_NOOP("Rider", "on the way"),
    "pickup_approaching": QT_TRANSLATE_NOOP("Rider", "arriving"),
    "pickup_waiting": QT_TRANSLATE_NOOP("Rider", "WAITING AT THE PASS"),
    "dropoff_enroute": QT_TRANSLATE_NOOP("Rider", "picked up"),
    "dropoff_approaching": QT_TRANSLATE_NOOP("Rider", "picked up"),
    "dropoff_waiting": QT_TRANSLATE_NOOP("Rider", "picked up"),
    "delivered": QT_TRANSLATE_NOOP("Rider", "delivered"),
    "cancelled": QT_TRANSLATE_NOOP("Rider", "rider cancelled"),
}


def rider_of(order: Any) -> Rider | None:
    delivery = getattr(order, "delivery", None)
    if delivery is None:
        return None
    status = delivery.status or ""
    label = RIDER_STATUS_LABELS.get(status, "")
    return Rider(
        pickup_at=delivery.estimated_pickup_at, name=clean_text(delivery.driver_name, 40),
        phone=clean_text(delivery.driver_phone, 30),
        access_code=clean_text(delivery.driver_phone_access_code, 20), status=status,
        status_label=translate("Rider", label) if label else "")
