"""What one kitchen ticket shows, computed from an OrderRow and its parsed order (no Qt here)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any, Literal

from kds.hubrise.statuses import DONE_STATUSES
from kds.kitchen import due, text as kitchen_text
from kds.kitchen.allergens import allergen_labels
from kds.kitchen.item_marks import NO_MARKS, MenuMarks, marks_line
from kds.kitchen.channels import Channel, channel_of, phone_access_code, shows_address
from kds.kitchen.charges import kitchen_charges
from kds.kitchen.formats import clock_text, when_text
from kds.kitchen.payment import payment_state
from kds.kitchen.rider import Rider, rider_of
from kds.kitchen.status_flow import main_action
from kds.kitchen.text import clean_note, clean_text, format_quantity
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate
from kds.store.rows import OrderRow
from kds.sync.health import not_sent_line

Urgency = Literal["normal", "warning", "late"]

# English source text: show them through status_label() / service_name() (translated).
STATUS_LABELS = {
    "new": QT_TRANSLATE_NOOP("Status", "NEW"),
    "received": QT_TRANSLATE_NOOP("Status", "RECEIVED"),
    "accepted": QT_TRANSLATE_NOOP("Status", "ACCEPTED"),
    "in_preparation": QT_TRANSLATE_NOOP("Status", "COOKING"),
    "awaiting_shipment": QT_TRANSLATE_NOOP("Status", "READY"),
    "awaiting_collection": QT_TRANSLATE_NOOP("Status", "READY"),
    "in_delivery": QT_TRANSLATE_NOOP("Status", "OUT"),
    "completed": QT_TRANSLATE_NOOP("Status", "DONE"),
    "rejected": QT_TRANSLATE_NOOP("Status", "REJECTED"),
    "cancelled": QT_TRANSLATE_NOOP("Status", "CANCELLED"),
    "delivery_failed": QT_TRANSLATE_NOOP("Status", "DELIVERY FAILED"),
}

SERVICE_LABELS = {"delivery": QT_TRANSLATE_NOOP("Service", "Delivery"),
                  "collection": QT_TRANSLATE_NOOP("Service", "Collection"),
                  "eat_in": QT_TRANSLATE_NOOP("Service", "Eat in")}


def status_label(status: str) -> str:
    """The status word on a ticket, in the screen's language (unknown ones as HubRise sent)."""
    label = STATUS_LABELS.get(status)
    return translate("Status", label) if label else clean_text(status, 20)


def service_name(service_type: str | None) -> str:
    return translate("Service", SERVICE_LABELS.get(service_type or "", "Order"))

