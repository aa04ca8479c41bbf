"""The whole order, laid out like its ticket (issue 14: "not plain text"), with its actions.

The card is painted by the board's own TicketDelegate, tall enough never to continue, inside a
finger-scrollable area; taps go through the delegate too, so the main button, the menu and the
item ticks do here what they do on the board. The board connects `delegate`'s signals to the
same handlers as its own delegates (bumpClicked, menuClicked, itemToggled).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QScrollArea,
    QScroller,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kds.ui.board.delegate import UNBOUNDED, TicketDelegate
from kds.ui.board.model import TicketModel
from kds.ui.board.ticket import Thresholds, TicketView

CARD_WIDTH = 460   # wider than a board column: the whole order reads in one card


class TicketCanvas(QWidget):
    """One ticket card at full height, painted and tapped through a TicketDelegate."""

    def __init__(self, delegate: TicketDelegate, ticket: TicketView,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.delegate = delegate
        self.model = TicketModel(self)
        self.set_ticket(ticket)

    def set_ticket(self, ticket: TicketView) -> None:
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
    """The order's card, whole, scrollable by finger, with a Close button."""

    def __init__(self, ticket: TicketView, *, now: datetime, tz: tzinfo | None,
                 thresholds: Thresholds | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Order {ticket.reference}")
        self.delegate = TicketDelegate(self, width=CARD_WIDTH, max_height=UNBOUNDED, tz=tz,
                                       thresholds=thresholds)
        self.delegate.now = now
        self.canvas = TicketCanvas(self.delegate, ticket)
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        close = QPushButton("Close")
        close.setObjectName("primaryButton")
        close.setMinimumSize(160, 72)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)
        self.resize(CARD_WIDTH + 60, 640)

    def set_ticket(self, ticket: TicketView) -> None:
        """A refresh changed the order (a delivery update, a bump): show the new ticket."""
        self.canvas.set_ticket(ticket)
