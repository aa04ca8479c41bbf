"""Busy / Pause panel: staff throttle or pause online ordering in two taps, with auto-resume."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kds.clock import FakeClock
from kds.hubrise.money import format_time, parse_time
from kds.ui.location.acceptance_panel import AcceptancePanel
from kds.kitchen.acceptance import SuggestionThresholds
from tests.fakes.location_source import MemoryLocationSource

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 27, 18, 40, tzinfo=timezone.utc)  # Friday 19:40 in Paris: open


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def make_panel(qtbot: Any, source: MemoryLocationSource, clock: FakeClock,
               **kwargs: Any) -> AcceptancePanel:
    panel = AcceptancePanel(source, clock, **kwargs)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    return panel


def tap(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_busy_15_for_30_minutes_enqueues_exactly_the_busy_template(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    tap(qtbot, panel.busy_button)
    tap(qtbot, panel.extra_buttons[15])
    tap(qtbot, panel.resume_buttons["30min"])
    assert panel.apply_button.text() == "Go busy +15 min until 20:10"
    tap(qtbot, panel.apply_button)

    resume_at = NOW + timedelta(minutes=30)
    assert source.patches == [({"order_acceptance": {
        "mode": "busy", "extra_preparation_time": 15,
        "resume_at": format_time(resume_at.astimezone(PARIS))}}, "order_acceptance")]
    assert parse_time(source.patches[0][0]["order_acceptance"]["resume_at"]) == resume_at
    assert panel.title.text() == "Busy +15 min"
    assert panel.resume_label.text() == "Back to normal at 20:10 · in 30 min"
    assert panel.pending_badge.isVisible() and "Pending" in panel.pending_badge.text()


def test_pending_badge_goes_when_hubrise_confirms(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    panel.go_busy(20, "manual")
    assert panel.pending_badge.isVisible()
    source.confirm()
    panel.on_location_changed()
    assert not panel.pending_badge.isVisible()
    assert panel.title.text() == "Busy +20 min"
    assert panel.resume_label.text() == "Until you change it"


def test_clock_passing_resume_at_returns_the_panel_to_normal(qtbot, source, clock):
    source.remote_update({"order_acceptance": {
        "mode": "busy", "extra_preparation_time": 15,
        "resume_at": format_time(NOW + timedelta(minutes=30))}})
    panel = make_panel(qtbot, source, clock, tick_ms=20)
    assert panel.title.text() == "Busy +15 min"
    clock.advance(29 * 60)
    qtbot.waitUntil(lambda: panel.resume_label.text().endswith("in 1 min"), timeout=2000)
    clock.advance(60)
    # No location event arrives: the panel's own clock tick shows Normal.
    qtbot.waitUntil(lambda: panel.title.text() == "Normal", timeout=2000)
    assert not panel.resume_label.isVisible()


def test_pause_with_a_reason_until_changed(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    tap(qtbot, panel.pause_button)
    tap(qtbot, panel.reason_buttons[1])
    tap(qtbot, panel.resume_buttons["manual"])
    assert panel.apply_button.text() == "Pause new orders until I change it"
    tap(qtbot, panel.apply_button)
    assert source.patches[-1] == ({"order_acceptance": {
        "mode": "paused", "reason": "Out of ingredients"}}, "order_acceptance")
    assert panel.title.text() == "Paused"
    assert panel.reason_label.text() == "Reason: Out of ingredients"


def test_pause_with_typed_reason_until_end_of_service(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    tap(qtbot, panel.pause_button)
    panel.reason_edit.setText("Oven is broken")
    assert panel.resume_buttons["end_of_service"].text() == "End of service 01:00"
    tap(qtbot, panel.resume_buttons["end_of_service"])
    tap(qtbot, panel.apply_button)
    acceptance = source.patches[-1][0]["order_acceptance"]
    assert acceptance == {"mode": "paused", "reason": "Oven is broken",
                          "resume_at": "2026-11-28T01:00:00+01:00"}


def test_normal_is_one_tap(qtbot, source, clock):
    source.remote_update({"order_acceptance": {"mode": "paused", "reason": "x"}})
    panel = make_panel(qtbot, source, clock)
    tap(qtbot, panel.normal_button)
    assert source.patches == [({"order_acceptance": {"mode": "normal"}}, "order_acceptance")]
    assert panel.title.text() == "Normal"


def test_paused_reason_from_the_network_is_plain_text(qtbot, source, clock):
    source.remote_update({"order_acceptance": {"mode": "paused",
                                               "reason": "<b>bold</b><img src=x>"}})
    panel = make_panel(qtbot, source, clock)
    assert panel.reason_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.reason_label.text() == "Reason: <b>bold</b><img src=x>"


def test_refusal_from_hubrise_is_shown_in_words(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    panel.go_busy(15, "1h")
    source.fail("422 order_acceptance.extra_preparation_time: too long")
    panel.refresh()
    assert "refused" in panel.pending_badge.text()
    assert "too long" in panel.pending_badge.text()
    assert panel.title.text() == "Normal"  # HubRise still holds normal


def test_busy_is_suggested_when_tickets_pile_up_and_never_applied_alone(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock,
                       thresholds=SuggestionThresholds(open_tickets=10, late_tickets=3))
    panel.set_kitchen_load(6, 1)
    assert not panel.suggestion.isVisible()
    panel.set_kitchen_load(14, 1)
    assert panel.suggestion.isVisible()
    assert panel.suggestion_label.text() == "14 open tickets — Go busy +15 min?"
    assert source.patches == []
    tap(qtbot, panel.suggestion_yes)
    assert source.patches[-1][0]["order_acceptance"]["extra_preparation_time"] == 15
    assert not panel.suggestion.isVisible()


def test_dismissed_suggestion_stays_away_until_the_rush_ends(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    panel.set_kitchen_load(20, 5)
    tap(qtbot, panel.suggestion_no)
    panel.set_kitchen_load(21, 5)
    assert not panel.suggestion.isVisible()
    panel.set_kitchen_load(2, 0)
    panel.set_kitchen_load(20, 5)
    assert panel.suggestion.isVisible()


def test_preparation_time_set_with_the_stepper(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    assert panel.prep.value() == 15 and not panel.prep_save.isEnabled()
    tap(qtbot, panel.prep.plus)
    tap(qtbot, panel.prep.plus)
    tap(qtbot, panel.prep_save)
    assert source.patches == [({"preparation_time": 25}, "preparation_time")]
    assert "pending" in panel.prep_total.text()
    source.confirm()
    panel.on_location_changed()
    assert panel.prep.value() == 25 and "pending" not in panel.prep_total.text()


def test_custom_extra_time_with_the_stepper(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    tap(qtbot, panel.busy_button)
    tap(qtbot, panel.extra_buttons[30])
    tap(qtbot, panel.extra.plus)
    assert panel.extra.value() == 35
    assert not any(b.isChecked() for b in panel.extra_buttons.values())
    tap(qtbot, panel.apply_button)
    assert source.patches[-1][0]["order_acceptance"]["extra_preparation_time"] == 35


def test_every_button_is_big_enough_for_a_finger(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    panel.set_kitchen_load(30, 9)
    qtbot.waitExposed(panel)
    small = [(b.text(), b.width(), b.height()) for b in panel.findChildren(QPushButton)
             if b.isVisible() and (b.height() < 64 or b.width() < 64)]
    assert small == []


def test_panel_works_before_any_location_is_known(qtbot, clock):
    panel = make_panel(qtbot, MemoryLocationSource(raw={}), clock)
    panel.source.raw = None
    panel.refresh()
    assert panel.title.text() == "Normal"
    assert not panel.resume_buttons["end_of_service"].isEnabled()
    assert panel.resume_buttons["end_of_service"].text() == "End of service (closed now)"


def test_typing_a_reason_unlights_the_preset(qtbot, source, clock):
    panel = make_panel(qtbot, source, clock)
    tap(qtbot, panel.pause_button)
    tap(qtbot, panel.reason_buttons[0])
    panel.reason_edit.setText("Kitchen overloaded, sorry")
    assert not panel.reason_buttons[0].isChecked()
