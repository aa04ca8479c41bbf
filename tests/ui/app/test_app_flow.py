"""The whole app in demo mode, driven like staff: simulator → poller → store → board → outbox."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kds.app.config import parse_config
from kds.app.controller import AppController
from kds.clock import SystemClock
from kds.sim.world import DEMO_PLATFORM_TOKEN
from kds.ui.sound import NullSoundPlayer
from tests.waiting import Wakeups, watch_engine

pytestmark = pytest.mark.slow  # the whole app on real time against a served simulator (~4 s)

COLLECTION_ORDER = {
    "status": "new", "service_type": "collection", "collection_code": "AB12",
    "customer_notes": "<img src=x> no onions please",
    "items": [{"product_name": "Margherita", "sku_name": "Large", "price": "14.00 EUR",
               "quantity": "2", "options": [
                   {"option_list_name": "Toppings", "name": "Onions", "removed": True}]}],
}


async def start_demo_app(tmp_path, qtbot) -> tuple[AppController, Wakeups]:
    """The app on the demo world; the test wakes on the engine's news and HubRise's answers."""
    config = parse_config(["--demo", "--data-dir", str(tmp_path)], {})
    controller = AppController(config, SystemClock(), player=NullSoundPlayer())
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    await controller.start()
    controller.runtime.engine.poll_floor = 0.2  # the test should not wait for demo polling
    return controller, watch_engine(controller.runtime.engine)


@pytest.mark.asyncio
async def test_platform_order_appears_on_the_board_and_each_tap_reaches_the_simulator(
        qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        world = controller.runtime.demo.world
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, COLLECTION_ORDER)["id"]
        board = controller.board
        await wakeups.until(lambda: board.ticket(order_id) is not None)
        # Auto-acknowledge: the platform sees "received" without anyone touching the screen.
        await wakeups.until(lambda: world.orders[order_id]["status"] == "received")

        dialog = board.press_main_button(order_id)
        assert dialog is not None, "accepting offers a confirmed time"
        qtbot.mouseClick(dialog.minute_buttons[10], Qt.MouseButton.LeftButton)
        await wakeups.until(lambda: world.orders[order_id]["status"] == "accepted")
        assert world.orders[order_id]["confirmed_time"] is not None

        board.press_main_button(order_id)
        await wakeups.until(lambda: world.orders[order_id]["status"] == "in_preparation")
        board.press_main_button(order_id)
        await wakeups.until(lambda: world.orders[order_id]["status"] == "awaiting_collection")
        assert controller.runtime.store.get_order(order_id).status == "awaiting_collection"
    finally:
        await controller.stop_runtime()


@pytest.mark.asyncio
async def test_recall_after_a_mistaken_bump_reaches_the_simulator(qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        world = controller.runtime.demo.world
        body = dict(COLLECTION_ORDER, status="in_preparation")
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, body)["id"]
        board = controller.board
        await wakeups.until(lambda: board.ticket(order_id) is not None)
        board.press_main_button(order_id)
        await wakeups.until(lambda: world.orders[order_id]["status"] == "awaiting_collection")
        assert board.recall_last()
        await wakeups.until(lambda: world.orders[order_id]["status"] == "in_preparation")
    finally:
        await controller.stop_runtime()


@pytest.mark.asyncio
async def test_cancellation_by_the_platform_is_flagged_on_the_board(qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        world = controller.runtime.demo.world
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, COLLECTION_ORDER)["id"]
        board = controller.board
        await wakeups.until(lambda: board.ticket(order_id) is not None)
        world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "cancelled"})
        await wakeups.until(lambda: (t := board.ticket(order_id)) is not None
                       and t.remote_change == "cancelled")
    finally:
        await controller.stop_runtime()


@pytest.mark.asyncio
async def test_demo_screenshot_shows_header_health_and_tickets(qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        controller.window.showNormal()   # it starts maximized on the screen; shoot 1366x768
        controller.window.resize(1366, 768)
        await wakeups.until(lambda: controller.runtime.engine.health().last_poll_at is not None)
        controller.window.update_header()
        header = controller.board.header
        assert "Online" in header.health.text()
        assert header.location.text() == "Paris"
        image = controller.window.grab()
        assert image.width() == 1366 and image.save(str(tmp_path / "shot.png"))
    finally:
        await controller.stop_runtime()


@pytest.mark.asyncio
async def test_busy_from_the_acceptance_page_reaches_the_simulator(qtbot, tmp_path):
    controller, wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        world = controller.runtime.demo.world
        controller.window.show_page("acceptance")
        assert controller.window.current_page() == "acceptance"
        panel = controller.acceptance
        await wakeups.until(lambda: controller.runtime.store.get_location_raw() is not None)
        panel.go_busy(15, panel.resume_key)
        await wakeups.until(lambda: world.location["order_acceptance"]["mode"] == "busy")
        assert world.location["order_acceptance"]["extra_preparation_time"] == 15
    finally:
        await controller.stop_runtime()


@pytest.mark.asyncio
async def test_revoked_token_shows_reconnect_needed_and_keeps_the_cached_board(qtbot, tmp_path):
    from kds.sim.server import serve_in_thread
    from kds.sim.world import World

    world = World(SystemClock(), seed=9)
    world.add_connection("screen-token", "kds", "screen-1")
    server = serve_in_thread(world)
    config = parse_config(["--api-url", server.base_url, "--data-dir", str(tmp_path)],
                          {"KDS_ACCESS_TOKEN": "screen-token"})
    controller = AppController(config, SystemClock(), player=NullSoundPlayer())
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    try:
        await controller.start()
        engine = controller.runtime.engine
        engine.poll_floor = 0.2
        wakeups = watch_engine(engine)
        await wakeups.until(lambda: engine.connected)
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, COLLECTION_ORDER)["id"]
        await wakeups.until(lambda: controller.board.ticket(order_id) is not None)

        world.remove_connection("screen-token")          # revoked in the back office
        await wakeups.until(lambda: engine.health().reconnect_needed)
        controller.window.update_header()
        assert "RECONNECT NEEDED" in controller.board.header.health.text()
        assert controller.board.ticket(order_id) is not None  # the kitchen keeps its tickets
        connection_page = controller.window.pages["connection"]
        assert connection_page.reconnect_banner.isVisibleTo(connection_page)
    finally:
        await controller.stop_runtime()
        server.stop()


@pytest.mark.asyncio
async def test_kds_customer_display_shows_preparing_then_ready_when_the_kitchen_bumps(
        qtbot, tmp_path):
    """`kds --customer-display`: the app root opens the public board beside the kitchen's, fed
    by the same store; a bump on the board moves the code to Ready with one chime."""
    config = parse_config(["--demo", "--customer-display", "--data-dir", str(tmp_path)], {})
    player = NullSoundPlayer()
    controller = AppController(config, SystemClock(), player=player)
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    await controller.start()
    controller.runtime.engine.poll_floor = 0.2
    wakeups = watch_engine(controller.runtime.engine)
    try:
        display = controller.customer.display
        assert display is not None and display.isVisible()
        world = controller.runtime.demo.world
        order_id = world.create_order(DEMO_PLATFORM_TOKEN, COLLECTION_ORDER)["id"]
        board = controller.board
        await wakeups.until(lambda: world.orders[order_id]["status"] == "received")
        board.refresh()
        assert "AB12" in display.preparing() and "AB12" not in display.ready()
        board.set_status(order_id, "awaiting_collection")   # the board's action path
        assert "AB12" in display.ready() and "AB12" not in display.preparing()
        assert player.played.count("order_ready") == 1
        board.refresh()
        assert player.played.count("order_ready") == 1
    finally:
        controller.customer.close()
        await controller.stop_runtime()


@pytest.mark.asyncio
async def test_settings_open_and_close_the_customer_display(qtbot, tmp_path):
    import dataclasses

    controller, _wakeups = await start_demo_app(tmp_path, qtbot)
    try:
        assert controller.customer.display is None          # off by default
        settings = controller.store.get_settings()
        controller._save_settings(dataclasses.replace(settings, customer_display=True))
        display = controller.customer.display
        assert display is not None and display.isVisible()
        assert display.player is controller._player          # the app's speaker
        assert controller.store.get_settings().customer_display   # kept for the next start
        controller._save_settings(dataclasses.replace(settings, customer_display=True,
                                                      sound_on=False))
        assert controller.customer.display is display       # still the one window
        assert display.player is not controller._player      # sound off: a silent player
        controller._save_settings(dataclasses.replace(settings, customer_display=False))
        assert controller.customer.display is None and not display.isVisible()
    finally:
        controller.customer.close()
        await controller.stop_runtime()
