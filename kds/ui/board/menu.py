"""What staff can do to one ticket besides its main button: any status that fits (confirmed, with
a reason), rush, reprint, "seen" on a HubRise change.

`TicketActions` is the panel itself; the ticket menu (`TicketMenu`, a dialog) and the whole-order
view (kds.ui.board.order_view) both show it, and the board wires either one to the same handlers
(StaffActions.wire_actions): one copy of what each button does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kds.hubrise.statuses import ANOMALY_STATUSES
from kds.kitchen.status_flow import allowed_transitions, revive_warning
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.board.ticket import TicketView, status_label
from kds.ui.i18n import translate

# A kitchen touchscreen rarely has a keyboard: one tap fills the usual reasons.
QUICK_REASONS = (QT_TRANSLATE_NOOP("Menu", "Out of stock"),
                 QT_TRANSLATE_NOOP("Menu", "Kitchen too busy"),
                 QT_TRANSLATE_NOOP("Menu", "Closing soon"),
                 QT_TRANSLATE_NOOP("Menu", "Customer asked"))

MENU_LABELS = {
    "rejected": QT_TRANSLATE_NOOP("Menu", "✖ Reject"),
    "cancelled": QT_TRANSLATE_NOOP("Menu", "✖ Cancel"),
    "delivery_failed": QT_TRANSLATE_NOOP("Menu", "✖ Delivery failed"),
    "new": QT_TRANSLATE_NOOP("Menu", "New"),
    "received": QT_TRANSLATE_NOOP("Menu", "Received"),
    "accepted": QT_TRANSLATE_NOOP("Menu", "Accepted"),
    "in_preparation": QT_TRANSLATE_NOOP("Menu", "Cooking"),
    "awaiting_shipment": QT_TRANSLATE_NOOP("Menu", "Ready to ship"),
    "awaiting_collection": QT_TRANSLATE_NOOP("Menu", "Ready to collect"),
    "in_delivery": QT_TRANSLATE_NOOP("Menu", "Out for delivery"),
    "completed": QT_TRANSLATE_NOOP("Menu", "Completed"),
}


def _status_name(status: str) -> str:
    label = MENU_LABELS.get(status)
    return translate("Menu", label) if label else status_label(status)


def touch_button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setMinimumSize(160, 72)
    if name:
        button.setObjectName(name)
    return button


def plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _grid(buttons: list[QPushButton], columns: int) -> QGridLayout:
    grid = QGridLayout()
    for position, button in enumerate(buttons):
        grid.addWidget(button, position // columns, position % columns)
    return grid


class TicketActions(QWidget):
    """Choose a status → confirm with an optional reason → `chosen(order_id, status, reason)`.

    Rush, reprint and "seen" are one tap, no confirmation → `rushChosen`, `reprintChosen`,
    `dismissChange`. `done` follows every action (a menu closes on it); `closeRequested` is the
    Close button. `columns`: buttons per row (the order view's narrow side panel has one).
    """

    chosen = Signal(str, str, str, bool)   # order id, status, reason, send it to the customer
    dismissChange = Signal(str)
    rushChosen = Signal(str, bool)
    reprintChosen = Signal(str)            # print this ticket again (only with a printer)
    done = Signal()
    closeRequested = Signal()

    def __init__(self, ticket: TicketView, parent: Any = None, *, can_reprint: bool = False,
                 columns: int = 3) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self.can_reprint = can_reprint
        self.columns = columns
        self.status: str | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._confirm_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def set_ticket(self, ticket: TicketView) -> None:
        """The order changed (a bump, a HubRise update): offer what fits it now."""
        if ticket == self.ticket:
            return
        self.ticket = ticket
        old = self.pages.widget(0)
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self.pages.insertWidget(0, self._choice_page())
        self.pages.setCurrentIndex(0)

    def _choice_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(translate("Menu", "Order {reference} — {status}").format(
            reference=self.ticket.reference, status=self.ticket.status_label)))
        layout.addLayout(_grid(self._quick_buttons(), self.columns))
        layout.addLayout(_grid(self._status_buttons(), self.columns))
        self.close_button = touch_button(translate("Menu", "Close"))
        self.close_button.clicked.connect(self.closeRequested)
        layout.addWidget(self.close_button)
        layout.addStretch(1)
        return page

    def _quick_buttons(self) -> list[QPushButton]:
        """One-tap actions that need no confirmation, side by side to keep the menu short."""
        buttons = []
        if self.ticket.remote_change:
            dismiss = touch_button(translate("Menu", "✔ Seen: remove HubRise mark"),
                                   "primaryButton")
            dismiss.clicked.connect(self._dismiss)
            buttons.append(dismiss)
        self.rush_button: QPushButton | None = None
        if not self.ticket.done:   # nothing left to hurry on a done order
            rushed = self.ticket.rush
            self.rush_button = touch_button(translate("Menu", "Remove rush") if rushed
                                            else translate("Menu", "⚑ Rush"),
                                            "" if rushed else "primaryButton")
            self.rush_button.clicked.connect(self._toggle_rush)
            buttons.append(self.rush_button)
        self.reprint_button: QPushButton | None = None
        if self.can_reprint:   # also for a done order: a lost ticket is asked for afterwards too
            self.reprint_button = touch_button(translate("Menu", "🖶 Reprint"))
            self.reprint_button.clicked.connect(self._reprint)
            buttons.append(self.reprint_button)
        return buttons

    def _status_buttons(self) -> list[QPushButton]:
        self.status_buttons: dict[str, QPushButton] = {}
        # Only what fits this order: its service type's flow, no "New", no late reject.
        for status in allowed_transitions(self.ticket.status, self.ticket.service_type):
            button = touch_button(_status_name(status),
                                  "dangerButton" if status in ANOMALY_STATUSES else "")
            button.clicked.connect(lambda _=False, s=status: self.choose(s))
            self.status_buttons[status] = button
        return list(self.status_buttons.values())

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.question = plain_label("")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Menu", "Reason (optional)"))
        self.reason.setMaxLength(200)
        # Off by default: a reason is a note for the kitchen unless staff choose to send it.
        self.send_reason = QCheckBox(translate("Menu", "Send to the customer"))
        self.send_reason.setMinimumHeight(56)
        self.send_reason.toggled.connect(self._show_where_reason_goes)
        self.reason_where = plain_label("")
        self._show_where_reason_goes(False)
        self.reason_buttons: dict[str, QPushButton] = {}
        for reason in QUICK_REASONS:
            words = translate("Menu", reason)   # sent as staff read it
            chip = touch_button(words)
            chip.clicked.connect(lambda _=False, r=words: self.reason.setText(r))
            self.reason_buttons[reason] = chip
        self.back_button = touch_button(translate("Menu", "Back"))
        self.confirm_button = touch_button(translate("Menu", "Confirm"), "dangerButton")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.confirm_button.clicked.connect(self.confirm)
        layout.addWidget(self.question)
        layout.addWidget(self.reason)
        layout.addLayout(_grid(list(self.reason_buttons.values()), min(2, self.columns)))
        layout.addWidget(self.send_reason)
        layout.addWidget(self.reason_where)
        layout.addStretch(1)
        layout.addLayout(_grid([self.back_button, self.confirm_button], min(2, self.columns)))
        return page

    def choose(self, status: str) -> None:
        self.status = status
        label = status_label(status)
        warning = revive_warning(self.ticket.status, status)
        question = translate("Menu", "Set order {reference} to {status}?").format(
            reference=self.ticket.reference, status=label)
        self.question.setText(question + (f"\n{warning}" if warning else ""))
        self.pages.setCurrentIndex(1)

    def confirm(self) -> None:
        if self.status is None:
            return
        order_id, status = self.ticket.order_id, self.status
        reason, send = self.reason.text().strip(), self.send_reason.isChecked()
        self.status = None
        self.reason.clear()   # the order view stays open: the next choice starts blank
        self.pages.setCurrentIndex(0)
        self.chosen.emit(order_id, status, reason, send)
        self.done.emit()

    def _show_where_reason_goes(self, send: bool) -> None:
        self.reason_where.setText(
            translate("Menu", "The reason is sent to HubRise as the merchant's note: "
                              "the customer may see it.")
            if send else translate("Menu", "The reason is kept on this screen only."))

    def _toggle_rush(self) -> None:
        self.rushChosen.emit(self.ticket.order_id, not self.ticket.rush)
        self.done.emit()

    def _dismiss(self) -> None:
        self.dismissChange.emit(self.ticket.order_id)
        self.done.emit()

    def _reprint(self) -> None:
        self.reprintChosen.emit(self.ticket.order_id)
        self.done.emit()


class TicketMenu(QDialog):
    """The ticket's ⋯ menu: its TicketActions in a dialog that closes after an action."""

    chosen = Signal(str, str, str, bool)
    dismissChange = Signal(str)
    rushChosen = Signal(str, bool)
    reprintChosen = Signal(str)

    def __init__(self, ticket: TicketView, parent: Any = None, *,
                 can_reprint: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Menu", "Order menu"))
        self.panel = TicketActions(ticket, self, can_reprint=can_reprint)
        for name in ("chosen", "dismissChange", "rushChosen", "reprintChosen"):
            getattr(self.panel, name).connect(getattr(self, name))
        self.panel.done.connect(self.accept)
        self.panel.closeRequested.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(960, 560)

    def __getattr__(self, name: str) -> Any:
        # The buttons and pages live in the panel (tests and the keys reach them as menu.*).
        actions = self.__dict__.get("panel")
        if actions is None:
            raise AttributeError(name)
        return getattr(actions, name)
