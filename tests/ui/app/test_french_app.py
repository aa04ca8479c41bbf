"""The whole app in demo mode in French: what the controller writes at run time stays French."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.app.test_app_flow import start_demo_app

pytestmark = pytest.mark.slow  # the whole app against a served simulator (~4 s)


@pytest.mark.asyncio
async def test_the_running_app_keeps_its_french(qtbot: Any, tmp_path: Any, language: Any) -> None:
    """The nav button's busy hint is rewritten on every refresh: it said "Busy / Pause" in
    English on a French screen before; the header's health line is French too."""
    language("fr")
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        await wakeups.until(lambda: controller.runtime.engine.health().last_poll_at is not None)
        controller._update_kitchen_load()   # what every board refresh calls
        assert controller.window.nav_buttons["acceptance"].text().startswith("Occupé/Pause")
        controller.window.update_header()
        assert controller.board.header.health.text().startswith("● En ligne")
    finally:
        await controller.stop_runtime()
