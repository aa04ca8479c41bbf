"""Columns the store derives from a HubRise order, tolerant of every malformed field.

The order arrives parsed (kds/hubrise/arrival.py): its parse's problems are taken as they are,
never parsed again. The five columns are read from the payload with the store's own wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kds.hubrise.money import parse_time
from kds.hubrise.order_model import Order
from kds.hubrise.statuses import ORDER_STATUSES, SERVICE_TYPES


@dataclass(slots=True)
class OrderFields:
    status: str
    service_type: str | None
    created_at: datetime | None
    expected_time: datetime | None
    confirmed_time: datetime | None
    problems: list[str] = field(default_factory=list)


def derive_order(order: Order) -> OrderFields:
    """Status, service type and times; each bad field becomes a problem and a safe default."""
    raw = order.raw
    problems: list[str] = []
    fields = OrderFields(
        status=_status(raw.get("status"), problems),
        service_type=_service_type(raw.get("service_type"), problems),
        created_at=_time(raw, "created_at", problems),
        expected_time=_time(raw, "expected_time", problems),
        confirmed_time=_time(raw, "confirmed_time", problems),
    )
    fields.problems = problems + _model_problems(order, problems)
    return fields


def _status(value: Any, problems: list[str]) -> str:
    if isinstance(value, str) and value:
        if value not in ORDER_STATUSES:
            problems.append(f"status: unknown status '{value[:40]}'")
        return value[:40]
    problems.append(f"status: {type(value).__name__} is not a status, shown as new")
    return "new"


def _service_type(value: Any, problems: list[str]) -> str | None:
    if value is None or value in SERVICE_TYPES:
        return value if isinstance(value, str) else None
    problems.append(f"service_type: unknown service type {str(value)[:40]!r}")
    return None


def _time(raw: dict[str, Any], name: str, problems: list[str]) -> datetime | None:
    value = raw.get(name)
    if value is None:
        return None
    try:
        return parse_time(value)
    except ValueError as exc:
        problems.append(f"{name}: {str(exc)[:120]}")
        return None


def _model_problems(order: Order, already: list[str]) -> list[str]:
    """Problems the shared parser found (money, items...) that the store's own checks did not."""
    found = [f"{p.field}: {p.message}" for p in order.problems]
    fields_seen = {text.split(":", 1)[0] for text in already}
    return [text for text in found if text.split(":", 1)[0] not in fields_seen]


def change_fingerprint(raw: dict[str, Any]) -> str:
    """What counts as "the order changed" for the kitchen: items, deals, times, notes, service."""
    from kds.store.sanitize import to_json

    keys = ("items", "deals", "expected_time", "customer_notes", "service_type")
    return to_json({key: raw.get(key) for key in keys})
