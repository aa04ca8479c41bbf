"""Ticket menu (any status, with confirmation and a reason; rush) and the accept-with-time chooser.

Both are opened with QDialog.open() (never exec()): the board keeps running and tests drive
them without a nested event loop.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QScroller, QStackedWidget, QVBoxLayout, QWidget,
)

from kds.hubrise.statuses import ANOMALY_STATUSES
from kds.kitchen.status_flow import allowed_transitions, revive_warning
from kds.kitchen.accept import AcceptChoice, AcceptPlan, confirmed_time_note
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.board.ticket import TicketView, format_clock, status_label
from kds.ui.i18n import translate

# A kitchen touchscreen rarely has a keyboard: one tap fills the usual reasons.
QUICK_REASONS = (QT_TRANSLATE_NOOP("Menu", "Out of stock"),
                 QT_TRANSLATE_NOOP("Menu", "Kitchen too busy"),
                 QT_TRANSLATE_NOOP("Menu", "Closing soon"),
                 QT_TRANSLATE_NOOP("Menu", "Customer asked"))


def _button(text: str, name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setMinimumSize(160, 72)
    if name:
        button.setObjectName(name)
    return button


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class TicketMenu(QDialog):
    """Choose a status → confirm with an optional reason → `chosen(order_id, status, reason)`.

    Rush is one tap, no confirmation: it only reorders this kitchen's screen and is undone the
    same way → `rushChosen(order_id, rush)`.
    """

    chosen = Signal(str, str, str, bool)   # order id, status, reason, send it to the customer
    dismissChange = Signal(str)
    rushChosen = Signal(str, bool)
    reprintChosen = Signal(str)            # print this ticket again (only with a printer)

    def __init__(self, ticket: TicketView, parent: Any = None, *,
                 can_reprint: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Menu", "Order menu"))
        self.ticket = ticket
        self.can_reprint = can_reprint
        self.status: str | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._confirm_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(960, 560)

    def _choice_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_plain_label(translate("Menu", "Order {reference} — {status}").format(
            reference=self.ticket.reference, status=self.ticket.status_label)))
        layout.addLayout(self._quick_row())
        layout.addLayout(self._status_grid())
        close = _button(translate("Menu", "Close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)
        return page

    def _quick_row(self) -> QHBoxLayout:
        """One-tap actions that need no confirmation, side by side to keep the menu short."""
        row = QHBoxLayout()
        if self.ticket.remote_change:
            dismiss = _button(translate("Menu", "✔ Seen: remove HubRise mark"), "primaryButton")
            dismiss.clicked.connect(self._dismiss)
            row.addWidget(dismiss)
        self.rush_button: QPushButton | None = None
        if not self.ticket.done:   # nothing left to hurry on a done order
            rushed = self.ticket.rush
            self.rush_button = _button(translate("Menu", "Remove rush") if rushed
                                       else translate("Menu", "⚑ Rush"),
                                       "" if rushed else "primaryButton")
            self.rush_button.clicked.connect(self._toggle_rush)
            row.addWidget(self.rush_button)
        self.reprint_button: QPushButton | None = None
        if self.can_reprint:   # also for a done order: a lost ticket is asked for afterwards too
            self.reprint_button = _button(translate("Menu", "🖶 Reprint"))
            self.reprint_button.clicked.connect(self._reprint)
            row.addWidget(self.reprint_button)
        return row

    def _status_grid(self) -> QGridLayout:
        grid = QGridLayout()
        self.status_buttons: dict[str, QPushButton] = {}
        # Only what fits this order: its service type's flow, no "New", no late reject.
        choices = allowed_transitions(self.ticket.status, self.ticket.service_type)
        for position, status in enumerate(choices):
            button = _button(_status_name(status),
                             "dangerButton" if status in ANOMALY_STATUSES else "")
            button.clicked.connect(lambda _=False, s=status: self.choose(s))
            self.status_buttons[status] = button
            grid.addWidget(button, position // 3, position % 3)
        return grid

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.question = _plain_label("")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Menu", "Reason (optional)"))
        self.reason.setMaxLength(200)
        # Off by default: a reason is a note for the kitchen unless staff choose to send it.
        self.send_reason = QCheckBox(translate("Menu", "Send to the customer"))
        self.send_reason.setMinimumHeight(56)
        self.send_reason.toggled.connect(self._show_where_reason_goes)
        self.reason_where = _plain_label("")
        self._show_where_reason_goes(False)
        chips = QGridLayout()
        self.reason_buttons: dict[str, QPushButton] = {}
        for position, reason in enumerate(QUICK_REASONS):
            words = translate("Menu", reason)   # sent as staff read it
            chip = _button(words)
            chip.clicked.connect(lambda _=False, r=words: self.reason.setText(r))
            self.reason_buttons[reason] = chip
            chips.addWidget(chip, position // 2, position % 2)
        buttons = QHBoxLayout()
        self.back_button = _button(translate("Menu", "Back"))
        self.confirm_button = _button(translate("Menu", "Confirm"), "dangerButton")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button)
        layout.addWidget(self.question)
        layout.addWidget(self.reason)
        layout.addLayout(chips)
        layout.addWidget(self.send_reason)
        layout.addWidget(self.reason_where)
        layout.addStretch(1)
        layout.addLayout(buttons)
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
        self.chosen.emit(self.ticket.order_id, self.status, self.reason.text().strip(),
                         self.send_reason.isChecked())
        self.accept()

    def _show_where_reason_goes(self, send: bool) -> None:
        self.reason_where.setText(
            translate("Menu", "The reason is sent to HubRise as the merchant's note: "
                              "the customer may see it.")
            if send else translate("Menu", "The reason is kept on this screen only."))

    def _toggle_rush(self) -> None:
        self.rushChosen.emit(self.ticket.order_id, not self.ticket.rush)
        self.accept()

    def _dismiss(self) -> None:
        self.dismissChange.emit(self.ticket.order_id)
        self.accept()

    def _reprint(self) -> None:
        self.reprintChosen.emit(self.ticket.order_id)
        self.accept()


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


class TicketDetails(QDialog):
    """The whole of a long order, as plain text, scrollable by finger."""

    def __init__(self, title: str, lines: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(lines))   # plain text: markup shows literally
        QScroller.grabGesture(self.text.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        close = _button(translate("Menu", "Close"), "primaryButton")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.resize(720, 640)
