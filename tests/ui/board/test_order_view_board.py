"""One tap on a ticket opens the whole order (issue 14): laid out like the ticket, not plain
text, with every action of the ticket's menu beside it, working through the board's own
handlers. Text and geometry are what the view paints and lays out, default settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QAbstractButton

from kds.clock import FakeClock
from kds.store import Store
from kds.ui.board.board import BoardScreen
from kds.ui.board.menu import TicketMenu
from kds.ui.board.order_view import OrderView
from kds.ui.sound import NullSoundPlayer
from tests.fakes.board_source import MemoryBoardSource
from tests.ui.board.test_ticket_info import CUSTOMER, delivery_order
from tests.ui.board.test_ticket_whole import NOW
from tests.ui.paint_probe import paint_order_view

ORDER = "ord77abc"


def whole_delivery() -> dict[str, Any]:
    return {**delivery_order(), "customer": CUSTOMER, "total": "12.00 EUR",
            "customer_notes": "No peanuts please",
            "charges": [{"name": "Cutlery", "price": "0.00 EUR"}],
            "items": [{"product_name": "Margherita", "quantity": "2",
                       "options": [{"option_list_name": "Size", "name": "Large"}]}]}


@pytest.fixture
def board(qtbot: Any) -> BoardScreen:
    clock = FakeClock(NOW)
    source = MemoryBoardSource(clock)
    source.add_remote(whole_delivery(), seen=True)
    screen = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def texts(view: OrderView) -> list[str]:
    return [drawn.plain for drawn in paint_order_view(view)]


def tap_band(qtbot: Any, board: BoardScreen, order_id: str) -> None:
    card = board.card_geometry(order_id)
    assert card is not None
    qtbot.mouseClick(board.views[board.current_tab()].viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(card.left() + 40, card.top() + 30))   # the order number


def opened(board: BoardScreen) -> OrderView:
    view = board.dialog
    assert isinstance(view, OrderView) and view.isVisible()
    return view


def test_one_tap_on_a_ticket_opens_the_whole_order_laid_out_like_the_ticket(
        qtbot: Any, board: BoardScreen) -> None:
    tap_band(qtbot, board, ORDER)
    view = opened(board)
    drawn = texts(view)
    assert "1042" in drawn                                       # the number, big, in its band
    assert "● due in 20 min" in drawn                            # due when the rider comes
    assert "Deliveroo" in drawn                                  # the channel badge
    assert any(t.startswith("Rider at 12:20 · Marco") for t in drawn)
    assert any("12 rue Oberkampf" in t for t in drawn)
    assert "✖ TO PAY €12.00" in drawn
    assert any("HubRise id ord77abc" in t for t in drawn)
    assert any("Margherita" in t for t in drawn) and any("Large" in t for t in drawn)
    assert any("No peanuts please" in t for t in drawn)
    # Laid out like the ticket: the board's own card painter, at one card's width, whole.
    card = view.canvas.card()
    assert card.width() == view.delegate.card_width and not view.delegate.continued(
        view.canvas.ticket)
    assert view.card_area.viewport().width() >= view.canvas.width()
    # The allergy word in the note is marked where it stands, as on the card.
    note, rect = next((b, r) for b, r in view.delegate.block_rects(card, view.canvas.ticket)
                      if b.kind == "cnote")
    image = QImage(card.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        marks = view.delegate.paint_allergen_marks(painter, note, rect.adjusted(6, 4, -6, -4))
    finally:
        painter.end()
    assert len(marks) == 1


def test_tapping_the_customer_or_rider_line_opens_it_and_an_item_still_ticks_off(
        qtbot: Any, board: BoardScreen) -> None:
    ticket, card = board.ticket(ORDER), board.card_geometry(ORDER)
    assert ticket is not None and card is not None
    rects = board.delegate.block_rects(card, ticket)
    rider = next(r for b, r in rects if b.kind == "rider")
    qtbot.mouseClick(board.views["active"].viewport(), Qt.MouseButton.LeftButton,
                     pos=rider.center())
    opened(board).close()
    board.dialog = None
    item = next(r for b, r in rects if b.kind == "item")
    qtbot.mouseClick(board.views["active"].viewport(), Qt.MouseButton.LeftButton,
                     pos=item.center())
    assert board.dialog is None and board.ticket(ORDER).checked == frozenset({0})


def test_every_menu_action_works_from_the_whole_order(qtbot: Any, board: BoardScreen) -> None:
    source: Any = board.source
    view = board.open_details(ORDER)
    assert view is not None
    menu = TicketMenu(board.ticket(ORDER))
    qtbot.addWidget(menu)
    assert list(view.panel.status_buttons) == list(menu.status_buttons)   # the same choices
    # The card's main button, tapped in the view: the order starts cooking, the view follows.
    canvas = view.canvas
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     pos=view.delegate.button_rect(canvas.card()).center())
    assert source.rows[ORDER].status == "in_preparation"
    assert view.isVisible() and view.canvas.ticket.status == "in_preparation"
    # The same step from the side button, always in reach when the card is taller than the view.
    assert view.main_button.isVisible() and view.main_button.text() == "▶ Ready"
    qtbot.mouseClick(view.main_button, Qt.MouseButton.LeftButton)
    assert source.rows[ORDER].status == "awaiting_shipment"
    assert view.main_button.text() == "▶ Out for delivery"
    # Rush, one tap, no confirmation.
    assert view.panel.rush_button is not None
    qtbot.mouseClick(view.panel.rush_button, Qt.MouseButton.LeftButton)
    assert source.rows[ORDER].rush and "⚑ RUSH" in texts(view)
    assert view.panel.rush_button is not None and view.panel.rush_button.text() == \
        "Remove rush"
    # Cancel, confirmed with a reason, as from the menu.
    qtbot.mouseClick(view.panel.status_buttons["cancelled"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.panel.reason_buttons["Out of stock"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.panel.confirm_button, Qt.MouseButton.LeftButton)
    assert source.rows[ORDER].status == "cancelled"
    assert view.isVisible() and "recall" in view.canvas.ticket.main_action
    # Close.
    qtbot.mouseClick(view.panel.close_button, Qt.MouseButton.LeftButton)
    assert not view.isVisible()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened_store = Store.open(tmp_path / "kds.sqlite3", FakeClock(NOW))
    yield opened_store
    opened_store.close()


def test_reprint_from_the_whole_order_goes_to_the_print_queue(qtbot: Any, store: Store) -> None:
    from kds.ui.sources import KitchenSource
    from tests.ui.board.test_board_rush import _store_kitchen, add_orders

    store.printers = ("tcp://10.0.0.9:9100",)
    [first, *_] = add_orders(_store_kitchen(store))
    screen = BoardScreen(KitchenSource(store), FakeClock(NOW), player=NullSoundPlayer())
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    view = screen.open_details(first)
    assert view is not None and view.panel.reprint_button is not None
    qtbot.mouseClick(view.panel.reprint_button, Qt.MouseButton.LeftButton)
    assert [job.kind for job in store.print_jobs(first)] == ["reprint:1"]
    assert "reprinting" in screen.message.text() and view.isVisible()


@pytest.mark.parametrize("width,height", [(1024, 600 - 64), (1366, 768 - 64)])
def test_the_whole_order_fits_the_window_with_touch_sized_buttons(
        qtbot: Any, board: BoardScreen, width: int, height: int) -> None:
    board.resize(width, height)
    view = board.open_details(ORDER)
    assert view is not None
    qtbot.wait(1)
    window = board.window().geometry()
    assert window.contains(view.geometry())
    buttons = [b for b in view.findChildren(QAbstractButton) if b.isVisible()]
    assert len(buttons) >= 4
    for button in buttons:
        view.actions_area.ensureWidgetVisible(button, 0, 0)
        seen = QRect(button.mapTo(view, QPoint(0, 0)), button.size())
        assert QRect(0, 0, view.width(), view.height()).contains(seen), button.text()
        assert button.height() >= 64 and button.width() >= button.sizeHint().width(), \
            button.text()
    assert view.card_area.viewport().width() >= view.canvas.width()   # no sideways scrolling
