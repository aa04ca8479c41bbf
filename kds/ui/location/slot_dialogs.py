"""Overlays of the week editor: change one slot, or move the cutoff time (with its warning)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kds.hubrise.rules import validate_opening_hours
from kds.kitchen.hours import Week, day_label, after_midnight, cutoff_warning
from kds.ui.location.time_picker import Overlay, TimePicker, touch_button
from kds.ui.location.widgets import plain_label
from kds.ui.i18n import translate


class SlotEditor(Overlay):
    """Opens / Closes pickers for one slot; says in words whether it fits the business day."""

    done = Signal(str, int, str, str)   # day, index, from, to
    removed = Signal(str, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.day, self.index, self.cutoff = "monday", 0, "06:00"
        self.others: list[dict[str, str]] = []
        self.title = plain_label("", "overlayTitle")
        self.card_layout.addWidget(self.title)
        pickers = QHBoxLayout()
        self.opens = TimePicker(translate("Hours", "Opens"))
        self.closes = TimePicker(translate("Hours", "Closes"))
        pickers.addWidget(self.opens)
        pickers.addSpacing(30)
        pickers.addWidget(self.closes)
        self.card_layout.addLayout(pickers)
        self.hint = plain_label("", "overlayHint", wrap=True)
        self.card_layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.remove_button = touch_button(translate("Hours", "Remove slot"), name="dangerButton")
        self.cancel_button = touch_button(translate("Hours", "Cancel"))
        self.ok_button = touch_button(translate("Hours", "Done"), name="primaryButton")
        self.remove_button.clicked.connect(self._remove)
        self.cancel_button.clicked.connect(self.hide)
        self.ok_button.clicked.connect(self._done)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.card_layout.addLayout(buttons)
        self.opens.changed.connect(lambda _v: self._update_hint())
        self.closes.changed.connect(lambda _v: self._update_hint())

    def edit(self, day: str, index: int, slots: list[dict[str, str]], cutoff: str) -> None:
        self.day, self.index, self.cutoff = day, index, cutoff
        self.others = [dict(s) for s in slots]
        slot = slots[index]
        self.title.setText(translate("Hours", "{day} — opening slot {number}").format(
            day=day_label(day), number=index + 1))
        self.opens.set_value(slot.get("from", "12:00"))
        self.closes.set_value(slot.get("to", "14:00"))
        self._update_hint()
        self.popup()

    def _update_hint(self) -> None:
        slot = {"from": self.opens.value(), "to": self.closes.value()}
        day = list(self.others)
        if self.index < len(day):
            day[self.index] = slot
        problems = [e.message for e in validate_opening_hours({self.day: day}, self.cutoff)
                    if e.field.startswith(f"opening_hours.{self.day}[{self.index}]")
                    or e.field.startswith(f"opening_hours.{self.day}[") and
                    f"time slot {self.index}" in e.message]
        if problems:
            self.hint.setText("⚠ " + " ".join(problems))
            self.hint.setStyleSheet("color: #f39c12;")
        elif after_midnight(slot, self.cutoff):
            self.hint.setText(translate(
                "Hours", "Closes after midnight: still {day}'s business day, because {closes} "
                         "is before the cutoff {cutoff}.").format(
                day=day_label(self.day), closes=slot["to"], cutoff=self.cutoff))
            self.hint.setStyleSheet("color: #8fb8de;")
        else:
            self.hint.setText(f"✔ {slot['from']} – {slot['to']}")
            self.hint.setStyleSheet("color: #7bd88f;")

    def _done(self) -> None:
        self.hide()
        self.done.emit(self.day, self.index, self.opens.value(), self.closes.value())

    def _remove(self) -> None:
        self.hide()
        self.removed.emit(self.day, self.index)


class CutoffEditor(Overlay):
    """The business day's start, with a warning about what moving it changes."""

    done = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.old, self.week = "06:00", {}
        self.card.setMaximumWidth(760)  # one picker: a narrow card reads better than a wide one
        title = translate("Hours", "Cutoff time — when the business day starts")
        self.card_layout.addWidget(plain_label(title, "overlayTitle"))
        self.picker = TimePicker(translate("Hours", "Business day starts at"))
        self.card_layout.addWidget(self.picker)
        self.warning = plain_label("", "overlayHint", wrap=True)
        self.warning.setStyleSheet("color: #f39c12;")
        self.card_layout.addWidget(self.warning)
        buttons = QHBoxLayout()
        self.cancel_button = touch_button(translate("Hours", "Cancel"))
        self.ok_button = touch_button(translate("Hours", "Use this cutoff"), name="primaryButton")
        self.cancel_button.clicked.connect(self.hide)
        self.ok_button.clicked.connect(self._done)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.card_layout.addLayout(buttons)
        self.picker.changed.connect(self._update_warning)

    def edit(self, cutoff: str, week: Week) -> None:
        self.old, self.week = cutoff, week
        self.picker.set_value(cutoff)
        self._update_warning(cutoff)
        self.popup()

    def _update_warning(self, value: str) -> None:
        self.warning.setText(cutoff_warning(self.old, value, self.week))

    def _done(self) -> None:
        self.hide()
        self.done.emit(self.picker.value())
