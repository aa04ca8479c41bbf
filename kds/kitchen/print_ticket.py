"""What a printed kitchen ticket says, line by line, for a 58 or 80 mm roll (no Qt, no I/O).

The printer room (kds.printing) turns these lines into ESC/POS bytes; this module only decides
the words, their order and which lines are printed large. It carries what the screen ticket
carries: channel and service, the number to call out, the due time, the items with their
quantities (in full, never rounded), options and removed options, every note with its allergy
words marked, the table and the rider, and PAID / TO PAY. The words are the app's language
(kds.kitchen.words), money and times its writing (kds.kitchen.formats).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from kds.hubrise.order_model import Order, OrderItem, OrderOption
from kds.kitchen.allergens import allergen_labels, find_allergens
from kds.kitchen.channels import channel_of
from kds.kitchen.formats import clock_text, when_text
from kds.kitchen.item_marks import NO_MARKS, MenuMarks
from kds.kitchen.payment import payment_state
from kds.kitchen.text import (
    clean_note,
    clean_text,
    format_quantity,
    short_reference,
    table_label,
)
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate

# Characters per line in the printer's normal font A: 58 mm rolls print 32, 80 mm rolls 48.
COLUMNS = {58: 32, 80: 48}
PAPER_WIDTHS = tuple(COLUMNS)

SERVICE_WORDS = {"delivery": QT_TRANSLATE_NOOP("Print", "DELIVERY"),
                 "collection": QT_TRANSLATE_NOOP("Print", "COLLECTION"),
                 "eat_in": QT_TRANSLATE_NOOP("Print", "EAT IN")}
KIND_WORDS = {"reprint": QT_TRANSLATE_NOOP("Print", "REPRINT")}
ORDER_WORD = QT_TRANSLATE_NOOP("Print", "ORDER")   # no service type given
NOTE_TITLES = (QT_TRANSLATE_NOOP("Print", "Note"), QT_TRANSLATE_NOOP("Print", "Kitchen"),
               QT_TRANSLATE_NOOP("Print", "Delivery"))


@dataclass(frozen=True, slots=True)
class PrintLine:
    """One printed line. `large` is double width and height: it holds half the columns."""

    text: str
    large: bool = False
    bold: bool = False
    inverse: bool = False     # white on black: the allergy warning


def columns_for(paper_mm: int) -> int:
    if paper_mm not in COLUMNS:
        raise ValueError(f"paper width {paper_mm} mm is not one of {PAPER_WIDTHS}")
    return COLUMNS[paper_mm]


def mark_allergens(note: str) -> str:
    """Allergy words in capitals between asterisks ("no *PEANUTS* please"): a thermal
    printer has no colour, and a cook must not miss them."""
    out: list[str] = []
    last = 0
    for start, end, _ in find_allergens(note):
        out.append(note[last:start])
        out.append(f"*{note[start:end].upper()}*")
        last = end
    out.append(note[last:])
    return "".join(out)


def ticket_lines(order: Order, *, paper_mm: int = 80, due_at: datetime | None = None,
                 tz: tzinfo | None = None, kind: str = "arrival",
                 marks: MenuMarks = NO_MARKS, now: datetime | None = None) -> list[PrintLine]:
    """The printed ticket, top to bottom, every line within the roll's columns. `marks`: the
    catalog's allergen/dietary tags (kds.kitchen.item_marks), printed under their items. With
    `now`, a due time on another day carries its date (a pre-order printed the day before)."""
    width = columns_for(paper_mm)
    lines: list[PrintLine] = []
    lines += _head(order, width, kind)
    lines += _times(order, width, due_at, tz, now)
    lines += _allergy_warning(order, width)
    lines.append(PrintLine("-" * width))
    for item in order.items:
        if not item.deleted:
            lines += _item(item, order, width)
            lines += _item_marks(item, width, marks)
    lines += _notes(order, width)
    lines += _people(order, width)
    lines += _payment(order, width)
    lines.append(PrintLine("-" * width))
    return lines


def ticket_text(lines: list[PrintLine]) -> str:
    """The ticket as plain text (for logs, the demo and tests)."""
    return "\n".join(line.text for line in lines)


def _wrap(text: str, width: int, *, large: bool = False, bold: bool = False,
          inverse: bool = False, indent: str = "") -> list[PrintLine]:
    columns = width // 2 if large else width
    parts = textwrap.wrap(text, columns, initial_indent=indent,
                          subsequent_indent=indent + "  ", break_long_words=True,
                          break_on_hyphens=False) or [indent.rstrip()]
    return [PrintLine(part, large=large, bold=bold, inverse=inverse) for part in parts]


def channel_name(order: Order) -> str:
    """Who sent the order, as the screen's badge names it ("Uber Eats", "Site web", a till's
    own name; kds.kitchen.channels), from HubRise's created_by and service_type_ref."""
    channel = channel_of(order.created_by, order.service_type_ref, order.service_type)
    return clean_text(channel.label if channel is not None else "", 40)


def _kind_word(kind: str) -> str:
    """ "REPRINT", or "GRILL READY" for a station's part done ("station:grill"); "" otherwise."""
    head, _, station = kind.partition(":")
    if head == "station" and station:
        name = clean_text(station, 24).upper()
        return translate("Print", "{station} READY").format(station=name)
    word = KIND_WORDS.get(head)
    return translate("Print", word) if word else ""


