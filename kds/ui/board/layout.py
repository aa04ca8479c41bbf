"""Where each line of a ticket card goes: fonts, wrapping, and the cut for long orders.

Pure geometry from QFontMetrics; painting is in kds.ui.board.delegate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from kds.kitchen.allergens import find_allergens
from kds.kitchen.item_marks import marks_line
from kds.kitchen.text import clean_text, isolate, isolate_lines
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui import theme
from kds.ui.board.ticket import TicketView, format_clock
from kds.ui.i18n import translate

GAP = 6
ITEM_INDENT = 52    # the narrowest quantity column; it grows to fit "100×" or "0.333×"
WRAP = int(Qt.TextFlag.TextWordWrap)

# The order number is the largest text, then the due line (what the pass reads from afar),
# then item names.
_FONT_SPEC = {
    "ref": (34, True), "status": (18, True), "timer": (30, True), "service": (22, True),
    "body": (20, False), "item": (24, True), "option": (20, False), "note": (21, True),
    "badge": (19, True), "button": (26, True), "more": (20, True),
    # PAID / TO PAY at the counter: above the items, under the due line.
    "pay": (26, True), "channel": (19, True), "small": (18, False),
}
_FONTS: dict[str, QFont] = {}


def font_for(key: str) -> QFont:
    """Fonts are built on first use: QFont needs a running QGuiApplication."""
    if key not in _FONTS:
        size, bold = _FONT_SPEC[key]
        _FONTS[key] = theme.font(size, bold)
    return _FONTS[key]


@dataclass(frozen=True, slots=True)
class Block:
    """One painted line or paragraph of the card body, relative to the body's top."""

    kind: str          # service/customer/remote/problem/sync/cnote/deal/item/option/removed/inote/snote/more
    text: str
    top: int
    height: int
    indent: int = 0
    prefix: str = ""   # quantity column for items
    item: int = -1     # index in ticket.items for an item and its option/note lines
    fill: str = ""     # a badge's own colour (the channel's), "" for the kind's colour
    ink: str = ""      # the text colour on that fill


def _height(kind: str, text: str, width: int) -> int:
    metrics = QFontMetrics(font_for(font_key(kind)))
    rect = metrics.boundingRect(QRect(0, 0, max(20, width), 100_000), WRAP, text)
    return rect.height()


def font_key(kind: str) -> str:
    return {"customer": "body", "remote": "badge", "problem": "badge", "sync": "badge",
            "cnote": "note", "deal": "option", "removed": "item", "inote": "option",
            "imark": "badge",
            "snote": "body", "dnote": "body", "allergy": "note", "more": "more",
            "cont": "more", "pay": "badge",
            "paybig": "pay", "rider": "service",
            "address": "body", "charge": "item",
            "riderphone": "small", "ids": "small"}.get(kind, kind)


Line = tuple[str, str, int, str, int]   # kind, text, indent, prefix, item index


