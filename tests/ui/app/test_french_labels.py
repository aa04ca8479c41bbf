"""No label cuts a word in French (buttons are checked by tests/screens/fit_check.py): a
wrapping label is at least as wide as its longest word, a one-line label as its text."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel


def cut_labels(window: Any, page: str) -> list[str]:
    window.show_page(page)
    QGuiApplication.processEvents()
    problems = []
    for label in window.pages[page].findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        metrics, lines = label.fontMetrics(), label.text().split("\n")
        if label.wordWrap():
            need = max((metrics.horizontalAdvance(word) for line in lines
                        for word in line.split()), default=0)
        else:
            need = max(metrics.horizontalAdvance(line) for line in lines)
        have = label.contentsRect().width() - 2 * label.margin()
        if need > have + 1:
            problems.append(f"{page}: {label.text()[:40]!r} needs {need} px, has {have}")
    return problems


@pytest.mark.parametrize("width,height",
                         [(1024, 600), pytest.param(1920, 1080, marks=pytest.mark.slow)])
def test_no_french_label_cuts_a_word(qtbot: Any, language: Any, width: int,
                                     height: int) -> None:
    """"Horaires" lost its s on the hours page at 1024x600 before."""
    from tests.screens.all_screens import PAGES
    from tests.ui.app.test_french import _window

    language("fr")
    window = _window(qtbot, width, height)
    assert [problem for page in PAGES for problem in cut_labels(window, page)] == []
    assert window.pages["hours"].title.text() == "Horaires"


def test_the_station_setup_in_french(qtbot: Any, language: Any) -> None:
    from kds.kitchen.stations import ScreenRole
    from kds.ui.stations.setup import ScreenSetup
    from tests.screens.stations_screenshot import kitchen

    language("fr")
    setup = ScreenSetup(ScreenRole("Pizza", "Pizza"), kitchen())
    qtbot.addWidget(setup)
    assert [b.text() for b in setup.role_buttons.values()][:3] == \
        ["Écran unique", "Passe (expo)", "Poste Pizza"]
    assert setup.kind_box.itemText(0) == "Catégorie"
    assert setup.station_field.placeholderText() == "Poste, ex. Pizza"
    assert setup.rule_list.item(0).text() == "Pizza  ←  Nom du produit: Margherita"
    assert setup.chosen_role() == ScreenRole("Pizza", "Pizza")   # the keys stay English
    # It fits a 1024 px screen: it needed 1,130 px with "Supprimer la sélection" and co.
    assert setup.minimumSizeHint().width() <= 1024
