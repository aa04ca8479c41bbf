"""The accept-with-time chooser and the yes/no question (the ticket menu is kds.ui.board.menu).

Both are opened with QDialog.open() (never exec()): the board keeps running and tests drive
them without a nested event loop.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from kds.kitchen.accept import AcceptChoice, AcceptPlan, confirmed_time_note
from kds.ui.board.menu import TicketMenu, plain_label as _plain_label, touch_button as _button
from kds.ui.board.ticket import TicketView, format_clock
from kds.ui.i18n import translate

__all__ = ["AcceptDialog", "ConfirmDialog", "TicketMenu"]


class AcceptDialog(QDialog):
    """Accept an order and promise a time: `picked(order_id, choice)`; choice None = no time.

    The choices come from kds.kitchen.accept: relative to the customer's requested time for a
    pre-order, and for delivery the promise is the time at the door (ready + delivery time).
    """

    picked = Signal(str, object)

    def __init__(self, ticket: TicketView, plan: AcceptPlan, tz: tzinfo | None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Accept", "Accept order"))
        self.ticket, self.plan = ticket, plan
        layout = QVBoxLayout(self)
        self.requested_label = _plain_label(
            translate("Accept", "Customer asked for {clock}").format(
                clock=format_clock(plan.requested, tz)) if plan.requested
            else translate("Accept", "Customer asked for: as soon as possible"))
        self.note = _plain_label(confirmed_time_note(plan))
        title = translate("Accept", "Accept order {reference} — customer gets it at:") \
            if plan.relative_to_request else \
            translate("Accept", "Accept order {reference} — ready in:")
        layout.addWidget(_plain_label(title.format(reference=ticket.reference)))
        layout.addWidget(self.requested_label)
        row = QHBoxLayout()
        self.minute_buttons: dict[int, QPushButton] = {}
        for choice in plan.choices:
            text = f"{choice.label}\n{format_clock(choice.confirmed_time, tz)}"
            button = _button(text, "primaryButton")
            button.setMinimumWidth(120)
            button.clicked.connect(lambda _=False, c=choice: self.pick(c))
            self.minute_buttons[choice.key] = button
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.note)
        bottom = QHBoxLayout()
        self.no_time_button = _button(translate("Accept", "Accept, keep time"))
        self.no_time_button.clicked.connect(lambda: self.pick(None))
        cancel = _button(translate("Accept", "Back"))
        cancel.clicked.connect(self.reject)
        bottom.addWidget(cancel)
        bottom.addWidget(self.no_time_button)
        layout.addLayout(bottom)
        self.resize(900, 360)

    def pick(self, choice: AcceptChoice | None) -> None:
        self.picked.emit(self.ticket.order_id, choice)
        self.accept()


class ConfirmDialog(QDialog):
    """A yes/no question that says what will happen: `confirmed()` on the confirm button."""

    confirmed = Signal()

    def __init__(self, title: str, text: str, confirm_label: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = _plain_label(text)
        self.back_button = _button(translate("Menu", "Back"))
        self.confirm_button = _button(confirm_label, "dangerButton")
        self.back_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.resize(720, 300)

    def _confirm(self) -> None:
        self.confirmed.emit()
        self.accept()
