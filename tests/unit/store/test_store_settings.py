"""Settings, limiter state, location, events and meta values kept across restarts."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

import pytest

from kds.clock import FakeClock
from kds.store import Settings, Store

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def open_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "kds.sqlite3", FakeClock(T0))


def test_settings_have_kitchen_defaults(tmp_path: Path) -> None:
    settings = open_store(tmp_path).get_settings()
    assert settings == Settings()
    assert settings.auto_receive is True and settings.scheduled_lead_minutes == 30
    assert settings.warn_minutes == 5 and settings.late_after_minutes == 0
    assert settings.poll_mode == "default" and settings.font_scale_percent == 100
    assert settings.kiosk is False
    assert (settings.busy_suggest_open_tickets, settings.busy_suggest_late_tickets) == (15, 3)


def test_saved_settings_survive_a_restart(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    chosen = Settings(sound_on=False, volume=35, poll_mode="fast", font_scale_percent=125,
                      kiosk=True)
    store.save_settings(chosen)
    store.close()
    assert open_store(tmp_path).get_settings() == chosen


def test_bad_stored_settings_fall_back_to_defaults_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(tmp_path)
    stored = {"volume": 400, "sound_on": "yes", "poll_mode": "turbo", "kiosk": True,
              "font_scale_percent": 1.5, "warn_minutes": 7, "unknown": 1}
    store.db.execute("INSERT INTO settings (key, value) VALUES ('settings', ?)",
                     [json.dumps(stored)])
    with caplog.at_level(logging.WARNING):
        settings = store.get_settings()
    assert settings == Settings(kiosk=True, warn_minutes=7)
    assert "volume" in caplog.text and "poll_mode" in caplog.text


def test_unreadable_settings_json_gives_defaults(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.db.execute("INSERT INTO settings (key, value) VALUES ('settings', '{broken')")
    assert store.get_settings() == Settings()


def test_invalid_settings_cannot_be_built_in_code() -> None:
    with pytest.raises(ValueError):
        Settings(volume=101)
    with pytest.raises(ValueError):
        Settings(poll_mode="turbo")  # type: ignore[arg-type]


def test_rate_limiter_state_is_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.load_limiter_state() is None
    store.save_limiter_state({"minute": {"start": "2026-11-24T11:00:00Z", "used": 12}})
    store.save_limiter_state({"minute": {"start": "2026-11-24T11:01:00Z", "used": 3}})
    store.close()
    assert open_store(tmp_path).load_limiter_state() == {
        "minute": {"start": "2026-11-24T11:01:00Z", "used": 3}}


def test_location_is_kept_as_one_row(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.get_location_raw() is None
    store.set_location({"id": "loc1", "preparation_time": 20})
    store.set_location({"id": "loc1", "preparation_time": 25})
    assert store.get_location_raw() == {"id": "loc1", "preparation_time": 25}
    assert store.db["location"].count == 1
    store.set_location("garbage")  # type: ignore[arg-type]
    assert store.get_location_raw() == {"id": "loc1", "preparation_time": 25}
    assert store.dead_letters()[0]["kind"] == "location"


def test_applied_events_are_remembered_once(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert not store.has_event("ev1")
    store.record_event("ev1", {"id": "ev1", "event_type": "create"}, T0)
    store.record_event("ev1", {"id": "ev1", "event_type": "changed"}, T0)
    assert store.has_event("ev1")
    rows = list(store.db["events"].rows)
    assert len(rows) == 1 and json.loads(rows[0]["raw"])["event_type"] == "create"
    assert rows[0]["applied_at"] == "2026-11-24T11:00:00.000000+00:00"


def test_meta_values_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.get_meta("last_catch_up") is None
    store.set_meta("last_catch_up", "2026-11-24T10:00:00Z")
    assert store.get_meta("last_catch_up") == "2026-11-24T10:00:00Z"


def test_print_settings_survive_a_restart_and_say_which_events_print(tmp_path: Path) -> None:
    assert Settings().print_events == {"arrival"}
    store = open_store(tmp_path)
    chosen = Settings(printers=("tcp://10.0.0.9:9100", "tcp://bar"), print_on_arrival=False,
                      print_on_accept=True, print_copies=2, paper_width_mm=58)
    store.save_settings(chosen)
    store.close()
    again = open_store(tmp_path).get_settings()
    assert again == chosen and again.print_events == {"accept"}


@pytest.mark.parametrize("field, value", [
    ("printers", ("lpt1",)), ("printers", "tcp://a"), ("printers", ("tcp://a",) * 5),
    ("paper_width_mm", 76), ("print_copies", 0), ("print_copies", 6),
])
def test_bad_print_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValueError):
        Settings(**{field: value})  # type: ignore[arg-type]


def test_language_follows_the_system_by_default_and_a_choice_survives_a_restart(
        tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.get_settings().language == "auto"
    store.save_settings(Settings(language="fr"))
    store.close()
    assert open_store(tmp_path).get_settings().language == "fr"
    assert Settings.from_dict({"language": "de"}).language == "auto"   # unknown: the default
    with pytest.raises(ValueError):
        Settings(language="xx")  # type: ignore[arg-type]
