"""Typed, tolerant views of the HubRise payloads the KDS reads (orders, locations, events)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from kds.hubrise.money import Money, parse_decimal, parse_time
from kds.hubrise.statuses import ORDER_STATUSES, SERVICE_TYPES

_HHMM_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ACCEPTANCE_MODES = ("normal", "busy", "paused")


class BadPayload(ValueError):
    """The payload is not the kind of resource asked for at all."""


class NotAnOrder(BadPayload):
    """The payload is not an order at all (not an object, or no string id)."""


class NotALocation(BadPayload):
    """The payload is not a location at all (not an object)."""


class NotAnEvent(BadPayload):
    """The payload is not a callback event at all (not an object)."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message: str


class _Reader:
    """Reads one JSON object; every malformed field is noted as a FieldProblem, never raised."""

    def __init__(self, data: dict[str, Any], path: str, problems: list[FieldProblem]) -> None:
        self.data = data
        self.path = path
        self.problems = problems

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(FieldProblem(self.where(key), message))

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.problem(key, f"{_short(value)} is not a string")
        return None

    def _parsed(self, key: str, parse: Any) -> Any:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            message = str(exc)
            if len(message) > 160:  # the parser quotes the bad value; keep problems readable
                message = f"{_short(value)} is not valid ({message[-40:].strip()})"
            self.problem(key, message)
            return None

    def money(self, key: str) -> Money | None:
        return self._parsed(key, Money.parse)  # type: ignore[no-any-return]

    def decimal(self, key: str) -> Decimal | None:
        return self._parsed(key, parse_decimal)  # type: ignore[no-any-return]

    def time(self, key: str) -> datetime | None:
        return self._parsed(key, parse_time)  # type: ignore[no-any-return]

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.problem(key, f"{_short(value)} is not a boolean")
        return default

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        self.problem(key, f"{_short(value)} is not an integer")
        return None

    def obj(self, key: str) -> dict[str, Any] | None:
        value = self.data.get(key)
        if value is None or isinstance(value, dict):
            return value
        self.problem(key, f"{_short(value)} is not an object")
        return None

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.problem(key, f"{_short(value)} is not a list")
        return []

    def objects(self, key: str) -> list[_Reader]:
        """One reader per object in a list; non-objects are skipped with a problem."""
        readers = []
        for index, value in enumerate(self.array(key)):
            path = f"{self.where(key)}[{index}]"
            if isinstance(value, dict):
                readers.append(_Reader(value, path, self.problems))
            else:
                self.problems.append(FieldProblem(path, f"{_short(value)} is not an object"))
        return readers

    def sub(self, key: str) -> _Reader | None:
        value = self.obj(key)
        return None if value is None else _Reader(value, self.where(key), self.problems)


