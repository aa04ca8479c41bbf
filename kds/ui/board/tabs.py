"""The board's tab row: Active / Scheduled / Done today, alert banners, a message and mute."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

TABS = ("active", "scheduled", "done")
TAB_NAMES = {"active": "Active", "scheduled": "Scheduled", "done": "Done today"}


class TabBar(QWidget):
    tabClicked = Signal(str)   # one of TABS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.tab_group = QButtonGroup(self)
        self.tab_buttons: dict[str, QPushButton] = {}
        for position, tab in enumerate(TABS):
            button = QPushButton()
            button.setCheckable(True)
            button.setMinimumSize(150, 64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, t=tab: self.tabClicked.emit(t))
            self.tab_group.addButton(button, position)
            self.tab_buttons[tab] = button
            row.addWidget(button)
        self.tab_buttons["active"].setChecked(True)
        # Alerts live in this always-present row, so a new order never shifts the tickets.
        self.alert_banner = _banner("alertBanner")
        self.change_banner = _banner("changeBanner")
        self.late_banner = _banner("lateBanner")
        row.addWidget(self.alert_banner, 2)
        row.addWidget(self.change_banner, 3)
        row.addWidget(self.late_banner, 2)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumWidth(60)
        self.message.hide()
        row.addWidget(self.message)
        self.silence_button = QPushButton("♪ Mute 5 min")
        self.silence_button.setMinimumSize(180, 64)
        self.silence_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.silence_button)

    def set_counts(self, counts: dict[str, int]) -> None:
        """'Active (3)': each tab's ticket count on its button."""
        for tab, button in self.tab_buttons.items():
            button.setText(f"{TAB_NAMES[tab]} ({counts[tab]})")

    def show_alerts(self, new: int, changes: list[str]) -> None:
        """The new-ticket count, and one "reference CHANGE" per ticket HubRise changed."""
        self.alert_banner.setVisible(bool(new))
        self.alert_banner.setText(f"★ {new} NEW")
        self.change_banner.setVisible(bool(changes))
        self.change_banner.setText(f"✖ {', '.join(changes)}")

    def show_late(self, late: int, suggest_busy: bool) -> None:
        hint = " — Busy mode?" if suggest_busy else ""
        self.late_banner.setText(f"■ {late} LATE{hint}")
        self.late_banner.setVisible(late > 0)

    def show_mute(self, seconds_left: float) -> None:
        self.silence_button.setText(f"♪ Muted {int(seconds_left + 59) // 60} min" if seconds_left
                                    else "♪ Mute 5 min")


def _banner(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setMinimumHeight(64)
    label.setMinimumWidth(100)
    label.setContentsMargins(16, 0, 16, 0)
    label.hide()
    return label
