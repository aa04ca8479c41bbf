"""One staff tap repaints the board once (it was three times: tap, kick, engine news), and
saving settings applies them to the live board."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from kds.app.config import parse_config
from kds.app.controller import AppController
from kds.app.runtime import Runtime
from kds.clock import FakeClock
from kds.hubrise.ratelimit import RateLimiter
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.ui.sound import NullSoundPlayer
from tests.fakes.fake_hubrise import FakeHubRise

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


@pytest.fixture
def app(qtbot: Any, tmp_path: Any) -> Iterator[AppController]:
    """The controller with a real store and engine, one accepted order, board and location pages."""
    clock = FakeClock(T0)
    store = Store.open(tmp_path / "kds.sqlite", clock)
    controller = AppController(parse_config(["--data-dir", str(tmp_path)], {}), clock,
                               player=NullSoundPlayer(), store=store)
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    client = FakeHubRise(clock).client(RateLimiter(clock))
    runtime = Runtime(store, clock)
    runtime.engine = SyncEngine(client, store, clock)
    controller.runtime = runtime
    store.upsert_remote_order({"id": "o1", "status": "accepted", "service_type": "collection",
                               "created_at": T0.isoformat(), "items": [
                                   {"product_name": "Margherita", "quantity": "1",
                                    "price": "9.00 EUR"}]})
    controller._add_board_page(runtime)
    controller._add_location_pages(runtime)
    yield controller
    controller.window.location_source = lambda: None
    asyncio.run(client.aclose())
    store.close()


def test_a_tap_refreshes_the_board_once(app: AppController, monkeypatch: Any) -> None:
    board = app.board
    assert board is not None
    calls: list[int] = []
    real = board.refresh
    monkeypatch.setattr(board, "refresh", lambda: (calls.append(1), real())[1])
    board.press_main_button("o1")          # accepted → in preparation
    assert app.store.get_order("o1").status == "in_preparation"
    assert board.ticket("o1").status == "in_preparation"
    assert len(calls) == 1


def test_saving_settings_keeps_the_live_board_and_its_ticked_items(app: AppController) -> None:
    board = app.board
    assert board is not None and app.acceptance is not None
    board.toggle_item("o1", 0)
    settings = replace(app.store.get_settings(), busy_suggest_late_tickets=1, warn_minutes=9)
    app._save_settings(settings)
    assert app.board is board                               # not rebuilt
    assert board.feed.checked["o1"] == frozenset({0})       # the cook's tick survives
    assert board.config.thresholds.warning_before_due == 9
    assert board.config.busy.late_tickets == 1
    assert app.acceptance.thresholds.late_tickets == 1