URGENCY_ICONS: dict[Urgency, str] = {"normal": "●", "warning": "▲", "late": "■"}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a ticket turns warning (minutes before due) and late (minutes after due)."""

    warning_before_due: int = 5
    late_after_due: int = 0
    default_preparation_minutes: int = 15


@dataclass(frozen=True, slots=True)
class OptionGroup:
    list_name: str           # "" when the option had no list name
    names: tuple[str, ...]   # "Barbecue", "2× Extra cheese"


@dataclass(frozen=True, slots=True)
class ItemLine:
    quantity: str            # "2", "1.5" (Decimal rendered without exponent)
    name: str                # "Margarita · Small"
    groups: tuple[OptionGroup, ...] = ()
    removed: tuple[str, ...] = ()   # option names the customer asked to leave out
    deal_label: str = ""
    notes: str = ""
    quantity_value: Decimal = Decimal("1")
    marks: tuple[str, ...] = ()   # the catalog's allergen/dietary tags ("NUTS", "VEGAN")


@dataclass(frozen=True, slots=True)
class TicketView:
    order_id: str
    reference: str           # what the kitchen calls out: collection code, else ref, else id tail
    service_type: str | None
    service_label: str       # "Delivery", "Collection", "Eat in · Table 4"
    status: str
    status_label: str
    customer_name: str
    customer_phone: str
    created_at: datetime | None
    expected_time: datetime | None
    confirmed_time: datetime | None
    due_at: datetime
    items: tuple[ItemLine, ...]
    customer_notes: str
    seller_notes: str
    problem: bool
    problem_text: str
    sync_state: str
    sync_badge: str          # "" when HubRise has confirmed everything
    confirmed: bool          # HubRise has the status the screen shows
    next_status: str | None  # what the main button sets
    main_label: str          # "Ready", "Recall", "Got it", "" when no button
    main_action: str         # "status" | "recall" | "dismiss" | "" (what a tap on it does)
    is_new: bool             # highlighted until touched
    remote_change: str | None
    remote_label: str
    checked: frozenset[int] = frozenset()   # items a cook ticked off (this screen only)
    rush: bool = False       # the kitchen's priority flag (kept in the store, never sent)
    delivery_notes: str = ""   # the customer's standing delivery instructions
    allergens: str = ""        # "⚠ PEANUTS, ALLERGY": what the customer declared in a note
    channel: Channel | None = None   # whose order: "Uber Eats", "Website · Burger Club"
    paid: bool | None = None   # None when unknown (an unreadable order)
    pay_text: str = ""         # "✔ PAID 23.50 EUR · PayPal" / "✖ TO PAY 23.50 EUR"
    rider: Rider | None = None   # the delivery's courier, when the order has a delivery
    address: str = ""          # for the restaurant's own riders: "12 rue Oberkampf, 75011 Paris"
    phone_code: str = ""       # Uber Eats: the PIN to dial after its hotline (customer_phone)
    charges: tuple[str, ...] = ()   # charges to pack or make: "Cutlery", "Extra sauce"
    staff_name: str = ""       # who took it (custom_fields.restaurant.staff.name)

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def rushed(self) -> bool:
        """Rushed and still to make. A done order keeps its flag (a recall brings it back to the
        front) but nothing is left to hurry, so it is neither shown nor sorted first."""
        return self.rush and not self.done


@dataclass(frozen=True, slots=True)
class Timing:
    urgency: Urgency
    icon: str
    due_text: str            # "due in 12 min", "due now", "LATE 3 min"
    age_text: str            # "8 min"
    minutes_left: int


def short_reference(order: Any) -> str:
    return kitchen_text.short_reference(order.collection_code, order.ref, order.id)


def service_label(order: Any) -> str:
    base = service_name(order.service_type)
    table = kitchen_text.table_label(order.table_name)
    return f"{base} · {table}" if table else base


def due_time(row: OrderRow, order: Any, preparation_minutes: int) -> datetime:
    """As the store sorted it (kds.kitchen.due), else the same rule from this row and payload."""
    if row.due_at is not None:
        return row.due_at
    return due.due_time(
        confirmed_time=row.confirmed_time or getattr(order, "confirmed_time", None),
        expected_time=row.expected_time or getattr(order, "expected_time", None),
        created_at=row.created_at or getattr(order, "created_at", None),
        first_seen_at=row.first_seen_at, preparation=preparation_minutes,
        service_type=row.service_type,
        rider_pickup=due.rider_pickup_at(row.raw) or due.rider_pickup_at(getattr(order, "raw",
                                                                                None)))


def _option_groups(options: tuple[Any, ...]) -> tuple[tuple[OptionGroup, ...], tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    removed: list[str] = []
    for option in options:
        name = clean_text(option.name, 80) or "?"
        if option.removed:
            removed.append(name)
            continue
        quantity = option.quantity if isinstance(option.quantity, int) else 1
        label = f"{quantity}× {name}" if quantity > 1 else name
        grouped.setdefault(clean_text(option.option_list_name, 60), []).append(label)
    groups = tuple(OptionGroup(key, tuple(values)) for key, values in grouped.items())
    return groups, tuple(removed)


def _deal_label(item: Any, deals: dict[str, Any]) -> str:
    line = item.deal_line
    if line is None:
        return ""
    deal = deals.get(line.deal_key) if isinstance(deals, dict) else None
    parts = [clean_text(getattr(deal, "name", ""), 80), clean_text(line.label, 60)]
    return " · ".join(part for part in parts if part) or "Deal"


def item_lines(order: Any, marks: MenuMarks = NO_MARKS) -> tuple[ItemLine, ...]:
    lines = []
    for item in order.items:
        if item.deleted:
            continue
        name = clean_text(item.product_name, 120) or "?"
        sku = clean_text(item.sku_name, 60)
        groups, removed = _option_groups(tuple(item.options or ()))
        quantity = item.quantity if isinstance(item.quantity, Decimal) else Decimal("1")
        lines.append(ItemLine(
            quantity=format_quantity(quantity), name=f"{name} · {sku}" if sku else name,
            groups=groups, removed=removed, deal_label=_deal_label(item, order.deals),
            notes=clean_note(item.customer_notes), quantity_value=quantity,
            marks=marks.marks(item) if marks else (),
        ))
    return tuple(lines)


def _customer(order: Any) -> tuple[str, str]:
    customer = order.customer
    if customer is None:
        return "", ""
    return clean_text(customer.display_name, 60), clean_text(customer.phone, 30)


def _delivery_notes(order: Any) -> str:
    return clean_note(getattr(order.customer, "delivery_notes", None))


def _allergens(order_notes: str, seller_notes: str, delivery_notes: str,
               items: tuple[ItemLine, ...]) -> str:
    """What the customer declared, from every note searched whole: a card may have to cut a
    note, never this line. The catalog's tags stay on their items (boxed there): on this line
    they would turn it red on nearly every order, and a red line staff see all day is a line
    they stop reading — the one that says "peanut allergy" must stand out."""
    return marks_line(allergen_labels(order_notes, *(item.notes for item in items),
                                      delivery_notes, seller_notes))


def _sync_badge(row: OrderRow) -> str:
    if row.sync_state == "pending":
        return translate("Ticket", "⟳ Saved here, sending…")
    if row.sync_state == "failed":
        return "✖ " + not_sent_line(clean_text(row.sync_error or "", 120))  # "Not sent:" once
    return ""


def _problem_text(row: OrderRow, order: Any) -> str:
    fields = [clean_text(getattr(p, "field", p), 40) for p in getattr(order, "problems", ())]
    fields += [clean_text(str(p).split(":")[0], 40) for p in row.problems]
    unique = list(dict.fromkeys(field for field in fields if field))
    return (translate("Ticket", "⚠ Check order: ") + ", ".join(unique[:4])) if unique else ""


def _remote_label(change: str | None) -> str:
    if change == "cancelled":
        return translate("Ticket", "✖ CANCELLED BY HUBRISE")
    if change == "changed":
        return translate("Ticket", "✎ CHANGED BY HUBRISE")
    return ""


def build_ticket(row: OrderRow, order: Any, thresholds: Thresholds | None = None,
                 preparation_minutes: int | None = None, *,
                 marks: MenuMarks = NO_MARKS) -> TicketView:
    """Turn a stored order and its parsed payload into what the kitchen screen draws."""
    thresholds = thresholds or Thresholds()
    prep = preparation_minutes if preparation_minutes is not None \
        else thresholds.default_preparation_minutes
    target, label = main_action(row.status, row.service_type or order.service_type)
    action = ("recall" if row.status in DONE_STATUSES else "status") if label else ""
    if row.remote_change:
        # HubRise changed or cancelled it: the first tap acknowledges that, then cooking resumes.
        target, label, action = None, translate("Ticket", "✔ Got it"), "dismiss"
    service_type = row.service_type or order.service_type
    channel = channel_of(order.created_by, order.service_type_ref, service_type)
    name, phone = _customer(order)
    problem_text = _problem_text(row, order)
    items = item_lines(order, marks)
    notes, seller, delivery = (clean_note(order.customer_notes), clean_note(order.seller_notes),
                               _delivery_notes(order))
    return TicketView(
        order_id=row.id, reference=short_reference(order),
        service_type=row.service_type or order.service_type, service_label=service_label(order),
        status=row.status, status_label=status_label(row.status),
        customer_name=name, customer_phone=phone,
        created_at=row.created_at or order.created_at,
        expected_time=row.expected_time or order.expected_time,
        confirmed_time=row.confirmed_time or order.confirmed_time,
        due_at=due_time(row, order, prep), items=items,
        customer_notes=notes, seller_notes=seller, delivery_notes=delivery,
        allergens=_allergens(notes, seller, delivery, items),
        problem=bool(problem_text), problem_text=problem_text,
        sync_state=row.sync_state, sync_badge=_sync_badge(row),
        confirmed=row.sync_state == "ok" and row.status == row.remote_status,
        next_status=target, main_label=label, main_action=action, is_new=not row.seen,
        remote_change=row.remote_change, remote_label=_remote_label(row.remote_change),
        rush=row.rush,
        channel=channel, **_payment(order), rider=rider_of(order),
        address=_address(order) if shows_address(service_type, channel) else "",
        phone_code=phone_access_code(channel, getattr(order.customer, "delivery_notes", None)),
        charges=kitchen_charges(tuple(order.charges)),
        staff_name=clean_text(getattr(order, "staff_name", None), 40),
    )


def _address(order: Any) -> str:
    customer = order.customer
    if customer is None:
        return ""
    town = " ".join(part for part in (clean_text(customer.postal_code, 20),
                                      clean_text(customer.city, 60)) if part)
    parts = (clean_text(customer.address_1, 120), clean_text(customer.address_2, 120), town)
    return ", ".join(part for part in parts if part)


def _payment(order: Any) -> dict[str, Any]:
    state = payment_state(order.total, tuple(order.payments))
    return {"paid": state.paid, "pay_text": ("✔ " if state.paid else "✖ ") + state.text}


def unreadable_ticket(row: OrderRow, thresholds: Thresholds | None = None) -> TicketView:
    """A ticket for an order whose payload could not be read: never hide an order."""
    thresholds = thresholds or Thresholds()
    target, label = main_action(row.status, row.service_type)
    return TicketView(
        order_id=row.id, reference=kitchen_text.short_reference(None, None, row.id),
        service_type=row.service_type,
        service_label=service_name(row.service_type),
        status=row.status, status_label=status_label(row.status),
        customer_name="", customer_phone="", created_at=row.created_at,
        expected_time=row.expected_time, confirmed_time=row.confirmed_time,
        due_at=due_time(row, None, thresholds.default_preparation_minutes),
        items=(), customer_notes="", seller_notes="", problem=True,
        problem_text=translate("Ticket", "⚠ Could not read this order — check it in HubRise"),
        sync_state=row.sync_state, sync_badge=_sync_badge(row),
        confirmed=row.sync_state == "ok" and row.status == row.remote_status,
        next_status=target, main_label=label,
        main_action=("recall" if row.status in DONE_STATUSES else "status") if label else "",
        is_new=not row.seen, remote_change=row.remote_change,
        remote_label=_remote_label(row.remote_change), rush=row.rush)


CLOCK_AFTER_MINUTES = 60   # further away than this, "due 19:45" reads better than a count


def ticket_timing(ticket: TicketView, now: datetime, thresholds: Thresholds,
                  tz: tzinfo | None = None) -> Timing:
    """Urgency against the promise (due time), with a word and an icon so colour is not alone.
    A due time more than an hour away is given as a clock time in `tz` ("due 19:45")."""
    seconds_left = (ticket.due_at - now).total_seconds()
    minutes_left = math.floor(seconds_left / 60)
    if seconds_left < -thresholds.late_after_due * 60:
        urgency: Urgency = "late"
        due_text = translate("Ticket", "LATE {minutes} min").format(
            minutes=max(1, math.ceil(-seconds_left / 60)))
    elif seconds_left <= thresholds.warning_before_due * 60:
        urgency = "warning"
        due_text = translate("Ticket", "DUE NOW") if seconds_left < 60 else \
            translate("Ticket", "DUE {minutes} min").format(minutes=minutes_left)
    else:
        urgency = "normal"
        clock = when_text(ticket.due_at, tz, now)   # with the day when it is not today
        due_text = translate("Ticket", "due {clock}").format(clock=clock) \
            if minutes_left > CLOCK_AFTER_MINUTES else \
            translate("Ticket", "due in {minutes} min").format(minutes=minutes_left)
    start = ticket.created_at
    age = math.floor((now - start).total_seconds() / 60) if start is not None else 0
    return Timing(urgency, URGENCY_ICONS[urgency], due_text, f"{max(0, age)} min", minutes_left)


def format_clock(when: datetime | None, tz: tzinfo | None) -> str:
    """The board's times of day: the kitchen's one rule (kds.kitchen.formats.clock_text)."""
    return clock_text(when, tz)


def sort_key(ticket: TicketView) -> tuple[datetime, str]:
    return (ticket.due_at, ticket.order_id)


def active_sort_key(ticket: TicketView) -> tuple[bool, bool, datetime, str]:
    """The Active tab's order: HubRise changes and cancellations first (nobody should have to
    scroll to find one), then what the kitchen rushed, then by due time."""
    return (ticket.remote_change is None, not ticket.rushed, *sort_key(ticket))
