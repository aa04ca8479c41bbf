"""HubRise's documented validation rules (seeds 001, 003, 004), shared by the simulator and the UI.

Every function is pure and returns a list of `FieldError`; an empty list means valid.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from kds.hubrise.money import is_decimal, is_money, parse_decimal, parse_time
from kds.hubrise.statuses import ORDER_STATUSES, SERVICE_TYPES

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTANCE_MODES = ("normal", "busy", "paused")
CUSTOM_FIELDS_MAX_BYTES = 8 * 1024
PRIVATE_REF_MAX = 255
DEFAULT_CUTOFF = "06:00"
_MINUTES_PER_DAY = 24 * 60
_HHMM_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")

# The three order_acceptance templates of seed 004 §1.2: allowed keys per mode.
_ACCEPTANCE_KEYS = {
    "normal": frozenset({"mode"}),
    "busy": frozenset({"mode", "resume_at", "extra_preparation_time"}),
    "paused": frozenset({"mode", "resume_at", "reason"}),
}
LOCATION_PATCH_KEYS = frozenset(
    {"cutoff_time", "opening_hours", "preparation_time", "order_acceptance", "custom_fields"})
ORDER_UPDATE_KEYS = frozenset({"status", "confirmed_time", "seller_notes", "collection_code",
                               "private_ref", "custom_fields", "items", "discounts", "charges",
                               "payments"})
_ORDER_TEXT_KEYS = ("ref", "service_type_ref", "customer_notes", "seller_notes", "collection_code")
CUSTOMER_KEYS = frozenset({
    "email", "first_name", "last_name", "gender", "birth_date", "company_name", "phone",
    "address_1", "address_2", "postal_code", "city", "state", "country", "latitude", "longitude",
    "delivery_notes", "sms_marketing", "email_marketing"})
PRICING_EFFECTS = ("unchanged", "fixed_price", "price_off", "percentage_off")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


Errors = list[FieldError]


# ---------------------------------------------------------------- small checks

def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def hhmm_to_minutes(text: str) -> int:
    match = _HHMM_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a valid time of day (HH:mm)")
    return int(match.group(1)) * 60 + int(match.group(2))


def _check_hhmm(field: str, value: object) -> Errors:
    if not isinstance(value, str) or not _HHMM_RE.match(value):
        return [FieldError(field, f"{value!r} is not a valid time of day, expected HH:mm")]
    return []


def _check_text(field: str, value: object, *, required: bool = False,
                max_len: int | None = None) -> Errors:
    if value is None:
        return [FieldError(field, "is required")] if required else []
    if not isinstance(value, str):
        return [FieldError(field, "must be a string")]
    if max_len is not None and len(value) > max_len:
        return [FieldError(field, f"must be at most {max_len} characters")]
    return []


def _check_money(field: str, value: object, *, required: bool = False,
                 currency: str | None = None) -> Errors:
    if value is None:
        return [FieldError(field, "is required")] if required else []
    if not is_money(value):
        return [FieldError(field, f"{value!r} is not a valid monetary amount, e.g. \"8.90 EUR\"")]
    if currency is not None and isinstance(value, str) and not value.endswith(" " + currency):
        return [FieldError(field, f"'{value}' must be in the account currency {currency}")]
    return []


def _check_decimal(field: str, value: object, *, required: bool = False) -> Errors:
    if value is None:
        return [FieldError(field, "is required")] if required else []
    if not is_decimal(value):
        return [FieldError(field, f"{value!r} is not a valid decimal, e.g. \"1.5\" as a string")]
    return []


def _check_time(field: str, value: object) -> Errors:
    if value is None:
        return []
    try:
        parsed = parse_time(value)
    except ValueError as exc:
        return [FieldError(field, str(exc))]
    if not 1900 <= parsed.year <= 9000:  # far-off years cannot be converted between zones
        return [FieldError(field, f"'{value}' is out of range")]
    return []


def _unknown_keys(field: str, value: dict[str, Any], allowed: frozenset[str]) -> Errors:
    prefix = f"{field}." if field else ""
    return [FieldError(f"{prefix}{key}", "is not a valid key")
            for key in value if key not in allowed]


def validate_custom_fields(value: object, field: str = "custom_fields") -> Errors:
    """Any JSON object whose JSON text is at most 8 KB (seed 003 §1.2)."""
    if value is None:
        return []
    if not isinstance(value, dict):
        return [FieldError(field, "must be a JSON object")]
    size = len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    if size > CUSTOM_FIELDS_MAX_BYTES:
        return [FieldError(field, f"is {size} bytes as JSON; at most 8 KB "
                                  f"({CUSTOM_FIELDS_MAX_BYTES} bytes) is allowed")]
    return []


# ---------------------------------------------------------------- location (seed 004)

def validate_cutoff_time(value: object) -> Errors:
    return _check_hhmm("cutoff_time", value)


def business_minutes(text: str, cutoff_time: str, *, is_end: bool) -> int:
    """Minutes since the start of the business day, which starts at `cutoff_time`.

    A slot end exactly at the cutoff is the *end* of the business day (1440), not its start:
    with cutoff 06:00, 18:00-06:00 is a valid slot that closes as the business day ends, and
    with cutoff 00:00, 18:00-00:00 closes at midnight. A slot start at the cutoff is 0, so
    06:00-06:00 (cutoff 06:00) is open for the whole business day.
    """
    offset = (hhmm_to_minutes(text) - hhmm_to_minutes(cutoff_time)) % _MINUTES_PER_DAY
    return _MINUTES_PER_DAY if (is_end and offset == 0) else offset


def validate_opening_hours(hours: object, cutoff_time: str = DEFAULT_CUTOFF) -> Errors:
    """Seed 004 opening hours: None = not set; a missing day or [] = closed that day."""
    if hours is None:
        return []
    if not isinstance(hours, dict):
        return [FieldError("opening_hours", "must be an object keyed by day, or null")]
    if _check_hhmm("cutoff_time", cutoff_time):
        cutoff_time = DEFAULT_CUTOFF  # the cutoff's own error is reported by its validator
    errors = [FieldError(f"opening_hours.{day}", "is not a day of the week (monday..sunday)")
              for day in hours if day not in DAYS]
    slot_count = 0
    for day in DAYS:
        slots = hours.get(day)
        if slots is None:
            continue
        if not isinstance(slots, list):
            errors.append(FieldError(f"opening_hours.{day}", "must be a list of time slots"))
            continue
        slot_count += len(slots)
        errors += _validate_day(f"opening_hours.{day}", slots, cutoff_time)
    if slot_count == 0 and not errors:
        errors.append(FieldError("opening_hours",
                                 "at least one time slot must be provided for the week"))
    return errors


def _validate_day(field: str, slots: list[Any], cutoff_time: str) -> Errors:
    errors: Errors = []
    spans: list[tuple[int, int, int]] = []
    for index, slot in enumerate(slots):
        where = f"{field}[{index}]"
        if not isinstance(slot, dict):
            errors.append(FieldError(where, "must be an object with from and to"))
            continue
        slot_errors = (_unknown_keys(where, slot, frozenset({"from", "to"}))
                       + _check_hhmm(f"{where}.from", slot.get("from"))
                       + _check_hhmm(f"{where}.to", slot.get("to")))
        if slot_errors:
            errors += slot_errors
            continue
        start = business_minutes(slot["from"], cutoff_time, is_end=False)
        end = business_minutes(slot["to"], cutoff_time, is_end=True)
        if end <= start:
            errors.append(FieldError(f"{where}.to", (
                f"'{slot['to']}' must be after '{slot['from']}' within the business day "
                f"that starts at the cutoff time {cutoff_time}")))
            continue
        spans.append((start, end, index))
    spans.sort()
    for (_, prev_end, prev_index), (start, _, index) in zip(spans, spans[1:]):
        if start < prev_end:
            errors.append(FieldError(f"{field}[{index}]",
                                     f"overlaps time slot {prev_index} of the same day"))
    return errors


def validate_preparation_time(value: object) -> Errors:
    if not _is_int(value) or value < 0:  # type: ignore[operator]
        return [FieldError("preparation_time", "must be a non-negative integer (minutes)")]
    return []


def validate_order_acceptance(value: object) -> Errors:
    """Must match one of the three templates exactly (seed 004 §1.2)."""
    field = "order_acceptance"
    if not isinstance(value, dict):
        return [FieldError(field, "must be an object")]
    mode = value.get("mode")
    if mode not in ACCEPTANCE_MODES:
        return [FieldError(f"{field}.mode", f"{mode!r} is not one of normal, busy, paused")]
    errors = _unknown_keys(field, value, _ACCEPTANCE_KEYS[mode])
    errors += _check_time(f"{field}.resume_at", value.get("resume_at"))
    if mode == "busy":
        extra = value.get("extra_preparation_time")
        if not _is_int(extra) or extra < 0:
            errors.append(FieldError(f"{field}.extra_preparation_time",
                                     "is required for busy and must be a non-negative integer"))
    if mode == "paused":
        errors += _check_text(f"{field}.reason", value.get("reason"))
    return errors


def validate_location_patch(body: object, *, current_cutoff_time: str = DEFAULT_CUTOFF,
                            current_opening_hours: object = None) -> Errors:
    """PATCH /location. A new cutoff_time re-checks the current hours when none are sent."""
    if not isinstance(body, dict):
        return [FieldError("", "the body must be a JSON object")]
    errors = _unknown_keys("", body, LOCATION_PATCH_KEYS)
    cutoff = current_cutoff_time
    if "cutoff_time" in body:
        cutoff_errors = validate_cutoff_time(body["cutoff_time"])
        errors += cutoff_errors
        if not cutoff_errors:
            cutoff = body["cutoff_time"]
    if "opening_hours" in body:
        errors += validate_opening_hours(body["opening_hours"], cutoff)
    elif cutoff != current_cutoff_time:
        errors += validate_opening_hours(current_opening_hours, cutoff)
    if "preparation_time" in body:
        errors += validate_preparation_time(body["preparation_time"])
    if "order_acceptance" in body:
        errors += validate_order_acceptance(body["order_acceptance"])
    if "custom_fields" in body:
        errors += validate_custom_fields(body["custom_fields"])
    return errors


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
        errors = _check_text(f"{where}.option_list_name", option.get("option_list_name"),
                             required=True)
        errors += _check_text(f"{where}.name", option.get("name"), required=True)
        errors += _check_text(f"{where}.ref", option.get("ref"))
        errors += _check_money(f"{where}.price", option.get("price"), currency=currency)
        quantity = option.get("quantity", 1)
        if not _is_int(quantity) or quantity < 1:
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
    errors += _check_text(f"{where}.label", line.get("label"))
    effect, value = line.get("pricing_effect"), line.get("pricing_value")
    if effect not in (None, *PRICING_EFFECTS):
        errors.append(FieldError(f"{where}.pricing_effect",
                                 f"{effect!r} is not one of {', '.join(PRICING_EFFECTS)}"))
    elif effect in ("fixed_price", "price_off"):
        errors += _check_money(f"{where}.pricing_value", value, required=True, currency=currency)
    elif effect == "percentage_off":
        if not is_decimal(value) or not 0 <= parse_decimal(value) <= 100:
            errors.append(FieldError(f"{where}.pricing_value",
                                     "must be a decimal string between \"0\" and \"100\""))
    return errors


def _item_checker(deal_keys: set[str],
                  currency: str | None) -> Callable[[str, dict[str, Any]], Errors]:
    def check(where: str, item: dict[str, Any]) -> Errors:
        errors = _check_text(f"{where}.product_name", item.get("product_name"), required=True)
        for key in ("sku_name", "sku_ref", "customer_notes"):
            errors += _check_text(f"{where}.{key}", item.get(key))
        errors += _check_text(f"{where}.private_ref", item.get("private_ref"),
                              max_len=PRIVATE_REF_MAX)
        errors += _check_money(f"{where}.price", item.get("price"), required=True,
                               currency=currency)
        errors += _check_decimal(f"{where}.quantity", item.get("quantity"), required=True)
        for key in ("tax_rate", "points_earned", "points_used"):
            errors += _check_decimal(f"{where}.{key}", item.get(key))
        errors += _check_list(f"{where}.options", item.get("options"), _option_checker(currency))
        errors += _check_deal_line(f"{where}.deal_line", item.get("deal_line"), deal_keys,
                                   currency)
        return errors
    return check


def _named_checker(money_key: str, currency: str | None, *, name_required: bool = True,
                   decimal_keys: tuple[str, ...] = ()) -> Callable[[str, dict[str, Any]], Errors]:
    """Discounts, charges and payments: a name, a ref and one money field."""
    def check(where: str, element: dict[str, Any]) -> Errors:
        errors = _check_text(f"{where}.name", element.get("name"), required=name_required)
        errors += _check_text(f"{where}.ref", element.get("ref"))
        errors += _check_text(f"{where}.private_ref", element.get("private_ref"),
                              max_len=PRIVATE_REF_MAX)
        errors += _check_money(f"{where}.{money_key}", element.get(money_key), required=True,
                               currency=currency)
        for key in decimal_keys:
            errors += _check_decimal(f"{where}.{key}", element.get(key))
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
    errors = _check_text(f"{where}.name", operation.get("name"))
    errors += _check_text(f"{where}.ref", operation.get("ref"))
    errors += _check_text(f"{where}.reason", operation.get("reason"))
    errors += _check_decimal(f"{where}.delta", operation.get("delta"), required=True)
    errors += _check_decimal(f"{where}.new_balance", operation.get("new_balance"))
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
        errors += _check_text(f"deals.{key}.name", deal.get("name"), required=True)
        errors += _check_text(f"deals.{key}.ref", deal.get("ref"))
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
        errors += _check_text(key, body.get(key))
    customer = body.get("customer")
    if guest:
        if isinstance(customer, dict):
            errors += _unknown_keys("customer", customer, CUSTOMER_KEYS)
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
    errors = _unknown_keys("", body, ORDER_CREATE_KEYS)
    errors += _check_status(body.get("status"), required=True)
    service_type = body.get("service_type")
    if service_type is not None and service_type not in SERVICE_TYPES:
        errors.append(FieldError("service_type", f"{service_type!r} is not one of "
                                                 "delivery, collection, eat_in"))
    for key in _ORDER_TEXT_KEYS:
        errors += _check_text(key, body.get(key))
    errors += _check_text("private_ref", body.get("private_ref"), max_len=PRIVATE_REF_MAX)
    errors += _check_time("expected_time", body.get("expected_time"))
    errors += _check_time("confirmed_time", body.get("confirmed_time"))
    codes = body.get("coupon_codes")
    if codes is not None and (not isinstance(codes, list)
                              or not all(isinstance(code, str) for code in codes)):
        errors.append(FieldError("coupon_codes", "must be a list of strings"))
    errors += _check_money("total", body.get("total"), currency=currency)
    deal_errors, deal_keys = _check_deals(body.get("deals"))
    errors += deal_errors
    for key, check in _element_checkers(currency, deal_keys).items():
        errors += _check_list(key, body.get(key), check)
    errors += _check_list("loyalty_operations", body.get("loyalty_operations"), _check_loyalty)
    errors += _check_customer_choice(body)
    errors += validate_custom_fields(body.get("custom_fields"))
    return errors


def _element_update_checker(
        check_new: Callable[[str, dict[str, Any]], Errors]) -> Callable[[str, dict[str, Any]], Errors]:
    """An element with an id may only be deleted or given a private_ref; others are new."""
    def check(where: str, element: dict[str, Any]) -> Errors:
        if "id" not in element:
            return check_new(where, element)
        errors = _unknown_keys(where, element, frozenset({"id", "deleted", "private_ref"}))
        if not isinstance(element["id"], str):
            errors.append(FieldError(f"{where}.id", "must be a string"))
        if element.get("deleted") not in (None, True):
            errors.append(FieldError(f"{where}.deleted", "can only be true (deletion is final)"))
        errors += _check_text(f"{where}.private_ref", element.get("private_ref"),
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
    errors += _check_time("confirmed_time", body.get("confirmed_time"))
    for key in ("seller_notes", "collection_code"):
        errors += _check_text(key, body.get(key))
    errors += _check_text("private_ref", body.get("private_ref"), max_len=PRIVATE_REF_MAX)
    errors += validate_custom_fields(body.get("custom_fields"))
    for key, check in _element_checkers(currency, deal_keys or set()).items():
        errors += _check_list(key, body.get(key), _element_update_checker(check))
    return errors
