"""The header and the Connection page say what is true: drawn text, real engine, default settings."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timezone
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kds.clock import FakeClock
from kds.app.config import parse_config
from kds.app.connection import ConnectionInfo
from kds.hubrise.ratelimit import RateLimiter
from kds.app.runtime import Runtime
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.app.controller import AppController
from kds.ui.sound import NullSoundPlayer
from tests.fakes.fake_hubrise import FakeHubRise, html, order, text

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # 12:00 in Paris


@pytest.fixture
def app(qtbot, tmp_path, clock, hubrise):
    """The app's controller with a real store and engine on FakeHubRise, pages as in _run()."""
    store = Store.open(tmp_path / "kds.sqlite", clock)
    config = parse_config(["--data-dir", str(tmp_path)], {})
    controller = AppController(config, clock, player=NullSoundPlayer(), store=store)
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    client = hubrise.client(RateLimiter(clock))
    runtime = Runtime(store, clock)
    runtime.engine = SyncEngine(client, store, clock)
    controller.runtime = runtime
    controller.window.health_source = runtime.engine.health
    controller.window.location_source = store.get_location_raw
    controller._add_board_page(runtime)
    controller._add_connection_page(ConnectionInfo(location_id="L1", location_name="Paris"))
    controller.window.resize(1366, 768)
    controller.window.show()
    controller.window.show_page("board")
    yield controller
    controller.window.location_source = lambda: None   # the header timer outlives the store
    if getattr(controller, "problems", None) is not None:
        controller.problems.close()
    asyncio.run(client.aclose())
    store.close()


def engine_of(app: AppController) -> SyncEngine:
    assert app.runtime is not None and app.runtime.engine is not None
    return app.runtime.engine


def shown(app: AppController) -> str:
    app._on_location()  # what the sync bridge does on location_changed (the timezone)
    app._on_health()   # what the sync bridge does on health_changed
    assert app.board is not None
    return app.board.header.health.text()


def connect_and_poll(app: AppController, hubrise: FakeHubRise, clock: FakeClock,
                     fault: Any = None, path: str = "callback/events", polls: int = 4) -> None:
    engine = engine_of(app)

    async def scenario() -> None:
        await engine.connect()
        await engine.poll_once()
        if fault is not None:
            hubrise.faults[path] = fault
        for _ in range(polls):
            clock.advance(30)
            await engine.poll_once()

    asyncio.run(scenario())


def test_online_after_a_good_poll(app, hubrise, clock):
    connect_and_poll(app, hubrise, clock)
    clock.advance(30)
    assert shown(app) == "● Online · 30 s ago"
    assert app.board.header.health.objectName() == "healthOnline"


@pytest.mark.parametrize("fault, reason", [
    (text(502, "Bad Gateway"), "HubRise is failing (502)"),
    (html(200), "answered with a web page — captive portal?"),
    (text(200, "{oops"), "HubRise's answer could not be read (invalid JSON)"),
    ("network", "the network is down"),
])
def test_two_minutes_of_failures_say_no_contact_and_why(app, hubrise, clock, fault, reason):
    connect_and_poll(app, hubrise, clock, fault)
    text_shown = shown(app)
    assert text_shown == f"✖ No contact with HubRise since 12:00 — {reason}"
    assert "Online" not in text_shown
    assert app.board.header.health.objectName() == "healthOffline"


def test_a_429_hold_says_wait_until_never_online(app, hubrise, clock):
    fault = text(429, "")
    fault.headers["Retry-After"] = "900"
    connect_and_poll(app, hubrise, clock, fault, polls=1)
    # 12:00:30 + 15 min
    assert shown(app) == "◷ HubRise asks us to wait until 12:15"


def test_a_failed_first_sync_is_not_online(app, hubrise, clock):
    hubrise.faults["location/orders"] = text(500, '{"message": "boom"}')
    connect_and_poll(app, hubrise, clock)
    text_shown = shown(app)
    assert "earlier orders not loaded: HubRise is failing (500)" in text_shown
    assert app.board.header.health.objectName() == "healthOffline"


def test_location_never_loaded_does_not_say_taking_orders(app, hubrise, clock):
    hubrise.faults["location"] = text(503, '{"message": "down"}')
    connect_and_poll(app, hubrise, clock, polls=0)
    assert app.board.header.acceptance.text() == "Location not loaded yet"
    assert "Taking orders" not in app.board.header.acceptance.text()
    assert app.board.header.acceptance.objectName() == "acceptanceUnknown"   # not green


