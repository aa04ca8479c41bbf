"""All-day panel: how many of each product the open tickets still need."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kds.kitchen.text import clean_text, format_quantity, isolate
from kds.ui.i18n import translate


def all_day_lines(counts: Sequence[tuple[str, Decimal]]) -> list[str]:
    """'12  Margarita' lines, biggest first, names cleaned like any network text and isolated
    (a right-to-left name must not turn the line around and put the count on the right)."""
    ordered = sorted(counts, key=lambda pair: (-pair[1], str(pair[0])))
    return [f"{format_quantity(quantity):>4}  {isolate(clean_text(name, 60))}"
            for name, quantity in ordered if quantity > 0]


class AllDayPanel(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("allDayPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = QLabel(translate("AllDay", "ALL DAY"))
        title.setObjectName("allDayTitle")
        title.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("allDayList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setWordWrap(False)  # wrapped lines lost the count column; elide instead
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        self.setFixedWidth(270)
        self._lines: list[str] = []

    def set_counts(self, counts: Sequence[tuple[str, Decimal]]) -> None:
        lines = all_day_lines(counts)
        if lines == self._lines:
            return
        self._lines = lines
        self.list.clear()
        for line in lines:   # QListWidgetItem text is plain text
            self.list.addItem(QListWidgetItem(line))

    def lines(self) -> list[str]:
        return list(self._lines)
