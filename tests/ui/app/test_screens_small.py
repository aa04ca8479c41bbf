"""Every screen at small sizes and in kiosk mode: geometry the widgets really get (offscreen)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton

from kds.app.config import parse_config
from kds.app.controller import AppController
from kds.clock import SystemClock
from kds.ui.sound import NullSoundPlayer

# Screens larger than the tightest one (1024x600): in the full suite, not the inner loop.
LARGER_SCREENS = [pytest.param(1280, 800, marks=pytest.mark.slow),
                  pytest.param(1366, 768, marks=pytest.mark.slow),
                  pytest.param(1920, 1080, marks=pytest.mark.slow)]


@pytest.mark.asyncio
async def test_kiosk_covers_the_whole_screen_even_without_a_window_manager(
        qtbot: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse_config(["--kiosk", "--data-dir", str(tmp_path)], {})
    controller = AppController(config, SystemClock(), player=NullSoundPlayer())
    window = controller.window
    qtbot.addWidget(window, before_close_func=lambda w: w.deleteLater())
    # No window manager: the full-screen request is not honoured by anyone, the window is
    # only shown as it is.
    monkeypatch.setattr(window, "showFullScreen", window.show)
    await controller.start()
    screen = window.screen() or QGuiApplication.primaryScreen()
    assert window.isVisible()
    assert window.geometry() == screen.geometry()



@pytest.mark.asyncio
async def test_outside_kiosk_the_window_fills_the_screens_free_area_with_default_settings(
        qtbot: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new install is not in kiosk mode: its window must still use the whole screen (it
    opened at 1366x768 in a corner of a 1920x1080 kitchen screen), even with no window manager."""
    config = parse_config(["--data-dir", str(tmp_path)], {})
    controller = AppController(config, SystemClock(), player=NullSoundPlayer())
    window = controller.window
    qtbot.addWidget(window, before_close_func=lambda w: w.deleteLater())
    monkeypatch.setattr(window, "showMaximized", window.show)   # nobody honours "maximized"
    await controller.start()
    screen = window.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    assert window.isVisible()
    # Within the fake frame the offscreen platform draws (2 px a side).
    assert free.width() - 10 <= window.width() <= free.width()
    assert free.height() - 10 <= window.height() <= free.height()

# -- the undo bar never covers a button ---------------------------------------------------------

def _board(qtbot: Any, width: int, height: int) -> tuple[Any, Any]:
    from datetime import datetime

    from kds.clock import FakeClock
    from kds.ui.board.board import BoardScreen
    from tests.fakes.board_source import MemoryBoardSource
    from tests.fakes.samples import sample_order

    clock = FakeClock(datetime(2026, 11, 24, 11, 0, tzinfo=UTC))
    source = MemoryBoardSource(clock)
    for index in range(12):
        raw = sample_order(index, clock.now(), status="in_preparation")
        raw["service_type"] = "collection"
        source.add_remote(raw, seen=True)
    board = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)
    board.resize(width, height)
    board.show()
    qtbot.waitExposed(board)
    return board, source


def _ticket_button_rects(board: Any) -> list[QRect]:
    """Every ticket's main and menu button as drawn, in board coordinates."""
    from kds.ui.board.delegate import TicketDelegate

    view = board.views[board.current_tab()]
    model = board.models[board.current_tab()]
    rects = []
    for row in range(model.rowCount()):
        ticket = model.tickets()[row]
        card = board.card_geometry(ticket.order_id)
        if card is None or not view.viewport().rect().intersects(card):
            continue
        for rect in (TicketDelegate.button_rect(card), TicketDelegate.menu_rect(card)):
            visible = rect.intersected(view.viewport().rect())
            if not visible.isEmpty():
                rects.append(QRect(view.viewport().mapTo(board, visible.topLeft()),
                                   visible.size()))
    return rects


@pytest.mark.parametrize("width,height", [(1366, 768), (1024, 600)])
def test_undo_bar_covers_no_ticket_button_and_moves_no_ticket(qtbot: Any, width: int,
                                                              height: int) -> None:
    board, _source = _board(qtbot, width, height - 64)   # the window's nav strip takes 64
    first = board.models["active"].tickets()[0]
    before = _ticket_button_rects(board)
    board.press_main_button(first.order_id)
    qtbot.wait(1)
    bar = QRect(board.undo_bar.mapTo(board, QPoint(0, 0)), board.undo_bar.size())
    assert board.undo_bar.isVisible() and not bar.isEmpty()
    after = _ticket_button_rects(board)
    assert after, "tickets with buttons are on screen"
    assert not [rect for rect in after if rect.intersects(bar)]
    widgets = [b for b in board.findChildren(QAbstractButton)
               if b.isVisible() and b is not board.undo_bar.button]
    assert not [b for b in widgets
                if QRect(b.mapTo(board, QPoint(0, 0)), b.size()).intersects(bar)]
    view = board.views["active"]
    assert not QRect(view.mapTo(board, QPoint(0, 0)), view.size()).intersects(bar)
    assert len(before) == len(after)   # the bar took no room from the tickets when it showed
    undo = board.undo_bar.button
    assert undo.width() >= undo.sizeHint().width() and undo.visibleRegion().boundingRect().size() \
        == undo.size()


# -- a disabled control looks disabled and says why ---------------------------------------------

