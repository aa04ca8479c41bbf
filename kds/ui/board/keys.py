"""Keyboard and bump-bar control of the board (a bump bar is a USB keyboard).

    ← → ↑ ↓       move the selection between tickets
    Enter, Space  bump the selected ticket (its main button: next status, recall, or "got it")
    Backspace, R  recall: undo the last bump while the undo bar shows, otherwise recall the
                  selected ticket on the Done today tab
    M             open the selected ticket's menu: the statuses that fit the order
                  (kds.kitchen.status_flow.allowed_transitions), rush
    P             rush the selected ticket (it goes first on Active, marked ⚑ RUSH), or
                  take the rush off; a kitchen-only priority, never sent to HubRise
    1 / 2 / 3     show Active / Scheduled / Done today
    Esc           mute the alert sound for 5 minutes, or un-mute (tickets stay highlighted)
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt

ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
TAB_KEYS = {Qt.Key.Key_1: "active", Qt.Key.Key_2: "scheduled", Qt.Key.Key_3: "done"}
BUMP_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
RECALL_KEYS = (Qt.Key.Key_Backspace, Qt.Key.Key_R)


class KeyedBoard(Protocol):
    """What the keys drive: the board screen (a Protocol, so keys and board import no circle)."""

    views: dict[str, Any]
    models: dict[str, Any]

    def current_tab(self) -> str: ...
    def show_tab(self, tab: str) -> None: ...
    def silence(self) -> None: ...
    def recall_last(self) -> bool: ...
    def selected_order_id(self) -> str | None: ...
    def ticket(self, order_id: str) -> Any: ...
    def press_main_button(self, order_id: str) -> None: ...
    def touch(self, order_id: str) -> None: ...
    def open_menu(self, order_id: str) -> None: ...
    def toggle_rush(self, order_id: str) -> None: ...


class BoardKeys:
    def __init__(self, board: KeyedBoard) -> None:
        self.board = board

    def handle(self, key: int) -> bool:
        """True when the key was a board command; arrows are left to the list view."""
        board = self.board
        view = board.views[board.current_tab()]
        if key in ARROWS:
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
                return True
            return False
        if key in TAB_KEYS:
            board.show_tab(TAB_KEYS[Qt.Key(key)])
            return True
        if key == Qt.Key.Key_Escape:
            board.silence()
            return True
        if key in RECALL_KEYS:
            self._recall()
            return True
        return self._ticket_key(key)

    def _recall(self) -> None:
        board = self.board
        if board.recall_last():
            return
        order_id = board.selected_order_id()
        ticket = board.ticket(order_id) if order_id else None
        if ticket is not None and ticket.main_action == "recall":
            board.press_main_button(ticket.order_id)

    def _ticket_key(self, key: int) -> bool:
        board = self.board
        order_id = board.selected_order_id()
        if order_id is None:
            return False
        if key in BUMP_KEYS:
            board.touch(order_id)
            board.press_main_button(order_id)
            self._reselect(order_id)
            return True
        if key == Qt.Key.Key_M:
            board.open_menu(order_id)
            return True
        if key == Qt.Key.Key_P:
            board.toggle_rush(order_id)   # the ticket moves; Qt keeps it selected
            return True
        return False

    def _reselect(self, order_id: str) -> None:
        """After a bump the ticket may leave; keep the selection near where it was."""
        board = self.board
        view = board.views[board.current_tab()]
        model = board.models[board.current_tab()]
        row = model.row_of(order_id)
        if row < 0:
            row = min(view.currentIndex().row(), model.rowCount() - 1)
        if row >= 0:
            view.setCurrentIndex(model.index(row, 0))
