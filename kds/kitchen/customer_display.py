"""What customers waiting at the counter may see (issue 14's customer-facing display), no Qt.

The screen faces the public, so it shows the least that lets a customer find their order: the
collection code, or else a first name and one initial ("Léa M."). Never a phone, an address,
an item, a price or a note. Only orders a customer comes to the counter for are listed
(collection and eat-in; a delivery's customer is not in the room).

- Preparing: the kitchen has the order (received, accepted, cooking). A "new" order is not
  shown: it may still be rejected, and a customer must not see their order appear and vanish.
- Ready: awaiting collection. Once collected (completed) it stays COLLECTED_STAYS on Ready,
  so a customer who just looked away still finds it, then leaves the screen. Cancelled,
  rejected and failed orders leave at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kds.kitchen.text import clean_text, short_reference

PREPARING = frozenset({"received", "accepted", "in_preparation"})
READY = frozenset({"awaiting_collection"})
COLLECTED = "completed"
COLLECTED_STAYS = timedelta(minutes=2)
AT_THE_COUNTER = frozenset({"collection", "eat_in"})   # and unknown: a till's walk-in
MAX_FIRST_NAME = 12   # "Maximilianne…" still reads from across the room
MAX_CODE = 8          # a collection code is short; anything longer is not a code to call


@dataclass(frozen=True, slots=True)
class CounterOrder:
    """An order as the rule needs it (the app builds it from the store's row)."""

    order_id: str
    status: str
    service_type: str | None
    arrived_at: datetime          # when the kitchen first had it (Preparing keeps that order)
    changed_at: datetime          # when it last changed status (for "collected a moment ago")
    raw: Mapping[str, Any]        # HubRise's payload: only the code and names are read


@dataclass(frozen=True, slots=True)
class CustomerCall:
    """One line of the public board: the words shown and which column it is in."""

    order_id: str
    label: str
    ready: bool


def customer_label(raw: Mapping[str, Any], order_id: str) -> str:
    """The collection code, else "First L.", else the order's short reference; plain text."""
    code = clean_text(raw.get("collection_code"), 40)
    if code:
        return code if len(code) <= MAX_CODE else code[: MAX_CODE - 1] + "…"
    customer = raw.get("customer")
    if isinstance(customer, Mapping):
        first = clean_text(customer.get("first_name"), 60).split(" ")[0]
        if first:
            first = first if len(first) <= MAX_FIRST_NAME else first[: MAX_FIRST_NAME - 1] + "…"
            initial = next((c for c in clean_text(customer.get("last_name"), 60) if c.isalpha()),
                           "")
            return f"{first} {initial.upper()}." if initial else first
    return short_reference(None, raw.get("ref"), order_id)[:MAX_CODE]


def _column(order: CounterOrder, now: datetime) -> bool | None:
    """True: Ready, False: Preparing, None: not on the public board."""
    if order.service_type not in AT_THE_COUNTER and order.service_type is not None:
        return None
    if order.status in PREPARING:
        return False
    if order.status in READY:
        return True
    if order.status == COLLECTED and now - order.changed_at < COLLECTED_STAYS:
        return True
    return None


def customer_calls(orders: Iterable[CounterOrder], now: datetime) -> list[CustomerCall]:
    """The public board: Preparing in the order they came, Ready with the latest first (the
    order just called is where eyes go). Each order once, whatever the input repeats."""
    preparing: list[tuple[datetime, CustomerCall]] = []
    ready: list[tuple[datetime, CustomerCall]] = []
    seen: set[str] = set()
    for order in orders:
        column = _column(order, now)
        if column is None or order.order_id in seen:
            continue
        seen.add(order.order_id)
        call = CustomerCall(order.order_id, customer_label(order.raw, order.order_id), column)
        if column:
            ready.append((order.changed_at, call))
        else:
            preparing.append((order.arrived_at, call))
    preparing.sort(key=lambda pair: pair[0])
    ready.sort(key=lambda pair: pair[0], reverse=True)
    return [call for _, call in preparing] + [call for _, call in ready]