def _head(order: Order, width: int, kind: str) -> list[PrintLine]:
    service = translate("Print", SERVICE_WORDS.get(order.service_type or "", ORDER_WORD))
    channel = channel_name(order)
    head = f"{channel.upper()} · {service}" if channel else service
    lines = _wrap(head, width, bold=True)
    word = _kind_word(kind)
    if word:
        lines.append(PrintLine(f"** {word} **", bold=True))
    number = short_reference(order.collection_code, order.ref, order.id)
    lines += _wrap(f"#{number}", width, large=True, bold=True)
    return lines


def _times(order: Order, width: int, due_at: datetime | None, tz: tzinfo | None,
           now: datetime | None) -> list[PrintLine]:
    lines: list[PrintLine] = []
    if due_at is not None:
        due = when_text(due_at, tz, now) if now is not None else clock_text(due_at, tz)
        lines += _wrap(translate("Print", "DUE {clock}").format(clock=due), width, large=True)
    if order.created_at is not None:
        lines += _wrap(translate("Print", "Ordered {clock}").format(
            clock=clock_text(order.created_at, tz)), width)
    return lines


def _all_notes(order: Order) -> list[str]:
    notes = [clean_note(order.customer_notes), clean_note(order.seller_notes)]
    notes += [clean_note(item.customer_notes) for item in order.items if not item.deleted]
    if order.customer is not None:
        notes.append(clean_note(order.customer.delivery_notes))
    return [note for note in notes if note]


def _allergy_warning(order: Order, width: int) -> list[PrintLine]:
    """What the customer declared; the catalog's tags are printed under their items (as on
    screen, kds.ui.board.ticket._allergens says why)."""
    labels = allergen_labels(*_all_notes(order))
    if not labels:
        return []
    words = ", ".join(translate("Allergen", label) for label in labels)
    return _wrap(f"! {words} !", width, bold=True, inverse=True)


def _item(item: OrderItem, order: Order, width: int) -> list[PrintLine]:
    quantity = item.quantity if isinstance(item.quantity, Decimal) else Decimal("1")
    name = clean_text(item.product_name, 120) or "?"
    sku = clean_text(item.sku_name, 60)
    label = f"{name} · {sku}" if sku else name
    lines = _wrap(f"{format_quantity(quantity)} x {label}", width, large=True, bold=True)
    deal = _deal(item, order)
    if deal:
        lines += _wrap(f"({deal})", width, indent="  ")
    for option in item.options:
        lines += _wrap(_option_text(option), width, indent="  ")
    note = clean_note(item.customer_notes)
    for part in note.split("\n") if note else ():
        lines += _wrap(f"> {mark_allergens(part)}", width, bold=True, indent="  ")
    return lines


def _item_marks(item: OrderItem, width: int, marks: MenuMarks) -> list[PrintLine]:
    """ "  *NUTS* *VEGAN*" under the item: a thermal printer has no colour or box."""
    found = marks.marks(item) if marks else ()
    if not found:
        return []
    return _wrap("! " + " ".join(f"*{mark}*" for mark in found), width, bold=True, indent="  ")


def _option_text(option: OrderOption) -> str:
    name = clean_text(option.name, 80) or "?"
    if option.removed:
        return translate("Print", "NO {option}").format(option=name)
    quantity = option.quantity if isinstance(option.quantity, int) else 1
    return f"+ {quantity} x {name}" if quantity > 1 else f"+ {name}"


def _deal(item: OrderItem, order: Order) -> str:
    line = item.deal_line
    if line is None:
        return ""
    deal = order.deals.get(line.deal_key or "") if isinstance(order.deals, dict) else None
    parts = [clean_text(getattr(deal, "name", ""), 80), clean_text(line.label, 60)]
    return " · ".join(part for part in parts if part) or translate("Print", "Deal")


def _notes(order: Order, width: int) -> list[PrintLine]:
    lines: list[PrintLine] = []
    notes = [clean_note(order.customer_notes), clean_note(order.seller_notes)]
    if order.customer is not None:
        notes.append(clean_note(order.customer.delivery_notes))
    for title, note in zip(NOTE_TITLES, notes, strict=False):
        for part in note.split("\n") if note else ():
            lines += _wrap(translate("Print", "{title}: {note}").format(
                title=translate("Print", title), note=mark_allergens(part)), width, bold=True)
    return lines


def rider_name(order: Order) -> str:
    """The courier's name when the order carries its delivery (HubRise's `delivery` object)."""
    delivery: Any = order.raw.get("delivery") if isinstance(order.raw, dict) else None
    if not isinstance(delivery, dict):
        return ""
    return clean_text(delivery.get("driver_name"), 40)


def _people(order: Order, width: int) -> list[PrintLine]:
    lines: list[PrintLine] = []
    table = table_label(order.table_name)
    if table:
        lines += _wrap(table, width, large=True, bold=True)
    rider = rider_name(order)
    if rider:
        lines += _wrap(translate("Print", "Rider: {name}").format(name=rider), width, bold=True)
    customer = order.customer
    name = clean_text(customer.display_name, 60) if customer is not None else ""
    if name:
        lines += _wrap(translate("Print", "Customer: {name}").format(name=name), width)
    return lines


def _payment(order: Order, width: int) -> list[PrintLine]:
    """PAID / TO PAY as on the screen ticket ("À PAYER 23,50 €"): the pass hands the bag over."""
    if order.total is None and not order.payments:
        return []
    return _wrap(payment_state(order.total, tuple(order.payments)).text, width, bold=True)
