"""Every page of the app in one MainWindow, with sample data (no network), for size checks
and screenshots:

    QT_SCALE_FACTOR=1.3 python -m tests.screens.all_screens docs/screens 1024 600 [suffix]
    KDS_SCREEN_LANG=fr python -m tests.screens.all_screens docs/screens 1024 600 -fr board,settings
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

PAGES = ("board", "acceptance", "hours", "settings", "connection", "first_run", "connect",
         "figures")
START = datetime(2026, 11, 24, 11, 40, tzinfo=timezone.utc)


class _Service:
    """Stands in for the connection service: nothing here touches the network."""

    oauth = None

    def authorize_url(self) -> str:
        return ""

    async def disconnect(self, wipe_cache: bool) -> Any:
        raise RuntimeError("not in a screenshot")


def _figures_page() -> Any:
    """The Figures screen on the known service day (tests/figures_seed.py), in a temp file."""
    import tempfile

    from kds.ui.figures.screen import FiguresScreen
    from tests.figures_seed import NOW, PARIS, open_day_store

    store = open_day_store(Path(tempfile.mkdtemp(prefix="kds-figures-")) / "kds.sqlite")
    return FiguresScreen(lambda period: store.figures(period, NOW), lambda: PARIS,
                         load_rows=lambda period: store.figures(period, NOW, rows=True))


def use_language(language: str) -> Any:
    """Install the app's translator for `language` as kds.app.start does (keep what it returns)."""
    from PySide6.QtWidgets import QApplication

    from kds.platform.resources import resource_path
    from kds.ui.i18n import install_language

    return install_language(QApplication.instance(), language, resource_path("translations"))


def build_window() -> Any:
    from kds.app.connection import ConnectionInfo
    from kds.clock import FakeClock
    from kds.store.settings import Settings
    from kds.ui.board.board import BoardScreen
    from kds.ui.board.header import HeaderInfo
    from kds.ui.connect.first_run import FirstRunScreen
    from kds.ui.connect.info_screen import ConnectionInfoScreen
    from kds.ui.connect.oauth_screen import OAuthConnectScreen
    from kds.ui.location.acceptance_panel import AcceptancePanel
    from kds.ui.location.hours_editor import OpeningHoursEditor
    from kds.ui.main_window import MainWindow
    from kds.ui.settings.screen import SettingsScreen
    from tests.fakes.location_source import MemoryLocationSource
    from tests.screens.board_screenshot import demo_source

    clock = FakeClock(START)
    window = MainWindow(clock)
    # The header shown is the one set below: the window's 1 s refresh (no health here) would
    # replace it with "Connecting…" whenever a slow machine lets the timer fire mid-shot.
    window._header_timer.stop()
    board = BoardScreen(demo_source(clock), clock)
    board.set_header(HeaderInfo(
        location_name="Bella Pizza — Paris 11e", acceptance_mode="busy",
        resume_at=clock.now() + timedelta(minutes=25), extra_preparation_time=15,
        last_poll_at=clock.now() - timedelta(seconds=12)))
    window.set_page("board", board)
    location = MemoryLocationSource()
    window.set_page("acceptance", AcceptancePanel(location, clock))
    window.set_page("hours", OpeningHoursEditor(location, clock))
    settings = SettingsScreen(Settings())
    settings.set_figures_available(True)   # as once connected: its button must fit too
    window.set_page("settings", settings)
    window.set_page("figures", _figures_page())
    info = ConnectionInfo(location_id="3r4s3-1", location_name="Paris 11e",
                          account_name="Bella Pizza", api_url="https://api.hubrise.com/v1")
    window.set_page("connection", ConnectionInfoScreen(_Service(), info))  # type: ignore[arg-type]
    window.set_page("first_run", FirstRunScreen())
    window.set_page("connect", OAuthConnectScreen(_Service()))  # type: ignore[arg-type]
    window.show_page("board")
    return window


def render(folder: Path, width: int, height: int, suffix: str = "",
           pages: tuple[str, ...] = PAGES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kds.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    translator = use_language(os.environ.get("KDS_SCREEN_LANG", "en"))  # noqa: F841 - kept alive
    window = build_window()
    window.resize(width, height)
    window.show()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for page in pages:
        window.show_page(page)
        for _ in range(3):
            app.processEvents()
        path = folder / f"{page}-{width}x{height}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    window.close()
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    only = tuple(args[4].split(",")) if len(args) > 4 else PAGES
    for shot in render(Path(args[0]), int(args[1]), int(args[2]),
                       args[3] if len(args) > 3 else "", only):
        print(shot)
