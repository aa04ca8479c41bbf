"""Location controls end to end: panel → real Store outbox → SyncEngine → simulated HubRise."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.money import parse_time
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.app import create_app
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.kitchen import hours as hours_logic
from kds.ui.location.acceptance_panel import AcceptancePanel
from kds.ui.location.hours_editor import OpeningHoursEditor
from kds.ui.sources import KitchenSource

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # Tuesday 12:00 in Paris: open


@pytest.fixture
def world(clock: FakeClock) -> World:
    return World(clock, seed=5)


def sync(world: World, store: Store, clock: FakeClock, *, connect: bool = False,
         offline: bool = False) -> Any:
    """One round of the sync engine on a plain asyncio loop (the simulator needs no Qt)."""
    if offline:
        def refuse(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("no route to host", request=request)
        transport: httpx.AsyncBaseTransport = httpx.MockTransport(refuse)
    else:
        transport = httpx.ASGITransport(app=create_app(world))

    async def scenario() -> Any:
        async with HubRiseClient("http://sim.test/v1", DEMO_KDS_TOKEN, transport=transport,
                                 clock=clock, limiter=RateLimiter(clock)) as client:
            engine = SyncEngine(client, store, clock)
            if connect:
                await engine.connect()
            return await engine.drain_outbox_once()

    return asyncio.run(scenario())


def tap(qtbot: Any, button: Any) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def panel_for(qtbot: Any, widget_type: type, store: Store, clock: FakeClock) -> Any:
    widget = widget_type(KitchenSource(store), clock)
    # Delete (not only close) at teardown: a live panel's timer would read a closed store.
    qtbot.addWidget(widget, before_close_func=lambda w: w.deleteLater())
    widget.resize(1366, 768)
    widget.show()
    return widget


def test_busy_15_for_30_min_shows_on_the_simulators_location(qtbot, world, store, clock):
    sync(world, store, clock, connect=True)
    panel = panel_for(qtbot, AcceptancePanel, store, clock)
    tap(qtbot, panel.busy_button)
    tap(qtbot, panel.extra_buttons[15])
    tap(qtbot, panel.resume_buttons["30min"])
    tap(qtbot, panel.apply_button)
    assert panel.pending_badge.isVisible()
    assert store.outbox_counts().pending == 1

    result = sync(world, store, clock)
    assert result.location_changed
    acceptance = world.location["order_acceptance"]
    assert acceptance["mode"] == "busy" and acceptance["extra_preparation_time"] == 15
    assert parse_time(acceptance["resume_at"]) == START + timedelta(minutes=30)
    panel.on_location_changed()
    assert not panel.pending_badge.isVisible()
    assert panel.title.text() == "Busy +15 min"

    # The simulator's clock passes resume_at: HubRise sends no event, the screen still knows.
    clock.advance(30 * 60)
    panel.refresh()  # what the panel's own one-second tick does
    assert panel.title.text() == "Normal"
    assert world.location["order_acceptance"] == {"mode": "normal"}


def test_pause_with_a_reason_reaches_the_simulator(qtbot, world, store, clock):
    sync(world, store, clock, connect=True)
    panel = panel_for(qtbot, AcceptancePanel, store, clock)
    tap(qtbot, panel.pause_button)
    tap(qtbot, panel.reason_buttons[0])
    tap(qtbot, panel.resume_buttons["manual"])
    tap(qtbot, panel.apply_button)
    sync(world, store, clock)
    assert world.location["order_acceptance"] == {"mode": "paused",
                                                  "reason": "Kitchen overloaded"}
    panel.on_location_changed()
    assert panel.title.text() == "Paused" and not panel.pending_badge.isVisible()


def test_edited_hours_are_saved_on_the_simulator(qtbot, world, store, clock):
    sync(world, store, clock, connect=True)
    editor = panel_for(qtbot, OpeningHoursEditor, store, clock)
    tap(qtbot, editor.rows["monday"].add_button)              # Monday was closed
    tap(qtbot, editor.slot_editor.ok_button)
    tap(qtbot, editor.save_button)
    sync(world, store, clock)
    assert world.location["opening_hours"]["monday"] == [{"from": "12:00", "to": "14:00"}]
    editor.on_location_changed()
    assert editor.status_label.text() == "✔ Saved on HubRise" and not editor.is_dirty()


def test_a_422_from_the_simulator_is_shown_and_the_edit_kept(qtbot, world, store, clock,
                                                             monkeypatch):
    sync(world, store, clock, connect=True)
    # An editor whose own check missed the problem (e.g. an older build): HubRise has the
    # last word, and its answer must land next to the slot.
    monkeypatch.setattr(hours_logic, "validate_week", lambda week, cutoff: [])
    editor = panel_for(qtbot, OpeningHoursEditor, store, clock)
    editor.set_slot("tuesday", 1, "13:00", "23:30")           # overlaps 11:30–14:30
    editor.save()
    sync(world, store, clock)
    assert store.outbox_counts().failed == 1
    editor.check_pending()
    errors = editor.rows["tuesday"].errors.text()
    assert "overlaps the 11:30 – 14:30 slot" in errors
    assert editor.week["tuesday"][1] == {"from": "13:00", "to": "23:30"}
    assert world.location["opening_hours"]["tuesday"][1] == {"from": "18:00", "to": "23:30"}


def test_hours_saved_offline_reach_the_simulator_later_through_the_outbox(
        qtbot, world, store, clock):
    sync(world, store, clock, connect=True)
    editor = panel_for(qtbot, OpeningHoursEditor, store, clock)
    editor.close_day("sunday")
    editor.save()
    sync(world, store, clock, offline=True)
    assert store.outbox_counts().pending == 1
    editor.check_pending()
    assert "waiting for HubRise" in editor.status_label.text()
    clock.advance(600)
    sync(world, store, clock)
    assert world.location["opening_hours"]["sunday"] == []
    editor.on_location_changed()
    assert editor.status_label.text() == "✔ Saved on HubRise"


def test_change_from_the_back_office_while_editing_warns(qtbot, world, store, clock):
    sync(world, store, clock, connect=True)
    editor = panel_for(qtbot, OpeningHoursEditor, store, clock)
    editor.close_day("friday")
    theirs = world.location["opening_hours"]
    theirs["monday"] = [{"from": "09:00", "to": "11:00"}]
    world.patch_location(DEMO_PLATFORM_TOKEN, {"opening_hours": theirs})
    store.set_location(world.location)  # what the poller stores for the location.update event
    editor.on_location_changed()
    assert editor.conflict.isVisible() and editor.week["friday"] == []
