"""HubRise's documented order validation rules (seed 001): create and update bodies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kds.hubrise.field_checks import (
    Errors,
    FieldError,
    check_decimal,
    check_money,
    check_text,
    check_time,
    is_int,
    unknown_keys,
    validate_custom_fields,
)
from kds.hubrise.money import is_decimal, parse_decimal
from kds.hubrise.statuses import ORDER_STATUSES, SERVICE_TYPES

PRIVATE_REF_MAX = 255
ORDER_UPDATE_KEYS = frozenset({"status", "confirmed_time", "seller_notes", "collection_code",
                               "private_ref", "custom_fields", "items", "discounts", "charges",
                               "payments"})
_ORDER_TEXT_KEYS = ("ref", "service_type_ref", "customer_notes", "seller_notes", "collection_code")
CUSTOMER_KEYS = frozenset({
    "email", "first_name", "last_name", "gender", "birth_date", "company_name", "phone",
    "address_1", "address_2", "postal_code", "city", "state", "country", "latitude", "longitude",
    "delivery_notes", "sms_marketing", "email_marketing"})
PRICING_EFFECTS = ("unchanged", "fixed_price", "price_off", "percentage_off")


# ---------------------------------------------------------------- orders (seed 001)

def _check_list(field: str, value: object,
                check: Callable[[str, dict[str, Any]], Errors]) -> Errors:
    if value is None:
        return []
    if not isinstance(value, list):
        return [FieldError(field, "must be a list")]
    errors: Errors = []
    for index, element in enumerate(value):
        where = f"{field}[{index}]"
        if isinstance(element, dict):
            errors += check(where, element)
        else:
            errors.append(FieldError(where, "must be an object"))
    return errors


def _option_checker(currency: str | None) -> Callable[[str, dict[str, Any]], Errors]:
    def check(where: str, option: dict[str, Any]) -> Errors:
        errors = check_text(f"{where}.option_list_name", option.get("option_list_name"),
                             required=True)
        errors += check_text(f"{where}.name", option.get("name"), required=True)
        errors += check_text(f"{where}.ref", option.get("ref"))
        errors += check_money(f"{where}.price", option.get("price"), currency=currency)
        quantity = option.get("quantity", 1)
        if not is_int(quantity) or quantity < 1:
            errors.append(FieldError(f"{where}.quantity", "must be a positive integer"))
        if option.get("removed") not in (None, True, False):
            errors.append(FieldError(f"{where}.removed", "must be true or false"))
        return errors
    return check


def _check_deal_line(where: str, line: object, deal_keys: set[str],
                     currency: str | None) -> Errors:
    if line is None:
        return []
    if not isinstance(line, dict):
        return [FieldError(where, "must be an object")]
    key = line.get("deal_key")
    if not isinstance(key, str):
        return [FieldError(f"{where}.deal_key", "is required and must be a string")]
    errors: Errors = []
    if key not in deal_keys:
        errors.append(FieldError(f"{where}.deal_key", f"'{key}' has no entry in the order's deals"))
    errors += check_text(f"{where}.label", line.get("label"))
    effect, value = line.get("pricing_effect"), line.get("pricing_value")
    if effect not in (None, *PRICING_EFFECTS):
        errors.append(FieldError(f"{where}.pricing_effect",
                                 f"{effect!r} is not one of {', '.join(PRICING_EFFECTS)}"))
    elif effect in ("fixed_price", "price_off"):
        errors += check_money(f"{where}.pricing_value", value, required=True, currency=currency)
    elif effect == "percentage_off" and (
            not is_decimal(value) or not 0 <= parse_decimal(value) <= 100):
            errors.append(FieldError(f"{where}.pricing_value",
                                     "must be a decimal string between \"0\" and \"100\""))
    return errors


def _item_checker(deal_keys: set[str],
                  currency: str | None) -> Callable[[str, dict[str, Any]], Errors]:
    def check(where: str, item: dict[str, Any]) -> Errors:
        errors = check_text(f"{where}.product_name", item.get("product_name"), required=True)
        for key in ("sku_name", "sku_ref", "customer_notes"):
            errors += check_text(f"{where}.{key}", item.get(key))
        errors += check_text(f"{where}.private_ref", item.get("private_ref"),
                              max_len=PRIVATE_REF_MAX)
        errors += check_money(f"{where}.price", item.get("price"), required=True,
                               currency=currency)
        errors += check_decimal(f"{where}.quantity", item.get("quantity"), required=True)
        for key in ("tax_rate", "points_earned", "points_used"):
            errors += check_decimal(f"{where}.{key}", item.get(key))
        errors += _check_list(f"{where}.options", item.get("options"), _option_checker(currency))
        errors += _check_deal_line(f"{where}.deal_line", item.get("deal_line"), deal_keys,
                                   currency)
        return errors
    return check


def _named_checker(money_key: str, currency: str | None, *, name_required: bool = True,
                   decimal_keys: tuple[str, ...] = ()) -> Callable[[str, dict[str, Any]], Errors]:
    """Discounts, charges and payments: a name, a ref and one money field."""
    def check(where: str, element: dict[str, Any]) -> Errors:
        errors = check_text(f"{where}.name", element.get("name"), required=name_required)
        errors += check_text(f"{where}.ref", element.get("ref"))
        errors += check_text(f"{where}.private_ref", element.get("private_ref"),
                              max_len=PRIVATE_REF_MAX)
        errors += check_money(f"{where}.{money_key}", element.get(money_key), required=True,
                               currency=currency)
        for key in decimal_keys:
            errors += check_decimal(f"{where}.{key}", element.get(key))
        if "info" in element and element["info"] is not None \
                and not isinstance(element["info"], dict):
            errors.append(FieldError(f"{where}.info", "must be an object"))
        return errors
    return check


def _element_checkers(currency: str | None,
                      deal_keys: set[str]) -> dict[str, Callable[[str, dict[str, Any]], Errors]]:
    return {
        "items": _item_checker(deal_keys, currency),
        "discounts": _named_checker("price_off", currency),
        "charges": _named_checker("price", currency, decimal_keys=("tax_rate",)),
        "payments": _named_checker("amount", currency, name_required=False),
    }


def _check_loyalty(where: str, operation: dict[str, Any]) -> Errors:
    errors = check_text(f"{where}.name", operation.get("name"))
    errors += check_text(f"{where}.ref", operation.get("ref"))
    errors += check_text(f"{where}.reason", operation.get("reason"))
    errors += check_decimal(f"{where}.delta", operation.get("delta"), required=True)
    errors += check_decimal(f"{where}.new_balance", operation.get("new_balance"))
    return errors


def _check_deals(value: object) -> tuple[Errors, set[str]]:
    if value is None:
        return [], set()
    if not isinstance(value, dict):
        return [FieldError("deals", "must be an object keyed by deal key")], set()
    errors: Errors = []
    for key, deal in value.items():
        if not isinstance(deal, dict):
            errors.append(FieldError(f"deals.{key}", "must be an object"))
            continue
        errors += check_text(f"deals.{key}.name", deal.get("name"), required=True)
        errors += check_text(f"deals.{key}.ref", deal.get("ref"))
    return errors, set(value)


def _check_customer_choice(body: dict[str, Any]) -> Errors:
    """customer_id | customer_list_id + customer_private_ref | guest customer: only one way."""
    by_id = body.get("customer_id") is not None
    by_ref = body.get("customer_list_id") is not None or \
        body.get("customer_private_ref") is not None
    guest = body.get("customer") is not None
    errors: Errors = []
    if by_id + by_ref + guest > 1:
        errors.append(FieldError("customer_id", (
            "customer_id, customer_list_id + customer_private_ref and customer "
            "cannot be used together")))
    if by_ref and (body.get("customer_list_id") is None
                   or body.get("customer_private_ref") is None):
        errors.append(FieldError("customer_private_ref", (
            "customer_list_id and customer_private_ref must be passed together")))
    for key in ("customer_id", "customer_list_id", "customer_private_ref"):
        errors += check_text(key, body.get(key))
    customer = body.get("customer")
    if guest:
        if isinstance(customer, dict):
            errors += unknown_keys("customer", customer, CUSTOMER_KEYS)
        else:
            errors.append(FieldError("customer", "must be an object"))
    if body.get("loyalty_operations") and not (by_id or by_ref):
        errors.append(FieldError("loyalty_operations",
                                 "can only be used for orders linked to a customer"))
    return errors


ORDER_CREATE_KEYS = frozenset({
    "ref", "private_ref", "status", "service_type", "service_type_ref", "expected_time",
    "confirmed_time", "customer_notes", "seller_notes", "coupon_codes", "collection_code",
    "total", "custom_fields", "items", "loyalty_operations", "charges", "payments", "discounts",
    "deals", "customer_id", "customer_list_id", "customer_private_ref", "customer"})


def _check_status(value: object, *, required: bool) -> Errors:
    if value is None:
        return [FieldError("status", "is required")] if required else []
    if value not in ORDER_STATUSES:
        return [FieldError("status", f"{value!r} is not a valid order status")]
    return []


def validate_order_create(body: object, currency: str | None = None) -> Errors:
    """POST /location/orders (seed 001 §1.1). `currency`: the account's, when known."""
    if not isinstance(body, dict):
        return [FieldError("", "the body must be a JSON object")]
    errors = unknown_keys("", body, ORDER_CREATE_KEYS)
    errors += _check_status(body.get("status"), required=True)
    service_type = body.get("service_type")
    if service_type is not None and service_type not in SERVICE_TYPES:
        errors.append(FieldError("service_type", f"{service_type!r} is not one of "
                                                 "delivery, collection, eat_in"))
    for key in _ORDER_TEXT_KEYS:
        errors += check_text(key, body.get(key))
    errors += check_text("private_ref", body.get("private_ref"), max_len=PRIVATE_REF_MAX)
    errors += check_time("expected_time", body.get("expected_time"))
    errors += check_time("confirmed_time", body.get("confirmed_time"))
    codes = body.get("coupon_codes")
    if codes is not None and (not isinstance(codes, list)
                              or not all(isinstance(code, str) for code in codes)):
        errors.append(FieldError("coupon_codes", "must be a list of strings"))
    errors += check_money("total", body.get("total"), currency=currency)
    deal_errors, deal_keys = _check_deals(body.get("deals"))
    errors += deal_errors
    for key, check in _element_checkers(currency, deal_keys).items():
        errors += _check_list(key, body.get(key), check)
    errors += _check_list("loyalty_operations", body.get("loyalty_operations"), _check_loyalty)
    errors += _check_customer_choice(body)
    errors += validate_custom_fields(body.get("custom_fields"))
    return errors


