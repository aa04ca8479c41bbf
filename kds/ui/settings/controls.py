"""Touch controls for one setting each: an on/off switch, a -/+ stepper, a choice of buttons."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kds.ui.i18n import translate
from kds.ui.theme import TOUCH, font


def _button(text: str, width: int = TOUCH + 8) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumSize(width, TOUCH)
    button.setFont(font(24, bold=True))
    button.setStyleSheet("font-size: 26px;")
    return button


class Toggle(QWidget):
    """Two big buttons, On and Off; the checked one is the current value."""

    changed = Signal(object)

    def __init__(self, value: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_button, self.off_button = (_button(translate("Settings", "On"), 88),
                                             _button(translate("Settings", "Off"), 88))
        self._group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.on_button, self.off_button):
            button.setCheckable(True)
            self._group.addButton(button)
            row.addWidget(button)
        self.set_value(value)
        self._group.buttonClicked.connect(lambda _b: self.changed.emit(self.value()))

    def value(self) -> bool:
        return self.on_button.isChecked()

    def set_value(self, value: bool) -> None:
        (self.on_button if value else self.off_button).setChecked(True)


class Stepper(QWidget):
    """− value + : whole numbers kept inside [low, high]; no keyboard needed."""

    changed = Signal(object)

    def __init__(self, value: int, low: int, high: int, step: int, unit: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high, self.step, self.unit = low, high, step, unit
        self.minus, self.plus = _button("−"), _button("+")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setFont(font(26, bold=True))
        self.label.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(104)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.minus, self.label, self.plus):
            row.addWidget(widget)
        self._value = value
        self.set_value(value)
        self.minus.clicked.connect(lambda: self._nudge(-self.step))
        self.plus.clicked.connect(lambda: self._nudge(self.step))

    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        self._value = max(self.low, min(self.high, value))
        self.label.setText(f"{self._value}{self.unit}")
        self.minus.setEnabled(self._value > self.low)
        self.plus.setEnabled(self._value < self.high)

    def _nudge(self, delta: int) -> None:
        self.set_value(self._value + delta)
        self.changed.emit(self._value)


class Choice(QWidget):
    """One checked button among a few labelled values."""

    changed = Signal(object)

    def __init__(self, value: str, options: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for key, text in options:
            button = _button(text, 112)
            button.setCheckable(True)
            self._group.addButton(button)
            self.buttons[key] = button
            row.addWidget(button)
        self.set_value(value)
        self._group.buttonClicked.connect(lambda _b: self.changed.emit(self.value()))

    def value(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def set_value(self, value: str) -> None:
        self.buttons[value].setChecked(True)


class TextList(QLineEdit):
    """A few short texts in one field, separated by commas (printer addresses)."""

    changed = Signal(object)

    def __init__(self, value: Sequence[str], placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, TOUCH)
        self.setFont(font(20))
        self.setPlaceholderText(placeholder)
        self.setMaxLength(900)
        self.set_value(value)
        self.editingFinished.connect(lambda: self.changed.emit(self.value()))

    def value(self) -> tuple[str, ...]:
        return tuple(part for part in self.text().replace(",", " ").split() if part)

    def set_value(self, value: Sequence[str]) -> None:
        self.setText(", ".join(value))
