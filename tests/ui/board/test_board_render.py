"""Painting: hostile text stays plain and bounded; the model updates row by row."""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget, QStyleOptionViewItem

from kds.clock import FakeClock
from kds.kitchen.text import MAX_NOTE
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import TicketDelegate
from kds.ui.board.layout import layout_body
from tests.fakes.board_source import MemoryBoardSource
from kds.ui.board.model import TicketModel, TicketRole
from tests.fakes.samples import sample_order
from tests.screens.board_screenshot import render
from kds.ui.board.ticket import build_ticket
from kds.hubrise.order_model import parse_order
from kds.ui.sound import NullSoundPlayer

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)

HOSTILE = [
    "<img src=x onerror=alert(1)>", "<b>bold</b> &amp; <script>x()</script>",
    "W" * 5000, "🍕🔥" * 300, "مرحبا بالعالم שלום עולם", "\u202eevil\u202c\x00\x07\x1b[2J",
    "line\n" * 400,
]


def hostile_order(index: int, text: str) -> dict[str, Any]:
    raw = sample_order(index, START, status="accepted")
    raw["customer_notes"] = text
    raw["seller_notes"] = text
    raw["ref"] = text
    raw["customer"] = {"first_name": text, "phone": text}
    raw["items"] = [{"product_name": text, "sku_name": text, "quantity": "3",
                     "customer_notes": text,
                     "options": [{"option_list_name": text, "name": text},
                                 {"option_list_name": text, "name": text, "removed": True}]}]
    return raw


def test_hostile_text_renders_without_breaking_the_card(qtbot: Any, clock: FakeClock,
                                                        tmp_path: Path) -> None:
    source = MemoryBoardSource(clock)
    for index, text in enumerate(HOSTILE):
        source.add_remote(hostile_order(index, text), seen=True)
    board = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    qtbot.waitExposed(board)
    image = board.grab().toImage()
    assert not image.isNull()
    delegate = board.delegate
    option = QStyleOptionViewItem()
    for row in range(board.models["active"].rowCount()):
        index = board.models["active"].index(row, 0)
        hint = delegate.sizeHint(option, index)
        # a continued ticket spans whole columns (kds.ui.board.continuation)
        assert hint.width() == delegate.span_width(index.data(TicketRole))
        assert delegate.card_width >= board.config.card_width
        assert 150 < hint.height() <= delegate.max_height
    image.save(str(Path(os.environ.get("KDS_SHOTS", str(tmp_path))) / "board-hostile.png"))
    for label in board.findChildren(QLabel):   # no widget may interpret network text
        assert label.textFormat() == Qt.TextFormat.PlainText
    notes = [t.customer_notes for t in board.models["active"].tickets()]
    assert "<img src=x onerror=alert(1)>" in notes
    assert all(len(note) <= MAX_NOTE for note in notes)   # whole; the card cuts, marked


def test_markup_is_painted_literally(qtbot: Any, clock: FakeClock) -> None:
    """A note such as <b>x</b> keeps its angle brackets: drawn as plain text, not HTML."""
    raw = sample_order(1, START, status="accepted")
    raw["customer_notes"] = "<b>BIG</b> <img src=x>"
    ticket = build_ticket_from(raw)
    blocks, _ = layout_body(ticket, 276, 700, None)
    note = next(block for block in blocks if block.kind == "cnote")
    assert "<b>BIG</b> <img src=x>" in note.text
    model = TicketModel()
    model.reset([ticket])
    delegate = TicketDelegate(width=300, max_height=900)
    option = QStyleOptionViewItem()
    image = QImage(delegate.sizeHint(option, model.index(0, 0)), QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    option.rect = image.rect()
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    assert image.pixelColor(20, 20).name() != "#000000"   # the card was painted


def build_ticket_from(raw: dict[str, Any]):  # type: ignore[no-untyped-def]
    source = MemoryBoardSource(FakeClock(START))
    return build_ticket(source.add_remote(raw, seen=True), parse_order(raw))


def test_model_updates_rows_without_resetting(qtbot: Any, clock: FakeClock) -> None:
    source = MemoryBoardSource(clock)
    ids = [source.add_remote(sample_order(i, START, status="accepted"), seen=True).id
           for i in range(5)]
    tickets = {row.id: build_ticket(row, parse_order(row.raw)) for row in source.rows.values()}
    model = TicketModel()
    model.set_tickets([tickets[i] for i in ids])
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.dataChanged.connect(lambda a, b: events.append(f"changed {a.row()}"))
    model.rowsInserted.connect(lambda p, a, b: events.append(f"inserted {a}"))
    model.rowsRemoved.connect(lambda p, a, b: events.append(f"removed {a}"))
    model.rowsMoved.connect(lambda *args: events.append("moved"))

    source.set_order_status(ids[2], "in_preparation")
    tickets[ids[2]] = build_ticket(source.rows[ids[2]], parse_order(source.rows[ids[2]].raw))
    model.set_tickets([tickets[i] for i in ids])
    assert events == ["changed 2"]

    events.clear()
    new = source.add_remote(sample_order(9, START, status="received"))
    tickets[new.id] = build_ticket(new, parse_order(new.raw))
    model.set_tickets([tickets[i] for i in ids[:1] + [new.id] + ids[1:]])
    assert events == ["inserted 1"]

    events.clear()
    model.set_tickets([tickets[i] for i in ids[:1] + [new.id] + ids[2:]])
    assert events == ["removed 2"]

    events.clear()
    order = [ids[4], ids[0], new.id, ids[2], ids[3]]
    model.set_tickets([tickets[i] for i in order])
    assert "reset" not in events and "moved" in events
    assert [t.order_id for t in model.tickets()] == order
    assert model.row_of(ids[3]) == 4
    assert model.data(QModelIndex()) is None


def test_screenshot_renders_a_realistic_board(qapp: Any, tmp_path: Path) -> None:
    path = render(tmp_path / "board.png", 1366, 768)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1366, 768)


