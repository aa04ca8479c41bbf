"""The language choice on the Settings screen: saved like any setting, applied at next start."""

from __future__ import annotations

from typing import Any

from kds.store.settings import Settings
from kds.ui.settings.screen import SettingsScreen


def test_language_choice_is_saved_and_says_it_applies_at_next_start(qtbot: Any) -> None:
    saved: list[Settings] = []
    screen = SettingsScreen(Settings(), on_save=saved.append)
    qtbot.addWidget(screen)
    choice = screen.controls["language"]
    assert choice.value() == "auto"
    # Each language is named in its own words, so anyone can find theirs.
    assert [b.text() for b in choice.buttons.values()] == ["Auto", "English", "Français"]
    choice.buttons["fr"].click()
    screen.save()
    assert saved[-1].language == "fr"
    row = next(row for row in screen.rows if choice in row.findChildren(type(choice)))
    texts = [label.text() for label in row.findChildren(type(screen.status_label))]
    assert "Language" in texts and "Applies at next start" in texts
