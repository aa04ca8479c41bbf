"""The whole order laid out like its ticket (issue 14), with the ticket's actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from kds.ui.board.order_view import OrderView
from tests.ui.paint_probe import RecordingPainter
from tests.ui.board.test_ticket_info import delivery_order
from tests.ui.board.test_ticket_whole import NOW, ticket_of

LONG = [{"product_name": f"Dish number {n:02d}", "quantity": "1"} for n in range(40)]


def drawn_texts(view: OrderView) -> list[str]:
    canvas = view.canvas
    image = QImage(canvas.width(), canvas.height(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = RecordingPainter(image)
    try:
        canvas.delegate.paint(painter, canvas.option(), canvas.model.index(0, 0))
    finally:
        painter.end()
    return [d.plain for d in painter.drawn]


def test_a_long_order_is_one_whole_card_with_everything_on_it(qtbot: Any) -> None:
    ticket = ticket_of({**delivery_order(), "items": LONG})
    view = OrderView(ticket, now=NOW, tz=None)
    qtbot.addWidget(view)
    texts = drawn_texts(view)
    assert all(f"Dish number {n:02d}" in texts for n in range(40))   # no "+ N more", no cut
    assert not any("cont." in text for text in texts)
    assert "Deliveroo" in texts and any(t.startswith("Rider at") for t in texts)
    assert not view.canvas.grab().isNull()


def test_the_cards_actions_work_in_the_order_view(qtbot: Any) -> None:
    ticket = ticket_of(delivery_order())
    view = OrderView(ticket, now=NOW, tz=None)
    qtbot.addWidget(view)
    canvas, delegate = view.canvas, view.delegate
    card = canvas.card()
    with qtbot.waitSignal(delegate.bumpClicked) as bumped:
        delegate.handle_tap(ticket, card, delegate.button_rect(card).center())
    assert bumped.args == [ticket.order_id]
    with qtbot.waitSignal(delegate.menuClicked):
        delegate.handle_tap(ticket, card, delegate.menu_rect(card).center())
    item = next(rect for block, rect in delegate.block_rects(card, ticket) if block.kind == "item")
    with qtbot.waitSignal(delegate.itemToggled) as toggled:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(item.center()))
    assert toggled.args == [ticket.order_id, 0]