def test_giant_words_are_split_to_fit_the_card(qapp: Any) -> None:
    from PySide6.QtGui import QFontMetrics

    from kds.ui.board.layout import fit_words, font_for
    metrics = QFontMetrics(font_for("item"))
    pieces = fit_words("ab " + "W" * 500, "item", 200).split(" ")[1].split("\u200b")
    assert len(pieces) > 10 and all(metrics.horizontalAdvance(p) <= 200 for p in pieces)
    assert "\u200b" not in fit_words("Quattro Formaggi Medium pizza", "item", 200)


def test_an_unreadable_order_still_gets_a_ticket(qtbot: Any, clock: FakeClock) -> None:
    source = MemoryBoardSource(clock)
    row = source.add_remote(sample_order(1, START, status="accepted"), seen=True)
    source.rows[row.id] = dataclasses.replace(row, raw={"no": "id"})

    board = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)
    ticket = board.models["active"].ticket(row.id)
    assert ticket is not None and ticket.problem and "Could not read" in ticket.problem_text
    assert ticket.main_label == "Start"


def test_a_failing_store_keeps_the_last_known_tickets(qtbot: Any, clock: FakeClock) -> None:
    source = MemoryBoardSource(clock)
    order_id = source.add_remote(sample_order(1, START, status="accepted"), seen=True).id
    board = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)

    def locked(*args: Any) -> list[Any]:
        raise RuntimeError("database is locked")

    source.active_orders = locked  # type: ignore[method-assign]
    board.refresh()
    assert board.models["active"].row_of(order_id) == 0
    assert "last known" in board.message.text()
    clock.advance(11)
    board.tick()
    assert board.message.text() == ""


def test_a_very_long_note_is_clipped_so_the_items_still_show(qapp):
    from kds.ui.board.layout import CLIPPED, NOTE_MAX_LINES, clip_note, layout_body
    from kds.ui.board.ticket import ItemLine

    novel = "Please read carefully. " * 200
    raw = sample_order(1, START)
    raw["customer_notes"] = novel
    ticket = build_ticket_from(raw)
    blocks, _ = layout_body(ticket, 280, 500, None)
    kinds = [block.kind for block in blocks]
    assert "item" in kinds, kinds                      # the food is never pushed off the card
    note = next(block for block in blocks if block.kind == "cnote")
    assert note.text.endswith(CLIPPED)
    assert clip_note("short note", "cnote", 280) == "short note"
    assert NOTE_MAX_LINES >= 3
    assert isinstance(ticket.items[0], ItemLine)


def test_a_hidden_board_lays_out_no_ticket_and_a_shown_one_gets_real_sizes(
        qtbot: Any, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    from kds.ui.board import delegate as delegate_module

    laid_out: list[str] = []
    real_layout = delegate_module.layout_body

    def counting_layout(ticket: Any, *args: Any) -> Any:
        laid_out.append(ticket.order_id)
        return real_layout(ticket, *args)

    monkeypatch.setattr(delegate_module, "layout_body", counting_layout)
    source = MemoryBoardSource(clock)
    for index in range(40):
        source.add_remote(sample_order(index, START, status="accepted"), seen=True)
    window = QStackedWidget()            # as the main window holds its pages, at start-up
    qtbot.addWidget(window)
    window.resize(1366, 768)
    board = BoardScreen(source, clock, player=NullSoundPlayer())
    window.addWidget(board)              # the window is not on screen yet
    view, model = board.views["active"], board.models["active"]
    option = QStyleOptionViewItem()
    option.widget = view                 # what the view passes when it asks for sizes
    hint = board.delegate.sizeHint(option, model.index(0, 0))
    assert laid_out == []   # a page being built pays nothing for sizes about to change
    assert hint.height() == board.delegate.max_height   # a placeholder, replaced when shown
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: view.visualRect(model.index(0, 0)).height()
                    == board.delegate.card_height(model.tickets()[0]))
    heights = {view.visualRect(model.index(row, 0)).height() for row in range(model.rowCount())}
    assert len(heights) > 1   # real, per-ticket heights, not the placeholder
