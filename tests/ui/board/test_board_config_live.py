"""The board follows the kitchen's settings live: busy hint threshold, timezone, no rebuild."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any


from kds.clock import FakeClock
from kds.kitchen.acceptance import SuggestionThresholds
from kds.ui.board.board import BoardScreen
from kds.ui.board.source import BoardConfig
from tests.fakes.board_source import MemoryBoardSource

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def late_order(order_id: str) -> dict[str, Any]:
    return {"id": order_id, "status": "accepted", "service_type": "collection",
            "created_at": (T0 - timedelta(minutes=60)).isoformat(),
            "items": [{"product_name": "Margherita", "quantity": "1", "price": "9.00 EUR"},
                      {"product_name": "Tiramisu", "quantity": "2", "price": "5.00 EUR"}]}


def make_board(qtbot: Any, clock: FakeClock, config: BoardConfig) -> tuple[BoardScreen, Any]:
    source = MemoryBoardSource(clock)
    source.add_remote(late_order("late-1"), seen=True)
    board = BoardScreen(source, clock, config)
    qtbot.addWidget(board)
    board.resize(1366, 700)
    board.show()
    qtbot.waitExposed(board)
    board.tick()
    return board, source


def test_busy_hint_follows_the_kitchens_late_ticket_setting(qtbot: Any, clock: FakeClock) -> None:
    strict = BoardConfig(busy=SuggestionThresholds(open_tickets=100, late_tickets=1))
    board, _ = make_board(qtbot, clock, strict)
    assert board.late_banner.isVisible()
    assert "Busy mode?" in board.late_banner.text()     # was hard-coded to 3 late tickets


def test_busy_hint_with_the_default_settings_waits_for_three_late(qtbot: Any,
                                                                   clock: FakeClock) -> None:
    board, source = make_board(qtbot, clock, BoardConfig())
    assert "1 LATE" in board.late_banner.text() and "Busy mode?" not in board.late_banner.text()
    source.add_remote(late_order("late-2"), seen=True)
    source.add_remote(late_order("late-3"), seen=True)
    board.refresh()
    board.tick()
    assert "3 LATE — Busy mode?" in board.late_banner.text()


def test_new_settings_apply_to_the_live_board_and_keep_ticked_items(qtbot: Any,
                                                                     clock: FakeClock) -> None:
    board, _ = make_board(qtbot, clock, BoardConfig(timezone_name="Europe/Paris"))
    board.toggle_item("late-1", 1)
    before = board.header.clock.text()
    board.apply_config(BoardConfig(timezone_name="UTC",
                                   busy=SuggestionThresholds(open_tickets=100, late_tickets=1)))
    board.tick()
    assert board.feed.checked["late-1"] == frozenset({1})
    assert board.header.clock.text() != before          # Paris 12:00 → UTC 11:00
    assert board.header.clock.text().startswith("11:00")
    assert "Busy mode?" in board.late_banner.text()