def _fill(button: Any) -> Any:
    """The colour of the button's face, away from its text and border."""
    image = button.grab().toImage()
    return image.pixelColor(8, image.height() // 2)


def test_disabled_sign_in_buttons_look_disabled_and_say_why(qtbot: Any, tmp_path: Any) -> None:
    from kds.app.connection import ConnectionService
    from kds.platform.secrets import open_secret_store
    from kds.ui.connect.oauth_screen import OAuthConnectScreen
    from kds.ui.connect.widgets import big_button

    app = QGuiApplication.instance()
    from kds.ui.theme import apply_theme
    apply_theme(app)  # type: ignore[arg-type]
    enabled = big_button("Open HubRise sign-in", role="primaryButton")
    qtbot.addWidget(enabled)
    enabled.resize(400, 80)
    enabled.show()
    service = ConnectionService(api_url="http://sim.test/v1", data_dir=tmp_path,
                                secrets=open_secret_store(tmp_path))
    screen = OAuthConnectScreen(service, open_url=lambda url: True)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitExposed(screen)
    disabled = screen.open_button
    assert not disabled.isEnabled()
    disabled.resize(400, 80)
    assert _fill(disabled) != _fill(enabled)       # not the enabled primary colour
    assert _fill(screen.code_button) != _fill(enabled)
    why = screen.why_disabled
    assert why.isVisible() and "client id first" in why.text()
    assert abs(why.geometry().top() - disabled.geometry().bottom()) < 40   # right under it
    assert "client id" in disabled.toolTip() and "client id" in screen.code_button.toolTip()


# -- every screen at small sizes ----------------------------------------------------------------

def test_the_window_can_shrink_to_1024x600(qtbot: Any) -> None:
    from tests.screens.all_screens import build_window

    window = build_window()
    qtbot.addWidget(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600, hint


# 1024x600 is the tightest: it stays in the inner loop, the larger screens run in the full suite.
@pytest.mark.parametrize("width,height", [(1024, 600), *LARGER_SCREENS])
def test_every_page_button_is_reachable_and_unclipped(qtbot: Any, width: int,
                                                      height: int) -> None:
    """Board, busy/pause, hours, settings, connection, first run and sign-in: every visible
    button (and the navigation) lies inside the window once scrolled to, fully drawn, and as
    wide as its text; the Settings Save and hours Save need no scrolling at all."""
    from kds.ui.theme import apply_theme
    from tests.screens.all_screens import PAGES, build_window
    from tests.screens.fit_check import page_problems

    apply_theme(QGuiApplication.instance())  # type: ignore[arg-type]
    window = build_window()
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.size().toTuple() == (width, height)
    inside = QRect(0, 0, width, height)
    for key, button in (("settings", window.pages["settings"].save_button),
                        ("hours", window.pages["hours"].save_button)):
        window.show_page(key)
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(rect) and button.visibleRegion().boundingRect().size() == \
            button.size(), key
    problems = [problem for key in PAGES for problem in page_problems(window, key)]
    assert problems == []
    nav = window.nav_buttons.values()
    window.show_page("board")
    assert all(inside.contains(QRect(b.mapTo(window, QPoint(0, 0)), b.size())) for b in nav)


@pytest.mark.slow  # starts the app in a second process (Qt reads QT_SCALE_FACTOR at start)
def test_every_page_fits_1024x600_at_130_percent_text() -> None:
    """The app applies 130 % as QT_SCALE_FACTOR=1.3 at start (kds.app.start.apply_text_size):
    run the same check in a fresh process, where Qt reads it."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = dict(os.environ, QT_SCALE_FACTOR="1.3", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-m", "tests.screens.fit_check", "1024", "600"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["size"][0] <= 1024 / 1.3 + 1 and result["size"][1] <= 600 / 1.3 + 1
    assert result["problems"] == []


def open_dialog(board: Any, which: str) -> Any:
    """The first ticket's menu, its accept dialog or its whole-order view, shown."""
    first = board.models["active"].tickets()[0].order_id
    if which == "menu":
        dialog = board.open_menu(first)
    elif which == "order":   # the whole order (issue 14), laid out like the ticket
        dialog = board.open_details(first)
        assert type(dialog).__name__ == "OrderView"
    else:
        board.set_status(first, "received")
        board.release_hold()
        dialog = board.press_main_button(first)
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.parametrize("which", ["menu", "accept", "order"])
def test_board_dialogs_fit_a_1024x600_window(qtbot: Any, which: str) -> None:
    board, _source = _board(qtbot, 1024, 600 - 64)
    dialog = open_dialog(board, which)
    window = board.window().geometry()
    assert dialog.width() <= window.width() and dialog.height() <= window.height()
    assert window.contains(dialog.geometry())
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()
            assert button.height() >= 64, button.text()   # a finger, not a mouse


@pytest.mark.parametrize("width,height", [(1024, 600), *LARGER_SCREENS[:2]])
def test_settings_texts_never_overlap_their_controls(qtbot: Any, width: int,
                                                     height: int) -> None:
    from PySide6.QtWidgets import QLabel

    from kds.store.settings import Settings
    from kds.ui.settings.screen import SettingsScreen
    from kds.ui.theme import apply_theme

    apply_theme(QGuiApplication.instance())  # type: ignore[arg-type]
    screen = SettingsScreen(Settings())
    qtbot.addWidget(screen)
    screen.resize(width, height - 64)
    screen.show()
    qtbot.waitExposed(screen)
    for control in screen.controls.values():
        row = control.parentWidget()
        box = QRect(control.mapTo(screen, QPoint(0, 0)), control.size())
        for label in row.findChildren(QLabel):
            if label.parentWidget() is not row or not label.text():
                continue
            text = QRect(label.mapTo(screen, QPoint(0, 0)), label.size())
            assert not text.intersects(box), label.text()
            needed = label.heightForWidth(label.width()) if label.wordWrap() else \
                label.sizeHint().height()
            assert label.height() >= needed, f"{label.text()!r} cut at {width}"
            if not label.wordWrap():
                assert label.width() >= label.sizeHint().width(), label.text()
