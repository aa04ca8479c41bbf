"""Rush: the ticket menu and the P key put a ticket first, marked ⚑ RUSH, and nothing is sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt

from kds.clock import FakeClock
from kds.hubrise.money import format_time
from kds.store import Store
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import RUSH_LABEL, TicketDelegate
from kds.ui.board.dialogs import TicketMenu
from tests.fakes.board_source import MemoryBoardSource
from tests.fakes.samples import sample_order
from kds.ui.board.source import BoardSource
from kds.ui.sound import NullSoundPlayer
from kds.ui.sources import KitchenSource

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
DUE_IN_MINUTES = (5, 10, 15, 20)   # all within the Active tab's 30-minute lead


@dataclass
class Kitchen:
    """A board source plus what the test needs to feed it and to look into its outbox."""

    source: BoardSource
    add: Callable[[dict[str, Any]], str]
    outbox_size: Callable[[], int]
    kicks: list[None]


def _memory_kitchen(clock: FakeClock) -> Kitchen:
    source = MemoryBoardSource(clock)

    def outbox_size() -> int:
        counts = source.outbox_counts()
        return counts.pending + counts.failed + sum(c[0] == "status" for c in source.calls)

    return Kitchen(source, lambda raw: source.add_remote(raw, seen=True).id, outbox_size, [])


def _store_kitchen(store: Store) -> Kitchen:
    kicks: list[None] = []

    def add(raw: dict[str, Any]) -> str:
        order_id = store.upsert_remote_order(raw).order_id
        assert order_id is not None
        store.mark_seen(order_id)
        return order_id

    def outbox_size() -> int:
        return int(store.db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    source = KitchenSource(store, kick=lambda: kicks.append(None))
    return Kitchen(source, add, outbox_size, kicks)


@pytest.fixture(params=["memory", "store"])
def kitchen(request: Any, tmp_path: Path, clock: FakeClock) -> Iterator[Kitchen]:
    if request.param == "memory":
        yield _memory_kitchen(clock)
        return
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    yield _store_kitchen(store)
    store.close()


@pytest.fixture
def board(qtbot: Any, kitchen: Kitchen, clock: FakeClock) -> BoardScreen:
    screen = BoardScreen(kitchen.source, clock, player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[QRect, str]]:
    """Every header line the delegate draws, with where it was drawn (viewport coordinates)."""
    lines: list[tuple[QRect, str]] = []
    draw = TicketDelegate._draw_line

    def recording(painter: Any, font_key: str, rect: QRect, text: str) -> None:
        lines.append((QRect(rect), text))
        draw(painter, font_key, rect, text)

    monkeypatch.setattr(TicketDelegate, "_draw_line", staticmethod(recording))
    return lines


def add_orders(kitchen: Kitchen) -> list[str]:
    """Orders due one after the other, returned soonest first."""
    ids = []
    for index, minutes in enumerate(DUE_IN_MINUTES):
        raw = sample_order(index, START, status="in_preparation")
        raw["expected_time"] = format_time(START + timedelta(minutes=minutes))
        ids.append(kitchen.add(raw))
    return ids


def active_ids(board: BoardScreen) -> list[str]:
    return [ticket.order_id for ticket in board.models["active"].tickets()]


def cards_saying_rush(board: BoardScreen, painted: list[tuple[QRect, str]]) -> list[str]:
    """Repaint the Active tab and return the ids of the cards a "⚑ RUSH" line was drawn on."""
    painted.clear()
    board.views["active"].viewport().grab()
    found = []
    for order_id in active_ids(board):
        card = board.card_geometry(order_id)
        assert card is not None
        if any(text == RUSH_LABEL and card.contains(rect) for rect, text in painted):
            found.append(order_id)
    return found


def open_menu_by_touch(qtbot: Any, board: BoardScreen, order_id: str) -> TicketMenu:
    card = board.card_geometry(order_id)
    assert card is not None
    qtbot.mouseClick(board.views["active"].viewport(), Qt.MouseButton.LeftButton,
                     pos=TicketDelegate.menu_rect(card).center())
    menu = board.dialog
    assert isinstance(menu, TicketMenu) and menu.isVisible()
    assert menu.ticket.order_id == order_id and menu.rush_button is not None
    return menu


def test_rush_from_the_menu_puts_the_last_ticket_first_and_p_takes_it_back(
        qtbot: Any, board: BoardScreen, kitchen: Kitchen,
        painted: list[tuple[QRect, str]]) -> None:
    ids = add_orders(kitchen)
    board.refresh()
    assert active_ids(board) == ids
    assert cards_saying_rush(board, painted) == []
    last = ids[-1]

    menu = open_menu_by_touch(qtbot, board, last)
    assert menu.rush_button.text() == "⚑ Rush"   # type: ignore[union-attr]
    qtbot.mouseClick(menu.rush_button, Qt.MouseButton.LeftButton)
    assert not menu.isVisible()
    assert active_ids(board) == [last] + ids[:-1]
    assert board.ticket(last).rush   # type: ignore[union-attr]
    assert cards_saying_rush(board, painted) == [last]

    menu = open_menu_by_touch(qtbot, board, last)
    assert menu.rush_button.text() == "Remove rush"   # type: ignore[union-attr]
    menu.reject()

    view = board.views["active"]
    view.setFocus()
    view.setCurrentIndex(board.models["active"].index(0, 0))
    assert board.selected_order_id() == last
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert active_ids(board) == ids
    assert not board.ticket(last).rush   # type: ignore[union-attr]
    assert cards_saying_rush(board, painted) == []
    assert board.selected_order_id() == last   # the selection followed the ticket

    qtbot.keyClick(view, Qt.Key.Key_P)
    assert active_ids(board) == [last] + ids[:-1]
    assert kitchen.outbox_size() == 0 and kitchen.kicks == []   # nothing for HubRise


def test_rushed_tickets_keep_their_due_order_among_themselves(
        board: BoardScreen, kitchen: Kitchen) -> None:
    ids = add_orders(kitchen)
    kitchen.source.set_rush(ids[3], True)
    kitchen.source.set_rush(ids[1], True)
    board.refresh()
    assert active_ids(board) == [ids[1], ids[3], ids[0], ids[2]]


def test_a_remote_update_keeps_the_rush(board: BoardScreen, kitchen: Kitchen) -> None:
    ids = add_orders(kitchen)
    kitchen.source.set_rush(ids[3], True)
    raw = sample_order(3, START, status="awaiting_collection")
    raw["expected_time"] = format_time(START + timedelta(minutes=25))
    raw["customer_notes"] = "Changed on the platform"
    assert kitchen.add(raw) == ids[3]
    board.refresh()
    ticket = board.ticket(ids[3])
    assert ticket is not None and ticket.rush and ticket.status == "awaiting_collection"
    assert active_ids(board)[0] == ids[3]


def test_a_done_ticket_cannot_be_rushed(board: BoardScreen, kitchen: Kitchen) -> None:
    raw = sample_order(7, START, status="completed")
    order_id = kitchen.add(raw)
    board.refresh()
    board.show_tab("done")
    menu = board.open_menu(order_id)
    assert menu is not None and menu.rush_button is None
    assert not board.toggle_rush(order_id)
    assert kitchen.outbox_size() == 0
