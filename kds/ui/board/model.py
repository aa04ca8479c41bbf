"""A list model of TicketViews that applies changes row by row (no reset on every refresh)."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from kds.ui.board.ticket import TicketView

TicketRole = int(Qt.ItemDataRole.UserRole) + 1
OrderIdRole = TicketRole + 1

Index = QModelIndex | QPersistentModelIndex


class TicketModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tickets: list[TicketView] = []
        self._rows: dict[str, int] = {}

    # -- Qt interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._tickets)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tickets):
            return None
        ticket = self._tickets[index.row()]
        if role == TicketRole:
            return ticket
        if role == OrderIdRole:
            return ticket.order_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{ticket.reference} {ticket.service_label} {ticket.status_label}"
        return None

    # -- board interface ----------------------------------------------------------------------
    def tickets(self) -> list[TicketView]:
        return list(self._tickets)

    def ticket(self, order_id: str) -> TicketView | None:
        row = self._rows.get(order_id)
        return None if row is None else self._tickets[row]

    def row_of(self, order_id: str) -> int:
        return self._rows.get(order_id, -1)

    def reset(self, tickets: Sequence[TicketView]) -> None:
        self.beginResetModel()
        self._tickets = list(tickets)
        self._reindex()
        self.endResetModel()

    def update_ticket(self, ticket: TicketView) -> bool:
        """Replace one ticket in place; False when it is not on this board."""
        row = self._rows.get(ticket.order_id)
        if row is None:
            return False
        if self._tickets[row] != ticket:
            self._tickets[row] = ticket
            index = self.index(row)
            self.dataChanged.emit(index, index)
        return True

    def set_tickets(self, tickets: Sequence[TicketView]) -> None:
        """Make the model equal to `tickets` (already in display order) with minimal signals."""
        wanted = {ticket.order_id for ticket in tickets}
        if not self._tickets or not wanted:
            self.reset(tickets)
            return
        self._remove_missing(wanted)
        for position, ticket in enumerate(tickets):
            self._place(position, ticket)

    def _remove_missing(self, wanted: set[str]) -> None:
        for row in range(len(self._tickets) - 1, -1, -1):
            if self._tickets[row].order_id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._tickets[row]
                self.endRemoveRows()
        self._reindex()

    def _place(self, position: int, ticket: TicketView) -> None:
        current = self._rows.get(ticket.order_id)
        if current is None:
            self.beginInsertRows(QModelIndex(), position, position)
            self._tickets.insert(position, ticket)
            self.endInsertRows()
            self._reindex(position)
            return
        if current != position:
            # Qt's move destination is "before row N", counted before the removal.
            self.beginMoveRows(QModelIndex(), current, current, QModelIndex(), position)
            self._tickets.insert(position, self._tickets.pop(current))
            self.endMoveRows()
            self._reindex(min(current, position))
        self.update_ticket(ticket)

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._rows = {}
        for row in range(start, len(self._tickets)):
            self._rows[self._tickets[row].order_id] = row
