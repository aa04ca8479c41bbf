"""Every screen at small sizes and in kiosk mode: geometry the widgets really get (offscreen)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton

from kds.app.config import parse_config
from kds.app.controller import AppController
from kds.clock import SystemClock
from kds.ui.sound import NullSoundPlayer


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


# -- the undo bar never covers a button ---------------------------------------------------------

def _board(qtbot: Any, width: int, height: int) -> tuple[Any, Any]:
    from datetime import datetime, timezone

    from kds.clock import FakeClock
    from kds.ui.board.board import BoardScreen
    from tests.fakes.board_source import MemoryBoardSource
    from tests.fakes.samples import sample_order

    clock = FakeClock(datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc))
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


def test_undo_bar_covers_no_ticket_button_and_moves_no_ticket(qtbot: Any) -> None:
    board, _source = _board(qtbot, 1366, 768 - 64)    # the window's nav strip takes the rest
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
    assert board.views["active"].geometry().bottom() < bar.top()
    assert len(before) == len(after)   # the bar took no room from the tickets when it showed


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
