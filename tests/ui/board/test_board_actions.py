"""Staff drive the board by touch and bump bar: bump, accept with a time, menu, undo, recall."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from kds.clock import FakeClock
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import TicketDelegate
from tests.fakes.board_source import MemoryBoardSource
from tests.fakes.samples import sample_order
from tests.ui.paint_probe import order_view_text
from kds.ui.sound import NullSoundPlayer


@pytest.fixture
def board(qtbot: Any, source: MemoryBoardSource, clock: FakeClock) -> BoardScreen:
    screen = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def add(source: MemoryBoardSource, index: int, status: str, service: str,
        seen: bool = True) -> str:
    raw = sample_order(index, source.clock.now(), status=status)
    raw["service_type"] = service
    return source.add_remote(raw, seen=seen).id


def card_point(board: BoardScreen, order_id: str, where: str) -> QPoint:
    card = board.card_geometry(order_id)
    assert card is not None
    if where == "button":
        return TicketDelegate.button_rect(card).center()
    if where == "menu":
        return TicketDelegate.menu_rect(card).center()
    ticket = board.ticket(order_id)
    lines = board.delegates[board.current_tab()].block_rects(card, ticket)
    kind, _, item = where.partition(":")     # "more", "item:0"
    for block, rect in lines:
        if block.kind == kind and (not item or block.item == int(item)):
            return rect.center()
    raise AssertionError(f"no {where} line on the card")


def tap(qtbot: Any, board: BoardScreen, order_id: str, where: str = "button") -> None:
    view = board.views[board.current_tab()]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=card_point(board, order_id, where))


def status_of(source: MemoryBoardSource, order_id: str) -> str:
    return source.rows[order_id].status


def test_tap_advances_collection_order_to_awaiting_collection(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 1, "in_preparation", "collection")
    board.refresh()
    assert board.ticket(order_id).main_label == "Ready"
    tap(qtbot, board, order_id)
    assert status_of(source, order_id) == "awaiting_collection"
    assert board.models["active"].ticket(order_id).main_label == "Complete"
    assert board.models["active"].ticket(order_id).sync_badge   # saved here, not yet confirmed


def test_reject_with_a_one_tap_reason(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 12, "received", "delivery")
    board.refresh()
    menu = board.open_menu(order_id)
    menu.choose("rejected")
    qtbot.mouseClick(menu.reason_buttons["Out of stock"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(menu.confirm_button, Qt.MouseButton.LeftButton)
    assert source.calls[-1][2]["reason"] == "Out of stock"
    assert status_of(source, order_id) == "rejected"


def test_accepting_offers_a_confirmed_time(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    raw = sample_order(1, clock.now(), status="received")
    raw["service_type"], raw["expected_time"] = "collection", None   # as soon as possible
    order_id = source.add_remote(raw, seen=True).id
    board.refresh()
    tap(qtbot, board, order_id)
    dialog = board.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.minute_buttons[10], Qt.MouseButton.LeftButton)
    assert status_of(source, order_id) == "accepted"
    assert source.rows[order_id].confirmed_time == clock.now() + timedelta(minutes=10)
    assert source.calls[-1][2]["confirmed_time"] == clock.now() + timedelta(minutes=10)


def test_delivery_order_goes_ready_out_and_complete(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 2, "in_preparation", "delivery")
    board.refresh()
    seen = []
    for _ in range(3):
        tap(qtbot, board, order_id)
        seen.append(status_of(source, order_id))
    assert seen == ["awaiting_shipment", "in_delivery", "completed"]
    board.release_hold()   # a moment after the last tap: the done ticket leaves
    assert board.models["active"].row_of(order_id) == -1
    assert board.models["done"].row_of(order_id) >= 0


def test_menu_cancels_an_order_with_a_reason(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 3, "accepted", "collection")
    board.refresh()
    tap(qtbot, board, order_id, "menu")
    menu = board.dialog
    assert menu is not None and menu.isVisible()
    qtbot.mouseClick(menu.status_buttons["cancelled"], Qt.MouseButton.LeftButton)
    assert status_of(source, order_id) == "accepted"   # nothing happens before confirming
    qtbot.keyClicks(menu.reason, "Out of dough")
    qtbot.mouseClick(menu.confirm_button, Qt.MouseButton.LeftButton)
    assert status_of(source, order_id) == "cancelled"
    assert source.calls[-1] == ("status", order_id, {"status": "cancelled",
                                                     "reason": "Out of dough",
                                                     "confirmed_time": None})
    assert board.models["done"].row_of(order_id) >= 0


def test_undo_bar_recalls_a_bump_for_a_few_seconds(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    order_id = add(source, 4, "awaiting_collection", "collection")
    board.refresh()
    tap(qtbot, board, order_id)
    assert status_of(source, order_id) == "completed"
    assert board.undo_bar.isVisible()
    qtbot.mouseClick(board.undo_bar.button, Qt.MouseButton.LeftButton)
    assert status_of(source, order_id) == "awaiting_collection"
    assert board.models["active"].row_of(order_id) >= 0
    tap(qtbot, board, order_id)
    clock.advance(board.config.undo_seconds + 1)
    board.tick()
    assert not board.undo_bar.isVisible()
    assert not board.recall_last()


def test_done_today_tab_recalls_an_order(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 5, "completed", "collection")
    board.refresh()
    qtbot.mouseClick(board.tab_buttons["done"], Qt.MouseButton.LeftButton)
    assert board.current_tab() == "done"
    assert board.ticket(order_id).main_label == "Recall"
    tap(qtbot, board, order_id)
    assert status_of(source, order_id) == "awaiting_collection"
    board.release_hold()   # a moment after the tap: the recalled ticket moves to Active
    assert board.models["active"].row_of(order_id) >= 0


def test_keyboard_moves_selection_bumps_and_recalls(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    first = add(source, 6, "in_preparation", "collection")
    second = add(source, 7, "in_preparation", "eat_in")
    board.refresh()
    view = board.views["active"]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert board.selected_order_id() == board.models["active"].tickets()[0].order_id
    qtbot.keyClick(view, Qt.Key.Key_Right)
    target = board.selected_order_id()
    assert target == board.models["active"].tickets()[1].order_id
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert status_of(source, target) == "awaiting_collection"
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert status_of(source, target) == "in_preparation"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert {status_of(source, first), status_of(source, second)} == {
        "in_preparation", "awaiting_collection"}


def test_scheduled_order_moves_to_the_board_when_it_is_time_to_cook(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    raw = sample_order(8, clock.now(), status="accepted")
    raw["expected_time"] = (clock.now() + timedelta(minutes=90)).isoformat()
    order_id = source.add_remote(raw, seen=True).id
    board.refresh()
    assert board.models["scheduled"].row_of(order_id) == 0
    assert board.models["active"].row_of(order_id) == -1
    clock.advance(59 * 60)
    board.tick()
    assert board.models["active"].row_of(order_id) == -1
    clock.advance(2 * 60)
    board.tick()   # the periodic re-read, not a manual refresh, brings it in
    assert board.models["active"].row_of(order_id) >= 0
    assert board.models["scheduled"].row_of(order_id) == -1


def test_all_day_panel_counts_active_items(
        board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    for index in range(2):
        raw = sample_order(index, clock.now(), status="accepted")
        raw["items"] = [{"product_name": "Margherita", "sku_name": "Large", "quantity": "2"},
                        {"product_name": "Tiramisu", "quantity": "1"}]
        source.add_remote(raw, seen=True)
    board.refresh()
    assert board.all_day.lines() == [
        "   4  \u2068Margherita · Large\u2069", "   2  \u2068Tiramisu\u2069"]


def test_a_failed_action_is_shown_not_raised(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 9, "in_preparation", "collection")
    board.refresh()

    def broken(*args: Any, **kwargs: Any) -> int:
        raise OSError("disk full")

    source.set_order_status = broken  # type: ignore[method-assign]
    tap(qtbot, board, order_id)
    assert "disk full" in board.message.text()
    assert not board.undo_bar.isVisible()


def test_a_long_order_continues_in_the_next_column_and_its_notes_open_in_full(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    raw = sample_order(10, clock.now(), status="accepted")
    raw["items"] = [{"product_name": f"Pizza number {n}", "quantity": "1"} for n in range(40)]
    raw["customer_notes"] = "Ring twice"
    order_id = source.add_remote(raw, seen=True).id
    board.refresh()
    assert board.delegate.continued(board.ticket(order_id))   # no "+ N more": nothing hidden
    card = board.card_geometry(order_id)
    names = [block.text for block, _ in board.delegate.block_rects(card, board.ticket(order_id))]
    assert all(any(f"Pizza number {n}\u2069" in name for name in names) for n in range(40))
    tap(qtbot, board, order_id, "cnote")
    details = board.dialog
    assert details is not None and details.isVisible()
    text = order_view_text(details)
    assert "Pizza number 0" in text and "Pizza number 39" in text and "Ring twice" in text


def test_bump_bar_m_opens_the_menu_and_r_recalls_from_done_today(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 11, "completed", "delivery")
    board.refresh()
    view = board.views["active"]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert board.current_tab() == "done"
    done_view = board.views["done"]
    qtbot.keyClick(done_view, Qt.Key.Key_Down)
    assert board.selected_order_id() == order_id
    qtbot.keyClick(done_view, Qt.Key.Key_M)
    assert board.dialog is not None and board.dialog.ticket.order_id == order_id
    board.dialog.close()
    qtbot.keyClick(done_view, Qt.Key.Key_R)
    assert status_of(source, order_id) == "in_delivery"


def test_cook_ticks_items_off_and_back_on(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    raw = sample_order(13, clock.now(), status="in_preparation")
    raw["items"] = [{"product_name": "Calzone", "quantity": "1"},
                    {"product_name": "Tiramisu", "quantity": "2"}]
    order_id = source.add_remote(raw, seen=True).id
    board.refresh()
    tap(qtbot, board, order_id, "item:1")
    assert board.ticket(order_id).checked == frozenset({1})
    board.refresh()   # a re-read from the store keeps the ticks
    assert board.ticket(order_id).checked == frozenset({1})
    tap(qtbot, board, order_id, "item:1")
    assert board.ticket(order_id).checked == frozenset()
    assert status_of(source, order_id) == "in_preparation"   # ticking is not bumping
