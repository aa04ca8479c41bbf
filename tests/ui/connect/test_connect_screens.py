"""What staff see and tap to connect: first run, paste a code or token, connection, disconnect."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import Qt, QTimer

import qasync

from kds.clock import FakeClock
from kds.app.connection import ConnectionInfo, ConnectionService, DisconnectReport
from kds.hubrise.client import HubRiseClient
from kds.hubrise.oauth import OAuthClient
from kds.platform.secrets import open_secret_store
from kds.sim import demo
from kds.sim.app import create_app
from kds.sim.world import World
from kds.ui.connect import ConnectionInfoScreen, FirstRunScreen, OAuthConnectScreen
from kds.ui.theme import load_stylesheet

SHOTS = Path(__file__).resolve().parents[3] / "shots"
API, OAUTH = "http://sim.test/v1", "http://sim.test/oauth2/v1"
CLIENT_ID, CLIENT_SECRET = "kds-sim", "kds-sim-secret"


@pytest.fixture
def world() -> World:
    world = World(FakeClock(datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)), rate_limits=False)
    world.oauth.add_client(CLIENT_ID, CLIENT_SECRET)
    return world


@pytest.fixture
def transport(world: World) -> httpx.ASGITransport:
    # In-process: qasync's socket notifiers trip a PySide6 6.12 refcount bug (see report).
    return httpx.ASGITransport(app=create_app(world))


@pytest.fixture
def service(tmp_path: Path, transport: httpx.ASGITransport) -> ConnectionService:
    return ConnectionService(
        api_url=API, data_dir=tmp_path, secrets=open_secret_store(tmp_path),
        oauth=OAuthClient(OAUTH, CLIENT_ID, CLIENT_SECRET, transport=transport),
        client_factory=lambda token: HubRiseClient(API, token, transport=transport))


@pytest.fixture
def gui_loop(qapp: Any) -> Iterator[qasync.QEventLoop]:
    """Like conftest's running_qloop, which breaks Qt timers for every later test: its
    loop.stop() calls QApplication.exit() with no exec() running, which leaves Qt's quitNow
    set. Here: clear that state first (a short exec), and never call exit() on teardown."""
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    for task in asyncio.all_tasks(loop):
        task.cancel()
    loop._QEventLoop__is_running = False  # private; stop() would call QApplication.exit()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


def shoot(widget: Any, name: str) -> None:
    widget.setStyleSheet(load_stylesheet())
    widget.resize(1280, 800)
    widget.show()
    SHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


def run(qtbot: Any, loop: asyncio.AbstractEventLoop, coro: Any) -> Any:
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


async def read_code(transport: httpx.ASGITransport, url: str) -> str:
    async with httpx.AsyncClient(transport=transport) as http:
        page = await http.get(url)
    match = re.search(r"<code id='code'>([^<]+)</code>", page.text)
    assert match, page.text
    return html.unescape(match.group(1))


def test_first_run_offers_demo_and_connect(qtbot):
    screen = FirstRunScreen()
    qtbot.addWidget(screen)
    chosen: list[str] = []
    screen.demoChosen.connect(lambda: chosen.append("demo"))
    screen.connectChosen.connect(lambda: chosen.append("connect"))
    qtbot.mouseClick(screen.demo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.connect_button, Qt.MouseButton.LeftButton)
    assert chosen == ["demo", "connect"]
    assert screen.demo_button.text() == "Try the demo"
    assert screen.connect_button.text() == "Connect to HubRise"
    assert screen.connect_button.height() >= 64 or screen.connect_button.minimumHeight() >= 64
    shoot(screen, "first_run.png")


def test_pasting_the_code_connects_and_shows_names_and_ids(qtbot, gui_loop, service, transport,
                                                           world):
    opened: list[str] = []
    screen = OAuthConnectScreen(service, open_url=lambda url: opened.append(url) or True)
    qtbot.addWidget(screen)
    connected: list[ConnectionInfo] = []
    screen.connected.connect(connected.append)

    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].startswith(OAUTH + "/authorize?")
    assert screen.url_label.text() == opened[0]  # also shown, for a screen with no browser
    shoot(screen, "oauth_connect.png")
    assert f"device_id={service.device_id}" in opened[0]
    code = run(qtbot, gui_loop, read_code(transport, opened[0]))
    qtbot.keyClicks(screen.code_field, code)
    qtbot.mouseClick(screen.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(connected), timeout=5000)

    info = connected[0]
    assert info.location_name == "Paris" and info.catalog_id == demo.CATALOG["id"]
    token = service.stored_token()
    assert token in world.connections

    info_screen = ConnectionInfoScreen(service, info)
    qtbot.addWidget(info_screen)
    assert info_screen.name_labels["location_name"].text() == "Paris"
    assert info_screen.id_labels["location_id"].text() == f"id {demo.LOCATION_ID}"
    assert info_screen.name_labels["account_name"].text() == demo.ACCOUNT["name"]
    assert info_screen.name_labels["catalog_name"].text() == demo.CATALOG["name"]
    assert info_screen.id_labels["customer_list_id"].text() == f"id {demo.CUSTOMER_LIST['id']}"
    shoot(info_screen, "connection_info.png")


def test_wrong_code_shows_a_clear_message_and_stays(qtbot, gui_loop, service):
    screen = OAuthConnectScreen(service, open_url=lambda url: True)
    qtbot.addWidget(screen)
    connected: list[object] = []
    screen.connected.connect(connected.append)
    qtbot.keyClicks(screen.code_field, "nonsense-code")
    qtbot.mouseClick(screen.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not accept this code" in screen.status_label.text(), timeout=5000)
    assert not connected and not screen.busy
    assert screen.code_button.isEnabled()


def test_integrator_pastes_an_access_token(qtbot, gui_loop, service, world):
    world.add_connection("integrator-token-5678", "kds", "bench")
    screen = OAuthConnectScreen(service, open_url=lambda url: True)
    qtbot.addWidget(screen)
    screen.show()
    connected: list[ConnectionInfo] = []
    screen.connected.connect(connected.append)
    assert not screen.token_panel.isVisible()
    qtbot.mouseClick(screen.token_toggle, Qt.MouseButton.LeftButton)
    assert screen.token_panel.isVisible()
    qtbot.keyClicks(screen.token_field, "integrator-token-5678")
    assert screen.token_field.displayText() != "integrator-token-5678"  # masked on screen
    qtbot.mouseClick(screen.token_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(connected), timeout=5000)
    assert connected[0].location_id == demo.LOCATION_ID
    assert service.stored_token() == "integrator-token-5678"
    assert screen.token_field.text() == ""


def test_without_oauth_client_only_the_token_path_is_offered(qtbot, tmp_path):
    service = ConnectionService(api_url=API, data_dir=tmp_path, secrets=open_secret_store(tmp_path))
    screen = OAuthConnectScreen(service, open_url=lambda url: pytest.fail("opened"))
    qtbot.addWidget(screen)
    assert not screen.open_button.isEnabled() and not screen.code_button.isEnabled()
    assert screen.token_toggle.isChecked()
    assert "access token" in screen.status_label.text()


def _connected_info_screen(qtbot, gui_loop, service, world, token="screen-token-1111"):
    world.add_connection(token, "kds", "screen")
    info = run(qtbot, gui_loop, service.connect_with_token(token))
    screen = ConnectionInfoScreen(service, info)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_disconnect_asks_keep_or_wipe_and_keeping_leaves_the_cache(qtbot, gui_loop, service,
                                                                    world, tmp_path):
    screen = _connected_info_screen(qtbot, gui_loop, service, world)
    (tmp_path / "kds.sqlite3").write_text("orders")
    results: list[bool] = []
    screen.disconnected.connect(results.append)
    assert not screen.confirm_panel.isVisible()
    qtbot.mouseClick(screen.disconnect_button, Qt.MouseButton.LeftButton)
    assert screen.confirm_panel.isVisible()
    assert screen.keep_button.isVisible() and screen.wipe_button.isVisible()
    shoot(screen, "disconnect_confirm.png")
    qtbot.mouseClick(screen.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [False]
    assert "screen-token-1111" not in world.connections  # revoked on HubRise
    assert service.stored_token() is None
    assert (tmp_path / "kds.sqlite3").exists()


def test_disconnect_and_wipe_deletes_the_cache(qtbot, gui_loop, service, world, tmp_path):
    screen = _connected_info_screen(qtbot, gui_loop, service, world)
    (tmp_path / "kds.sqlite3").write_text("orders")
    results: list[bool] = []
    screen.disconnected.connect(results.append)
    qtbot.mouseClick(screen.disconnect_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.wipe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [True]
    assert not (tmp_path / "kds.sqlite3").exists()


def test_cancel_disconnect_keeps_the_connection(qtbot, gui_loop, service, world):
    screen = _connected_info_screen(qtbot, gui_loop, service, world)
    qtbot.mouseClick(screen.disconnect_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert not screen.confirm_panel.isVisible()
    assert service.stored_token() == "screen-token-1111"


def test_names_from_the_network_are_shown_as_plain_text(qtbot, tmp_path):
    service = ConnectionService(api_url=API, data_dir=tmp_path, secrets=open_secret_store(tmp_path))
    info = ConnectionInfo(location_id="L1", location_name="<b>Bold</b> <img src=x>")
    screen = ConnectionInfoScreen(service, info)
    qtbot.addWidget(screen)
    label = screen.name_labels["location_name"]
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>Bold</b> <img src=x>"
    assert screen.name_labels["catalog_name"].text() == "not known"


def test_reconnect_needed_banner_offers_reconnect(qtbot, tmp_path):
    service = ConnectionService(api_url=API, data_dir=tmp_path, secrets=open_secret_store(tmp_path))
    screen = ConnectionInfoScreen(service, ConnectionInfo(location_id="L1", location_name="Paris"))
    qtbot.addWidget(screen)
    screen.show()
    asked: list[bool] = []
    screen.reconnectRequested.connect(lambda: asked.append(True))
    assert not screen.reconnect_banner.isVisible()
    screen.set_reconnect_needed(True)
    assert screen.reconnect_banner.isVisible()
    qtbot.mouseClick(screen.reconnect_button, Qt.MouseButton.LeftButton)
    assert asked == [True]


class _HalfWorkingService:
    async def disconnect(self, wipe_cache: bool) -> DisconnectReport:
        return DisconnectReport(secret_removed=True, problems=[
            "HubRise could not revoke the token (NetworkError); remove the connection in the "
            "HubRise back office."])


def test_disconnect_problems_are_shown_to_staff(qtbot, gui_loop):
    screen = ConnectionInfoScreen(_HalfWorkingService(), ConnectionInfo(location_id="L1"))
    qtbot.addWidget(screen)
    results: list[bool] = []
    screen.disconnected.connect(results.append)
    qtbot.mouseClick(screen.disconnect_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert "HubRise back office" in screen.status_label.text()
