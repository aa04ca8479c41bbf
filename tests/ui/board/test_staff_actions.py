"""Staff actions that fit the order: menu choices, recall of an ended order, the reason sent
to the customer, and the accept dialog's times (pytest-qt, the widgets as drawn)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from kds.clock import FakeClock
from kds.ui.board.board import BoardScreen
from kds.ui.board.source import BoardConfig
from kds.ui.sound import NullSoundPlayer
from tests.fakes.board_source import MemoryBoardSource
from tests.fakes.samples import sample_order

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def source(clock: FakeClock) -> MemoryBoardSource:
    return MemoryBoardSource(clock)


@pytest.fixture
def board(qtbot: Any, source: MemoryBoardSource, clock: FakeClock) -> BoardScreen:
    screen = BoardScreen(source, clock, BoardConfig(timezone_name="Europe/Paris"),
                         player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def add(source: MemoryBoardSource, index: int, status: str, service: str,
        **fields: Any) -> str:
    raw = sample_order(index, source.clock.now(), status=status)
    raw["service_type"] = service
    raw.update(fields)
    return source.add_remote(raw, seen=True).id


def shown_status_buttons(menu: Any) -> set[str]:
    return {status for status, button in menu.status_buttons.items() if button.isVisible()}


# -- the menu offers only what fits -------------------------------------------------------------

def test_eat_in_menu_offers_no_delivery_status_and_no_new(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 1, "in_preparation", "eat_in")
    board.refresh()
    menu = board.open_menu(order_id)
    shown = shown_status_buttons(menu)
    texts = {button.text() for button in menu.status_buttons.values() if button.isVisible()}
    assert shown and not shown & {"new", "awaiting_shipment", "in_delivery", "delivery_failed"}
    assert "New" not in texts and "Out for delivery" not in texts


def test_reject_is_not_offered_once_accepted(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 2, "accepted", "delivery")
    board.refresh()
    menu = board.open_menu(order_id)
    assert "rejected" not in shown_status_buttons(menu)
    assert "cancelled" in shown_status_buttons(menu)


def test_reject_is_offered_before_acceptance(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 3, "received", "collection")
    board.refresh()
    menu = board.open_menu(order_id)
    assert "rejected" in shown_status_buttons(menu)


def test_menu_key_opens_the_same_filtered_menu(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 4, "awaiting_collection", "eat_in")
    board.refresh()
    view = board.views["active"]
    view.setCurrentIndex(board.models["active"].index(board.models["active"].row_of(order_id), 0))
    qtbot.keyClick(view, Qt.Key.Key_M)
    menu = board.dialog
    assert menu is not None and menu.isVisible()
    assert not shown_status_buttons(menu) & {"new", "rejected", "in_delivery"}


# -- recalling an ended order asks first --------------------------------------------------------

def test_recalling_a_cancelled_order_asks_and_says_what_hubrise_will_be_told(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 5, "cancelled", "collection")
    board.refresh()
    board.show_tab("done")
    dialog = board.press_main_button(order_id)
    assert source.rows[order_id].status == "cancelled"      # nothing sent on the first tap
    assert dialog is not None and dialog.isVisible()
    assert "cancelled" in dialog.text.text() and "'accepted'" in dialog.text.text()
    assert "HubRise" in dialog.confirm_button.text()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert source.rows[order_id].status == "accepted"


def test_backing_out_of_a_revive_leaves_the_order_rejected(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 6, "rejected", "delivery")
    board.refresh()
    board.show_tab("done")
    view = board.views["done"]
    view.setCurrentIndex(board.models["done"].index(board.models["done"].row_of(order_id), 0))
    qtbot.keyClick(view, Qt.Key.Key_R)
    dialog = board.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert source.rows[order_id].status == "rejected"
    assert not [call for call in source.calls if call[0] == "status"]


def test_a_completed_order_still_recalls_in_one_tap(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 7, "completed", "collection")
    board.refresh()
    assert board.press_main_button(order_id) is None
    assert source.rows[order_id].status == "awaiting_collection"


# -- the reason: kept here, or sent to the customer as seller_notes -----------------------------

def test_reason_is_kept_locally_by_default_and_the_dialog_says_so(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 8, "accepted", "collection")
    board.refresh()
    menu = board.open_menu(order_id)
    qtbot.mouseClick(menu.status_buttons["cancelled"], Qt.MouseButton.LeftButton)
    assert menu.send_reason.isVisible() and not menu.send_reason.isChecked()
    assert "kept on this screen only" in menu.reason_where.text()
    assert "customer" not in menu.reason.placeholderText()
    qtbot.mouseClick(menu.reason_buttons["Out of stock"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(menu.confirm_button, Qt.MouseButton.LeftButton)
    assert "seller_notes" not in source.calls[-1][2]


def test_ticked_reason_is_sent_as_seller_notes(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource) -> None:
    order_id = add(source, 9, "accepted", "delivery")
    board.refresh()
    menu = board.open_menu(order_id)
    qtbot.mouseClick(menu.status_buttons["cancelled"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(menu.reason, "Sorry, no more dough")
    box = menu.send_reason
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
    assert menu.send_reason.isChecked() and "customer may see it" in menu.reason_where.text()
    qtbot.mouseClick(menu.confirm_button, Qt.MouseButton.LeftButton)
    assert source.calls[-1][2]["seller_notes"] == "Sorry, no more dough"


def test_store_puts_seller_notes_in_the_patch_body_and_keeps_it_apart(tmp_path: Any,
                                                                       clock: FakeClock) -> None:
    from kds.store import Store
    store = Store.open(tmp_path / "kds.sqlite3", clock)
    raw = sample_order(10, clock.now(), status="accepted")
    store.upsert_remote_order(raw)
    order_id = raw["id"]
    store.set_order_status(order_id, "cancelled", reason="No dough", seller_notes="No dough")
    store.set_order_status(order_id, "accepted")   # a later tap must not swallow the note
    bodies = [entry.body for entry in store.due_outbox(clock.now() + timedelta(hours=1))]
    pending = store.db.execute("SELECT body FROM outbox WHERE state = 'pending' ORDER BY id")
    all_bodies = [row[0] for row in pending.fetchall()]
    assert bodies and bodies[0] == {"status": "cancelled", "seller_notes": "No dough"}
    assert len(all_bodies) == 2
    store.close()


# -- the accept dialog: the requested time, and the door time for delivery ----------------------

def test_accept_dialog_for_a_pre_order_offers_the_requested_time_not_now_plus(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    asked = clock.now() + timedelta(minutes=170)
    order_id = add(source, 11, "received", "collection", expected_time=asked.isoformat())
    board.refresh()
    dialog = board.press_main_button(order_id)
    assert dialog is not None and dialog.isVisible()
    assert "asked for 14:50" in dialog.requested_label.text()     # 13:50 UTC is 14:50 in Paris
    first = dialog.minute_buttons[0]
    assert first.isVisible() and "As requested" in first.text()
    qtbot.mouseClick(dialog.minute_buttons[10], Qt.MouseButton.LeftButton)
    assert source.calls[-1][2]["confirmed_time"] == asked + timedelta(minutes=10)


def test_accept_dialog_for_delivery_sends_the_time_at_the_door(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    source.get_location_raw = lambda: {"custom_fields": {"delivery": {"door_time": "35"}}}
    order_id = add(source, 12, "received", "delivery", expected_time=None)
    board.refresh()
    dialog = board.press_main_button(order_id)
    assert dialog is not None and dialog.note.isVisible()
    assert "35 min delivery time" in dialog.note.text() and "door" in dialog.note.text()
    qtbot.mouseClick(dialog.minute_buttons[10], Qt.MouseButton.LeftButton)
    assert source.calls[-1][2]["confirmed_time"] == clock.now() + timedelta(minutes=45)


# -- tickets stay put under the finger ----------------------------------------------------------

def _button_point(board: BoardScreen, order_id: str) -> QPoint:
    from kds.ui.board.delegate import TicketDelegate
    card = board.card_geometry(order_id)
    assert card is not None
    return TicketDelegate.button_rect(card).center()


def test_three_taps_land_on_the_same_ticket_while_a_cancellation_arrives(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    ids = [add(source, 20 + i, "accepted", "collection") for i in range(4)]
    board.refresh()
    target = board.models["active"].tickets()[2].order_id
    viewport = board.views["active"].viewport()
    spot = _button_point(board, target)
    order_before = [t.order_id for t in board.models["active"].tickets()]
    scroll_before = board.views["active"].horizontalScrollBar().value()
    victim = next(i for i in order_before[3:] if i != target)
    for tap_number in range(3):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=spot)
        if tap_number == 0:   # HubRise cancels another order between two taps
            raw = sample_order(int(victim[1:6]), clock.now(), status="cancelled")
            raw["service_type"] = "collection"
            source.add_remote(raw)
            board.refresh()
        assert [t.order_id for t in board.models["active"].tickets()] == order_before
        assert board.views["active"].horizontalScrollBar().value() == scroll_before
    assert source.rows[target].status == "completed"
    assert source.rows[victim].remote_change == "cancelled"        # its "Got it" was not hit
    assert {source.rows[i].status for i in ids if i not in (target, victim)} == {"accepted"}
    board.hold_timer.timeout.emit()                                 # the moment has passed
    tickets = board.models["active"].tickets()
    assert tickets[0].order_id == victim and target not in {t.order_id for t in tickets}


def test_nothing_moves_while_a_finger_is_down(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    for i in range(3):
        add(source, 30 + i, "in_preparation", "collection")
    board.refresh()
    viewport = board.views["active"].viewport()
    first = board.models["active"].tickets()[0].order_id
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_button_point(board, first))
    newcomer = add(source, 39, "in_preparation", "collection")
    board.refresh()
    assert board.models["active"].row_of(newcomer) == -1
    board.hold_timer.timeout.emit()                # a timer firing while still pressed
    assert board.models["active"].row_of(newcomer) == -1
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_button_point(board, first))
    assert board.holding()
    board.hold_timer.timeout.emit()
    assert board.models["active"].row_of(newcomer) >= 0
