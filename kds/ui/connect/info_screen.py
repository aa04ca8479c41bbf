"""Once connected: which location, account, catalog and customer list, and a one-tap Disconnect."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kds.hubrise.connection import ConnectionInfo, DisconnectReport
from kds.kitchen.stations import ScreenRole
from kds.ui.connect.widgets import CATALOG_WHY, MUTED, TaskRunner, big_button, plain_label, text_style
from kds.ui.stations.setup import role_words
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.i18n import translate

# e.g. a pasted token: HubRise gives these only in the OAuth answer
NOT_SHARED = QT_TRANSLATE_NOOP("Connection", "not known")
ROWS = (
    (QT_TRANSLATE_NOOP("Connection", "Location"), "location_name", "location_id"),
    (QT_TRANSLATE_NOOP("Connection", "Account"), "account_name", "account_id"),
    (QT_TRANSLATE_NOOP("Connection", "Catalog"), "catalog_name", "catalog_id"),
    (QT_TRANSLATE_NOOP("Connection", "Customer list"), "customer_list_name", "customer_list_id"),
)


class Disconnector(Protocol):
    async def disconnect(self, wipe_cache: bool) -> DisconnectReport: ...


class ConnectionInfoScreen(QWidget):
    disconnected = Signal(bool)  # True when the local cache was wiped
    reconnectRequested = Signal()
    closed = Signal()
    problemsRequested = Signal()  # staff want the list of failed changes / orders set aside
    setupRequested = Signal()     # staff want to name this screen / set its station

    def __init__(self, service: Disconnector, info: ConnectionInfo,
                 parent: QWidget | None = None, storage_notice: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionInfoScreen")
        self._service = service
        self._runner = TaskRunner()
        self.last_report: DisconnectReport | None = None
        self.name_labels: dict[str, QLabel] = {}
        self.id_labels: dict[str, QLabel] = {}
        self._build(storage_notice)
        self.set_info(info)

    def _build(self, storage_notice: str | None) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 20, 32, 20)   # 1024x600 at 130 % text is 788x462
        column.setSpacing(14)
        # Says "Connected" only while polls succeed (set_health); neutral until then.
        self.title_label = plain_label(translate("Connection", "HubRise connection"), size=36, bold=True)
        column.addWidget(self.title_label)
        self.state_label = plain_label("", 22)
        self.state_label.setObjectName("connectionState")
        self.state_label.setVisible(False)
        column.addWidget(self.state_label)
        self.problems_button = big_button(translate("Connection", "Show what went wrong"))
        self.problems_button.setVisible(False)
        self.problems_button.clicked.connect(self.problemsRequested)
        column.addWidget(self.problems_button)
        self.reconnect_banner = self._reconnect_banner()
        column.addWidget(self.reconnect_banner)
        column.addLayout(self._grid())
        self.catalog_why = plain_label(translate("Connection", CATALOG_WHY), 18, color=MUTED)
        self.catalog_why.setObjectName("catalogWhy")
        column.addWidget(self.catalog_why)
        column.addLayout(self._screen_row())
        self.notice_label = plain_label(storage_notice or "", 18, color="#f39c12")
        self.notice_label.setVisible(bool(storage_notice))
        column.addWidget(self.notice_label)
        column.addStretch(1)
        self.status_label = plain_label("", 22)
        column.addWidget(self.status_label)
        self.confirm_panel = self._confirm_panel()
        column.addWidget(self.confirm_panel)
        row = QHBoxLayout()
        self.back_button = big_button(translate("Connection", "Back to the board"))
        self.disconnect_button = big_button(translate("Connection", "Disconnect"), role="dangerButton")
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.disconnect_button)
        column.addLayout(row)
        self.back_button.clicked.connect(self.closed)
        self.disconnect_button.clicked.connect(self.ask_disconnect)

    def _grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(16)
        for row, (title, name_key, id_key) in enumerate(ROWS):
            caption = plain_label(translate("Connection", title), 22, wrap=False, color=MUTED)
            name = plain_label("", 30, bold=True)
            ident = plain_label("", 22, wrap=False, color=MUTED)
            grid.addWidget(caption, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(ident, row, 2)
            self.name_labels[name_key] = name
            self.id_labels[id_key] = ident
        grid.setColumnStretch(2, 1)
        return grid

    def _screen_row(self) -> QHBoxLayout:
        """Each screen of a kitchen is its own connection (its own device): say which."""
        row = QHBoxLayout()
        row.addWidget(plain_label(translate("Connection", "Screen"), 22, wrap=False, color=MUTED))
        self.screen_label = plain_label(role_words(ScreenRole()), 26, bold=True)
        self.screen_label.setObjectName("screenRole")
        row.addWidget(self.screen_label, 1)
        self.setup_button = big_button(translate("Connection", "Name / station"))
        self.setup_button.clicked.connect(self.setupRequested)
        row.addWidget(self.setup_button)
        return row

    def set_screen_role(self, role: ScreenRole) -> None:
        self.screen_label.setText(role_words(role))

    def _reconnect_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("reconnectBanner")
        banner.setStyleSheet("QFrame#reconnectBanner { background: #c0392b; border-radius: 8px; }")
        row = QHBoxLayout(banner)
        label = plain_label(translate("Connection", "Reconnect needed: HubRise no longer accepts this connection. "
                            "The board keeps showing the orders it has."), 22, bold=True)
        label.setStyleSheet("background: transparent; color: #ffffff; font-size: 22px;"
                            " font-weight: bold;")
        self.reconnect_button = big_button(translate("Connection", "Reconnect"), role="primaryButton")
        self.reconnect_button.clicked.connect(self.reconnectRequested)
        row.addWidget(label, 1)
        row.addWidget(self.reconnect_button)
        banner.setVisible(False)
        return banner

    def _confirm_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("disconnectConfirm")
        panel.setStyleSheet("QFrame#disconnectConfirm { background: #1d2126; border: 2px solid "
                            "#c0392b; border-radius: 8px; }")
        column = QVBoxLayout(panel)
        column.addWidget(plain_label(
            translate("Connection", "Disconnect this screen from HubRise? It will stop receiving orders. "
            "Keep the orders already on this screen, or wipe them?"), 24, bold=True))
        row = QHBoxLayout()
        self.keep_button = big_button(translate("Connection", "Disconnect, keep orders"), role="primaryButton")
        self.wipe_button = big_button(translate("Connection", "Disconnect and wipe"), role="dangerButton")
        self.cancel_button = big_button(translate("Connection", "Cancel"))
        for button in (self.keep_button, self.wipe_button, self.cancel_button):
            row.addWidget(button)
        column.addLayout(row)
        self.keep_button.clicked.connect(lambda: self.run_disconnect(wipe_cache=False))
        self.wipe_button.clicked.connect(lambda: self.run_disconnect(wipe_cache=True))
        self.cancel_button.clicked.connect(lambda: panel.setVisible(False))
        panel.setVisible(False)
        return panel

    # ----- state -----
    def set_info(self, info: ConnectionInfo) -> None:
        self.info = info
        for name_key, label in self.name_labels.items():
            value = getattr(info, name_key)
            label.setText(value or translate("Connection", NOT_SHARED))
            label.setStyleSheet(text_style(30, bold=True) if value else text_style(24, color=MUTED))
        for id_key, label in self.id_labels.items():
            value = getattr(info, id_key)
            label.setText(f"id {value}" if value else "")

    def set_reconnect_needed(self, needed: bool) -> None:
        self.reconnect_banner.setVisible(needed)

    def set_health(self, connected: bool, state: str, attention: bool) -> None:
        """`connected`: the last poll succeeded; `state`: the header's line, in words;
        `attention`: there is something to list (failed changes, orders set aside)."""
        self.title_label.setText(translate("Connection", "Connected to HubRise") if connected
                                 else translate("Connection", "Not in contact with HubRise"))
        self.state_label.setText(state)
        self.state_label.setVisible(bool(state))
        self.problems_button.setVisible(attention)

    # ----- disconnect -----
    def ask_disconnect(self) -> None:
        self.confirm_panel.setVisible(True)

    def run_disconnect(self, wipe_cache: bool) -> None:
        """Disconnect in the background (not named disconnect: QObject has one)."""
        if self._runner.busy:
            return
        self._set_buttons(False)
        self.status_label.setText(translate("Connection", "Disconnecting…"))
        self._runner.start(self._service.disconnect(wipe_cache), self._done, self._failed)

    def _done(self, report: DisconnectReport) -> None:
        self.last_report = report
        self._set_buttons(True)
        self.confirm_panel.setVisible(False)
        self.status_label.setText("\n".join(report.problems)
                                  or translate("Connection", "Disconnected."))
        self.disconnected.emit(report.cache_wiped)

    def _failed(self, exc: Exception) -> None:
        self._set_buttons(True)
        self.status_label.setText(translate(
            "Connection", "Disconnecting failed ({kind}). Try again.").format(
                kind=type(exc).__name__))

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.keep_button, self.wipe_button, self.cancel_button,
                       self.disconnect_button, self.back_button):
            button.setEnabled(enabled)

    @property
    def busy(self) -> bool:
        return self._runner.busy

