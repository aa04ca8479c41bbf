"""The header's speed-of-service line: off by default, one line when turned on in Settings,
never growing the header or pushing the clock and health out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kds.clock import FakeClock
from kds.store import Store
from kds.store.settings import Settings
from kds.ui.board.header import HeaderBar, HeaderInfo
from kds.ui.figures.header_line import HeaderFigures
from kds.ui.settings.screen import SettingsScreen
from kds.ui.theme import apply_theme
from tests.figures_seed import NOW, open_day_store

LINE = "avg prep 11 min · 2 late"


@pytest.fixture
def day_store(tmp_path: Path) -> Iterator[Store]:
    store = open_day_store(tmp_path / "kds.sqlite")
    yield store
    store.close()


def test_off_by_default_and_a_toggle_in_settings(qtbot: Any) -> None:
    assert Settings().header_figures is False
    assert Settings.from_dict({"header_figures": True}).header_figures is True
    screen = SettingsScreen(Settings())
    qtbot.addWidget(screen)
    toggle = screen.controls["header_figures"]
    assert toggle.value() is False
    toggle.set_value(True)
    assert screen.edited().header_figures is True


def test_line_is_read_at_most_once_a_minute(day_store: Store) -> None:
    clock = FakeClock(NOW)
    reads: list[int] = []

    def load() -> Any:
        reads.append(1)
        return day_store.figures("today", NOW)

    line = HeaderFigures(load, clock)
    assert line() == "" and reads == []          # off: nothing read, nothing shown
    line.set_on(True)
    assert line() == LINE and line() == LINE and len(reads) == 1
    clock.advance(59)
    line()
    assert len(reads) == 1
    clock.advance(1)
    line()
    assert len(reads) == 2


def _header(qtbot: Any, width: int) -> HeaderBar:
    apply_theme(QApplication.instance())  # type: ignore[arg-type]
    header = HeaderBar(None)
    qtbot.addWidget(header)
    header.resize(width, 72)
    header.show()
    qtbot.waitExposed(header)
    return header


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_line_never_grows_the_header_or_hides_the_clock(qtbot: Any, width: int) -> None:
    header = _header(qtbot, width)
    info = HeaderInfo(location_name="Bella Pizza — Paris 11e", last_poll_at=NOW)
    header.set_info(info, NOW)
    assert not header.figures.isVisible()
    height = header.sizeHint().height()
    header.set_info(HeaderInfo(location_name=info.location_name, last_poll_at=NOW,
                               figures=LINE), NOW)
    qtbot.wait(1)
    assert header.figures.isVisible() and header.figures.text() == LINE   # whole, not elided
    assert header.sizeHint().height() == height
    for label in (header.clock, header.acceptance):
        assert label.width() >= label.sizeHint().width()
    header.set_info(info, NOW)
    assert not header.figures.isVisible()


def test_main_window_shows_the_line_when_settings_turn_it_on(qtbot: Any,
                                                             day_store: Store) -> None:
    from tests.screens.all_screens import build_window

    window = build_window()
    qtbot.addWidget(window)
    window.header_figures = HeaderFigures(lambda: day_store.figures("today", NOW),
                                          FakeClock(NOW))
    window.update_header()
    header = window.pages["board"].header
    assert header.info.figures == ""
    window.apply_settings(Settings(header_figures=True))
    assert header.info.figures == LINE
    window.apply_settings(Settings())
    assert header.info.figures == ""
