"""The whole order, laid out like its ticket (issue 14: "not plain text"), with its actions.

The card is painted by the board's own TicketDelegate, tall enough never to continue, inside a
finger-scrollable area; taps go through the delegate too, so the main button and the item ticks
do here what they do on the board. Beside it, the ticket menu's own panel (TicketActions) offers
every other action. The board opens it for a tap on a ticket's band or details, from search and
from the problems list (StaffActions.open_details), and wires both to its own handlers.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kds.ui.board.delegate import UNBOUNDED, TicketDelegate
from kds.ui.board.menu import TicketActions, touch_button
from kds.ui.board.model import TicketModel
from kds.ui.board.ticket import Thresholds, TicketView
from kds.ui.i18n import translate

CARD_WIDTH = 440     # wider than a board column: the whole order reads in one card
MIN_CARD_WIDTH = 240  # a small window (1024x600 at 130 % text, French): still one card
ACTIONS_WIDTH = 220  # the actions beside it, one touch button a row


class TicketCanvas(QWidget):
    """One ticket card at full height, painted and tapped through a TicketDelegate."""

    def __init__(self, delegate: TicketDelegate, ticket: TicketView,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.delegate = delegate
        self.model = TicketModel(self)
        self.set_ticket(ticket)

    def set_ticket(self, ticket: TicketView) -> None:
        if getattr(self, "ticket", None) == ticket:
            return
        self.ticket = ticket
        self.model.reset([ticket])
        self.setFixedSize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        return self.delegate.sizeHint(QStyleOptionViewItem(), self.model.index(0, 0))

    def option(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, self.width(), self.height())
        return option

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.delegate.paint(painter, self.option(), self.model.index(0, 0))
        finally:
            painter.end()

    def card(self) -> QRect:
        """Where the card is painted in this widget (taps are hit-tested against it)."""
        return self.delegate.card_rect(QRect(0, 0, self.width(), self.height()), self.ticket)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.delegate.handle_tap(self.ticket, self.card(), event.position().toPoint())


class OrderView(QDialog):
    """The order's card, whole and finger-scrollable, beside the ticket's actions (the menu's
    TicketActions, one button a row). The board wires `delegate` and `actions` to the same
    handlers as its cards and its menu (StaffActions.open_details)."""

    def __init__(self, ticket: TicketView, *, now: datetime, tz: tzinfo | None,
                 thresholds: Thresholds | None = None, can_reprint: bool = False,
                 max_width: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.order_id = ticket.order_id
        self.panel = TicketActions(ticket, can_reprint=can_reprint, columns=1)
        self.panel.closeRequested.connect(self.accept)
        self.actions_area = _finger_scrolled(self.panel)
        self.actions_area.setWidgetResizable(True)
        self.actions_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QHBoxLayout(self)
        self.ensurePolished()
        self.actions_area.ensurePolished()
        # The actions as wide as their longest words (French, 130 % text), never squeezed;
        # the card takes what is left of the window, up to CARD_WIDTH.
        scroll = _scroll_room(self.actions_area)   # the card's area is styled the same
        actions_width = max(ACTIONS_WIDTH, self.panel.sizeHint().width()) + scroll
        margins = layout.contentsMargins()
        gaps = margins.left() + margins.right() + layout.spacing()
        room = (max_width or 10**4) - actions_width - gaps - scroll
        self.delegate = TicketDelegate(self, width=max(MIN_CARD_WIDTH, min(CARD_WIDTH, room)),
                                       max_height=UNBOUNDED, tz=tz, thresholds=thresholds)
        self.delegate.now = now
        self.delegate.whole_notes = True
        # The ⋯ on the card: the actions are already beside it; show their first page.
        self.delegate.menuClicked.connect(lambda _id: self.panel.pages.setCurrentIndex(0))
        self.canvas = TicketCanvas(self.delegate, ticket)
        self.card_area = _finger_scrolled(self.canvas)
        self.card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_area.setMinimumWidth(self.canvas.width() + _scroll_room(self.card_area))
        self.actions_area.setMinimumWidth(actions_width)
        # The card's big button again, always in reach when the card is taller than the screen:
        # it sends the card's own signal, so the board handles it as a tap on the card.
        self.main_button = touch_button("", "primaryButton")
        self.main_button.clicked.connect(
            lambda: self.delegate.bumpClicked.emit(self.canvas.ticket.order_id))
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.main_button)
        side.addWidget(self.actions_area, 1)
        layout.addWidget(self.card_area, 0)
        layout.addLayout(side, 1)
        self._show_main_button(ticket)
        self._show_title(ticket)
        self.resize(self.card_area.minimumWidth() + actions_width + gaps, 700)

    def _show_main_button(self, ticket: TicketView) -> None:
        arrow = {"recall": "↶ ", "dismiss": ""}.get(ticket.main_action, "▶ ")
        self.main_button.setText(arrow + ticket.main_label if ticket.main_label else "")
        self.main_button.setVisible(bool(ticket.main_label))

    def _show_title(self, ticket: TicketView) -> None:
        self.setWindowTitle(translate("Undo", "Order {reference}").format(
            reference=ticket.reference))

    def set_ticket(self, ticket: TicketView) -> None:
        """A refresh changed the order (a bump, a delivery update): show the new ticket and the
        actions that fit it now."""
        self.canvas.set_ticket(ticket)
        self.panel.set_ticket(ticket)
        self._show_main_button(ticket)
        self._show_title(ticket)

    def set_now(self, now: datetime) -> None:
        self.delegate.now = now
        self.canvas.update()


def _scroll_room(area: QScrollArea) -> int:
    """What a scroll area takes beside its content: the scroll bar and the frame."""
    return area.verticalScrollBar().sizeHint().width() + 2 * area.frameWidth() + 2


def _finger_scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area
