"""The list view that lays tickets out as columns of cards, scrolling sideways."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QScroller

from kds.ui.board.delegate import TicketDelegate


class TicketListView(QListView):
    """Tickets flow top to bottom in columns, columns left to right; scrolls sideways."""

    def __init__(self, delegate: TicketDelegate, parent: Any = None) -> None:
        super().__init__(parent)
        self.min_card_width = delegate.card_width
        self.setItemDelegate(delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(6)
        # A continued ticket spans columns: its parts sit one column slot apart.
        delegate.column_gap = 2 * self.spacing()
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        delegate = self.itemDelegate()
        if isinstance(delegate, TicketDelegate):
            # The viewport is not resized yet here; derive its height from the new size.
            bar = self.horizontalScrollBar().sizeHint().height()
            usable = event.size().height() - bar - 2 * self.frameWidth()
            delegate.set_max_height(usable - 2 * self.spacing() - 4)
            delegate.set_card_width(self.card_width_for(event.size().width() - 2 * self.frameWidth()))
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.scheduleDelayedItemsLayout()  # sizes given while hidden were placeholders

    def card_width_for(self, width: int) -> int:
        """Whole columns only: cards widen a little so no ticket is cut at the right edge."""
        gap = self.spacing()   # QListView adds it on both sides of every item
        columns = max(1, (width - gap) // (self.min_card_width + 2 * gap))
        return max(self.min_card_width // 2, (width - gap) // columns - 2 * gap)
