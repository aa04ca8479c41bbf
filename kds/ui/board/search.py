"""Find an order: a touch search box (digits first) over Active, Scheduled and Done today.

Matching is kds.kitchen.search (collection code, HubRise id, customer name, phone). Choosing a
result shows its tab, selects its card and opens the whole order. Opened with QDialog.open()
(never exec()), like the board's other dialogs. Results are plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kds.kitchen.search import Searchable, find
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.board.tabs import TABS
from kds.ui.board.ticket import TicketView
from kds.ui.i18n import translate

TAB_LABELS = {"active": QT_TRANSLATE_NOOP("Search", "Active"),   # shown translated
              "scheduled": QT_TRANSLATE_NOOP("Search", "Scheduled"),
              "done": QT_TRANSLATE_NOOP("Search", "Done today")}
MAX_RESULTS = 30
KEY = 64   # a gloved finger's key
DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
Found = tuple[str, TicketView]   # (tab, ticket)


def _key(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumSize(KEY, KEY)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # the query box keeps the keyboard focus
    return button


def result_text(tab: str, ticket: TicketView) -> str:
    """ "4F2 · Léa Martin · Delivery · Active" (plain text, network fields already cleaned)."""
    where = translate("Search", TAB_LABELS[tab]) if tab in TAB_LABELS else tab
    parts = (ticket.reference, ticket.customer_name, ticket.service_label, where)
    return " · ".join(part for part in parts if part)


class SearchDialog(QDialog):
    """Type or tap a code, a name or a phone → pick a result → `orderChosen(tab, order_id)`."""

    orderChosen = Signal(str, str)

    def __init__(self, tickets: Callable[[], list[Found]], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Search", "Find an order"))
        self._tickets = tickets
        self.found: list[Found] = []
        self.query = QLineEdit()
        self.query.setPlaceholderText(translate("Search", "Code, name or phone"))
        self.query.setMinimumHeight(KEY)
        self.query.textChanged.connect(self._search)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setStyleSheet(f"QListWidget::item {{ min-height: {KEY}px; }}")  # touch rows
        self.results.itemClicked.connect(self._chosen)
        QScroller.grabGesture(self.results.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.keys = QStackedWidget()
        self.keys.addWidget(self._keypad((*DIGITS, "ABC", "0", "⌫"), columns=3))
        self.keys.addWidget(self._keypad((*LETTERS, "123", "␣", "⌫"), columns=6))
        close = _key(translate("Search", "Close"))
        close.clicked.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.query)
        left.addWidget(self.keys, 1)
        right = QVBoxLayout()
        right.addWidget(self.results, 1)
        right.addWidget(close)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 0)
        layout.addLayout(right, 1)
        self.resize(900, 520)

    def _keypad(self, keys: tuple[str, ...], columns: int) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setSpacing(6)
        for position, label in enumerate(keys):
            button = _key(label)
            button.clicked.connect(lambda _=False, text=label: self.press(text))
            grid.addWidget(button, position // columns, position % columns)
        return pad

    def press(self, key: str) -> None:
        """One key of the touch keypad."""
        if key == "⌫":
            self.query.backspace()
        elif key == "ABC":
            self.keys.setCurrentIndex(1)
        elif key == "123":
            self.keys.setCurrentIndex(0)
        else:
            self.query.insert(" " if key == "␣" else key)

    def _search(self, text: str) -> None:
        tickets = self._tickets()
        searchable = [Searchable(t.reference, t.order_id, t.customer_name, t.customer_phone)
                      for _, t in tickets]
        self.found = [tickets[index] for index in find(text, searchable)][:MAX_RESULTS]
        self.results.clear()
        for tab, ticket in self.found:
            item = QListWidgetItem(result_text(tab, ticket))
            item.setData(Qt.ItemDataRole.UserRole, (tab, ticket.order_id))
            self.results.addItem(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        tab, order_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        self.orderChosen.emit(tab, order_id)


def board_tickets(board: Any) -> list[Found]:
    """Every ticket the board holds, Active first, then Scheduled, then Done today."""
    return [(tab, ticket) for tab in TABS for ticket in board.models[tab].tickets()]


def open_search(board: Any) -> SearchDialog:
    """The search over `board` (a BoardScreen); choosing a result shows its tab, selects its
    card and opens the whole order (board.open_details)."""
    dialog = SearchDialog(lambda: board_tickets(board), board)
    dialog.orderChosen.connect(lambda tab, order_id: show_order(board, tab, order_id))
    dialog.open()
    dialog.query.setFocus()
    return dialog


def show_order(board: Any, tab: str, order_id: str) -> None:
    board.show_tab(tab)
    model, view = board.models[tab], board.views[tab]
    row = model.row_of(order_id)
    if row >= 0:
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        view.scrollTo(index)
    board.open_details(order_id)
