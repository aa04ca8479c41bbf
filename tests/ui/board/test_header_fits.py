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
