"""Paints tickets as cards and turns taps on a card into bump / menu / touch signals.

Everything from HubRise is drawn as plain text (never rich text), after kds.kitchen.text removed
control, invisible and bidi characters; each network field is wrapped in its own direction
isolate (kds.kitchen.text.isolate) when lines are composed in kds.ui.board.layout.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui import theme
from kds.ui.board.layout import (
    GAP, NOTE_TAP_KINDS, Block, font_for, layout_body,
)
from kds.ui.board import body_paint
from kds.ui.board.continuation import Part, split_body
from kds.ui.board.model import TicketRole
from kds.ui.board.ticket import Thresholds, TicketView, ticket_timing
from kds.ui.i18n import translate

PAD = 12
BAND = 124          # coloured band: reference and menu button, then due line, then status
RUSH_ROW = 34       # a rushed ticket's header grows by a "⚑ RUSH" strip under the band
BUTTON = 68         # main button height (touch target ≥ 64 px)
MENU = 64           # "⋯" square
CONT_BAND = 40      # a continued ticket's later parts: "1042 cont." in a slim band
BAND_COMPACT = 84   # short columns (1024×600, 130 % text): status beside the number
MENU_COMPACT = 40   # the ⋯ button in a short column's band (the card's long press opens it too)
COMPACT_BELOW = 520  # column height under which the band goes compact
UNBOUNDED = 10**7   # the body is laid out whole; continuation decides where it breaks
LONG_PRESS_MS = 600
RUSH_LABEL = QT_TRANSLATE_NOOP("Ticket", "⚑ RUSH")
# The band has room for the short form of a HubRise change (the ticket body says it in full).
REMOTE_SHORT = {"cancelled": QT_TRANSLATE_NOOP("Ticket", "✖ CANCELLED"),
                "changed": QT_TRANSLATE_NOOP("Ticket", "✎ CHANGED")}
log = logging.getLogger(__name__)


class TicketDelegate(QStyledItemDelegate):
    """Card painter for TicketModel rows; emits order ids for the actions staff tap."""

    bumpClicked = Signal(str)
    menuClicked = Signal(str)
    cardTouched = Signal(str)
    moreClicked = Signal(str)     # the band or a detail line was tapped: open the whole order
    itemToggled = Signal(str, int)   # a cook ticked an item off (or back on)

    def __init__(self, parent: Any = None, *, width: int = 300, max_height: int = 900,
                 tz: tzinfo | None = None, thresholds: Thresholds | None = None) -> None:
        super().__init__(parent)
        self.card_width = width
        self.max_height = max_height
        self.band = BAND if max_height >= COMPACT_BELOW else BAND_COMPACT
        self.tz = tz
        self.thresholds = thresholds or Thresholds()
        self.now = datetime.now(timezone.utc)
        self._cache: dict[TicketView, list[Part]] = {}
        self.column_gap = 12   # between two columns' cards (TicketListView sets its spacing)
        self._press: tuple[str, int, QPoint] | None = None
        self.whole_notes = False   # the whole-order view shows every note in full

    # -- geometry -----------------------------------------------------------------------------
    def set_max_height(self, height: int) -> None:
        # Never taller than the column (1024×600 at 130% leaves ~300 px): a card cut by the
        # screen edge hides lines; what does not fit continues in the next column instead.
        height = max(BAND_COMPACT + BUTTON + 3 * PAD + 40, height)
        if height != self.max_height:
            self.max_height = height
            self.band = BAND if height >= COMPACT_BELOW else BAND_COMPACT
            self._cache.clear()

    def reconfigure(self, *, width: int, tz: tzinfo | None, thresholds: Thresholds) -> None:
        """New settings or a new location timezone: lay every card out again."""
        self.card_width, self.tz, self.thresholds = width, tz, thresholds
        self._cache.clear()

    def set_card_width(self, width: int) -> None:
        if width != self.card_width:
            self.card_width = width
            self._cache.clear()

    def parts(self, ticket: TicketView) -> list[Part]:
        """The ticket's body split into column-high parts (one part for most tickets)."""
        cached = self._cache.get(ticket)
        if cached is None:
            if len(self._cache) > 5000:   # old versions of tickets pile up over a service
                self._cache.clear()
            blocks, _ = layout_body(ticket, self.card_width - 2 * PAD, UNBOUNDED, self.tz,
                                    self.whole_notes)
            # Card: header, PAD, body, GAP, [PAD, button], PAD (as card_height adds it up).
            first = self.max_height - self.header_height(ticket) - BUTTON - 3 * PAD - GAP
            later = self.max_height - CONT_BAND - 2 * PAD - GAP
            cached = split_body(blocks, first, later)
            self._cache[ticket] = cached
        return cached

    def header_height(self, ticket: TicketView) -> int:
        """The band, plus the rush strip on a rushed ticket (the body starts below both)."""
        return self.band + RUSH_ROW if ticket.rushed else self.band

    def part_header(self, ticket: TicketView, index: int) -> int:
        return self.header_height(ticket) if index == 0 else CONT_BAND

    def card_height(self, ticket: TicketView) -> int:
        parts = self.parts(ticket)
        if len(parts) > 1:
            return self.max_height
        return min(self.max_height, self.header_height(ticket) + parts[0].height + GAP + BUTTON
                   + 3 * PAD)

    def span_width(self, ticket: TicketView) -> int:
        """A continued ticket takes one column per part, side by side."""
        count = len(self.parts(ticket))
        return count * self.card_width + (count - 1) * self.column_gap

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        ticket = index.data(TicketRole)
        if not isinstance(ticket, TicketView):
            return QSize(self.card_width, BAND)
        view = option.widget
        if view is not None and not view.isVisible():
            # A hidden view (the page being built, another tab) is laid out again when shown
            # (TicketListView.showEvent). Laying out 1,000 tickets for sizes about to change
            # tripled the cold start; nobody sees a hidden view's item sizes.
            return QSize(self.card_width, self.max_height)
        return QSize(self.span_width(ticket), self.card_height(ticket))

    def card_rect(self, item: QRect, ticket: TicketView) -> QRect:
        """The (first) card inside the view's item rectangle (which also holds the view's
        spacing), exactly as wide as the text was laid out for."""
        span = self.span_width(ticket)
        width, height = min(self.card_width, item.width()), min(self.card_height(ticket),
                                                                   item.height())
        return QRect(item.left() + max(0, item.width() - span) // 2,
                     item.top() + (item.height() - height) // 2, width, height)

    def part_rects(self, card: QRect, ticket: TicketView) -> list[QRect]:
        """Each part's card, left to right, from the first card's rectangle."""
        step = self.card_width + self.column_gap
        return [card.translated(index * step, 0) for index in range(len(self.parts(ticket)))]

    @staticmethod
    def menu_rect(card: QRect, size: int = MENU) -> QRect:
        return QRect(card.right() - PAD - size + 4, card.top() + 4, size, size)

    def _menu(self, card: QRect) -> QRect:
        """The ⋯ button; smaller in a short column's band so the due line gets the full width
        under it (a long press anywhere on the card opens the same menu)."""
        return self.menu_rect(card, MENU_COMPACT if self.band == BAND_COMPACT else MENU)

    @staticmethod
    def button_rect(card: QRect) -> QRect:
        return QRect(card.left() + PAD, card.bottom() - PAD - BUTTON + 1,
                     card.width() - 2 * PAD, BUTTON)

    # -- painting -----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        ticket = index.data(TicketRole)
        if not isinstance(ticket, TicketView):
            return
        card = self.card_rect(option.rect, ticket)
        painter.save()
        try:
            self._paint_card(painter, card, ticket,
                             bool(option.state & QStyle.StateFlag.State_Selected))
        except Exception:   # one odd ticket must not take the whole board (or Qt) down
            log.exception("could not paint ticket %s", ticket.order_id[:40])
        finally:
            painter.restore()

    def _paint_card(self, painter: QPainter, card: QRect, ticket: TicketView,
                    selected: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rects = self.part_rects(card, ticket)
        if len(rects) > 1:   # the last part is only as tall as what is left to read
            last = self.parts(ticket)[-1]
            rects[-1].setHeight(min(rects[-1].height(), CONT_BAND + last.height + GAP + 2 * PAD))
        for index, part in enumerate(rects):
            self._paint_frame(painter, part, ticket, selected)
            if index == 0:
                self._paint_band(painter, part, ticket)
            else:
                self._paint_cont_band(painter, part, ticket)
        lines = self.block_rects(card, ticket)
        for index, part in enumerate(rects):
            header = self.part_header(ticket, index)
            bottom = BUTTON if index == 0 else -PAD
            painter.setClipRect(QRect(part.left(), part.top() + header + PAD, part.width(),
                                      part.height() - header - bottom - 2 * PAD))
            for block, rect in lines:
                if part.left() <= rect.left() < part.right():
                    self._paint_block(painter, rect, block, block.item in ticket.checked)
            painter.setClipping(False)
        self._paint_button(painter, card, ticket)

    def _paint_cont_band(self, painter: QPainter, card: QRect, ticket: TicketView) -> None:
        """The header repeated small on a continued ticket's later parts: "1042 cont."."""
        band = QRect(card.left(), card.top(), card.width(), CONT_BAND)
        timing = ticket_timing(ticket, self.now, self.thresholds, self.tz)
        key = "header_done" if ticket.done else f"header_{timing.urgency}"
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color("remote" if ticket.remote_change else key))
        painter.drawRoundedRect(band, 10, 10)
        painter.drawRect(band.adjusted(0, CONT_BAND // 2, 0, 0))
        painter.setPen(QColor(theme.PALETTE.text))
        self._draw_line(painter, "more", band.adjusted(PAD, 0, -PAD, 0),
                        translate("Ticket", "{reference} cont.").format(reference=ticket.reference))

    def block_rects(self, card: QRect, ticket: TicketView) -> list[tuple[Block, QRect]]:
        """Each body line with the rectangle it is painted in, in every part of the ticket
        (`card` is the first part's card); also used to hit-test taps."""
        rects = []
        width = card.width() - 2 * PAD
        for index, (part, box) in enumerate(zip(self.parts(ticket),
                                                self.part_rects(card, ticket))):
            top = box.top() + self.part_header(ticket, index) + PAD
            rects += [(block, QRect(box.left() + PAD, top + block.top, width, block.height))
                      for block in part.blocks]
        return rects

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
        timing = ticket_timing(ticket, self.now, self.thresholds, self.tz)
        key = "header_done" if ticket.done else f"header_{timing.urgency}"
        band = QRect(card.left(), card.top(), card.width(), self.band)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color("remote" if ticket.remote_change else key))
        painter.drawRoundedRect(band, 10, 10)
        painter.drawRect(band.adjusted(0, self.band // 2, 0, 0))
        text_right = self._menu(card).left() - GAP
        left = card.left() + PAD
        painter.setPen(QColor(theme.PALETTE.text))
        reference = ("★ " if ticket.is_new and not ticket.done else "") + ticket.reference
        due_line = self._band_line(ticket, timing.icon, timing.due_text)
        mark = "✔" if ticket.confirmed else "⟳"   # HubRise has it / still on its way
        age = translate("Ticket", "age {age}").format(age=timing.age_text)
        status = age if ticket.done else f"{ticket.status_label} {mark} · {age}"
        if ticket.is_new and not ticket.done:
            status = translate("Ticket", "NEW · ") + status
        if self.band == BAND_COMPACT:
            # A short column: the status goes beside the number and the due line beside the
            # menu button. The number is never elided (it is what is called out).
            ref_width = min(QFontMetrics(font_for("ref")).horizontalAdvance(reference) + 2,
                            (text_right - left) * 2 // 3)
            self._draw_line(painter, "ref", QRect(left, card.top() + 2, ref_width, 42), reference)
            status_left = left + ref_width + 2 * GAP
            self._draw_line(painter, "status", QRect(status_left, card.top() + 2,
                                                     text_right - status_left, 42), status)
            # Under the small menu button: the due line gets the card's full width, never
            # elided into "due in 1…" (it is what the pass reads from across the kitchen).
            self._draw_line(painter, "timer", QRect(left, card.top() + 44,
                                                    card.width() - 2 * PAD, 36), due_line)
        else:
            self._draw_line(painter, "ref", QRect(left, card.top() + 4, text_right - left, 60),
                            reference)
            # The due line gets the card's full width, under the menu button: it is what the
            # pass reads from across the kitchen, so it must never be elided into "due in 4…".
            self._draw_line(painter, "timer", QRect(left, card.top() + 66,
                                                    card.width() - 2 * PAD, 34), due_line)
            self._draw_line(painter, "status", QRect(left, card.top() + 100,
                                                     card.width() - 2 * PAD, 22), status)
        if ticket.rushed:
            self._paint_rush(painter, card)
        menu = self._menu(card)
        painter.setBrush(QColor(0, 0, 0, 70))
        painter.setPen(QPen(QColor(255, 255, 255, 140), 2))
        painter.drawRoundedRect(menu.adjusted(4, 4, -4, -4), 8, 8)
        painter.setFont(font_for("button"))
        painter.setPen(QColor(theme.PALETTE.text))
        painter.drawText(menu, int(Qt.AlignmentFlag.AlignCenter), "⋯")

    def _paint_rush(self, painter: QPainter, card: QRect) -> None:
        """A strip under the band saying "⚑ RUSH": a word, so colour is never the only signal,
        dark on light so it reads whatever the band's urgency colour."""
        strip = QRect(card.left(), card.top() + self.band, card.width(), RUSH_ROW)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color("rush"))
        painter.drawRect(strip)
        painter.setPen(theme.color("rush_text"))
        self._draw_line(painter, "timer", strip.adjusted(PAD, 0, -PAD, 0),
                        translate("Ticket", RUSH_LABEL))

    @staticmethod
    def _band_line(ticket: TicketView, icon: str, due_text: str) -> str:
        if ticket.remote_change:
            short = REMOTE_SHORT.get(ticket.remote_change)
            return translate("Ticket", short) if short else ticket.remote_label
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

    _paint_block = staticmethod(body_paint.paint_block)
    paint_allergen_marks = staticmethod(body_paint.paint_allergen_marks)

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
        self.handle_tap(ticket, self.card_rect(option.rect, ticket), event.position().toPoint(),
                        long_press=bool(press and press[0] == ticket.order_id
                                        and event.timestamp() - press[1] >= LONG_PRESS_MS))
        return False   # let the view select the card too

    def handle_tap(self, ticket: TicketView, card: QRect, point: QPoint,
                   long_press: bool = False) -> None:
        """Route a tap at `point` on `card` to the matching action."""
        self.cardTouched.emit(ticket.order_id)
        if long_press or self._menu(card).contains(point):
            self.menuClicked.emit(ticket.order_id)
        elif ticket.main_label and self.button_rect(card).contains(point):
            self.bumpClicked.emit(ticket.order_id)
        else:
            block = self.block_at(card, ticket, point)
            if block is not None and block.item >= 0 and block.kind not in NOTE_TAP_KINDS:
                self.itemToggled.emit(ticket.order_id, block.item)   # a cook ticks it off
            elif block is not None or point.y() < card.top() + self.header_height(ticket):
                # The band, a note, the customer, the rider, the payment…: the whole order,
                # laid out like the ticket, every note in full, every action beside it.
                self.moreClicked.emit(ticket.order_id)

    def block_at(self, card: QRect, ticket: TicketView, point: QPoint) -> Block | None:
        for block, rect in self.block_rects(card, ticket):
            if rect.left() - PAD <= point.x() <= rect.right() + PAD and \
                    rect.top() <= point.y() <= rect.bottom() + GAP:
                return block
        return None

    def truncated(self, ticket: TicketView) -> bool:
        """Never since continuation: a long ticket flows on into the next column."""
        return False

    def continued(self, ticket: TicketView) -> bool:
        return len(self.parts(ticket)) > 1



