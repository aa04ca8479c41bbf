"""Finding an order on the board (issue 14): by collection code, HubRise id, customer name and
phone, across Active, Scheduled and Done today; choosing one opens it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kds.clock import FakeClock
from kds.ui.board.board import BoardScreen
from kds.ui.board.search import open_search
from kds.ui.sound import NullSoundPlayer
from tests.fakes.board_source import MemoryBoardSource

NOW = datetime(2026, 11, 24, 11, 40, tzinfo=UTC)


def order(order_id: str, minutes: int, **fields: Any) -> dict[str, Any]:
    return {"id": order_id, "status": "accepted", "service_type": "collection",
            "created_at": (NOW - timedelta(minutes=2)).isoformat(),
            "expected_time": (NOW + timedelta(minutes=minutes)).isoformat(),
            "items": [{"product_name": "Margherita", "quantity": "1"}], **fields}


@pytest.fixture
def board(qtbot: Any) -> BoardScreen:
    clock = FakeClock(NOW)
    source = MemoryBoardSource(clock)
    source.add_remote(order("ord77abc", 10, collection_code="B12",
                            customer={"first_name": "Tom", "last_name": "Lee",
                                      "phone": "+33 6 12 34 56 78"}), seen=True)
    source.add_remote(order("x9zz2", 180, ref="4F2",    # later: on the Scheduled tab
                            customer={"first_name": "Léa", "last_name": "Martin"}), seen=True)
    source.add_remote(order("q1w2e", 5, ref="1042", status="completed",
                            customer={"first_name": "Ana", "phone": "0699887766"}), seen=True)
    screen = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    screen.refresh()
    return screen


def found(dialog: Any) -> list[str]:
    return [dialog.results.item(i).text() for i in range(dialog.results.count())]


def test_search_by_code_id_name_and_phone_across_the_tabs(board: BoardScreen) -> None:
    dialog = open_search(board)
    for key in ("B", "1"):               # letters from the ABC pad, digits first
        dialog.press("ABC" if key.isalpha() else "123")
        dialog.press(key)
    assert found(dialog) == ["B12 · Tom Lee · Collection · Active"]
    dialog.query.setText("x9zz2")        # the HubRise id
    assert found(dialog) == ["4F2 · Léa Martin · Collection · Scheduled"]
    dialog.query.setText("LEA")          # a name, without the accent
    assert found(dialog) == ["4F2 · Léa Martin · Collection · Scheduled"]
    dialog.query.setText("")
    for digit in "7766":                 # the end of a phone number, on the keypad
        dialog.press(digit)
    assert found(dialog) == ["1042 · Ana · Collection · Done today"]


def test_choosing_a_result_shows_its_tab_and_opens_the_order(board: BoardScreen) -> None:
    dialog = open_search(board)
    dialog.query.setText("4f2")
    dialog.results.itemClicked.emit(dialog.results.item(0))
    assert board.current_tab() == "scheduled"
    assert board.selected_order_id() == "x9zz2"
    assert board.dialog is not None and "4F2" in board.dialog.windowTitle()
    assert not dialog.isVisible()
    # The whole order laid out like its ticket, with its actions: not a plain-text list.
    from kds.ui.board.order_view import OrderView
    from tests.ui.paint_probe import order_view_text

    view = board.dialog
    assert isinstance(view, OrderView) and view.isVisible()
    assert "4F2" in order_view_text(view).splitlines()
    assert "in_preparation" in view.panel.status_buttons


def test_the_find_button_on_the_tab_row_opens_the_search(qtbot: Any, board: Any) -> None:
    from kds.ui.board.search import SearchDialog

    assert board.tabs.find_button.isVisible()
    qtbot.mouseClick(board.tabs.find_button, Qt.MouseButton.LeftButton)
    assert isinstance(board.dialog, SearchDialog) and board.dialog.isVisible()
