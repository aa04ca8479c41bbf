"""A time of day chosen with fingers: big hour steppers and quarter-hour buttons, no typing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from kds.hubrise.rules import hhmm_to_minutes
from kds.kitchen.hours import STEP_MINUTES, shift_time
from kds.ui.theme import TOUCH

QUARTERS = tuple(range(0, 60, STEP_MINUTES))


def touch_button(text: str, *, checkable: bool = False, name: str = "") -> QPushButton:
    button = QPushButton(text)
    # Height only: an explicit minimum width (setMinimumWidth or a style sheet min-width)
    # overrides the size hint, and a layout then squeezed the text out of the button.
    button.setMinimumHeight(TOUCH)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap must not leave a focus ring behind
    if name:
        button.setObjectName(name)
    return button


class TimePicker(QWidget):
    """HH:mm in 15-minute steps: [−1 h] HH:MM [+1 h] over [:00] [:15] [:30] [:45]."""

    changed = Signal(str)

    def __init__(self, title: str, value: str = "12:00", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timePicker")
        self._value = "12:00"
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        caption = QLabel(title)
        caption.setObjectName("pickerTitle")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(caption)
        layout.addLayout(self._hour_row())
        layout.addLayout(self._minute_row())
        self.set_value(value)

    def _hour_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.minus = touch_button("− 1 h")
        self.plus = touch_button("+ 1 h")
        self.display = QLabel()
        self.display.setObjectName("pickerValue")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumWidth(150)
        self.minus.clicked.connect(lambda: self.set_value(shift_time(self._value, -60)))
        self.plus.clicked.connect(lambda: self.set_value(shift_time(self._value, 60)))
        row.addWidget(self.minus)
        row.addWidget(self.display, 1)
        row.addWidget(self.plus)
        return row

    def _minute_row(self) -> QGridLayout:
        grid = QGridLayout()
        self.quarter_group = QButtonGroup(self)
        self.quarter_buttons: dict[int, QPushButton] = {}
        for column, minute in enumerate(QUARTERS):
            button = touch_button(f":{minute:02d}", checkable=True)
            button.clicked.connect(lambda _=False, m=minute: self._set_minute(m))
            self.quarter_group.addButton(button)
            self.quarter_buttons[minute] = button
            grid.addWidget(button, 0, column)
        return grid

    def value(self) -> str:
        return self._value

    def set_value(self, value: str) -> None:
        try:
            minutes = hhmm_to_minutes(value)
        except ValueError:
            minutes = 12 * 60
        # Kept exact (12:10 stays 12:10): opening a slot and tapping Done must change nothing.
        text = f"{minutes // 60:02d}:{minutes % 60:02d}"
        changed = text != self._value
        self._value = text
        self.display.setText(text)
        button = self.quarter_buttons.get(minutes % 60)
        if button is not None:
            button.setChecked(True)
        else:
            self.quarter_group.setExclusive(False)
            for other in self.quarter_buttons.values():
                other.setChecked(False)
            self.quarter_group.setExclusive(True)
        if changed:
            self.changed.emit(text)

    def _set_minute(self, minute: int) -> None:
        hour = hhmm_to_minutes(self._value) // 60
        self.set_value(f"{hour:02d}:{minute:02d}")


class Overlay(QFrame):
    """A card over a dimmed page: a dialog that never blocks the event loop (safe in kiosk and tests)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setStyleSheet("QFrame#overlay { background: rgba(0, 0, 0, 170); }")
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("overlayCard")
        self.card.setStyleSheet("QFrame#overlayCard { background: #1d2126; border: 2px solid "
                                "#4a525c; border-radius: 12px; }")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(24, 20, 24, 20)
        self.card_layout.setSpacing(14)
        outer.addWidget(self.card)
        self.hide()

    def popup(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
