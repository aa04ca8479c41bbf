"""Reprint from the ticket menu: offered only with a printer, and queued in the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kds.clock import FakeClock
from kds.store import Store
from kds.ui.board.board import BoardScreen
from kds.ui.sound import NullSoundPlayer
from kds.ui.sources import KitchenSource
from tests.ui.board.test_board_rush import START, _store_kitchen, add_orders, open_menu_by_touch


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "kds.sqlite3", FakeClock(START))
    yield opened
    opened.close()


def board_on(qtbot: Any, store: Store) -> BoardScreen:
    screen = BoardScreen(KitchenSource(store), FakeClock(START), player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_reprint_from_the_menu_queues_a_new_job_each_time(qtbot: Any, store: Store) -> None:
    store.printers = ("tcp://10.0.0.9:9100",)
    [first, *_] = add_orders(_store_kitchen(store))
    board = board_on(qtbot, store)
    board.refresh()
    for _ in range(2):
        menu = open_menu_by_touch(qtbot, board, first)
        assert menu.reprint_button is not None
        qtbot.mouseClick(menu.reprint_button, Qt.MouseButton.LeftButton)
        assert not menu.isVisible()
    assert [j.kind for j in store.print_jobs(first)] == ["reprint:1", "reprint:2"]
    assert "reprinting" in board.message.text()


def test_no_reprint_without_a_printer(qtbot: Any, store: Store) -> None:
    [first, *_] = add_orders(_store_kitchen(store))
    board = board_on(qtbot, store)
    board.refresh()
    menu = open_menu_by_touch(qtbot, board, first)
    assert menu.reprint_button is None
    assert store.print_jobs() == []
