"""The header never clips what staff must read: a long health line wraps, acceptance stays whole."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from kds.clock import FakeClock
from kds.ui.board.board import BoardScreen
from kds.ui.board.header import HeaderInfo
from tests.fakes.board_source import MemoryBoardSource

NOW = datetime(2026, 11, 24, 11, 40, tzinfo=timezone.utc)
LONG = HeaderInfo(location_name="Bella Pizza — Paris 11e", pending=3, failed=2,
                  failed_refs=("R7", "Q2"), set_aside=2, last_poll_at=NOW - timedelta(seconds=5))


def shows_whole(label: QLabel) -> bool:
    """Every character of the label is inside what it paints."""
    room = label.contentsRect()
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height()
    return QFontMetrics(label.font()).horizontalAdvance(label.text()) <= room.width()


@pytest.mark.parametrize("width", [1024, 1280, 1366])
def test_a_long_health_line_is_shown_whole_on_the_board(qtbot: Any, width: int) -> None:
    clock = FakeClock(NOW)
    board = BoardScreen(MemoryBoardSource(clock), clock)
    qtbot.addWidget(board)
    board.resize(width, 600)
    board.show()
    qtbot.waitExposed(board)
    board.set_header(LONG)
    board.layout().activate()
    header = board.header
    assert board.width() == width
    assert "2 orders could not be shown" in header.health.text()
    assert shows_whole(header.health), header.health.size()
    assert shows_whole(header.acceptance)
    assert shows_whole(header.clock)


@pytest.mark.parametrize("width", [800, 1024])
def test_alert_banners_keep_their_words_on_a_narrow_board(qtbot: Any, width: int) -> None:
    # Squeezed between the tabs and Mute they became bare colour strips: colour is never the
    # only cue, so below NARROW_BELOW they get a row of their own.
    from tests.fakes.samples import sample_order

    clock = FakeClock(NOW)
    source = MemoryBoardSource(clock)
    for index in range(3):
        source.add_remote(sample_order(index, NOW, status="received"))
    board = BoardScreen(source, clock)
    qtbot.addWidget(board)
    board.resize(width, 600)
    board.show()
    qtbot.waitExposed(board)
    board.tabs.show_alerts(3, ["1060 CANCELLED"])
    board.tabs.show_late(2, suggest_busy=False)
    board.layout().activate()
    for banner in (board.alert_banner, board.change_banner, board.late_banner):
        assert banner.isVisible()
        assert shows_whole(banner), (banner.text(), banner.width())


def test_the_location_name_from_hubrise_is_plain_text_in_its_tooltip(qtbot: Any) -> None:
    """A tooltip reads anything that looks like HTML as rich text: a name like this one was
    shown bold, with an image fetched from a path, instead of as HubRise wrote it."""
    from PySide6.QtGui import QTextDocument

    clock = FakeClock(NOW)
    board = BoardScreen(MemoryBoardSource(clock), clock)
    qtbot.addWidget(board)
    hostile = '<b>Bella</b> <img src="/etc/passwd"> & Co'
    board.set_header(HeaderInfo(location_name=hostile, last_poll_at=NOW))
    shown = QTextDocument()
    shown.setHtml(board.header.location.toolTip())   # what the tooltip draws
    assert shown.toPlainText() == hostile
    assert board.header.location.textFormat().name == "PlainText"
