"""The board's tab row: Active / Scheduled / Done today, alert banners, a message and mute."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.i18n import translate

TABS = ("active", "scheduled", "done")
TAB_NAMES = {"active": QT_TRANSLATE_NOOP("Tabs", "Active"),
             "scheduled": QT_TRANSLATE_NOOP("Tabs", "Scheduled"),
             "done": QT_TRANSLATE_NOOP("Tabs", "Done")}
TAB_TIPS = {"active": QT_TRANSLATE_NOOP("Tabs", "Orders to make now"),
            "scheduled": QT_TRANSLATE_NOOP("Tabs", "Orders for later"),
            "done": QT_TRANSLATE_NOOP("Tabs", "Done today: completed, cancelled and rejected")}
# Tighter than the app's buttons: the row must fit 1024 px, and 130 % text (788 px).
COMPACT = "QPushButton { padding: 0 12px; }"
# Below this width (logical px) the alert banners get a row of their own: squeezed between the
# tabs and Mute they became bare colour strips, and colour is never the only cue.
NARROW_BELOW = 1100


class TabBar(QWidget):
    tabClicked = Signal(str)   # one of TABS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(12, 6, 12, 6)
        rows.addLayout(row)
        # On narrow screens the banners move here; the row is always there, so an alert
        # appearing never shifts the tickets.
        self.banner_row = QWidget()
        self.banner_row.setFixedHeight(40)
        self._banner_layout = QHBoxLayout(self.banner_row)
        self._banner_layout.setContentsMargins(12, 0, 12, 4)
        self.banner_row.hide()
        rows.addWidget(self.banner_row)
        self._row = row
        self.narrow = False
        self.tab_group = QButtonGroup(self)
        self.tab_buttons: dict[str, QPushButton] = {}
        for position, tab in enumerate(TABS):
            button = QPushButton()
            button.setCheckable(True)
            button.setMinimumHeight(64)
            button.setStyleSheet(COMPACT)
            button.setToolTip(translate("Tabs", TAB_TIPS[tab]))
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
        self._banners = ((self.alert_banner, 2), (self.change_banner, 3), (self.late_banner, 2))
        for banner, stretch in self._banners:
            row.addWidget(banner, stretch)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.setWordWrap(True)   # two lines in the row's height rather than cut
        self.message.hide()
        row.addWidget(self.message, 2)
        # Finding an order ("where is 4F2?"): by code, name or phone, over all three tabs.
        self.find_button = QPushButton("⌕")
        self.find_button.setToolTip(
            translate("Tabs", "Find an order by its code, the customer's name or phone"))
        self.find_button.setAccessibleName(translate("Tabs", "Find an order"))
        self.find_button.setMinimumSize(64, 64)   # a gloved finger's target, with the icon only
        self.find_button.setStyleSheet(COMPACT)
        self.find_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.silence_button = QPushButton(translate("Tabs", "♪ Mute 5 min"))
        self.silence_button.setMinimumHeight(64)
        self.silence_button.setStyleSheet(COMPACT)
        self.silence_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The undo bar (set by the board) sits here, before Mute: a row that is always there,
        # so offering an undo moves no ticket and covers no button.
        self.undo_slot = QHBoxLayout()
        self.undo_slot.setContentsMargins(0, 0, 0, 0)
        row.addLayout(self.undo_slot)
        row.addWidget(self.find_button)
        row.addWidget(self.silence_button)

    def set_narrow(self, narrow: bool) -> None:
        """Banners in their own row below the tabs (narrow screens) or beside them."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for banner, stretch in self._banners:
            banner.setMinimumHeight(34 if narrow else 64)   # the tickets keep their height
            if narrow:
                self._row.removeWidget(banner)
                self._banner_layout.addWidget(banner, stretch)
            else:
                self._banner_layout.removeWidget(banner)
                self._row.insertWidget(len(TABS) + [b for b, _ in self._banners].index(banner),
                                       banner, stretch)
        self.banner_row.setVisible(narrow)

    def set_counts(self, counts: dict[str, int]) -> None:
        """'Active (3)': each tab's ticket count on its button."""
        for tab, button in self.tab_buttons.items():
            button.setText(f"{translate('Tabs', TAB_NAMES[tab])} {counts[tab]}")

    def show_alerts(self, new: int, changes: list[str]) -> None:
        """The new-ticket count, and one "reference CHANGE" per ticket HubRise changed."""
        self.alert_banner.setVisible(bool(new))
        self.alert_banner.setText(translate("Tabs", "★ {count} NEW").format(count=new))
        self.change_banner.setVisible(bool(changes))
        self.change_banner.setText(f"✖ {', '.join(changes)}")

    def show_late(self, late: int, suggest_busy: bool) -> None:
        hint = translate("Tabs", " — Busy mode?") if suggest_busy else ""
        self.late_banner.setText(translate("Tabs", "■ {count} LATE").format(count=late) + hint)
        self.late_banner.setVisible(late > 0)

    def show_mute(self, seconds_left: float) -> None:
        muted = translate("Tabs", "♪ Muted {minutes} min").format(
            minutes=int(seconds_left + 59) // 60)
        self.silence_button.setText(muted if seconds_left else translate("Tabs", "♪ Mute 5 min"))


def _banner(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setMinimumHeight(64)
    # A long banner is cut, never pushes the tabs off screen.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setContentsMargins(10, 0, 10, 0)
    label.hide()
    return label
