"""Connections, their callbacks and events, and the request log: the simulator's bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kds.hubrise import rules
from kds.sim.orders import render
from kds.sim.scopes import KDS_GRANT, Grant

# The 12 documented resource.event pairs (API-NOTES §1.3); only order and location are recorded.
CALLBACK_PAIRS = frozenset({
    "catalog.create", "catalog.delete", "catalog.update", "customer.create", "customer.update",
    "delivery.create", "delivery.update", "inventory.patch", "inventory.update",
    "location.update", "order.create", "order.update"})


@dataclass
class Connection:
    token: str
    client_name: str
    device_id: str | None = None
    grant: Grant = KDS_GRANT
    callback: dict[str, Any] | None = None
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> event, oldest first


@dataclass(frozen=True)
class LoggedRequest:
    token: str | None
    method: str
    path: str
    status: int
    at: datetime


def without_state(event: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in render(event, None).items()
            if key not in ("new_state", "previous_state")}


def validate_callback(body: Any) -> list[rules.FieldError]:
    if not isinstance(body, dict):
        return [rules.FieldError("", "the body must be a JSON object")]
    errors = [rules.FieldError(key, "is not a valid key") for key in body
              if key not in ("url", "events")]
    url, events = body.get("url"), body.get("events")
    if url is not None and not isinstance(url, str):
        errors.append(rules.FieldError("url", "must be a string or null (passive callback)"))
    if not isinstance(events, dict):
        return [*errors, rules.FieldError("events", "must be an object of resource -> events")]
    for resource, types in events.items():
        if not isinstance(types, list):
            errors.append(rules.FieldError(f"events.{resource}", "must be a list"))
            continue
        errors += [rules.FieldError(f"events.{resource}", f"'{resource}.{kind}' is not a valid "
                                                          "event") for kind in types
                   if f"{resource}.{kind}" not in CALLBACK_PAIRS]
    return errors