def _body_lines(ticket: TicketView, tz: tzinfo | None) -> list[Line]:
    """Every line of the card body in reading order, before any height is known."""
    lines: list[Line] = []
    times = _times_text(ticket, tz)
    # Whose order, as a badge in front of the service line: the name is written, the colour
    # only helps; one line, so a short column keeps room for the items.
    channel = isolate(ticket.channel.label) if ticket.channel is not None else ""
    lines.append(("service", isolate(ticket.service_label) + (f"  ·  {times}" if times else ""),
                  0, channel, -1))
    rider = rider_line(ticket, tz)
    if rider:
        lines.append(("rider", rider, 0, "", -1))
    counter = ticket.service_type in ("collection", "eat_in")
    if ticket.pay_text and counter:   # big at the counter, where money changes hands
        lines.append(("paybig", ticket.pay_text, 0, "", -1))
    # Each network field in its own isolate: "Amira حداد" must not pull the phone's digits
    # into its right-to-left run ("78 56 34 12 6 33+").
    phone = isolate(ticket.customer_phone)
    if phone and ticket.phone_code:   # Uber Eats: its hotline, then the customer's PIN
        phone = translate("Ticket", "☎ {phone} · code {code}").format(
            phone=phone, code=isolate(ticket.phone_code))
    who = "  ".join(part for part in (isolate(ticket.customer_name), phone) if part)
    if who:
        lines.append(("customer", who, 0, "", -1))
    if ticket.address:
        lines.append(("address", translate("Ticket", "Address: ") + isolate(ticket.address), 0,
                      "", -1))
    for kind, text in (("remote", ticket.remote_label), ("problem", ticket.problem_text),
                       ("sync", ticket.sync_badge)):
        if text:
            lines.append((kind, text, 0, "", -1))
    if ticket.allergens:   # first, and never cut: the words may sit in a note's cut part
        lines.append(("allergy", unbroken_labels(ticket.allergens), 0, "", -1))
    if ticket.customer_notes:
        lines.append(("cnote", "✍ " + isolate_lines(ticket.customer_notes), 0, "", -1))
    if ticket.delivery_notes:
        lines.append(("dnote", translate("Ticket", "Delivery: ") + isolate_lines(
            ticket.delivery_notes), 0, "", -1))
    lines.extend(_item_lines(ticket))
    indent = quantity_column(ticket)
    # Charges to act on go with the items: the cutlery and the extra sauce go in the same bag.
    lines.extend(("charge", isolate(name), indent, "+", -1) for name in ticket.charges)
    # Away from the counter these matter after the food: a short column shows the items first.
    if ticket.pay_text and not counter:
        lines.append(("pay", ticket.pay_text, 0, "", -1))
    if rider_phone := rider_phone_line(ticket):
        lines.append(("riderphone", rider_phone, 0, "", -1))
    if ticket.seller_notes:
        lines.append(("snote", translate("Ticket", "Note: ") + isolate_lines(ticket.seller_notes),
                      0, "", -1))
    lines.append(("ids", ids_line(ticket), 0, "", -1))
    return lines


def ids_line(ticket: TicketView) -> str:
    """ "Taken by Julie · HubRise id ord77abc": the id small and exactly as HubRise writes it
    (seed 000: display the HubRise ids), so staff can find the order in HubRise."""
    order_id = isolate(clean_text(ticket.order_id, 64))
    taken = translate("Ticket", "Taken by {name} · ").format(name=isolate(ticket.staff_name)) \
        if ticket.staff_name else ""
    return taken + translate("Ticket", "HubRise id {id}").format(id=order_id)


def rider_line(ticket: TicketView, tz: tzinfo | None) -> str:
    """ "Rider at 19:42 · Marco · on the way"."""
    rider = ticket.rider
    if rider is None:
        return ""
    when = format_clock(rider.pickup_at, tz)
    text = translate("Ticket", "Rider at {clock}").format(clock=when) if when \
        else translate("Ticket", "Rider")
    if rider.name:
        text += " · " + isolate(rider.name)
    if rider.status_label:
        text += f" · {rider.status_label}"
    return text


def rider_phone_line(ticket: TicketView) -> str:
    """ "☎ +33 6 12 34 56 78 · code 1234", under the rider line (the access code is dialled
    after the number)."""
    rider = ticket.rider
    if rider is None or not rider.phone:
        return ""
    code = f" · code {isolate(rider.access_code)}" if rider.access_code else ""
    return f"☎ {isolate(rider.phone)}{code}"


def quantity_column(ticket: TicketView) -> int:
    """The quantity column, measured from the widest quantity this ticket shows (whatever the
    font size), so "100×" is never clipped to "00×"; names wrap beside it."""
    metrics = QFontMetrics(font_for("item"))
    widest = max((metrics.horizontalAdvance(f"{item.quantity}×") for item in ticket.items),
                 default=0)
    return max(ITEM_INDENT, widest + 12)


def _item_lines(ticket: TicketView) -> list[Line]:
    lines: list[Line] = []
    indent = quantity_column(ticket)
    for index, item in enumerate(ticket.items):
        if item.deal_label:
            lines.append(("deal", "◆ " + isolate(item.deal_label), 0, "", index))
        lines.append(("item", isolate(item.name), indent, f"{item.quantity}×", index))
        if item.marks:   # the catalog's tags, boxed like an allergy word in a note
            lines.append(("imark", unbroken_labels(marks_line(item.marks)), indent, "", index))
        for group in item.groups:
            label = f"{isolate(group.list_name)}: " if group.list_name else ""
            lines.append(("option", label + ", ".join(isolate(name) for name in group.names),
                          indent, "", index))
        for name in item.removed:
            lines.append(("removed", isolate(name), indent, translate("Ticket", "NO"), index))
        if item.notes:
            lines.append(("inote", "“" + isolate_lines(item.notes) + "”", indent, "", index))
    return lines


