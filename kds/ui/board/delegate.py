"""Paints tickets as cards and turns taps on a card into bump / menu / touch signals.

Everything from HubRise is drawn with QPainter.drawText (plain text, never rich text), after
kds.ui.board.ticket.clean_text removed control and bidi-override characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kds.ui import theme
from kds.ui.board.model import TicketRole
from kds.ui.board.ticket import (
    Thresholds, TicketView, format_clock, ticket_timing,
)

PAD = 12
BAND = 96           # coloured header band: reference, status, timer, menu button
BUTTON = 68         # main button height (touch target ≥ 64 px)
MENU = 64           # "⋯" square
GAP = 6
LONG_PRESS_MS = 600
WRAP = int(Qt.TextFlag.TextWordWrap)

_FONT_SPEC = {
    "ref": (34, True), "status": (18, True), "timer": (22, True), "service": (22, True),
    "body": (20, False), "item": (24, True), "option": (20, False), "note": (21, True),
    "badge": (19, True), "button": (26, True), "more": (20, True),
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


def _height(kind: str, text: str, width: int) -> int:
    metrics = QFontMetrics(font_for(_font_key(kind)))
    rect = metrics.boundingRect(QRect(0, 0, max(20, width), 100_000), WRAP, text)
    return rect.height()


def _font_key(kind: str) -> str:
    return {"customer": "body", "remote": "badge", "problem": "badge", "sync": "badge",
            "cnote": "note", "deal": "option", "removed": "item", "inote": "option",
            "snote": "body", "more": "more"}.get(kind, kind)


def _body_lines(ticket: TicketView, tz: tzinfo | None) -> list[tuple[str, str, int, str]]:
    """(kind, text, indent, prefix) in reading order, before any height is known."""
    lines: list[tuple[str, str, int, str]] = []
    times = _times_text(ticket, tz)
    lines.append(("service", ticket.service_label + (f"  ·  {times}" if times else ""), 0, ""))
    who = "  ".join(part for part in (ticket.customer_name, ticket.customer_phone) if part)
    if who:
        lines.append(("customer", who, 0, ""))
    for kind, text in (("remote", ticket.remote_label), ("problem", ticket.problem_text),
                       ("sync", ticket.sync_badge)):
        if text:
            lines.append((kind, text, 0, ""))
    if ticket.customer_notes:
        lines.append(("cnote", "✍ " + ticket.customer_notes, 0, ""))
    lines.extend(_item_lines(ticket))
    if ticket.seller_notes:
        lines.append(("snote", "Note: " + ticket.seller_notes, 0, ""))
    return lines


def _item_lines(ticket: TicketView) -> list[tuple[str, str, int, str]]:
    lines: list[tuple[str, str, int, str]] = []
    for item in ticket.items:
        if item.deal_label:
            lines.append(("deal", "◆ " + item.deal_label, 0, ""))
        lines.append(("item", item.name, 52, f"{item.quantity}×"))
        for group in item.groups:
            label = f"{group.list_name}: " if group.list_name else ""
            lines.append(("option", label + ", ".join(group.names), 52, ""))
        for name in item.removed:
            lines.append(("removed", name, 52, "NO"))
        if item.notes:
            lines.append(("inote", "“" + item.notes + "”", 52, ""))
    return lines


def _times_text(ticket: TicketView, tz: tzinfo | None) -> str:
    expected = format_clock(ticket.expected_time, tz)
    confirmed = format_clock(ticket.confirmed_time, tz)
    if confirmed and expected and confirmed != expected:
        return f"for {expected} → {confirmed} ✔"
    if confirmed:
        return f"for {confirmed} ✔"
    return f"for {expected}" if expected else ""


def fit_words(text: str, kind: str, width: int) -> str:
    """Break words wider than the card (a 5,000-letter word, a URL) with invisible break points,
    so word-wrapping never spills out of the card; normal words keep wrapping whole."""
    metrics = QFontMetrics(font_for(_font_key(kind)))
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


def layout_body(ticket: TicketView, width: int, max_height: int,
                tz: tzinfo | None) -> tuple[list[Block], int]:
    """Blocks that fit in max_height; overflowing items collapse into a '+ N more' line."""
    blocks: list[Block] = []
    top = 0
    lines = _body_lines(ticket, tz)
    more_height = _height("more", "+ 99 more lines", width)
    for position, (kind, text, indent, prefix) in enumerate(lines):
        text_width = width - indent - (_prefix_width(prefix) if kind == "removed" else 0)
        box = 12 if kind == "cnote" else 0   # the note's yellow box has an inner margin
        text = fit_words(text, kind, text_width - box - 2)
        height = _height(kind, text, text_width - box) + (8 if kind == "cnote" else 0)
        remaining = len(lines) - position
        if top + height + GAP > max_height - (more_height if remaining > 1 else 0):
            blocks.append(Block("more", f"+ {remaining} more — tap", top, more_height))
            return blocks, top + more_height + GAP
        blocks.append(Block(kind, text, top, height, indent, prefix))
        top += height + (2 if kind in ("option", "removed", "inote") else GAP)
    return blocks, top


def ticket_lines(ticket: TicketView, tz: tzinfo | None) -> list[str]:
    """The whole ticket as plain text lines (for the detail view of a long order)."""
    lines = [f"{ticket.reference} — {ticket.status_label}"]
    for kind, text, indent, prefix in _body_lines(ticket, tz):
        pad = "      " if indent and kind != "item" else ""
        lines.append(f"{pad}{prefix} {text}".rstrip() if prefix else f"{pad}{text}")
    return lines


def _prefix_width(prefix: str) -> int:
    return QFontMetrics(font_for("item")).horizontalAdvance(prefix + " ") if prefix else 0


class TicketDelegate(QStyledItemDelegate):
    """Card painter for TicketModel rows; emits order ids for the actions staff tap."""

    bumpClicked = Signal(str)
    menuClicked = Signal(str)
    cardTouched = Signal(str)
    moreClicked = Signal(str)     # the card was cut short: show the whole order

    def __init__(self, parent: Any = None, *, width: int = 300, max_height: int = 900,
                 tz: tzinfo | None = None, thresholds: Thresholds | None = None) -> None:
        super().__init__(parent)
        self.card_width = width
        self.max_height = max_height
        self.tz = tz
        self.thresholds = thresholds or Thresholds()
        self.now = datetime.now(timezone.utc)
        self._cache: dict[TicketView, tuple[list[Block], int]] = {}
        self._press: tuple[str, int, QPoint] | None = None

    # -- geometry -----------------------------------------------------------------------------
    def set_max_height(self, height: int) -> None:
        height = max(BAND + BUTTON + 120, height)
        if height != self.max_height:
            self.max_height = height
            self._cache.clear()

    def _layout(self, ticket: TicketView) -> tuple[list[Block], int]:
        cached = self._cache.get(ticket)
        if cached is None:
            if len(self._cache) > 5000:   # old versions of tickets pile up over a service
                self._cache.clear()
            body_max = self.max_height - BAND - BUTTON - 3 * PAD
            cached = layout_body(ticket, self.card_width - 2 * PAD, body_max, self.tz)
            self._cache[ticket] = cached
        return cached

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        ticket = index.data(TicketRole)
        if not isinstance(ticket, TicketView):
            return QSize(self.card_width, BAND)
        _, body = self._layout(ticket)
        return QSize(self.card_width, min(self.max_height, BAND + body + BUTTON + 3 * PAD))

    @staticmethod
    def menu_rect(card: QRect) -> QRect:
        return QRect(card.right() - PAD - MENU + 4, card.top() + 4, MENU, MENU)

    @staticmethod
    def button_rect(card: QRect) -> QRect:
        return QRect(card.left() + PAD, card.bottom() - PAD - BUTTON + 1,
                     card.width() - 2 * PAD, BUTTON)

    # -- painting -----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        ticket = index.data(TicketRole)
        if not isinstance(ticket, TicketView):
            return
        card = option.rect.adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_frame(painter, card, ticket, bool(option.state & QStyle.StateFlag.State_Selected))
        self._paint_band(painter, card, ticket)
        blocks, _ = self._layout(ticket)
        body_top = card.top() + BAND + PAD
        painter.setClipRect(QRect(card.left(), body_top, card.width(),
                                  card.height() - BAND - BUTTON - 2 * PAD))
        for block in blocks:
            self._paint_block(painter, card.left() + PAD, body_top, card.width() - 2 * PAD, block)
        painter.setClipping(False)
        self._paint_button(painter, card, ticket)
        painter.restore()

    def _paint_frame(self, painter: QPainter, card: QRect, ticket: TicketView,
                     selected: bool) -> None:
        fill = theme.PALETTE.card_done if ticket.done else theme.PALETTE.card
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PALETTE.card_selected if selected else fill))
        painter.drawRoundedRect(card, 10, 10)
        outline = None
        if ticket.remote_change:
            outline = theme.PALETTE.remote
        elif ticket.is_new and not ticket.done:
            outline = theme.PALETTE.new_glow
        if selected:
            outline = "#ffffff"
        if outline:
            painter.setPen(QPen(QColor(outline), 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(3, 3, -3, -3), 9, 9)

    def _paint_band(self, painter: QPainter, card: QRect, ticket: TicketView) -> None:
        timing = ticket_timing(ticket, self.now, self.thresholds)
        key = "header_done" if ticket.done else f"header_{timing.urgency}"
        band = QRect(card.left(), card.top(), card.width(), BAND)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color("remote" if ticket.remote_change else key))
        painter.drawRoundedRect(band, 10, 10)
        painter.drawRect(band.adjusted(0, BAND // 2, 0, 0))
        text_right = self.menu_rect(card).left() - GAP
        left = card.left() + PAD
        painter.setPen(QColor(theme.PALETTE.text))
        self._draw_line(painter, "ref", QRect(left, card.top() + 4, text_right - left, 42),
                        ("★ " if ticket.is_new and not ticket.done else "") + ticket.reference)
        self._draw_line(painter, "timer", QRect(left, card.top() + 48, text_right - left, 28),
                        self._band_line(ticket, timing.icon, timing.due_text))
        mark = "✔" if ticket.confirmed else "⟳"   # HubRise has it / still on its way
        status = f"age {timing.age_text}" if ticket.done else \
            f"{ticket.status_label} {mark} · age {timing.age_text}"
        if ticket.is_new and not ticket.done:
            status = "NEW · " + status
        self._draw_line(painter, "status", QRect(left, card.top() + 72, card.width() - 2 * PAD, 22),
                        status)
        menu = self.menu_rect(card)
        painter.setBrush(QColor(0, 0, 0, 70))
        painter.setPen(QPen(QColor(255, 255, 255, 140), 2))
        painter.drawRoundedRect(menu.adjusted(4, 4, -4, -4), 8, 8)
        painter.setFont(font_for("button"))
        painter.setPen(QColor(theme.PALETTE.text))
        painter.drawText(menu, int(Qt.AlignmentFlag.AlignCenter), "⋯")

    @staticmethod
    def _band_line(ticket: TicketView, icon: str, due_text: str) -> str:
        if ticket.remote_change:
            return ticket.remote_label.replace(" BY HUBRISE", "")
        if ticket.done:
            return f"{ticket.status_label} {'✔' if ticket.confirmed else '⟳'}"
        return f"{icon} {due_text}"

    @staticmethod
    def _draw_line(painter: QPainter, font_key: str, rect: QRect, text: str) -> None:
        font = font_for(font_key)
        painter.setFont(font)
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         elided)

    def _paint_block(self, painter: QPainter, left: int, top: int, width: int,
                     block: Block) -> None:
        rect = QRect(left + block.indent, top + block.top, width - block.indent, block.height)
        painter.setFont(font_for(_font_key(block.kind)))
        flags = WRAP | int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if block.kind == "item":
            painter.setPen(QColor(theme.PALETTE.text))
            painter.drawText(QRect(left, rect.top(), block.indent - 4, block.height),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), block.prefix)
        elif block.kind == "removed":
            self._paint_removed(painter, rect, block, flags)
            return
        elif block.kind == "cnote":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.PALETTE.note_bg))
            painter.drawRoundedRect(rect, 6, 6)
            rect = rect.adjusted(6, 4, -6, -4)
        elif block.kind in ("remote", "problem", "sync"):
            self._paint_badge_fill(painter, rect, block.kind)
        painter.setPen(QColor(_TEXT_COLOURS.get(block.kind, theme.PALETTE.text)))
        painter.drawText(rect, flags, block.text)

    def _paint_removed(self, painter: QPainter, rect: QRect, block: Block, flags: int) -> None:
        # "NO" stays readable; the option name itself is struck out.
        painter.setPen(QColor(theme.PALETTE.removed))
        prefix_width = _prefix_width(block.prefix)
        painter.drawText(rect, flags, block.prefix)
        struck = QFont(font_for("item"))
        struck.setStrikeOut(True)
        struck.setBold(False)
        painter.setFont(struck)
        painter.drawText(rect.adjusted(prefix_width, 0, 0, 0), flags, block.text)

    @staticmethod
    def _paint_badge_fill(painter: QPainter, rect: QRect, kind: str) -> None:
        colour = {"remote": theme.PALETTE.remote, "problem": theme.PALETTE.problem,
                  "sync": theme.PALETTE.badge_pending}[kind]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(rect.adjusted(-4, 0, 4, 0), 5, 5)

    def _paint_button(self, painter: QPainter, card: QRect, ticket: TicketView) -> None:
        if not ticket.main_label:
            return
        rect = self.button_rect(card)
        fill, arrow = {"recall": (theme.PALETTE.menu_button, "↶ "),
                       "dismiss": (theme.PALETTE.remote, "")}.get(
            ticket.main_action, (theme.PALETTE.button, "▶ "))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setFont(font_for("button"))
        painter.setPen(QColor(theme.PALETTE.button_text))
        text = QFontMetrics(font_for("button")).elidedText(
            arrow + ticket.main_label, Qt.TextElideMode.ElideRight, rect.width() - 16)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    # -- interaction --------------------------------------------------------------------------
    def editorEvent(self, event: QEvent, model: Any, option: QStyleOptionViewItem,  # noqa: N802
                    index: QModelIndex) -> bool:
        ticket = index.data(TicketRole)
        if not isinstance(ticket, TicketView) or not isinstance(event, QMouseEvent):
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press = (ticket.order_id, event.timestamp(), event.position().toPoint())
            return False
        if event.type() != QEvent.Type.MouseButtonRelease:
            return False
        press, self._press = self._press, None
        self.handle_tap(ticket, option.rect.adjusted(2, 2, -2, -2), event.position().toPoint(),
                        long_press=bool(press and press[0] == ticket.order_id
                                        and event.timestamp() - press[1] >= LONG_PRESS_MS))
        return False   # let the view select the card too

    def handle_tap(self, ticket: TicketView, card: QRect, point: QPoint,
                   long_press: bool = False) -> None:
        """Route a tap at `point` on `card` to the matching action."""
        self.cardTouched.emit(ticket.order_id)
        if long_press or self.menu_rect(card).contains(point):
            self.menuClicked.emit(ticket.order_id)
        elif ticket.main_label and self.button_rect(card).contains(point):
            self.bumpClicked.emit(ticket.order_id)
        elif self.truncated(ticket) and point.y() > card.top() + BAND:
            self.moreClicked.emit(ticket.order_id)

    def truncated(self, ticket: TicketView) -> bool:
        blocks, _ = self._layout(ticket)
        return bool(blocks) and blocks[-1].kind == "more"


_TEXT_COLOURS = {
    "customer": theme.PALETTE.muted, "cnote": theme.PALETTE.note_text,
    "deal": theme.PALETTE.option_list, "option": theme.PALETTE.option_list,
    "inote": theme.PALETTE.note_bg, "snote": theme.PALETTE.muted, "more": theme.PALETTE.problem,
    "problem": "#1b1b1b",
}
