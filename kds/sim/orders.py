"""Orders as the simulator stores them: built from a create body, priced, rendered per
connection."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from kds.hubrise.money import Money, format_time, parse_decimal, parse_time

ELEMENT_KEYS = ("items", "discounts", "charges", "payments")
_CENT = Decimal("0.01")
_PRIVATE = "_private_refs"  # token -> private ref; private refs are per connection (seed 002 §8)

NewId = Callable[[], str]


def local_time(value: Any, tz: ZoneInfo) -> str | None:
    """HubRise converts times to the location timezone (seed 002 §5)."""
    return None if value is None else format_time(parse_time(value).astimezone(tz))


def _money(text: str) -> Money:
    return Money.parse(text)


def _round(money: Money) -> Money:
    return Money(money.amount.quantize(_CENT, rounding=ROUND_HALF_UP), money.currency)


def item_subtotal(item: dict[str, Any], currency: str) -> Money:
    """(price + options' price x quantity) x quantity; a removed option's price is charged too."""
    unit = _money(item["price"])
    for option in item.get("options") or []:
        if option.get("price"):
            unit = unit + _money(option["price"]) * int(option.get("quantity", 1))
    return _round(unit * parse_decimal(item["quantity"]))


def computed_total(order: dict[str, Any], currency: str) -> Money:
    total = Money.zero(currency)
    for item in _live(order, "items"):
        total = total + _money(item["subtotal"])
    for charge in _live(order, "charges"):
        total = total + _money(charge["price"])
    for discount in _live(order, "discounts"):
        total = total - _money(discount["price_off"])
    return _round(total)


def _live(order: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [element for element in order.get(key) or [] if not element.get("deleted")]


def reprice(order: dict[str, Any], currency: str, *, declared_total: str | None = None) -> None:
    """Set subtotals, total and the discrepancies.

    `total` is what the customer paid: the declared total when one was sent, else HubRise's own
    sum. total_discrepancy = declared - computed (kept across later updates).
    payment_discrepancy = sum of payments - total, and 0.00 when there are no payments (unpaid).
    """
    for item in order.get("items") or []:
        item["subtotal"] = str(item_subtotal(item, currency))
    computed = computed_total(order, currency)
    if declared_total is not None:
        discrepancy = _money(declared_total) - computed
    else:
        discrepancy = _money(order.get("total_discrepancy") or str(Money.zero(currency)))
    total = computed + discrepancy
    order["total"] = str(total)
    order["total_discrepancy"] = str(discrepancy)
    payments = _live(order, "payments")
    paid = Money.zero(currency)
    for payment in payments:
        paid = paid + _money(payment["amount"])
    order["payment_discrepancy"] = str(paid - total if payments else Money.zero(currency))


def new_element(key: str, body: dict[str, Any], token: str, new_id: NewId,
                deal_map: dict[str, str]) -> dict[str, Any]:
    element = copy.deepcopy(body)
    for computed in ("id", "private_ref", "deleted", "subtotal"):  # HubRise sets these itself
        element.pop(computed, None)
    element = {"id": new_id(), **element, "deleted": False,
               _PRIVATE: {token: body["private_ref"]} if body.get("private_ref") else {}}
    if key == "items":
        element.setdefault("sku_name", None)
        element.setdefault("sku_ref", None)
        element["options"] = [{"quantity": 1, "removed": False, "price": None, "ref": None, **o}
                              for o in element.get("options") or []]
        line = element.get("deal_line")
        if isinstance(line, dict):
            element["deal_line"] = {**line, "deal_key": deal_map.get(line["deal_key"],
                                                                     line["deal_key"])}
    return element


def build_order(body: dict[str, Any], *, order_id: str, token: str, created_by: str,
                created_at: datetime, tz: ZoneInfo, location_id: str, currency: str,
                new_id: NewId, customer: dict[str, Any] | None) -> dict[str, Any]:
    # HubRise renumbers deal keys to "0", "1", ... (seed 001 §5).
    deal_map = {key: str(index) for index, key in enumerate(body.get("deals") or {})}
    order: dict[str, Any] = {
        "id": order_id, "location_id": location_id, "status": body["status"],
        "service_type": body.get("service_type"), "service_type_ref": body.get("service_type_ref"),
        "ref": body.get("ref"),
        "expected_time": local_time(body.get("expected_time"), tz),
        "confirmed_time": local_time(body.get("confirmed_time"), tz),
        "customer_notes": body.get("customer_notes"), "seller_notes": body.get("seller_notes"),
        "collection_code": body.get("collection_code"),
        "coupon_codes": list(body.get("coupon_codes") or []),
        "created_at": format_time(created_at.astimezone(tz)), "created_by": created_by,
        "deals": {deal_map[key]: {"name": deal["name"], "ref": deal.get("ref")}
                  for key, deal in (body.get("deals") or {}).items()},
        "loyalty_operations": copy.deepcopy(body.get("loyalty_operations") or []),
        "custom_fields": copy.deepcopy(body.get("custom_fields") or {}),
        _PRIVATE: {token: body["private_ref"]} if body.get("private_ref") else {},
    }
    if customer is not None:  # seed 001: "not present" on an order without a customer
        order["customer"] = customer
    for key in ELEMENT_KEYS:
        order[key] = [new_element(key, element, token, new_id, deal_map)
                      for element in body.get(key) or []]
    reprice(order, currency, declared_total=body.get("total"))
    return order


def render_object(value: dict[str, Any], token: str | None) -> dict[str, Any]:
    """render() of a JSON object (an order, an event): what the API's handlers answer."""
    out: dict[str, Any] = render(value, token)
    return out


def render(value: Any, token: str | None) -> Any:
    """A deep copy for one connection: its own private refs, nobody else's, no internals."""
    if isinstance(value, list):
        return [render(element, token) for element in value]
    if not isinstance(value, dict):
        return value
    out = {key: render(inner, token) for key, inner in value.items() if not key.startswith("_")}
    if _PRIVATE in value:
        out["private_ref"] = value[_PRIVATE].get(token) if token else None
    return out


def private_ref_of(order: dict[str, Any], token: str) -> str | None:
    ref: str | None = order[_PRIVATE].get(token)
    return ref


def set_private_ref(target: dict[str, Any], token: str, ref: str | None) -> None:
    if ref is None:
        target[_PRIVATE].pop(token, None)
    else:
        target[_PRIVATE][token] = ref


def merge_custom_fields(current: dict[str, Any], update: dict[str, Any] | None) -> dict[str, Any]:
    """Seed 003 §1.1: sent keys replace, keys sent as null are removed, others stay."""
    merged = dict(current)
    for key, value in (update or {}).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = copy.deepcopy(value)
    return merged
