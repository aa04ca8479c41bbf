"""Opening-hours week editor: fingers edit the week, rules.py checks it, one PATCH saves it."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kds.clock import FakeClock
from kds.hubrise.rules import DAYS
from kds.ui.location.hours_editor import OpeningHoursEditor
from tests.fakes.location_source import SAMPLE_LOCATION, MemoryLocationSource

NOW = datetime(2026, 11, 27, 18, 40, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def make_editor(qtbot: Any, source: MemoryLocationSource, clock: FakeClock,
                **kwargs: Any) -> OpeningHoursEditor:
    editor = OpeningHoursEditor(source, clock, **kwargs)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    return editor


def tap(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sample_hours() -> dict[str, list[dict[str, str]]]:
    hours = copy.deepcopy(SAMPLE_LOCATION["opening_hours"])
    return {day: hours.get(day, []) for day in DAYS}


def change_slot(qtbot: Any, editor: OpeningHoursEditor, day: str, index: int,
                opens_hours: int = 0, closes_hours: int = 0) -> None:
    """Tap the slot's chip, step the pickers by whole hours, tap Done."""
    tap(qtbot, editor.rows[day].chips[index])
    assert editor.slot_editor.isVisible()
    for _ in range(abs(opens_hours)):
        tap(qtbot, editor.slot_editor.opens.plus if opens_hours > 0
            else editor.slot_editor.opens.minus)
    for _ in range(abs(closes_hours)):
        tap(qtbot, editor.slot_editor.closes.plus if closes_hours > 0
            else editor.slot_editor.closes.minus)
    tap(qtbot, editor.slot_editor.ok_button)


