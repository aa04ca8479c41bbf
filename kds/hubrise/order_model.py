"""Typed, tolerant views of HubRise orders: the order dataclasses and parse_order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from kds.hubrise.delivery_rules import STATUSES as DELIVERY_STATUSES
from kds.hubrise.money import Money
from kds.hubrise.reader import FieldProblem, NotAnOrder, PayloadReader, short_repr
from kds.hubrise.statuses import ORDER_STATUSES, SERVICE_TYPES


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
class Delivery:
    """The order's `delivery` (API reference, "Deliveries"; rules in kds.hubrise.delivery_rules):
    who is coming for it and when."""

    status: str | None               # pending, pickup_enroute, … (unknown → None + problem)
    carrier: str | None
    carrier_ref: str | None
    estimated_pickup_at: datetime | None
    estimated_dropoff_at: datetime | None
    pickup_at: datetime | None
    driver_name: str | None
    driver_phone: str | None
    driver_phone_access_code: str | None
    driver_pickup_url: str | None
    tracking_url: str | None


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
    delivery: Delivery | None = None
    # Set by kds.hubrise.arrival.read_order: `raw` was made safe to keep before this parse and
    # `repairs` says what had to change ("field: message"). The store then stores this Order
    # as it is: it neither cleans nor parses the payload again.
    sanitized: bool = False
    repairs: tuple[str, ...] = ()

    @property
    def staff_name(self) -> str | None:
        """HubRise convention custom_fields.restaurant.staff.name: who took the order."""
        restaurant = self.custom_fields.get("restaurant")
        staff = restaurant.get("staff") if isinstance(restaurant, dict) else None
        name = staff.get("name") if isinstance(staff, dict) else None
        return name if isinstance(name, str) else None

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
        raise NotAnOrder(f"an order needs a non-empty string id, got {short_repr(order_id)}")
    problems: list[FieldProblem] = []
    r = PayloadReader(data, "", problems)
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
        total=r.money("total"), raw=data, delivery=_delivery(r.sub("delivery")),
        problems=tuple(problems),
    )


def parse_delivery(data: object) -> Delivery | None:
    """An order's `delivery` on its own (the store's due time reads only this); None when the
    order has none or it is not an object. Malformed fields become None."""
    if not isinstance(data, dict):
        return None
    return _delivery(PayloadReader(data, "delivery", []))


def _delivery(r: PayloadReader | None) -> Delivery | None:
    if r is None:
        return None
    status = r.text("status")
    if status is not None and status not in DELIVERY_STATUSES:
        r.problem("status", f"'{status[:40]}' is not a known delivery status")
        status = None
    return Delivery(
        status=status, carrier=r.text("carrier"), carrier_ref=r.text("carrier_ref"),
        estimated_pickup_at=r.time("estimated_pickup_at"),
        estimated_dropoff_at=r.time("estimated_dropoff_at"), pickup_at=r.time("pickup_at"),
        driver_name=r.text("driver_name"), driver_phone=r.text("driver_phone"),
        driver_phone_access_code=r.text("driver_phone_access_code"),
        driver_pickup_url=r.text("driver_pickup_url"), tracking_url=r.text("tracking_url"),
    )


def _status(r: PayloadReader) -> str:
    status = r.data.get("status")
    if not isinstance(status, str):
        # HubRise always sends a status; a missing one is most likely a brand new order.
        r.problem("status", f"{short_repr(status)} is not a valid status; shown as new")
        return "new"
    if status not in ORDER_STATUSES:
        r.problem("status", f"'{status[:40]}' is not a known status")
    return status


def _service_type(r: PayloadReader) -> str | None:
    value = r.text("service_type")
    if value is not None and value not in SERVICE_TYPES:
        r.problem("service_type", f"'{value[:40]}' is not a known service type")
        return None
    return value


def _coupon_codes(r: PayloadReader) -> tuple[str, ...]:
    codes = r.array("coupon_codes")
    if not all(isinstance(c, str) for c in codes):
        r.problem("coupon_codes", "some coupon codes are not strings")
    return tuple(c for c in codes if isinstance(c, str))


def _item(r: PayloadReader) -> OrderItem:
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


def _option(r: PayloadReader) -> OrderOption:
    quantity = r.integer("quantity")
    if quantity is not None and quantity < 1:
        r.problem("quantity", f"{quantity} is not a positive quantity")
        quantity = None
    return OrderOption(
        option_list_name=r.text("option_list_name"), name=r.text("name"), ref=r.text("ref"),
        price=r.money("price"), quantity=1 if quantity is None else quantity,
        removed=r.flag("removed"),
    )


def _deal_line(r: PayloadReader | None) -> DealLine | None:
    if r is None:
        return None
    value = r.data.get("pricing_value")
    if value is not None and not isinstance(value, str):
        r.problem("pricing_value", f"{short_repr(value)} is not a string")
        value = None
    return DealLine(deal_key=r.text("deal_key"), label=r.text("label"),
                    pricing_effect=r.text("pricing_effect"), pricing_value=value)


def _deals(r: PayloadReader) -> dict[str, Deal]:
    value = r.data.get("deals")
    if isinstance(value, list):  # the docs type it as a list once; key by position then
        value = {str(i): v for i, v in enumerate(value)}
    elif value is not None and not isinstance(value, dict):
        r.problem("deals", f"{short_repr(value)} is not an object")
        return {}
    deals = {}
    for key, deal in (value or {}).items():
        if not isinstance(deal, dict):
            r.problem(f"deals.{key}", f"{short_repr(deal)} is not an object")
            continue
        d = PayloadReader(deal, r.where(f"deals.{key}"), r.problems)
        deals[str(key)] = Deal(key=str(key), name=d.text("name"), ref=d.text("ref"))
    return deals


def _discount(r: PayloadReader) -> Discount:
    return Discount(id=r.text("id"), name=r.text("name"), ref=r.text("ref"),
                    price_off=r.money("price_off"), deleted=r.flag("deleted"))


def _charge(r: PayloadReader) -> Charge:
    return Charge(id=r.text("id"), name=r.text("name"), ref=r.text("ref"), price=r.money("price"),
                  tax_rate=r.decimal("tax_rate"), deleted=r.flag("deleted"))


def _payment(r: PayloadReader) -> Payment:
    return Payment(id=r.text("id"), name=r.text("name"), ref=r.text("ref"),
                   amount=r.money("amount"), info=r.obj("info"), deleted=r.flag("deleted"))


def _loyalty(r: PayloadReader) -> LoyaltyOperation:
    return LoyaltyOperation(name=r.text("name"), ref=r.text("ref"), delta=r.decimal("delta"),
                            reason=r.text("reason"), new_balance=r.decimal("new_balance"))


def _customer(r: PayloadReader | None) -> Customer | None:
    if r is None:
        return None
    return Customer(
        id=r.text("id"), first_name=r.text("first_name"), last_name=r.text("last_name"),
        company_name=r.text("company_name"), phone=r.text("phone"), email=r.text("email"),
        address_1=r.text("address_1"), address_2=r.text("address_2"),
        postal_code=r.text("postal_code"), city=r.text("city"),
        delivery_notes=r.text("delivery_notes"),
    )