def _element_update_checker(
        check_new: Callable[[str, dict[str, Any]], Errors],
) -> Callable[[str, dict[str, Any]], Errors]:
    """An element with an id may only be deleted or given a private_ref; others are new."""
    def check(where: str, element: dict[str, Any]) -> Errors:
        if "id" not in element:
            return check_new(where, element)
        errors = unknown_keys(where, element, frozenset({"id", "deleted", "private_ref"}))
        if not isinstance(element["id"], str):
            errors.append(FieldError(f"{where}.id", "must be a string"))
        if element.get("deleted") not in (None, True):
            errors.append(FieldError(f"{where}.deleted", "can only be true (deletion is final)"))
        errors += check_text(f"{where}.private_ref", element.get("private_ref"),
                              max_len=PRIVATE_REF_MAX)
        return errors
    return check


def validate_order_update(body: object, currency: str | None = None,
                          deal_keys: set[str] | None = None) -> Errors:
    """PATCH/PUT /location/orders/:id: only the updatable fields (seed 001 §1.4, API-NOTES §3.1)."""
    if not isinstance(body, dict):
        return [FieldError("", "the body must be a JSON object")]
    errors = [FieldError(key, "cannot be updated") for key in body if key not in ORDER_UPDATE_KEYS]
    errors += _check_status(body.get("status"), required=False)
    if "status" in body and body["status"] is None:
        errors.append(FieldError("status", "cannot be null"))
    errors += check_time("confirmed_time", body.get("confirmed_time"))
    for key in ("seller_notes", "collection_code"):
        errors += check_text(key, body.get(key))
    errors += check_text("private_ref", body.get("private_ref"), max_len=PRIVATE_REF_MAX)
    errors += validate_custom_fields(body.get("custom_fields"))
    for key, check in _element_checkers(currency, deal_keys or set()).items():
        errors += _check_list(key, body.get(key), _element_update_checker(check))
    return errors
