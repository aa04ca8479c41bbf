"""The Figures page in the running app: behind a button on Settings (the navigation row is
full at 1024 px and 130 % text), fed by the orders' store."""

from __future__ import annotations

import pytest

from kds.sim.world import DEMO_PLATFORM_TOKEN
from kds.ui.figures.screen import FiguresScreen
from tests.ui.app.test_app_flow import COLLECTION_ORDER, start_demo_app


@pytest.mark.asyncio
async def test_settings_opens_figures_of_the_demo_orders(qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        world = controller.runtime.demo.world
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, COLLECTION_ORDER)["id"]
        await wakeups.until(lambda: controller.board.ticket(order_id) is not None)
        window = controller.window
        assert "figures" not in window.nav_buttons   # not a 6th nav button
        window.show_page("settings")
        settings = window.pages["settings"]
        assert settings.figures_button.isVisible()
        settings.figures_button.click()
        assert window.current_page() == "figures"
        page = window.pages["figures"]
        assert isinstance(page, FiguresScreen)
        expected = controller.runtime.store.figures("today").orders
        assert expected >= 1 and page.values["orders"].text() == str(expected)
        page.close_button.click()
        assert window.current_page() == "settings"
    finally:
        await controller.stop_runtime()