def _times_text(ticket: TicketView, tz: tzinfo | None) -> str:
    expected = format_clock(ticket.expected_time, tz)
    confirmed = format_clock(ticket.confirmed_time, tz)
    if confirmed and expected and confirmed != expected:
        return translate("Ticket", "for {expected} → {confirmed} ✔").format(
            expected=expected, confirmed=confirmed)
    if confirmed:
        return translate("Ticket", "for {clock} ✔").format(clock=confirmed)
    return translate("Ticket", "for {clock}").format(clock=expected) if expected else ""


def fit_words(text: str, kind: str, width: int) -> str:
    """Break words wider than the card (a 5,000-letter word, a URL) with invisible break points,
    so word-wrapping never spills out of the card; normal words keep wrapping whole."""
    metrics = QFontMetrics(font_for(font_key(kind)))
    if metrics.horizontalAdvance(text) <= width:
        return text
    return re.sub(r"\S+", lambda m: _split_word(m.group(0), metrics, width), text)


def _split_word(word: str, metrics: QFontMetrics, width: int) -> str:
    if metrics.horizontalAdvance(word) <= width:
        return word
    pieces, current = [], ""
    for char in word:
        if current and metrics.horizontalAdvance(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return "\u200b".join(pieces)


def layout_body(ticket: TicketView, width: int, max_height: int, tz: tzinfo | None,
                whole_notes: bool = False) -> tuple[list[Block], int]:
    """Blocks that fit in max_height; overflowing items collapse into a '+ N more' line.
    Notes are cut to a few lines on a card; `whole_notes` (the whole-order view) keeps them."""
    blocks: list[Block] = []
    top = 0
    lines = _own_line_for_a_wide_channel(_body_lines(ticket, tz), width)
    more_height = _height("more", "+ 99 more lines", width)
    for position, (kind, text, indent, prefix, item) in enumerate(lines):
        text_width = width - indent - (prefix_width(prefix) if kind == "removed" else 0) \
            - (pill_width(prefix, width) + GAP if kind == "service" and prefix else 0)
        box = BOX_MARGIN.get(kind, 0)   # a note's yellow box, a pill: an inner margin
        text = fit_words(text, kind, text_width - box - 2)
        if kind in NOTE_KINDS and not whole_notes:
            text = clip_note(text, kind, text_width - box)
        height = _height(kind, text or prefix, text_width - box) + (8 if kind == "cnote" else 0)
        remaining = len(lines) - position
        if top + height + GAP > max_height - (more_height if remaining > 1 else 0):
            blocks.append(Block("more", f"+ {remaining} more — tap", top, more_height))
            return blocks, top + more_height + GAP
        fill, ink = _colours(ticket, kind) if kind != "service" or prefix else ("", "")
        blocks.append(Block(kind, text, top, height, indent, prefix, item, fill, ink))
        top += height + (2 if kind in ("option", "removed", "inote") else GAP)
    return blocks, top


def _colours(ticket: TicketView, kind: str) -> tuple[str, str]:
    """A badge painted in a colour of its own (the channel's), with its text colour."""
    if kind in ("service", "channel") and ticket.channel is not None:
        return ticket.channel.colour, ticket.channel.ink
    if kind == "rider" and ticket.rider is not None and ticket.rider.status == "pickup_waiting":
        return RIDER_WAITING_FILL, "#ffffff"   # the words say it: "WAITING AT THE PASS"
    if kind in ("pay", "paybig"):   # the words say it too: ✔ PAID / ✖ TO PAY
        return (PAID_FILL, "#ffffff") if ticket.paid else (TO_PAY_FILL, "#ffffff")
    return "", ""


RIDER_WAITING_FILL = "#b9770e"   # amber: someone is standing at the pass for this order
PAID_FILL = "#2e7d32"      # dark green under white words
TO_PAY_FILL = "#c62828"    # dark red under white words
BOX_MARGIN = {"cnote": 12, "channel": 20}
NOTE_KINDS = frozenset({"cnote", "inote", "snote", "dnote"})
# Tapping one of these opens every note of the order in full (TicketDelegate.moreClicked).
NOTE_TAP_KINDS = NOTE_KINDS | {"allergy"}
NOTE_MAX_LINES = 4   # a novel in a note must not push the items off the card
CLIPPED = QT_TRANSLATE_NOOP("Ticket", " … (tap note for all)")   # shown translated


def clip_note(text: str, kind: str, width: int) -> str:
    """Cut a note to NOTE_MAX_LINES lines, marked; the full text is one tap away (the note)."""
    limit = QFontMetrics(font_for(font_key(kind))).lineSpacing() * NOTE_MAX_LINES + 2
    if _height(kind, text, width) <= limit:
        return text
    marker = translate("Ticket", CLIPPED)
    # Four lines never hold 1,000 characters: measure no more than that while searching.
    text = text[:1000]
    low, high = 0, len(text)
    while low < high:   # the longest prefix that still fits with the marker
        middle = (low + high + 1) // 2
        if _height(kind, text[:middle] + marker, width) <= limit:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + marker


def pill_width(label: str, width: int, kind: str = "service") -> int:
    """The channel badge: its words + margins; in front of the service line at most half the
    card, on a line of its own at most the card (then elided)."""
    cap = width // 2 if kind == "service" else width
    # + 20: 8 px each side, and slack so word-wrapping never breaks a label that fits.
    return min(QFontMetrics(font_for("channel")).horizontalAdvance(label) + 20, cap)


def _fits_inline(label: str, text: str, width: int) -> bool:
    """The channel badge and the service words on one line, neither cut nor wrapped."""
    service = QFontMetrics(font_for("service")).horizontalAdvance(text)
    return pill_width(label, width * 4) + GAP + service <= width


def _own_line_for_a_wide_channel(lines: list[Line], width: int) -> list[Line]:
    """A channel badge that does not fit in front of the service line gets a line of its own
    ("pizza-app-42 · Burger Club"): neither is cut or broken in the middle."""
    out: list[Line] = []
    for line in lines:
        kind, text, indent, prefix, item = line
        if kind == "service" and prefix and not _fits_inline(prefix, text, width):
            out += [("channel", "", indent, prefix, item), ("service", text, indent, "", item)]
        else:
            out.append(line)
    return out


def prefix_width(prefix: str) -> int:
    return QFontMetrics(font_for("item")).horizontalAdvance(prefix + " ") if prefix else 0


def allergen_rects(text: str, kind: str, rect: QRect) -> list[QRectF]:
    """Where each allergy word of `text` lands when drawn word-wrapped in `rect` (the same
    wrapping as QPainter.drawText), so the card can mark it even inside a long note."""
    return [QRectF(rect.left() + x, rect.top() + y, width, height)
            for x, y, width, height in _allergen_boxes(text, kind, rect.width())]


def unbroken_labels(line: str) -> str:
    """ "⚠ NUTS, GLUTEN-FREE": a label wraps whole ("GLUTEN-" / "FREE" split its box; French
    "SANS GLUTEN" too), lines break only after a comma."""
    head, _, labels = line.partition(" ")
    return head + " " + ", ".join(label.replace("-", "\u2011").replace(" ", "\u00a0")
                                  for label in labels.split(", "))


def marked_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """What is boxed: the allergy words of a note; every label of an item's marks line."""
    if kind == "imark":   # "⚠ NUTS, GLUTEN-FREE": our own labels, each one boxed
        return [(m.start(), m.end()) for m in re.finditer(r"[^,⚠\s][^,]*", text)]
    return [(start, end) for start, end, _ in find_allergens(text)]


@lru_cache(maxsize=2048)   # painted on every repaint; the text and width rarely change
def _allergen_boxes(text: str, kind: str, width: int) -> tuple[tuple[float, ...], ...]:
    spans = marked_spans(text, kind)
    if not spans:
        return ()
    layout = QTextLayout(text.replace("\n", "\u2028"), font_for(font_key(kind)))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    top = 0.0
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, top))
        top += line.height()
        lines.append(line)
    layout.endLayout()
    boxes = []
    for start, end in spans:
        for line in lines:
            first, last = line.textStart(), line.textStart() + line.textLength()
            a, b = max(start, first), min(end, last)
            if a < b:
                x1, x2 = _cursor_x(line, a), _cursor_x(line, b)
                boxes.append((min(x1, x2), line.y(), abs(x2 - x1), line.height()))
    return tuple(boxes)


def _cursor_x(line: Any, index: int) -> float:
    result: Any = line.cursorToX(index)   # PySide6 returns (x, index)
    return float(result[0])
