"""The settings screen: every preference reachable by touch, saved through the store."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kds.clock import FakeClock
from kds.store import Settings
from kds.store.store import Store
from kds.ui.settings import SettingsScreen
from kds.ui.settings.controls import Choice, Stepper, Toggle
from kds.ui.theme import TOUCH, load_stylesheet

SHOTS = Path(__file__).resolve().parents[3] / "shots"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def store(tmp_path):
    clock = FakeClock(datetime(2026, 11, 24, tzinfo=timezone.utc))
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    yield store
    store.close()


def test_every_setting_has_a_big_touch_control(qtbot):
    screen = SettingsScreen(Settings())
    qtbot.addWidget(screen)
    assert set(screen.controls) == {f.name for f in fields(Settings)}
    for control in screen.controls.values():
        for button in control.findChildren(type(screen.save_button)):
            assert button.minimumHeight() >= TOUCH


def test_taps_change_settings_and_save_stores_them(qtbot, store):
    screen = SettingsScreen(store.get_settings(), on_save=store.save_settings)
    qtbot.addWidget(screen)
    saved: list[Settings] = []
    screen.saved.connect(saved.append)
    sound = screen.controls["sound_on"]
    volume = screen.controls["volume"]
    poll = screen.controls["poll_mode"]
    lead = screen.controls["scheduled_lead_minutes"]
    assert isinstance(sound, Toggle) and isinstance(volume, Stepper) and isinstance(poll, Choice)
    assert isinstance(lead, Stepper)
    qtbot.mouseClick(sound.off_button, LEFT)
    qtbot.mouseClick(volume.minus, LEFT)
    qtbot.mouseClick(volume.minus, LEFT)
    qtbot.mouseClick(poll.buttons["fast"], LEFT)
    qtbot.mouseClick(lead.plus, LEFT)
    qtbot.mouseClick(screen.controls["kiosk"].on_button, LEFT)  # type: ignore[union-attr]
    qtbot.mouseClick(screen.save_button, LEFT)

    expected = Settings(sound_on=False, volume=60, poll_mode="fast", scheduled_lead_minutes=35,
                        kiosk=True)
    assert saved == [expected]
    assert store.get_settings() == expected
    assert screen.status_label.text() == "Saved."


def test_steppers_stop_at_the_allowed_range(qtbot):
    screen = SettingsScreen(Settings(volume=100, warn_minutes=0))
    qtbot.addWidget(screen)
    volume, warn = screen.controls["volume"], screen.controls["warn_minutes"]
    assert isinstance(volume, Stepper) and isinstance(warn, Stepper)
    assert not volume.plus.isEnabled() and not warn.minus.isEnabled()
    qtbot.mouseClick(volume.plus, LEFT)
    assert volume.value() == 100
    qtbot.mouseClick(warn.plus, LEFT)
    assert warn.value() == 1 and warn.minus.isEnabled()


def test_cancel_puts_back_what_was_saved(qtbot):
    screen = SettingsScreen(Settings(auto_receive=True))
    qtbot.addWidget(screen)
    closed: list[bool] = []
    screen.closed.connect(lambda: closed.append(True))
    qtbot.mouseClick(screen.controls["auto_receive"].off_button, LEFT)  # type: ignore[union-attr]
    assert screen.edited().auto_receive is False
    qtbot.mouseClick(screen.cancel_button, LEFT)
    assert screen.edited().auto_receive is True and closed == [True]


def test_defaults_button_restores_defaults_until_saved(qtbot):
    saved: list[Settings] = []
    screen = SettingsScreen(Settings(font_scale_percent=150, busy_suggest_open_tickets=40),
                            on_save=saved.append)
    qtbot.addWidget(screen)
    qtbot.mouseClick(screen.defaults_button, LEFT)
    assert screen.edited() == Settings()
    assert saved == []
    qtbot.mouseClick(screen.save_button, LEFT)
    assert saved == [Settings()]


def test_a_failing_save_says_so_and_keeps_the_edit(qtbot):
    def broken_disk(settings: Settings) -> None:
        raise OSError("disk full")

    screen = SettingsScreen(Settings(), on_save=broken_disk)
    qtbot.addWidget(screen)
    saved: list[Settings] = []
    screen.saved.connect(saved.append)
    qtbot.mouseClick(screen.controls["volume"].minus, LEFT)  # type: ignore[union-attr]
    qtbot.mouseClick(screen.save_button, LEFT)
    assert "Not saved" in screen.status_label.text() and "disk full" in screen.status_label.text()
    assert saved == [] and screen.edited().volume == 70


def test_settings_screen_screenshot(qtbot):
    screen = SettingsScreen(Settings())
    qtbot.addWidget(screen)
    screen.setStyleSheet(load_stylesheet())
    screen.resize(1280, 800)
    screen.show()
    SHOTS.mkdir(exist_ok=True)
    assert screen.grab().save(str(SHOTS / "settings.png"))


def test_printers_copies_width_and_events_are_set_by_touch(qtbot, store):
    from kds.ui.settings.controls import TextList

    screen = SettingsScreen(store.get_settings(), on_save=store.save_settings)
    qtbot.addWidget(screen)
    printers = screen.controls["printers"]
    width = screen.controls["paper_width_mm"]
    copies = screen.controls["print_copies"]
    assert isinstance(printers, TextList) and isinstance(width, Stepper)
    assert isinstance(copies, Stepper)
    printers.setText("tcp://10.0.0.9:9100, tcp://bar")
    qtbot.mouseClick(width.minus, LEFT)          # 80 → 58: the only other roll
    qtbot.mouseClick(copies.plus, LEFT)
    qtbot.mouseClick(screen.controls["print_on_accept"].on_button, LEFT)  # type: ignore[union-attr]
    qtbot.mouseClick(screen.save_button, LEFT)
    assert store.get_settings() == Settings(
        printers=("tcp://10.0.0.9:9100", "tcp://bar"), paper_width_mm=58, print_copies=2,
        print_on_accept=True)
    printers.setText("lpt1")
    qtbot.mouseClick(screen.save_button, LEFT)
    assert screen.status_label.text().startswith("Not saved")
