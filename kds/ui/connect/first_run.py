"""The first screen after installing: try the demo, or connect to a real HubRise location."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kds.ui.connect.widgets import MUTED, big_button, plain_label
from kds.ui.i18n import translate


class FirstRunScreen(QWidget):
    demoChosen = Signal()
    connectChosen = Signal()

    def __init__(self, parent: QWidget | None = None, storage_notice: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunScreen")
        title = plain_label(translate("Connection", "Kitchen display for HubRise"), size=40, bold=True)
        intro = plain_label(translate("Connection", "Orders from every platform connected to HubRise, on one screen. "
                            "Start with the demo, or connect your restaurant."), size=24)
        self.demo_button = big_button(translate("Connection", "Try the demo"), height=110, size=30)
        demo_hint = plain_label(translate("Connection", "Built-in simulator with sample orders. No account needed."), 20,
                                color=MUTED)
        self.connect_button = big_button(translate("Connection", "Connect to HubRise"), role="primaryButton", height=110,
                                         size=30)
        connect_hint = plain_label(translate("Connection", "Sign in to HubRise in your browser, then paste the code here."),
                                   20, color=MUTED)
        self.notice_label = plain_label(storage_notice or "", 18, color="#f39c12")
        self.notice_label.setVisible(bool(storage_notice))
        self.demo_button.clicked.connect(self.demoChosen)
        self.connect_button.clicked.connect(self.connectChosen)
        self._lay_out(title, intro, demo_hint, connect_hint)

    def _lay_out(self, title: QWidget, intro: QWidget, demo_hint: QWidget,
                 connect_hint: QWidget) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 24)   # 1024x600 at 130 % text is 788x462
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(28)
        for button, hint in ((self.connect_button, connect_hint), (self.demo_button, demo_hint)):
            column.addWidget(button)
            column.addWidget(hint)
            column.addSpacing(18)
        column.addStretch(1)
        column.addWidget(self.notice_label)
