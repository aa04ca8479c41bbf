"""Sign in with HubRise: open the authorize page, paste the code it shows, or paste a token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kds.hubrise.connection import ConnectError, ConnectionInfo
from kds.ui.connect.widgets import MUTED, TaskRunner, big_button, plain_label, text_style
from kds.ui.theme import font
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.i18n import translate


class Connector(Protocol):
    oauth: Any

    def authorize_url(self) -> str: ...
    async def connect_with_code(self, code: str) -> ConnectionInfo: ...
    async def connect_with_token(self, token: str) -> ConnectionInfo: ...


def _open_in_browser(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))


def _big_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setMinimumHeight(80)
    field.setFont(font(30, bold=True))
    field.setStyleSheet("font-size: 30px; font-weight: bold; min-height: 80px;")
    return field


NO_CLIENT_REASON = QT_TRANSLATE_NOOP("Connection",
                                     "enter the OAuth client id first (KDS_OAUTH_CLIENT_ID and "
                                     "KDS_OAUTH_CLIENT_SECRET, or [oauth] in config.toml), then "
                                     "restart.")


class OAuthConnectScreen(QWidget):
    connected = Signal(object)  # ConnectionInfo
    cancelled = Signal()

    def __init__(self, service: Connector, parent: QWidget | None = None,
                 open_url: Callable[[str], bool] = _open_in_browser) -> None:
        super().__init__(parent)
        self.setObjectName("oauthConnectScreen")
        self._service = service
        self._open_url = open_url
        self._runner = TaskRunner()
        self.last_url: str | None = None
        self._build()
        self._wire()
        if getattr(service, "oauth", None) is None:
            self._no_oauth_client()

    # ----- layout -----
    def _build(self) -> None:
        self.title = plain_label(translate("Connection", "Connect to HubRise"), size=36, bold=True)
        self.step1 = plain_label(
            translate("Connection", "1. Sign in to HubRise and choose the location for this screen."), 22)
        self.open_button = big_button(translate("Connection", "Open HubRise sign-in"), role="primaryButton")
        # Says why the sign-in buttons cannot be used, right under them (hidden when they can).
        self.why_disabled = plain_label("", 18, color=MUTED)
        self.why_disabled.setObjectName("whyDisabled")
        self.why_disabled.setVisible(False)
        # Read-only field, not a label: a long URL scrolls instead of widening the screen,
        # and it can be copied to another device when this one has no browser.
        self.url_label = QLineEdit()
        self.url_label.setReadOnly(True)
        self.url_label.setStyleSheet("font-size: 16px; min-height: 40px;")
        self.url_label.setVisible(False)
        self.step2 = plain_label(translate("Connection", "2. HubRise then shows a code. Paste it here:"), 22)
        self.code_field = _big_field(translate("Connection", "Paste the code here"))
        self.code_button = big_button(translate("Connection", "Connect"), role="primaryButton")
        self.status_label = plain_label("", 22)
        self.status_label.setObjectName("connectStatus")
        self.token_toggle = big_button(translate("Connection", "I have an access token (integrators)"))
        self.token_toggle.setCheckable(True)
        self.token_field = _big_field(translate("Connection", "Paste an access token"))
        self.token_field.setEchoMode(QLineEdit.EchoMode.Password)  # no shoulder-surfing
        self.token_button = big_button(translate("Connection", "Connect with this token"), role="primaryButton")
        self.back_button = big_button(translate("Connection", "Back"))
        self._arrange()

    def _arrange(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)   # room for the token row at 130 % text
        column.setSpacing(8)
        for widget in (self.title, self.step1, self.open_button, self.why_disabled,
                       self.url_label, self.step2):
            column.addWidget(widget)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_field, 3)
        code_row.addWidget(self.code_button, 1)
        column.addLayout(code_row)
        column.addWidget(self.status_label)
        column.addStretch(1)
        self.token_panel = QFrame()
        token_row = QHBoxLayout(self.token_panel)
        token_row.setContentsMargins(0, 0, 0, 0)
        token_row.addWidget(self.token_field, 3)
        token_row.addWidget(self.token_button, 1)
        self.token_panel.setVisible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.token_toggle)
        column.addWidget(self.token_panel)
        column.addLayout(bottom)

    def _wire(self) -> None:
        self.open_button.clicked.connect(self.open_sign_in)
        self.code_button.clicked.connect(self.submit_code)
        self.code_field.returnPressed.connect(self.submit_code)
        self.token_button.clicked.connect(self.submit_token)
        self.token_field.returnPressed.connect(self.submit_token)
        self.token_toggle.toggled.connect(self.token_panel.setVisible)
        self.back_button.clicked.connect(self.cancelled)

    def _no_oauth_client(self) -> None:
        why = translate("Connection", NO_CLIENT_REASON)
        for widget in (self.open_button, self.code_field, self.code_button):
            widget.setEnabled(False)
            widget.setToolTip(why)
        self.why_disabled.setText(translate("Connection", "Sign-in unavailable: ") + why)
        self.why_disabled.setVisible(True)
        self.show_status(translate("Connection", "Sign-in is not set up on this computer (no OAuth client id/secret). "
                         "An integrator can paste an access token below."))
        self.token_toggle.setChecked(True)

    # ----- actions -----
    def open_sign_in(self) -> None:
        try:
            url = self._service.authorize_url()
        except ConnectError as exc:
            self.show_status(str(exc), error=True)
            return
        self.last_url = url
        # Shown too, so it can be typed on another device when this one has no browser.
        self.url_label.setText(url)
        self.url_label.setCursorPosition(0)
        self.url_label.setVisible(True)
        if not self._open_url(url):
            self.show_status(translate("Connection", "Could not open a browser here: open the address above on any "
                             "device, sign in, then paste the code."), error=True)
        else:
            self.show_status(translate("Connection", "Sign in in the browser window, then come back and paste the code."))
        self.code_field.setFocus()

    def submit_code(self) -> None:
        code = self.code_field.text().strip()
        if not code:
            self.show_status(translate("Connection", "Paste the code HubRise showed you first."), error=True)
            return
        self._run(self._service.connect_with_code(code), translate("Connection", "Checking the code with HubRise…"))

    def submit_token(self) -> None:
        token = self.token_field.text().strip()
        if not token:
            self.show_status(translate("Connection", "Paste an access token first."), error=True)
            return
        self._run(self._service.connect_with_token(token), translate("Connection", "Checking the token with HubRise…"))

    def _run(self, coro: Any, message: str) -> None:
        if self._runner.busy:
            coro.close()
            return
        self._set_busy(True)
        self.show_status(message)
        self._runner.start(coro, self._succeeded, self._failed)

    def _succeeded(self, info: ConnectionInfo) -> None:
        self._set_busy(False)
        self.code_field.clear()
        self.token_field.clear()
        self.show_status(translate("Connection", "Connected to {location}.").format(
            location=info.location_name or info.location_id))
        self.connected.emit(info)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        message = str(exc) if isinstance(exc, ConnectError) else (
            f"Connecting failed ({type(exc).__name__}). Try again.")
        self.show_status(message, error=True)

    def _set_busy(self, busy: bool) -> None:
        has_oauth = getattr(self._service, "oauth", None) is not None
        for widget in (self.open_button, self.code_button, self.code_field):
            widget.setEnabled(not busy and has_oauth)
        self.token_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("error", error)
        colour = "#ff7675" if error else MUTED
        self.status_label.setStyleSheet(text_style(22, bold=error, color=colour))

    @property
    def busy(self) -> bool:
        return self._runner.busy
