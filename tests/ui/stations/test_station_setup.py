"""Naming this screen and setting its station on the screen; the rules file between screens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kds.app.config import parse_config
from kds.app.controller import AppController
from kds.clock import SystemClock
from kds.hubrise.connection import ConnectionInfo
from kds.kitchen.stations import Routing, ScreenRole, StationRule, make_routing
from kds.ui.connect.info_screen import ConnectionInfoScreen
from kds.ui.sound import NullSoundPlayer
from kds.ui.stations.setup import EXPO, ScreenSetup

ROUTING = make_routing([StationRule("Pizza", "category", "Pizzas")], default_station="Grill")


def setup_screen(qtbot: Any, role: ScreenRole | None = None,
                 routing: Routing | None = None) -> tuple[ScreenSetup, list[tuple[Any, Any]]]:
    screen = ScreenSetup(role or ScreenRole(), routing or Routing())
    qtbot.addWidget(screen)
    saved: list[tuple[Any, Any]] = []
    screen.saved.connect(lambda r, rules: saved.append((r, rules)))
    return screen, saved


def test_staff_name_the_screen_add_rules_and_pick_its_station(qtbot):
    screen, saved = setup_screen(qtbot)
    assert set(screen.role_buttons) == {"Only screen", EXPO}   # nothing set up yet
    screen.name_field.setText("Grill 1")
    screen.default_field.setText("Grill")
    screen.station_field.setText("Pizza")
    screen.kind_box.setCurrentIndex(screen.kind_box.findData("category"))
    screen.value_field.setText("Pizzas")
    screen.add_rule()
    assert screen.rule_list.count() == 1
    assert set(screen.role_buttons) == {"Only screen", EXPO, "Pizza", "Grill"}
    screen.role_buttons["Grill"].click()
    assert screen.save()
    [(role, routing)] = saved
    assert role == ScreenRole("Grill 1", "Grill")
    assert routing.rules == ROUTING.rules and routing.default_station == "Grill"


def test_a_bad_rule_is_refused_with_a_reason_and_nothing_is_added(qtbot):
    screen, _ = setup_screen(qtbot)
    screen.station_field.setText("")
    screen.value_field.setText("Pizzas")
    screen.add_rule()
    assert screen.rule_list.count() == 0 and "station name" in screen.message.text()


def test_rules_travel_between_screens_as_a_file_and_a_bad_file_changes_nothing(qtbot, tmp_path):
    first, _ = setup_screen(qtbot, ScreenRole("Expo", expo=True), ROUTING)
    path = tmp_path / "stations.json"
    assert first.export_to(path)
    second, saved = setup_screen(qtbot)
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    assert not second.import_from(junk) and second.rule_list.count() == 0
    assert "Not imported" in second.message.text()
    assert second.import_from(path)
    second.role_buttons["Pizza"].click()
    assert second.save()
    assert saved[0][1].rules == ROUTING.rules and saved[0][0].station == "Pizza"


def test_the_connection_screen_says_what_this_screen_is(qtbot):
    class NoDisconnect:
        async def disconnect(self, wipe_cache: bool) -> Any:
            raise AssertionError

    info = ConnectionInfoScreen(NoDisconnect(), ConnectionInfo(api_url="http://x"))
    qtbot.addWidget(info)
    assert "only screen" in info.screen_label.text()
    info.set_screen_role(ScreenRole("Grill", "Grill"))
    assert info.screen_label.text() == "Grill — Grill station: only its items"
    info.set_screen_role(ScreenRole("Pass", expo=True))
    assert info.screen_label.text().startswith("Pass — expo")


@pytest.mark.asyncio
async def test_saving_the_setup_makes_the_running_board_a_station_board(qtbot, tmp_path: Path):
    config = parse_config(["--demo", "--data-dir", str(tmp_path)], {})
    controller = AppController(config, SystemClock(), player=NullSoundPlayer())
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    await controller.start()
    try:
        assert controller.board.config.stations is None      # the single screen
        setup = controller.show_screen_setup()
        setup.import_from(_written(tmp_path, ROUTING))
        setup.name_field.setText("Grill")
        setup.role_buttons["Grill"].click()
        assert setup.save()
        lens = controller.board.config.stations
        assert lens is not None and lens.station == "Grill"
        assert controller.store.get_screen_role() == ScreenRole("Grill", "Grill")
        assert controller.store.get_routing().rules == ROUTING.rules
        page = controller.window.pages["connection"]
        assert page.screen_label.text().startswith("Grill — Grill station")
        # A category rule needs the catalog: the engine fetches it once after its first poll
        # (kds.sync.catalog) and the running board routes with it.
        from tests.waiting import watch_engine

        wakeups = watch_engine(controller.runtime.engine)
        await wakeups.until(lambda: "MAR-S" in controller.board.config.stations.catalog)
        world = controller.runtime.demo.world
        assert len([r for r in world.request_log if "/catalogs/" in r.path
                    and r.status == 200]) == 1
    finally:
        await controller.stop_runtime()


def _written(folder: Path, routing: Routing) -> Path:
    path = folder / "rules.json"
    path.write_text(routing.to_json(), encoding="utf-8")
    return path
