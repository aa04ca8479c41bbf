"""One day of the week editor: its slots on a business-day timeline, as big tappable chips."""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kds.hubrise.rules import hhmm_to_minutes
from kds.kitchen.hours import after_midnight, day_label, slot_label, slot_span
from kds.ui.location.time_picker import touch_button
from kds.ui.location.widgets import plain_label
from kds.ui.theme import font
from kds.ui.i18n import translate

DAY_MINUTES = 24 * 60
CHIP_OK = "QPushButton { background: #24507f; border-color: #5a9be0; }"
CHIP_BAD = "QPushButton { background: #8e2a20; border-color: #ff7675; }"


class Timeline(QWidget):
    """The business day from cutoff to cutoff, with each slot drawn where it falls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(300, 64)  # the same width on every day so the week lines up
        self.slots: list[dict[str, str]] = []
        self.bad: set[int] = set()
        self.cutoff = "06:00"

    def set_slots(self, slots: list[dict[str, str]], cutoff: str, bad: set[int]) -> None:
        self.slots, self.cutoff, self.bad = slots, cutoff, bad
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        painter.fillRect(self.rect(), QColor("#1d2126"))
        self._ticks(painter, width, height)
        for index, slot in enumerate(self.slots):
            span = slot_span(slot, self.cutoff)
            if span is None:
                continue
            start, end = span
            if end <= start:  # invalid: mark where it opens
                end = min(DAY_MINUTES, start + 30)
            rect = QRectF(start * width / DAY_MINUTES, 8, (end - start) * width / DAY_MINUTES,
                          height - 28)
            colour = "#c0392b" if index in self.bad else "#3a7bd5"
            painter.fillRect(rect, QColor(colour))
        painter.end()

    def _ticks(self, painter: QPainter, width: int, height: int) -> None:
        """Every 3 hours a tick and its clock time; midnight drawn stronger."""
        painter.setFont(font(13))
        cut = hhmm_to_minutes(self.cutoff) if self.cutoff else 360
        for offset in range(0, DAY_MINUTES + 1, 60):
            clock = (cut + offset) % DAY_MINUTES
            x = offset * width / DAY_MINUTES
            midnight = clock == 0
            if clock % 180 and not midnight:
                continue
            painter.setPen(QPen(QColor("#f5d547" if midnight else "#4a525c"), 2 if midnight else 1))
            painter.drawLine(int(x), 4, int(x), height - 18)
            if offset in (0, DAY_MINUTES):
                continue  # the edges are the cutoff itself: no room for a label there
            painter.setPen(QColor("#f5d547" if midnight else "#a6adb4"))
            label = f"{clock // 60:02d}"
            painter.drawText(QRectF(x - 16, height - 18, 32, 16), Qt.AlignmentFlag.AlignCenter,
                             label)


class DayRow(QWidget):
    slotTapped = Signal(str, int)
    addTapped = Signal(str)
    copyTapped = Signal(str)
    closeTapped = Signal(str)

    def __init__(self, day: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setObjectName(f"day_{day}")
        # Tighter than the app's buttons so two slots and the day's actions fit on 1366 px.
        self.setStyleSheet("QPushButton { padding: 0 10px; font-size: 20px; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.name = plain_label(day_label(day), "dayName")
        self.name.setFixedWidth(170)
        self.timeline = Timeline()
        self.chips_box = QHBoxLayout()
        self.chips: list[QPushButton] = []
        self.closed_label = plain_label(translate("Hours", "Closed"), "closedLabel")
        self.add_button = touch_button(translate("Hours", "+ Slot"))
        self.copy_button = touch_button(translate("Hours", "Copy to all"))
        self.close_button = touch_button(translate("Hours", "Close day"))
        self.add_button.clicked.connect(lambda: self.addTapped.emit(self.day))
        self.copy_button.clicked.connect(lambda: self.copyTapped.emit(self.day))
        self.close_button.clicked.connect(lambda: self.closeTapped.emit(self.day))
        row.addWidget(self.name)
        row.addWidget(self.timeline)
        row.addLayout(self.chips_box)
        row.addWidget(self.closed_label)
        row.addStretch(1)
        # The day's actions: at the end of the row, or on a line of their own on a narrow
        # screen (see set_compact).
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        for button in (self.add_button, self.copy_button, self.close_button):
            _keep_width(button)
            self.action_row.addWidget(button)
        row.addLayout(self.action_row)
        self.row = row
        outer.addLayout(row)
        self.second_line = QHBoxLayout()
        self.second_line.setContentsMargins(178, 0, 0, 0)   # under the chips, past the name
        outer.addLayout(self.second_line)
        self.compact = 0
        self.errors = plain_label("", "slotErrors", wrap=True)
        self.errors.hide()
        outer.addWidget(self.errors)

    def set_compact(self, level: int) -> None:
        """0: everything on one line; 1: no timeline (the chips say the same); 2: also the
        actions on a second line. So a day fits 1024 px, and 130 % text on it."""
        if level == self.compact:
            return
        self.compact = level
        self.timeline.setVisible(level == 0)
        self.row.removeItem(self.action_row)
        self.second_line.removeItem(self.action_row)
        if level >= 2:
            self.second_line.addLayout(self.action_row)
            self.second_line.addStretch(1)
        else:
            while self.second_line.count():
                self.second_line.takeAt(0)
            self.row.addLayout(self.action_row)

    def show_day(self, slots: list[dict[str, str]], cutoff: str,
                 slot_errors: dict[int, list[str]], day_errors: list[str]) -> None:
        for chip in self.chips:
            self.chips_box.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        for index, slot in enumerate(slots):
            chip = touch_button(slot_label(slot, cutoff), name=f"slot_{self.day}_{index}")
            _keep_width(chip)
            chip.setStyleSheet(CHIP_BAD if index in slot_errors else CHIP_OK)
            chip.setToolTip(translate("Hours", "closes after midnight, same business day")
                            if after_midnight(slot, cutoff) else "")
            chip.clicked.connect(lambda _=False, i=index: self.slotTapped.emit(self.day, i))
            self.chips_box.addWidget(chip)
            chip.show()  # at once, not on the next event-loop turn: a tap may follow directly
            self.chips.append(chip)
        self.closed_label.setVisible(not slots)
        self.close_button.setEnabled(bool(slots))
        self.copy_button.setEnabled(True)
        self.timeline.set_slots(slots, cutoff, set(slot_errors))
        self._show_errors(slots, slot_errors, day_errors)

    def _show_errors(self, slots: list[dict[str, str]], slot_errors: dict[int, list[str]],
                     day_errors: list[str]) -> None:
        lines = list(day_errors)
        for index in sorted(slot_errors):
            slot = slots[index] if index < len(slots) else {}
            where = f"{slot.get('from', '?')} – {slot.get('to', '?')}"
            lines += [f"⚠ {where}: {_name_slots(message, slots)}"
                      for message in slot_errors[index]]
        self.errors.setText("\n".join(lines))
        self.errors.setVisible(bool(lines))

    def error_text(self) -> str:
        return self.errors.text() if self.errors.isVisible() or self.errors.text() else ""


def _keep_width(button: QPushButton) -> None:
    """Never squeeze a label out of a button: the week scrolls sideways instead."""
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


_SLOT_REF = re.compile(r"time slot (\d+)")


def _name_slots(message: str, slots: list[dict[str, str]]) -> str:
    """rules.py counts slots from 0; staff see them by their times ("the 12:00 – 14:00 slot")."""
    def name(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index < len(slots):
            return f"the {slots[index].get('from', '?')} – {slots[index].get('to', '?')} slot"
        return f"slot {index + 1}"
    return _SLOT_REF.sub(name, message)
