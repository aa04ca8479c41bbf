"""The main window: one stack of full-screen pages and a strip of big navigation buttons."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QHBoxLayout, QMainWindow, QPushButton, QScrollArea, QScroller,
    QStackedWidget, QVBoxLayout, QWidget,
)

from kds.clock import Clock
from kds.hubrise.models import BadPayload, parse_location
from kds.store.settings import Settings
from kds.sync.health import Health
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.board.header import HeaderInfo
from kds.ui.figures.header_line import HeaderFigures
from kds.ui.i18n import translate
from kds.ui.notices import NoticeBar

log = logging.getLogger(__name__)

NAV_PAGES = (
    ("board", QT_TRANSLATE_NOOP("Nav", "Orders")),
    ("acceptance", QT_TRANSLATE_NOOP("Nav", "Busy / Pause")),
    ("hours", QT_TRANSLATE_NOOP("Nav", "Hours")),
    ("settings", QT_TRANSLATE_NOOP("Nav", "Settings")),
    ("connection", QT_TRANSLATE_NOOP("Nav", "Connection")),
)


def header_info(location_raw: dict[str, Any] | None, health: Health | None,
                now: datetime) -> HeaderInfo:
    """What the header strip shows, from the stored location and the sync health."""
    name, mode, resume_at, extra = "", "normal", None, None
    if location_raw:
        try:
            location = parse_location(location_raw)
        except BadPayload:
            location = None
        if location is not None:
            acceptance = location.order_acceptance.effective(now)
            name, mode = location.name or "", acceptance.mode
            resume_at, extra = acceptance.resume_at, acceptance.extra_preparation_time
    health = health or Health()
    return HeaderInfo(location_name=name, acceptance_mode=mode, resume_at=resume_at,
                      extra_preparation_time=extra, online=health.online and not
                      health.reconnect_needed, offline_since=health.offline_since,
                      last_poll_at=health.last_poll_at, pending=health.pending,
                      failed=health.failed, reconnect_needed=health.reconnect_needed,
                      problem=health.problem, problem_kind=health.problem_kind,
                      waiting_until=health.waiting_until,
                      first_sync_problem=health.first_sync_problem, set_aside=health.set_aside,
                      failed_refs=health.failed_refs, location_loaded=bool(location_raw),
                      printer_problem=health.printer_problem)


SELF_SCROLLING = frozenset({"board", "settings", "hours"})   # they keep Save in view


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName("pageScroller")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setWindowTitle(translate("Nav", "KDS — HubRise kitchen display"))
        self.setObjectName("mainWindow")
        self.pages: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}   # what the stack shows: the page or its scroller
        self.stack = QStackedWidget()
        self.nav = self._nav_strip()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notices = NoticeBar()  # store repaired, nothing can be saved, token in a file
        layout.addWidget(self.notices)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.nav)
        self.setCentralWidget(body)
        self.nav.setVisible(False)
        self._kiosk = False
        self._kiosk_screen: QScreen | None = None
        self.health_source: Callable[[], Health | None] = lambda: None
        self.location_source: Callable[[], dict[str, Any] | None] = lambda: None
        self.header_figures: HeaderFigures | None = None   # set once orders are stored
        self._header_timer = QTimer(self)
        self._header_timer.timeout.connect(self.update_header)
        self._header_timer.start(1000)

    # -- navigation ---------------------------------------------------------------------------
    def _nav_strip(self) -> QWidget:
        strip = QWidget()
        strip.setObjectName("navStrip")
        row = QHBoxLayout(strip)
        row.setContentsMargins(6, 4, 6, 4)
        self.nav_group = QButtonGroup(self)
        self.nav_buttons: dict[str, QPushButton] = {}
        for key, label in NAV_PAGES:
            button = QPushButton(translate("Nav", label))
            button.setObjectName("navButton")
            button.setCheckable(True)
            button.setMinimumHeight(56)
            # Tighter than the app's buttons: five must fit 1024 px, and 130 % text too.
            button.setStyleSheet("QPushButton { padding: 0 10px; }")
            button.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self.nav_group.addButton(button)
            self.nav_buttons[key] = button
            row.addWidget(button)
        return strip

    def set_page(self, key: str, widget: QWidget) -> None:
        """Add or replace a page.

        Every page but the board (which scrolls its own tickets) sits in a scroll area: a page
        taller or wider than a small screen (1024×600, or 130 % text) scrolls instead of
        pushing the window's minimum size past the screen and the navigation off it.
        """
        self._drop(key)
        self.pages[key] = widget
        holder = widget if key in SELF_SCROLLING else _scrolling(widget)
        self._holders[key] = holder
        self.stack.addWidget(holder)

    def _drop(self, key: str) -> None:
        widget = self.pages.pop(key, None)
        holder = self._holders.pop(key, None)
        if holder is not None:
            self.stack.removeWidget(holder)
            holder.deleteLater()
        if widget is not None and widget is not holder:
            widget.deleteLater()

    def remove_connected_pages(self) -> None:
        """After a disconnect: only the first-run, connect and settings pages stay."""
        settings = self.pages.get("settings")
        if settings is not None and hasattr(settings, "set_figures_available"):
            settings.set_figures_available(False)
        self.header_figures = None   # its store belonged to the connection
        for key in ("board", "acceptance", "hours", "connection", "figures"):
            self._drop(key)
        self.nav.setVisible(False)

    def show_page(self, key: str) -> None:
        holder = self._holders.get(key)
        if holder is None:
            return
        self.stack.setCurrentWidget(holder)
        button = self.nav_buttons.get(key)
        if button is not None:
            button.setChecked(True)
        self.nav.setVisible(key in self.nav_buttons and "board" in self.pages)

    def current_page(self) -> str | None:
        current = self.stack.currentWidget()
        return next((k for k, w in self._holders.items() if w is current), None)

    # -- header -------------------------------------------------------------------------------
    def update_header(self) -> None:
        board = self.pages.get("board")
        if board is None or not hasattr(board, "set_header"):
            return
        now = self.clock.now()
        info = header_info(self.location_source(), self.health_source(), now)
        if self.header_figures is not None:
            info = dataclasses.replace(info, figures=self.header_figures())
        board.set_header(info)

    def enter_kiosk(self) -> None:
        """Cover the whole screen the window is on. Without a window manager (a kitchen PC
        often has none) the full-screen state alone leaves the window at its size in a corner,
        so the geometry is set to the screen's explicitly, and again if the screen changes."""
        self._kiosk = True
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.showFullScreen()
            return
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.setGeometry(screen.geometry())
        if self._kiosk_screen is not screen:
            self._kiosk_screen = screen
            screen.geometryChanged.connect(self._follow_screen)

    def show_on_screen(self) -> None:
        """Outside kiosk mode: a window filling the screen's free area (a 1920x1080 kitchen
        screen gets 1920x1080 of tickets, not a 1366x768 window in a corner), maximized so the
        window manager keeps it there; smaller screens get their whole free area too."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.showMaximized()

    def _follow_screen(self, rect: QRect) -> None:
        if self._kiosk:
            self.setGeometry(rect)

    def apply_settings(self, settings: Settings) -> None:
        if self.header_figures is not None:
            self.header_figures.set_on(settings.header_figures)
            self.update_header()
        if not settings.kiosk:
            self._kiosk = False
        if settings.kiosk and not self.isFullScreen():
            self.enter_kiosk()
        elif not settings.kiosk and self.isFullScreen():
            self.showNormal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closing.emit()
        super().closeEvent(event)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        # Leaving kiosk mode takes a deliberate chord, never a stray tap: Ctrl+Shift+Q.
        mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if event.key() == Qt.Key.Key_Q and event.modifiers() & mods == mods:
            self.close()
            return
        super().keyPressEvent(event)
