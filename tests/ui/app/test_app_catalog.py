"""The app in demo mode reads the demo catalog once and marks tagged items on the board."""

from __future__ import annotations

import pytest

from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN
from tests.ui.app.test_app_flow import start_demo_app

pytestmark = pytest.mark.slow  # the whole app on real time against a served simulator


def brownie_order(n: int) -> dict[str, object]:
    return {"status": "new", "service_type": "collection", "collection_code": f"B{n}",
            "items": [{"product_name": "Brownie", "sku_ref": "BROW", "price": "3.00 EUR",
                       "quantity": "1"}]}


@pytest.mark.asyncio
async def test_the_demo_board_marks_a_brownie_from_the_catalog_fetched_once(qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        world = controller.runtime.demo.world
        board = controller.board
        ids = [world.create_order(DEMO_PLATFORM_TOKEN, brownie_order(n))["id"] for n in range(3)]
        await wakeups.until(lambda: all(
            (ticket := board.ticket(order_id)) is not None and "NUTS" in ticket.items[0].marks
            for order_id in ids))
        assert board.ticket(ids[0]).items[0].marks == ("GLUTEN", "NUTS", "DAIRY", "EGG",
                                                         "VEGETARIAN")
        gets = [r for r in world.request_log
                if r.token == DEMO_KDS_TOKEN and "/catalogs/" in r.path]
        assert len(gets) == 1
    finally:
        await controller.stop_runtime()
