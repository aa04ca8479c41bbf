"""The screen in French (kds.ui.i18n + resources/translations/kds_fr.qm), English unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect
from PySide6.QtGui import QGuiApplication

from kds.kitchen import words
from kds.ui.i18n import resolve_language

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "kds_fr.ts"
ENGLISH_ACTIONS = {"Receive", "Accept", "Start", "Ready", "Out for delivery", "Complete", "Recall"}
FRENCH_ACTIONS = {"Recevoir", "Accepter", "Commencer", "Prête", "En livraison", "Terminer",
                  "Rappeler"}
FRENCH_NAV = ["Tickets", "Occupé/Pause", "Horaires", "Réglages", "Connexion"]
ENGLISH_NAV = ["Orders", "Busy / Pause", "Hours", "Settings", "Connection"]


def _window(qtbot: Any, width: int = 1366, height: int = 768) -> Any:
    from kds.ui.theme import apply_theme
    from tests.screens.all_screens import build_window

    apply_theme(QGuiApplication.instance())  # type: ignore[arg-type]
    window = build_window()
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def _painted_main_buttons(board: Any) -> list[str]:
    """The main button text the board's delegate paints on each active ticket ("▶ Start")."""
    from tests.ui.paint_probe import paint_index

    model = board.models["active"]
    drawn: list[str] = []
    for row in range(model.rowCount()):
        drawn += [d.plain[2:] for d in paint_index(board.delegate, model.index(row, 0))
                  if d.plain[:2] in ("▶ ", "↶ ")]
    return drawn


def _painted(board: Any) -> list[str]:
    from tests.ui.paint_probe import paint_index

    model = board.models["active"]
    return [d.plain for row in range(model.rowCount())
            for d in paint_index(board.delegate, model.index(row, 0))]


def _seen(window: Any) -> dict[str, Any]:
    board = window.pages["board"]
    return {
        "tabs": [board.tabs.tab_buttons[tab].text() for tab in ("active", "scheduled", "done")],
        "nav": [button.text() for button in window.nav_buttons.values()],
        "acceptance": board.header.acceptance.text(),
        "painted": _painted_main_buttons(board),
        "all_painted": _painted(board),
    }


def test_french_board_tabs_ticket_button_header_and_nav(qtbot: Any, language: Any) -> None:
    assert language("fr") is not None
    seen = _seen(_window(qtbot))
    assert [tab.rsplit(" ", 1)[0] for tab in seen["tabs"]] == ["En cours", "À venir", "Finies"]
    assert seen["nav"] == FRENCH_NAV
    assert seen["acceptance"].startswith("◷ OCCUPÉ +15 min · jusqu'à ")
    painted = set(seen["painted"])
    assert painted and painted <= FRENCH_ACTIONS, painted   # whole words: none cut ("Comm…")
    assert any("RETARD" in text or text.startswith("● dans ") for text in seen["all_painted"])


# A new install ("auto", no French locale) in the inner loop, the other two in the full suite.
@pytest.mark.parametrize("setting,locale", [("auto", None),
                                            pytest.param("auto", "en_GB", marks=pytest.mark.slow),
                                            pytest.param("en", "fr_FR", marks=pytest.mark.slow)])
def test_default_and_english_change_nothing(qtbot: Any, language: Any, setting: str,
                                            locale: str | None) -> None:
    """The default setting on an English system, an English locale, and "en" on a French PC."""
    translator = language(setting, QLocale(locale) if locale else QLocale("en_US"))
    assert translator is None
    seen = _seen(_window(qtbot))
    assert [tab.rsplit(" ", 1)[0] for tab in seen["tabs"]] == ["Active", "Scheduled", "Done"]
    assert seen["nav"] == ENGLISH_NAV
    assert seen["acceptance"].startswith("◷ BUSY +15 min · until ")
    assert seen["painted"] and set(seen["painted"]) <= ENGLISH_ACTIONS


def test_auto_follows_a_french_system_locale() -> None:
    assert resolve_language("auto", QLocale("fr_FR")) == "fr"
    assert resolve_language("auto", QLocale("fr_BE")) == "fr"
    assert resolve_language("auto", QLocale("de_DE")) == "en"   # no German yet: English
    assert resolve_language("fr", QLocale("en_GB")) == "fr"


