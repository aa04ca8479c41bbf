"""Issue 14's screens from one script: the board with channels, riders and TO PAY (1920x1080,
1366x768), one delivery ticket, the whole-order view opened from the board, search, and the
customer display (1920x1080, 1024x600). No network, a fixed clock.

    python -m tests.screens.order_screens docs/screens
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kds.hubrise.money import format_time

NOW = datetime(2026, 11, 24, 18, 34, tzinfo=UTC)
# Collection and eat-in orders for the public board: code, else "First L."; status; minutes ago.
COUNTER = [("A14", "in_preparation", 9), ("K22", "accepted", 6), (None, "received", 2),
           ("M07", "in_preparation", 12), ("D21", "accepted", 4), ("E03", "received", 1),
           ("F18", "awaiting_collection", 3), (None, "awaiting_collection", 1),
           ("G05", "awaiting_collection", 6), ("H11", "completed", 1)]
NAMES = [("Léa", "Martin"), ("Tom", "Lee"), ("Ana", "Ruiz")]


def _source(clock: Any, note: str = "") -> Any:
    from tests.fakes.board_source import MemoryBoardSource
    from tests.screens.ticket_info_screenshot import info_orders

    source = MemoryBoardSource(clock)
    for raw in info_orders(clock.now()):
        if note and raw["id"] == "o00101x":
            raw["customer_notes"] = note
        source.add_remote(raw, seen=True)
    return source


def board_shot(folder: Path, width: int, height: int) -> Path:
    from tests.screens.ticket_info_screenshot import render

    return render(folder / f"ticket-info-{width}x{height}.png", width, height)


def delivery_ticket(path: Path) -> Path:
    """The Deliveroo delivery with its rider, alone, as the board paints it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from kds.clock import FakeClock
    from tests.screens.shooting import settle, shown_board

    board = shown_board(_source(FakeClock(NOW)), FakeClock(NOW), 1366, 768)
    settle()
    model, delegate = board.models["active"], board.delegate
    index = model.index(model.row_of("o00101x"), 0)
    option = QStyleOptionViewItem()
    hint = delegate.sizeHint(option, index)
    option.rect = QRect(0, 0, hint.width(), hint.height())
    image = QImage(hint.width() + 16, hint.height() + 16, QImage.Format.Format_ARGB32)
    image.fill(QColor("#101214"))
    painter = QPainter(image)
    try:
        painter.translate(8, 8)
        delegate.paint(painter, option, index)
    finally:
        painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path))
    board.close()
    return path


def order_view(path: Path, width: int, height: int) -> Path:
    """One tap on the delivery's band: the whole order over the board, its actions beside it."""
    from PySide6.QtCore import QPoint

    from kds.clock import FakeClock
    from tests.screens.shooting import save, settle, shown_board

    clock = FakeClock(NOW)
    source = _source(clock, "Ring twice please, allergic to peanuts — the buzzer is broken, "
                            "call when you are outside.")
    board = shown_board(source, clock, width, height)
    card = board.card_geometry("o00101x")
    board.delegate.handle_tap(board.ticket("o00101x"), card, QPoint(card.left() + 40,
                                                                     card.top() + 30))
    dialog = board.dialog
    assert dialog is not None and dialog.isVisible()
    settle()
    save(dialog, path)
    dialog.close()
    board.close()
    return path


def search_shot(folder: Path, width: int, height: int) -> Path:
    from tests.screens.search_screenshot import render

    return render(folder / f"search-{width}x{height}.png", width, height)


def _counter_source(clock: Any) -> Any:
    from tests.fakes.board_source import MemoryBoardSource
    from tests.fakes.samples import sample_order

    source = MemoryBoardSource(clock)
    for index, (code, status, ago) in enumerate(COUNTER):
        raw = sample_order(200 + index, clock.now(), status=status)
        raw.update(service_type="collection" if index % 4 else "eat_in",
                   created_at=format_time(clock.now() - timedelta(minutes=ago + 5)),
                   expected_time=format_time(clock.now() + timedelta(minutes=10)))
        raw.pop("collection_code", None)
        if code:
            raw["collection_code"] = code
        first, last = NAMES[index % len(NAMES)]
        raw["customer"] = {"first_name": first, "last_name": last, "phone": "+33 6 12 34 56 78"}
        source.add_remote(raw, seen=True)
    for raw in _source(clock).rows.values():   # deliveries too: never on the public board
        source.add_remote(raw.raw, seen=True)
    return source


def customer_display(path: Path, width: int, height: int) -> Path:
    from kds.clock import FakeClock
    from kds.ui.customer.display import CustomerDisplay
    from tests.screens.shooting import save, settle, themed_app

    themed_app()
    clock = FakeClock(NOW)
    display = CustomerDisplay(_counter_source(clock), clock)
    display.resize(width, height)
    display.show()
    display.refresh()
    settle()
    save(display, path)
    display.close()
    return path


def render_all(folder: Path) -> list[Path]:
    return [board_shot(folder, 1920, 1080), board_shot(folder, 1366, 768),
            delivery_ticket(folder / "delivery-ticket.png"),
            order_view(folder / "order-view.png", 1366, 768),
            order_view(folder / "order-view-1024x600.png", 1024, 600),
            search_shot(folder, 1366, 768), search_shot(folder, 1024, 600),
            customer_display(folder / "customer-display-1920x1080.png", 1920, 1080),
            customer_display(folder / "customer-display-1024x600.png", 1024, 600)]


if __name__ == "__main__":
    for shot in render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens")):
        print(shot)