def test_disk_full_is_said_on_the_header(app, hubrise, clock):
    engine = engine_of(app)
    connect_and_poll(app, hubrise, clock, polls=0)
    real = engine.poller.store

    class Full:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def upsert_remote_order(self, *args: Any, **kwargs: Any) -> Any:
            raise sqlite3.OperationalError("database or disk is full")

        def dead_letter(self, *args: Any) -> Any:
            raise sqlite3.OperationalError("database or disk is full")

        def set_meta(self, *args: Any) -> Any:
            raise sqlite3.OperationalError("database or disk is full")

    engine.poller.store = engine.store = Full()
    hubrise.orders["o-1"] = order("o-1", "R1", START)
    hubrise.add_event("o-1")
    clock.advance(30)
    asyncio.run(engine.poll_once())
    assert shown(app) == "✖ Disk full — orders are waiting on HubRise"
    assert hubrise.events   # not acknowledged: HubRise keeps it until the store can write


def test_orders_set_aside_are_counted_and_listed(app, hubrise, clock, qtbot):
    connect_and_poll(app, hubrise, clock, polls=0)
    hubrise.add_event("o-gone")   # its order answers 404: set aside
    clock.advance(30)
    asyncio.run(engine_of(app).poll_once())
    assert shown(app).endswith("· 1 order could not be shown")
    qtbot.mouseClick(app.board.header.health, Qt.MouseButton.LeftButton)
    dialog = app.problems
    assert dialog is not None and dialog.isVisible()
    assert any(line.startswith("event ") and "o-gone" in line and "404" in line
               for line in dialog.lines), dialog.lines


def test_failed_change_names_the_order_and_opens_it(app, hubrise, clock, qtbot):
    hubrise.orders["o-7"] = order("o-7", "R7", START)
    connect_and_poll(app, hubrise, clock, polls=0)   # the first sync brings o-7
    store = app.runtime.store
    store.set_order_status("o-7", "accepted")
    hubrise.faults["location/orders/o-7"] = text(
        422, '{"error_type": "unprocessable_entity", "message": "Invalid status"}')
    asyncio.run(engine_of(app).drain_outbox_once())
    app.board.refresh()
    assert "1 FAILED: #R7" in shown(app)
    qtbot.mouseClick(app.board.header.health, Qt.MouseButton.LeftButton)
    [button] = app.problems.findChildren(QPushButton, "problemOrderButton")
    assert button.text() == "Open order #R7"
    assert any(line.startswith("#R7 — Not sent: 422") for line in app.problems.lines)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert app.board.dialog is not None and "Order" in app.board.dialog.windowTitle()


def test_connection_page_does_not_say_connected_while_failing(app, hubrise, clock):
    connect_and_poll(app, hubrise, clock, text(502, "Bad Gateway"))
    shown(app)
    page = app.window.pages["connection"]
    assert page.title_label.text() == "Not in contact with HubRise"
    assert "HubRise is failing (502)" in page.state_label.text()
    hubrise.faults.clear()
    asyncio.run(engine_of(app).poll_once())
    shown(app)
    assert page.title_label.text() == "Connected to HubRise"


def test_a_change_withdrawn_by_a_cancellation_says_not_sent_once(app, hubrise, clock):
    hubrise.orders["o-7"] = order("o-7", "R7", START)
    connect_and_poll(app, hubrise, clock, polls=0)
    store = app.runtime.store
    store.set_order_status("o-7", "accepted")   # not sent yet when the platform cancels
    store.upsert_remote_order({**hubrise.orders["o-7"], "status": "cancelled"})
    app.board.refresh()
    badge = app.board.ticket("o-7").sync_badge
    assert badge.startswith("✖ Not sent: the order was cancelled on HubRise"), badge
    assert badge.count("Not sent") == 1


def test_connection_page_lists_orders_set_aside(app, hubrise, clock, qtbot):
    connect_and_poll(app, hubrise, clock, polls=0)
    hubrise.add_event("o-gone")
    clock.advance(30)
    asyncio.run(engine_of(app).poll_once())
    shown(app)
    app.window.show_page("connection")
    page = app.window.pages["connection"]
    assert page.state_label.text().endswith("1 order could not be shown")
    assert page.problems_button.isVisible()
    qtbot.mouseClick(page.problems_button, Qt.MouseButton.LeftButton)
    assert app.problems is not None and app.problems.isVisible()
    assert "1 order could not be shown (last 24 h):" in app.problems.lines