def _short(value: object) -> str:
    """A bounded description of a bad value, so a huge payload cannot flood the problem list."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------- orders


@dataclass(frozen=True, slots=True)
class OrderOption:
    option_list_name: str | None
    name: str | None
    ref: str | None
    price: Money | None
    quantity: int = 1
    removed: bool = False


@dataclass(frozen=True, slots=True)
class DealLine:
    deal_key: str | None
    label: str | None
    pricing_effect: str | None
    pricing_value: str | None  # Money or decimal text depending on pricing_effect; kept as text


@dataclass(frozen=True, slots=True)
class Deal:
    key: str
    name: str | None
    ref: str | None


@dataclass(frozen=True, slots=True)
class OrderItem:
    id: str | None
    product_name: str | None
    sku_name: str | None
    sku_ref: str | None
    price: Money | None
    quantity: Decimal  # Decimal("1") with a problem when malformed: the kitchen still sees the line
    subtotal: Money | None
    tax_rate: Decimal | None
    customer_notes: str | None
    points_earned: Decimal | None
    points_used: Decimal | None
    options: tuple[OrderOption, ...]
    deal_line: DealLine | None
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class Discount:
    id: str | None
    name: str | None
    ref: str | None
    price_off: Money | None
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class Charge:
    id: str | None
    name: str | None
    ref: str | None
    price: Money | None
    tax_rate: Decimal | None
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class Payment:
    id: str | None
    name: str | None
    ref: str | None
    amount: Money | None
    info: dict[str, Any] | None
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class LoyaltyOperation:
    name: str | None
    ref: str | None
    delta: Decimal | None
    reason: str | None
    new_balance: Decimal | None


@dataclass(frozen=True, slots=True)
class Customer:
    id: str | None
    first_name: str | None
    last_name: str | None
    company_name: str | None
    phone: str | None
    email: str | None
    address_1: str | None
    address_2: str | None
    postal_code: str | None
    city: str | None
    delivery_notes: str | None

    @property
    def display_name(self) -> str:
        """Best human name for a ticket; empty string when nothing is known."""
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return full or self.company_name or self.phone or self.email or ""


@dataclass(frozen=True, slots=True)
class Order:
    id: str
    location_id: str | None
    status: str
    service_type: str | None
    service_type_ref: str | None
    ref: str | None
    private_ref: str | None
    collection_code: str | None
    expected_time: datetime | None
    confirmed_time: datetime | None
    created_at: datetime | None
    created_by: str | None
    customer_notes: str | None
    seller_notes: str | None
    coupon_codes: tuple[str, ...]
    items: tuple[OrderItem, ...]
    deals: dict[str, Deal]
    discounts: tuple[Discount, ...]
    charges: tuple[Charge, ...]
    payments: tuple[Payment, ...]
    loyalty_operations: tuple[LoyaltyOperation, ...]
    customer: Customer | None
    custom_fields: dict[str, Any] = field(repr=False)
    total: Money | None
    raw: dict[str, Any] = field(repr=False)
    problems: tuple[FieldProblem, ...]

    @property
    def table_name(self) -> str | None:
        """HubRise convention custom_fields.restaurant.table_name (eat-in orders)."""
        restaurant = self.custom_fields.get("restaurant")
        if not isinstance(restaurant, dict):
            return None
        name = restaurant.get("table_name")
        if isinstance(name, int) and not isinstance(name, bool):
            return str(name)
        return name if isinstance(name, str) else None


def parse_order(data: object) -> Order:
    """Parse an order; only a payload that is not an order at all raises NotAnOrder."""
    if not isinstance(data, dict):
        raise NotAnOrder(f"an order must be a JSON object, got {type(data).__name__}")
    order_id = data.get("id")
    if not isinstance(order_id, str) or not order_id:
        raise NotAnOrder(f"an order needs a non-empty string id, got {_short(order_id)}")
    problems: list[FieldProblem] = []
    r = _Reader(data, "", problems)
    return Order(
        id=order_id, location_id=r.text("location_id"), status=_status(r),
        service_type=_service_type(r), service_type_ref=r.text("service_type_ref"),
        ref=r.text("ref"), private_ref=r.text("private_ref"),
        collection_code=r.text("collection_code"), expected_time=r.time("expected_time"),
        confirmed_time=r.time("confirmed_time"), created_at=r.time("created_at"),
        created_by=r.text("created_by"), customer_notes=r.text("customer_notes"),
        seller_notes=r.text("seller_notes"), coupon_codes=_coupon_codes(r),
        items=tuple(_item(i) for i in r.objects("items")), deals=_deals(r),
        discounts=tuple(_discount(d) for d in r.objects("discounts")),
        charges=tuple(_charge(c) for c in r.objects("charges")),
        payments=tuple(_payment(p) for p in r.objects("payments")),
        loyalty_operations=tuple(_loyalty(op) for op in r.objects("loyalty_operations")),
        customer=_customer(r.sub("customer")), custom_fields=r.obj("custom_fields") or {},
        total=r.money("total"), raw=data, problems=tuple(problems),
    )


def _status(r: _Reader) -> str:
    status = r.data.get("status")
    if not isinstance(status, str):
        # HubRise always sends a status; a missing one is most likely a brand new order.
        r.problem("status", f"{_short(status)} is not a valid status; shown as new")
        return "new"
    if status not in ORDER_STATUSES:
        r.problem("status", f"'{status[:40]}' is not a known status")
    return status


def _service_type(r: _Reader) -> str | None:
    value = r.text("service_type")
    if value is not None and value not in SERVICE_TYPES:
        r.problem("service_type", f"'{value[:40]}' is not a known service type")
        return None
    return value


def _coupon_codes(r: _Reader) -> tuple[str, ...]:
    codes = r.array("coupon_codes")
    if not all(isinstance(c, str) for c in codes):
        r.problem("coupon_codes", "some coupon codes are not strings")
    return tuple(c for c in codes if isinstance(c, str))


def _item(r: _Reader) -> OrderItem:
    quantity = r.decimal("quantity")
    if quantity is None:
        if "quantity" not in r.data or r.data["quantity"] is None:
            r.problem("quantity", "missing; shown as 1")
        quantity = Decimal(1)
    return OrderItem(
        id=r.text("id"), product_name=r.text("product_name"), sku_name=r.text("sku_name"),
        sku_ref=r.text("sku_ref"), price=r.money("price"), quantity=quantity,
        subtotal=r.money("subtotal"), tax_rate=r.decimal("tax_rate"),
        customer_notes=r.text("customer_notes"), points_earned=r.decimal("points_earned"),
        points_used=r.decimal("points_used"),
        options=tuple(_option(o) for o in r.objects("options")),
        deal_line=_deal_line(r.sub("deal_line")), deleted=r.flag("deleted"),
    )


def _option(r: _Reader) -> OrderOption:
    quantity = r.integer("quantity")
    if quantity is not None and quantity < 1:
        r.problem("quantity", f"{quantity} is not a positive quantity")
        quantity = None
    return OrderOption(
        option_list_name=r.text("option_list_name"), name=r.text("name"), ref=r.text("ref"),
        price=r.money("price"), quantity=1 if quantity is None else quantity,
        removed=r.flag("removed"),
    )


def _deal_line(r: _Reader | None) -> DealLine | None:
    if r is None:
        return None
    value = r.data.get("pricing_value")
    if value is not None and not isinstance(value, str):
        r.problem("pricing_value", f"{_short(value)} is not a string")
        value = None
    return DealLine(deal_key=r.text("deal_key"), label=r.text("label"),
                    pricing_effect=r.text("pricing_effect"), pricing_value=value)


def _deals(r: _Reader) -> dict[str, Deal]:
    value = r.data.get("deals")
    if isinstance(value, list):  # the docs type it as a list once; key by position then
        value = {str(i): v for i, v in enumerate(value)}
    elif value is not None and not isinstance(value, dict):
        r.problem("deals", f"{_short(value)} is not an object")
        return {}
    deals = {}
    for key, deal in (value or {}).items():
        if not isinstance(deal, dict):
            r.problem(f"deals.{key}", f"{_short(deal)} is not an object")
            continue
        d = _Reader(deal, r.where(f"deals.{key}"), r.problems)
        deals[str(key)] = Deal(key=str(key), name=d.text("name"), ref=d.text("ref"))
    return deals


def _discount(r: _Reader) -> Discount:
    return Discount(id=r.text("id"), name=r.text("name"), ref=r.text("ref"),
                    price_off=r.money("price_off"), deleted=r.flag("deleted"))


def _charge(r: _Reader) -> Charge:
    return Charge(id=r.text("id"), name=r.text("name"), ref=r.text("ref"), price=r.money("price"),
                  tax_rate=r.decimal("tax_rate"), deleted=r.flag("deleted"))


def _payment(r: _Reader) -> Payment:
    return Payment(id=r.text("id"), name=r.text("name"), ref=r.text("ref"),
                   amount=r.money("amount"), info=r.obj("info"), deleted=r.flag("deleted"))


def _loyalty(r: _Reader) -> LoyaltyOperation:
    return LoyaltyOperation(name=r.text("name"), ref=r.text("ref"), delta=r.decimal("delta"),
                            reason=r.text("reason"), new_balance=r.decimal("new_balance"))


def _customer(r: _Reader | None) -> Customer | None:
    if r is None:
        return None
    return Customer(
        id=r.text("id"), first_name=r.text("first_name"), last_name=r.text("last_name"),
        company_name=r.text("company_name"), phone=r.text("phone"), email=r.text("email"),
        address_1=r.text("address_1"), address_2=r.text("address_2"),
        postal_code=r.text("postal_code"), city=r.text("city"),
        delivery_notes=r.text("delivery_notes"),
    )


# ---------------------------------------------------------------- locations


@dataclass(frozen=True, slots=True)
class Account:
    id: str | None
    name: str | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class OrderAcceptance:
    mode: str = "normal"
    resume_at: datetime | None = None
    extra_preparation_time: int | None = None
    reason: str | None = None

    def effective(self, now: datetime) -> OrderAcceptance:
        """What applies at `now`: HubRise reverts busy/paused to normal once resume_at passes."""
        if self.mode != "normal" and self.resume_at is not None and now >= self.resume_at:
            return OrderAcceptance()
        return self


@dataclass(frozen=True, slots=True)
class Location:
    id: str | None
    name: str | None
    account: Account
    timezone: str  # IANA name; "UTC" with a problem when missing or unknown
    cutoff_time: str
    opening_hours: dict[str, Any] | None
    preparation_time: int | None
    order_acceptance: OrderAcceptance
    custom_fields: dict[str, Any] = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    problems: tuple[FieldProblem, ...]


def parse_location(data: object) -> Location:
    if not isinstance(data, dict):
        raise NotALocation(f"a location must be a JSON object, got {type(data).__name__}")
    problems: list[FieldProblem] = []
    r = _Reader(data, "", problems)
    return Location(
        id=r.text("id"), name=r.text("name"), account=_account(r.sub("account")),
        timezone=_timezone(r), cutoff_time=_cutoff_time(r),
        opening_hours=r.obj("opening_hours"), preparation_time=r.integer("preparation_time"),
        order_acceptance=_acceptance(r.sub("order_acceptance")),
        custom_fields=r.obj("custom_fields") or {}, raw=data, problems=tuple(problems),
    )


def parse_account(data: object) -> Account:
    if not isinstance(data, dict):
        raise BadPayload(f"an account must be a JSON object, got {type(data).__name__}")
    return _account(_Reader(data, "", []))


def _account(r: _Reader | None) -> Account:
    if r is None:
        return Account(None, None, None)
    return Account(id=r.text("id"), name=r.text("name"), currency=r.text("currency"))


def _timezone(r: _Reader) -> str:
    value = r.data.get("timezone")
    name = value.get("name") if isinstance(value, dict) else value
    if not isinstance(name, str):
        r.problem("timezone", f"{_short(value)} has no timezone name; using UTC")
        return "UTC"
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        r.problem("timezone", f"'{name[:60]}' is not a known timezone; using UTC")
        return "UTC"
    return name


def _cutoff_time(r: _Reader) -> str:
    value = r.text("cutoff_time")
    if value is None:
        return "06:00"
    if not _HHMM_RE.match(value):
        r.problem("cutoff_time", f"'{value[:40]}' is not a HH:mm time; using 06:00")
        return "06:00"
    return value


def _acceptance(r: _Reader | None) -> OrderAcceptance:
    if r is None:
        return OrderAcceptance()
    mode = r.text("mode")
    if mode == "online":  # one stale version of the docs names "normal" this way
        mode = "normal"
    if mode not in ACCEPTANCE_MODES:
        if mode is not None:
            r.problem("mode", f"'{mode[:40]}' is not a known mode; read as normal")
        mode = "normal"
    return OrderAcceptance(mode=mode, resume_at=r.time("resume_at"),
                           extra_preparation_time=r.integer("extra_preparation_time"),
                           reason=r.text("reason"))


# ---------------------------------------------------------------- callbacks and events


@dataclass(frozen=True, slots=True)
class Callback:
    url: str | None
    events: dict[str, list[str]]


def parse_callback(data: object) -> Callback:
    if not isinstance(data, dict):
        raise BadPayload(f"a callback must be a JSON object, got {type(data).__name__}")
    url = data.get("url") if isinstance(data.get("url"), str) else None
    events_raw = data.get("events")
    events = {
        str(resource): [e for e in kinds if isinstance(e, str)]
        for resource, kinds in (events_raw.items() if isinstance(events_raw, dict) else ())
        if isinstance(kinds, list)
    }
    return Callback(url=url, events=events)


@dataclass(frozen=True, slots=True)
class Event:
    id: str | None
    resource_type: str | None
    event_type: str | None
    created_at: datetime | None
    order_id: str | None
    location_id: str | None
    new_state: dict[str, Any] | None = field(repr=False)
    previous_state: dict[str, Any] | None = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    problems: tuple[FieldProblem, ...] = ()


def parse_event(data: object) -> Event:
    """Parse a callback event, including the pre-2022 shape that used `resource_id`."""
    if not isinstance(data, dict):
        raise NotAnEvent(f"an event must be a JSON object, got {type(data).__name__}")
    problems: list[FieldProblem] = []
    r = _Reader(data, "", problems)
    resource_type = r.text("resource_type")
    order_id, location_id = r.text("order_id"), r.text("location_id")
    resource_id = r.text("resource_id")
    if resource_id is not None:
        if resource_type == "order" and order_id is None:
            order_id = resource_id
        elif resource_type == "location" and location_id is None:
            location_id = resource_id
    return Event(
        id=r.text("id"), resource_type=resource_type, event_type=r.text("event_type"),
        created_at=r.time("created_at"), order_id=order_id, location_id=location_id,
        new_state=r.obj("new_state"), previous_state=r.obj("previous_state"), raw=data,
        problems=tuple(problems),
    )


# ---------------------------------------------------------------- connection screen


@dataclass(frozen=True, slots=True)
class User:
    id: str | None
    first_name: str | None
    last_name: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class NamedResource:
    """A catalog or customer list as the connection screen shows it: its id and name."""

    id: str | None
    name: str | None
    raw: dict[str, Any] = field(repr=False)


def parse_user(data: object) -> User:
    if not isinstance(data, dict):
        raise BadPayload(f"a user must be a JSON object, got {type(data).__name__}")
    r = _Reader(data, "", [])
    return User(id=r.text("id"), first_name=r.text("first_name"), last_name=r.text("last_name"),
                email=r.text("email"))


def parse_named(data: object) -> NamedResource:
    if not isinstance(data, dict):
        raise BadPayload(f"expected a JSON object, got {type(data).__name__}")
    r = _Reader(data, "", [])
    return NamedResource(id=r.text("id"), name=r.text("name"), raw=data)