def test_kitchen_words_follow_the_translator_and_go_back(language: Any) -> None:
    from kds.kitchen.status_flow import main_action

    language("fr")
    assert main_action("accepted", "collection") == ("in_preparation", "Commencer")
    words.set_translator(None)
    assert main_action("accepted", "collection") == ("in_preparation", "Start")


@pytest.mark.parametrize("width,height",
                         [(1024, 600), pytest.param(1366, 768, marks=pytest.mark.slow)])
def test_every_french_button_fits(qtbot: Any, language: Any, width: int, height: int) -> None:
    """Board, busy/pause, hours, settings, connection, first run and sign-in in French: every
    visible button is inside the window once scrolled to, fully drawn and as wide as its text."""
    from tests.screens.all_screens import PAGES
    from tests.screens.fit_check import page_problems

    language("fr")
    window = _window(qtbot, width, height)
    assert window.nav_buttons["acceptance"].text() == "Occupé/Pause"
    problems = [problem for key in PAGES for problem in page_problems(window, key)]
    assert problems == []
    inside = QRect(0, 0, width, height)
    save = window.pages["settings"].save_button
    window.show_page("settings")
    assert save.text() == "Enregistrer"
    assert inside.contains(QRect(save.mapTo(window, QPoint(0, 0)), save.size()))
    hours = window.pages["hours"]
    assert hours.title.text() == "Horaires"
    assert hours.rows["monday"].name.text() == "Lundi"
    assert hours.preview_label.text().startswith("Avec ces horaires : ")


def test_french_translation_is_complete_and_up_to_date(tmp_path: Path) -> None:
    """Every marked string has French, and the .ts lists what the code marks today (a new
    translate(...) without running scripts/translations fails here)."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    copy = tmp_path / "kds_fr.ts"
    copy.write_bytes(TS.read_bytes())
    sources = sorted(str(p) for folder in ("kds/ui", "kds/kitchen", "kds/app", "kds/sync",
                                           "kds/printing")
                     for p in (ROOT / folder).rglob("*.py"))
    done = subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none",
                           "-target-language", "fr_FR", *sources, "-ts", str(copy)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8")
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and "<source>" in text
    assert (ROOT / "resources" / "translations" / "kds_fr.qm").stat().st_size > 1000


def test_french_undo_bar_says_what_changed_and_fits(qtbot: Any, language: Any) -> None:
    from tests.ui.app.test_screens_small import _board

    language("fr")
    board, _source = _board(qtbot, 1024, 600 - 64)
    first = board.models["active"].tickets()[0]
    board.press_main_button(first.order_id)
    qtbot.wait(1)
    bar = board.undo_bar
    assert bar.isVisible() and bar.button.text() == "↶ ANNULER"
    assert bar.button.width() >= bar.button.sizeHint().width()
    shown = " ".join(label.text() for label in bar.findChildren(type(board.tabs.message)))
    assert f"Commande {first.reference} → " in shown


@pytest.mark.slow  # starts the app in a second process (Qt reads QT_SCALE_FACTOR at start)
def test_every_french_page_fits_1024x600_at_130_percent_text() -> None:
    """French words are longer: at 130 % text (QT_SCALE_FACTOR=1.3, read by Qt at start, so in
    a fresh process) the window still fits 1024x600 and no button is cut."""
    import json
    import os

    env = dict(os.environ, QT_SCALE_FACTOR="1.3", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT), KDS_SCREEN_LANG="fr")
    done = subprocess.run([sys.executable, "-m", "tests.screens.fit_check", "1024", "600"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["minimum"][0] <= 1024 / 1.3 + 1 and result["minimum"][1] <= 600 / 1.3 + 1
    assert result["size"][0] <= 1024 / 1.3 + 1 and result["size"][1] <= 600 / 1.3 + 1
    assert result["problems"] == []


@pytest.mark.parametrize("which", ["menu", "accept", "order"])
def test_french_board_dialogs_fit_a_1024x600_window(qtbot: Any, language: Any,
                                                    which: str) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from tests.ui.app.test_screens_small import _board, open_dialog

    language("fr")
    board, _source = _board(qtbot, 1024, 600 - 64)
    dialog = open_dialog(board, which)
    dialog.resize(min(dialog.width(), 1024), min(dialog.height(), 600))
    qtbot.wait(1)
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons and not [b.text() for b in buttons
                            if b.width() < b.sizeHint().width() or b.width() > 1024]
    texts = " ".join(b.text() for b in buttons)
    assert ("Fermer" in texts) if which != "accept" else ("Accepter, garder l'heure" in texts)