def test_edit_hours_and_save_enqueues_one_patch_with_those_hours(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    assert not editor.save_button.isEnabled()  # nothing to save yet
    change_slot(qtbot, editor, "monday", 1, closes_hours=+1)   # 18:00–23:00 → 18:00–00:00
    assert editor.rows["monday"].chips[1].text() == "18:00 – 00:00 ☾"
    tap(qtbot, editor.save_button)

    expected = sample_hours()
    expected["monday"][1] = {"from": "18:00", "to": "00:00"}
    assert source.patches == [({"opening_hours": expected, "cutoff_time": "06:00"},
                               "opening_hours")]
    assert "waiting for HubRise" in editor.status_label.text()
    assert not editor.save_button.isEnabled()  # one PATCH, not two
    source.confirm()
    editor.on_location_changed()
    assert editor.status_label.text() == "✔ Saved on HubRise"
    assert not editor.is_dirty()


def test_invalid_edit_cannot_be_saved_and_says_why_next_to_the_slot(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    change_slot(qtbot, editor, "tuesday", 1, opens_hours=-5)   # 13:00–23:00 overlaps lunch
    row = editor.rows["tuesday"]
    assert row.errors.isVisible()
    assert row.errors.text() == ("⚠ 13:00 – 23:00: overlaps the 12:00 – 14:00 slot "
                                 "of the same day")
    assert not editor.save_button.isEnabled()
    editor.save()  # even a direct call refuses
    assert source.patches == []
    assert not editor.rows["monday"].errors.isVisible()


def test_slot_picker_explains_before_done(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    tap(qtbot, editor.rows["friday"].chips[1])
    assert "still Friday's business day" in editor.slot_editor.hint.text()
    for _ in range(6):  # 01:00 → 07:00, past the 06:00 cutoff
        tap(qtbot, editor.slot_editor.closes.plus)
    assert "must be after '18:00' within the business day" in editor.slot_editor.hint.text()
    tap(qtbot, editor.slot_editor.cancel_button)
    assert not editor.is_dirty()


def test_server_422_is_shown_field_by_field_and_the_edit_is_kept(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock, tick_ms=20)
    change_slot(qtbot, editor, "wednesday", 0, closes_hours=+1)  # 12:00–15:00
    editor.save()
    source.fail("422 Invalid location; opening_hours.wednesday[0].to: "
                "kitchen closes at 14:30 on wednesdays")
    qtbot.waitUntil(lambda: editor.rows["wednesday"].errors.isVisible(), timeout=2000)
    assert "kitchen closes at 14:30" in editor.rows["wednesday"].errors.text()
    assert editor.week["wednesday"][0] == {"from": "12:00", "to": "15:00"}
    assert editor.is_dirty() and "refused" in editor.status_label.text()
    assert editor.save_button.isEnabled()  # fix it and save again


def test_server_errors_given_by_the_lead_land_next_to_their_slots(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    editor.show_server_errors([{"field": "opening_hours.saturday[0].from", "message": "nope"},
                               {"field": "cutoff_time", "message": "bad cutoff"}])
    assert editor.rows["saturday"].errors.text() == "⚠ 18:00 – 02:00: Opens: nope"
    assert editor.general_errors.text() == "⚠ bad cutoff"


def test_location_change_with_unsaved_edits_warns_instead_of_overwriting(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    change_slot(qtbot, editor, "thursday", 1, closes_hours=+1)
    theirs = sample_hours()
    theirs["sunday"] = [{"from": "11:00", "to": "15:00"}]
    source.remote_update({"opening_hours": theirs})
    editor.on_location_changed()
    assert editor.conflict.isVisible()
    assert editor.week["thursday"][1]["to"] == "00:00"      # mine kept
    assert editor.week["sunday"] == []
    tap(qtbot, editor.conflict_theirs)                       # staff choose theirs
    assert editor.week["sunday"] == [{"from": "11:00", "to": "15:00"}]
    assert editor.week["thursday"][1]["to"] == "23:00"
    assert not editor.conflict.isVisible()


def test_location_change_without_edits_refreshes_quietly(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    theirs = sample_hours()
    theirs["sunday"] = [{"from": "11:00", "to": "15:00"}]
    source.remote_update({"opening_hours": theirs})
    editor.on_location_changed()
    assert not editor.conflict.isVisible()
    assert editor.rows["sunday"].chips[0].text() == "11:00 – 15:00"


def test_cancel_reverts_every_edit(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    tap(qtbot, editor.rows["monday"].close_button)
    tap(qtbot, editor.rows["saturday"].copy_button)
    assert all(editor.week[d] == [{"from": "18:00", "to": "02:00"}] for d in DAYS)
    tap(qtbot, editor.cancel_button)
    assert editor.week == sample_hours() and not editor.is_dirty()


def test_add_slot_and_close_day(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    tap(qtbot, editor.rows["sunday"].add_button)
    assert editor.slot_editor.isVisible()          # the picker opens on the new slot
    tap(qtbot, editor.slot_editor.ok_button)
    assert editor.week["sunday"] == [{"from": "12:00", "to": "14:00"}]
    assert not editor.rows["sunday"].closed_label.isVisible()
    tap(qtbot, editor.rows["sunday"].chips[0])
    tap(qtbot, editor.slot_editor.remove_button)
    assert editor.week["sunday"] == [] and editor.rows["sunday"].closed_label.isVisible()


def test_closing_every_day_cannot_be_saved(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    for day in DAYS:
        if editor.week[day]:
            tap(qtbot, editor.rows[day].close_button)
    assert not editor.save_button.isEnabled()
    assert "at least one time slot" in editor.general_errors.text()


def test_moving_the_cutoff_warns_and_rechecks_late_slots(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    assert editor.cutoff_label.text() == "Business day starts at 06:00"
    tap(qtbot, editor.cutoff_button)
    for _ in range(6):
        tap(qtbot, editor.cutoff_editor.picker.minus)    # 06:00 → 00:00
    assert "2 slots would become invalid" in editor.cutoff_editor.warning.text()
    tap(qtbot, editor.cutoff_editor.ok_button)
    assert editor.cutoff == "00:00"
    assert "must be after '18:00'" in editor.rows["friday"].errors.text()
    assert not editor.save_button.isEnabled()


def test_every_button_is_big_enough_for_a_finger(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock)
    qtbot.waitExposed(editor)
    tap(qtbot, editor.rows["friday"].chips[0])
    small = [(b.text(), b.width(), b.height()) for b in editor.findChildren(QPushButton)
             if b.isVisible() and (b.height() < 64 or b.width() < 64)]
    assert small == []


def test_opening_a_slot_off_the_quarter_grid_and_tapping_done_changes_nothing(
        qtbot, source, clock):
    hours = sample_hours()
    hours["monday"][0] = {"from": "12:10", "to": "14:05"}
    source.remote_update({"opening_hours": hours})
    editor = make_editor(qtbot, source, clock)
    tap(qtbot, editor.rows["monday"].chips[0])
    assert editor.slot_editor.opens.display.text() == "12:10"
    assert not any(b.isChecked() for b in editor.slot_editor.opens.quarter_buttons.values())
    tap(qtbot, editor.slot_editor.ok_button)
    assert not editor.is_dirty()
    tap(qtbot, editor.rows["monday"].chips[0])
    tap(qtbot, editor.slot_editor.closes.quarter_buttons[30])
    tap(qtbot, editor.slot_editor.ok_button)
    assert editor.week["monday"][0] == {"from": "12:10", "to": "14:30"}


def test_editor_without_known_hours_shows_a_closed_week_that_cannot_be_saved(qtbot, clock):
    editor = make_editor(qtbot, MemoryLocationSource(raw={"opening_hours": None}), clock)
    assert all(editor.rows[d].closed_label.isVisible() for d in DAYS)
    assert not editor.save_button.isEnabled()


def test_the_preview_line_shows_what_the_edited_week_means_now(qtbot, source, clock):
    editor = make_editor(qtbot, source, clock, tick_ms=20)  # Friday 19:40 in Paris, open 18–01
    assert editor.preview_label.text() == "With these hours: Open now · closes tomorrow at 01:00"
    tap(qtbot, editor.rows["friday"].close_button)  # not saved yet: the preview follows the draft
    assert editor.preview_label.text() == "With these hours: Closed now · opens tomorrow at 18:00"
    assert editor.preview_label.property("closed") is True  # amber, not the green of "open"
    tap(qtbot, editor.cancel_button)
    clock.set(datetime(2026, 11, 28, 0, 30, tzinfo=timezone.utc))  # 01:30 Saturday in Paris
    qtbot.waitUntil(lambda: "Closed now · opens at 18:00" in editor.preview_label.text(),
                    timeout=3000)  # the tick refreshes it without a tap
