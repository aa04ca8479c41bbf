"""The board on the real SQLite store: a platform order appears, taps go through the outbox."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from kds.clock import FakeClock
from kds.store import Store
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import TicketDelegate
from tests.fakes.samples import sample_order
from kds.ui.board.source import BoardConfig
from kds.ui.sound import NullSoundPlayer


def test_platform_order_appears_on_the_board_and_a_tap_reaches_the_outbox(
        qtbot: Any, store: Store, clock: FakeClock) -> None:
    player = NullSoundPlayer()
    board = BoardScreen(store, clock, BoardConfig(ask_confirmed_time=False), player=player)
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    qtbot.waitExposed(board)
    raw = sample_order(1, clock.now(), status="received")
    raw["service_type"] = "collection"
    order_id = store.upsert_remote_order(raw).order_id
    board.refresh()
    ticket = board.models["active"].ticket(order_id)
    assert ticket is not None and ticket.is_new and player.played == ["new_order"]
    assert ticket.main_label == "Accept"

    view = board.views["active"]
    card = board.card_geometry(board.models["active"].tickets()[0].order_id)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=TicketDelegate.button_rect(card).center())

    row = store.get_order(order_id)
    assert row is not None and row.status == "accepted" and row.seen
    assert store.outbox_counts().pending == 1
    shown = board.models["active"].ticket(order_id)
    assert shown.status == "accepted" and "sending" in shown.sync_badge
    assert "1 to send" in board.header.health.text()

    (entry,) = store.due_outbox(clock.now(), 10)
    store.mark_outbox_sent(entry.id, {"id": order_id, "status": "accepted"})
    board.refresh()
    assert board.models["active"].ticket(order_id).sync_badge == ""   # HubRise confirmed


def test_all_day_counts_come_from_the_store(qtbot: Any, store: Store,
                                            clock: FakeClock) -> None:
    for index in range(3):
        raw = sample_order(index, clock.now(), status="accepted")
        raw["items"] = [{"product_name": "Calzone", "quantity": "2", "price": "11.00 EUR"}]
        store.upsert_remote_order(raw)
    board = BoardScreen(store, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)
    assert board.all_day.lines() == ["   6  \u2068Calzone\u2069"]
