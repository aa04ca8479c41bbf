"""Small shared widgets for the location panels: plain-text labels and a minutes stepper."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kds.ui.location.time_picker import touch_button


def keep_words_whole(label: QLabel, floor: int) -> None:
    """A wrapping label at least as wide as its longest word: it may wrap, never cut a word
    (French titles are longer: "Horaires" lost its s at 1024 px)."""
    label.ensurePolished()
    padding = label.width() - label.contentsRect().width()   # the theme's padding and border
    metrics = label.fontMetrics()
    label.setMinimumWidth(max(floor, *(metrics.horizontalAdvance(word) + 4 + padding
                                       for word in label.text().split())))


def plain_label(text: str = "", name: str = "", *, wrap: bool = False) -> QLabel:
    """Every label here is plain text: reasons and errors come from the network."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


class MinutesStepper(QWidget):
    """[−step] N min [+step]: a whole number of minutes set by tapping, never typed."""

    changed = Signal(int)

    def __init__(self, value: int = 15, step: int = 5, minimum: int = 0, maximum: int = 180,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step, self.minimum, self.maximum = step, minimum, maximum
        self._value = value
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.minus = touch_button(f"− {step}")
        self.plus = touch_button(f"+ {step}")
        self.display = plain_label("", "stepperValue")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumWidth(130)
        self.minus.clicked.connect(lambda: self.set_value(self._value - self.step))
        self.plus.clicked.connect(lambda: self.set_value(self._value + self.step))
        row.addWidget(self.minus)
        row.addWidget(self.display)
        row.addWidget(self.plus)
        self.set_value(value, emit=False)

    def value(self) -> int:
        return self._value

    def set_value(self, value: int, *, emit: bool = True) -> None:
        value = max(self.minimum, min(self.maximum, int(value)))
        changed = value != self._value
        self._value = value
        self.display.setText(f"{value} min")
        self.minus.setEnabled(value > self.minimum)
        self.plus.setEnabled(value < self.maximum)
        if changed and emit:
            self.changed.emit(value)
