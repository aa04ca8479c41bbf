"""Every screen at small sizes and in kiosk mode: geometry the widgets really get (offscreen)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

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
