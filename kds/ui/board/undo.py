"""The bar that offers to undo a bump for a few seconds (recall to the previous status)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kds.clock import Clock
from kds.ui.i18n import translate


@dataclass(frozen=True, slots=True)
class Bump:
    order_id: str
    reference: str
    previous_status: str
    new_status: str
    at: float            # clock.monotonic() when bumped


class UndoBar(QWidget):
    undoRequested = Signal(object)   # the Bump to reverse

    def __init__(self, clock: Clock, seconds: float = 6.0, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._clock = clock
        self.seconds = seconds
        self.bump: Bump | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(0)   # cut when the row is narrow; the button always shows
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(translate("Undo", "↶ UNDO"))
        self.button.setObjectName("primaryButton")
        self.button.setMinimumHeight(60)
        self.button.setStyleSheet("QPushButton { padding: 0 12px; }")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 4, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def offer(self, bump: Bump, label: str) -> None:
        self.bump = bump
        self.label.setText(label)
        self.show()

    def undo(self) -> None:
        bump, self.bump = self.bump, None
        self.hide()
        if bump is not None:
            self.undoRequested.emit(bump)

    def tick(self) -> None:
        if self.bump is not None and self._clock.monotonic() - self.bump.at >= self.seconds:
            self.bump = None
            self.hide()
