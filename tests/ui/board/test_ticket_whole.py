"""A ticket is read whole: what the card delegate lays out and paints, with default settings."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt

from kds.hubrise.order_model import parse_order
from kds.store.rows import OrderRow
from kds.store.settings import Settings
from kds.ui.board.delegate import TicketDelegate
from kds.ui.board.model import TicketModel
from kds.ui.board.ticket import TicketView, build_ticket
from tests.ui.paint_probe import Drawn, order_view_text, paint_index

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
DEFAULTS = Settings()


def raw_order(**fields: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": "ord77abc", "status": "accepted", "service_type": "collection",
                           "ref": "1042", "created_at": "2026-11-24T12:50:00+01:00",
                           "items": [{"product_name": "Margherita", "quantity": "1"}]}
    raw.update(fields)
    return raw


def ticket_of(raw: dict[str, Any], **row_changes: Any) -> TicketView:
    order = parse_order(raw)
    row = OrderRow(id=order.id, status=order.status, remote_status=order.status,
                   service_type=order.service_type, created_at=order.created_at,
                   expected_time=order.expected_time, confirmed_time=order.confirmed_time,
                   first_seen_at=NOW - timedelta(minutes=3), last_status_change_at=NOW,
                   raw=raw, seen=True)
    return build_ticket(dataclasses.replace(row, **row_changes), order)


def delegate_for(width: int = 300, height: int = 900, scale: float = 1.0) -> TicketDelegate:
    """A delegate sized like the board's at `scale` (QT_SCALE_FACTOR shrinks logical pixels)."""
    delegate = TicketDelegate(width=width, max_height=int(height / scale), tz=timezone.utc)
    delegate.now = NOW
    return delegate


def painted(delegate: TicketDelegate, *tickets: TicketView) -> list[Drawn]:
    model = TicketModel()
    model.reset(tickets)
    drawn: list[Drawn] = []
    for row in range(model.rowCount()):
        drawn += paint_index(delegate, model.index(row, 0))
    return drawn


def texts(drawn: list[Drawn]) -> list[str]:
    return [d.plain for d in drawn]


# -- 4. invisible and abusive characters ---------------------------------------------------------
def test_zero_width_reference_falls_back_to_the_order_id(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(ref="\u200b\u200c\u2060", collection_code="\ufeff"))
    assert ticket.reference == "D77ABC"
    drawn = texts(painted(delegate_for(), ticket))
    assert any(text.endswith("D77ABC") for text in drawn)


def test_combining_mark_flood_stays_on_its_line(qtbot: Any) -> None:
    name = "Calzone" + "\u0301" * 400
    ticket = ticket_of(raw_order(items=[{"product_name": name, "quantity": "1"},
                                        {"product_name": "Tiramisu", "quantity": "1"}]))
    drawn = painted(delegate_for(), ticket)
    calzone = next(d for d in drawn if d.plain.startswith("Calzone"))
    assert sum(unicodedata.category(c) == "Mn" for c in calzone.text) <= 2
    tiramisu = next(d for d in drawn if d.plain.startswith("Tiramisu"))
    assert calzone.rect.bottom() < tiramisu.rect.top()
    assert calzone.rect.height() < 2 * tiramisu.rect.height()


# -- 1. quantities in full ------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [DEFAULTS.font_scale_percent / 100, 1.3])
def test_every_quantity_is_painted_in_full(qtbot: Any, scale: float) -> None:
    from PySide6.QtGui import QFontMetrics

    from kds.ui.board.layout import font_for

    quantities = {"100": "100×", "1.5": "1.5×", "2.25": "2.25×", "0.333": "0.333×", "2.0": "2×"}
    items = [{"product_name": f"Very long name {n} to wrap",
              "quantity": q} for n, q in enumerate(quantities)]
    delegate = delegate_for(width=300, height=1080, scale=scale)
    drawn = painted(delegate, ticket_of(raw_order(items=items)))
    metrics = QFontMetrics(font_for("item"))
    shown = {d.text: d for d in drawn if d.text.endswith("×")}
    assert set(shown) == set(quantities.values())
    for text, d in shown.items():   # the rect it is right-aligned in holds the whole string
        assert d.rect.width() >= metrics.horizontalAdvance(text)
        assert d.rect.left() >= 0
    names = [d for d in drawn if d.plain.startswith("Very long")]
    for quantity, name in zip(sorted(shown.values(), key=lambda d: d.rect.top()), names):
        assert name.rect.left() > quantity.rect.right()    # the name wraps beside it
        assert name.rect.height() > metrics.lineSpacing()   # …on several lines


# -- 6. the due line ------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [DEFAULTS.font_scale_percent / 100, 1.3])
def test_due_line_is_the_largest_text_after_the_order_number(qtbot: Any, scale: float) -> None:
    ticket = ticket_of(raw_order(items=[{"product_name": "Margherita", "quantity": "2"}]))
    drawn = painted(delegate_for(height=1080, scale=scale), ticket)
    reference = next(d for d in drawn if d.text == "1042")
    due = next(d for d in drawn if "DUE" in d.text.upper())
    others = [d for d in drawn if d is not reference and d is not due and d.text != "⋯"]
    assert reference.pixel_size > due.pixel_size > max(d.pixel_size for d in others)
    assert due.rect.height() >= due.pixel_size   # its box holds the whole line


def test_a_due_time_more_than_an_hour_away_is_a_clock_time(qtbot: Any) -> None:
    # created 11:50 UTC, expected 14:50 UTC: 170 min from NOW (12:00)
    ticket = ticket_of(raw_order(expected_time="2026-11-24T15:50:00+01:00"))
    drawn = texts(painted(delegate_for(), ticket))
    assert "● due 14:50" in drawn and not any("170 min" in text for text in drawn)
    soon = ticket_of(raw_order(expected_time="2026-11-24T13:40:00+01:00"))
    assert "● due in 40 min" in texts(painted(delegate_for(), soon))


# -- 7. bidi: each field keeps its own direction ---------------------------------------------------
def _visual_x(text: str, index: int) -> float:
    from PySide6.QtGui import QTextLayout

    from kds.ui.board.layout import font_for

    layout = QTextLayout(text, font_for("body"))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return line.cursorToX(index)[0]


def test_a_phone_after_a_right_to_left_name_keeps_its_digit_order(qtbot: Any) -> None:
    raw = raw_order(customer={"first_name": "Amira", "last_name": "حداد",
                              "phone": "+33 6 12 34 56 78\u202e"})
    drawn = painted(delegate_for(), ticket_of(raw))
    (who,) = [d.text for d in drawn if "حداد" in d.text]
    assert who == "\u2068Amira حداد\u2069  \u2068+33 6 12 34 56 78\u2069"
    plus, last = who.index("+"), who.index("78")
    assert _visual_x(who, plus) < _visual_x(who, who.index("12")) < _visual_x(who, last)


def test_notes_and_item_names_are_isolated_too(qtbot: Any) -> None:
    raw = raw_order(customer_notes="باب خلفي 12\nring 2x", seller_notes="שלום 3",
                    items=[{"product_name": "شاورما", "quantity": "2",
                            "customer_notes": "حار 5"}])
    drawn = [d.text for d in painted(delegate_for(), ticket_of(raw))]
    assert "✍ \u2068باب خلفي 12\u2069\n\u2068ring 2x\u2069" in drawn
    assert "\u2068شاورما\u2069" in drawn and "“\u2068حار 5\u2069”" in drawn
    assert "Note: \u2068שלום 3\u2069" in drawn


# -- 2. long notes: whole, one tap away, allergy words always shown -------------------------------
LONG_NOTE = ("Please ring twice, the bell is broken and the dog is friendly. " * 18)[:1090] \
    + "SEVERE ALLERGY: PEANUTS"


def board_with(qtbot: Any, raw: dict[str, Any], width: int = 1366, height: int = 768) -> Any:
    from kds.clock import FakeClock
    from kds.ui.board.board import BoardScreen
    from kds.ui.sound import NullSoundPlayer
    from tests.fakes.board_source import MemoryBoardSource

    clock = FakeClock(NOW)
    source = MemoryBoardSource(clock)
    source.add_remote(raw, seen=True)
    board = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)
    board.resize(width, height)
    board.show()
    qtbot.waitExposed(board)
    board.refresh()
    return board


def test_a_long_note_keeps_its_end_and_its_allergy_words(qtbot: Any) -> None:
    from kds.ui.board.layout import CLIPPED

    assert len(LONG_NOTE) == 1113
    ticket = ticket_of(raw_order(customer_notes=LONG_NOTE))
    assert ticket.customer_notes.endswith("SEVERE ALLERGY: PEANUTS")
    delegate = delegate_for(height=768)
    drawn = painted(delegate, ticket)
    warning = next(d for d in drawn if d.text == "⚠ ALLERGY, PEANUTS")
    note = next(d for d in drawn if d.plain.startswith("✍ Please ring"))
    assert note.plain.endswith(CLIPPED) and "tap note" in CLIPPED and "⋯" not in CLIPPED
    assert warning.rect.bottom() < note.rect.top()   # at the top of the notes, never cut
    first_item = next(d for d in drawn if d.plain == "Margherita")
    assert note.rect.bottom() < first_item.rect.top()


def test_allergy_words_are_marked_where_they_stand_in_a_note(qtbot: Any) -> None:
    from PySide6.QtGui import QImage, QPainter

    ticket = ticket_of(raw_order(customer_notes="no sesame please", items=[
        {"product_name": "Pad thai", "quantity": "1", "customer_notes": "sans arachides"}]))
    delegate = delegate_for()
    card = QRect(0, 0, delegate.card_width, delegate.card_height(ticket))
    image = QImage(card.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    marked = {}
    try:
        for block, rect in delegate.block_rects(card, ticket):
            if block.kind in ("cnote", "inote"):
                inner = rect.adjusted(block.indent, 0, 0, 0)
                if block.kind == "cnote":
                    inner = inner.adjusted(6, 4, -6, -4)
                marked[block.kind] = (inner, delegate.paint_allergen_marks(painter, block, inner))
    finally:
        painter.end()
    for kind, word in (("cnote", "sesame"), ("inote", "arachides")):
        inner, marks = marked[kind]
        assert len(marks) == 1 and inner.contains(marks[0].toRect().adjusted(1, 1, -1, -1))
        from PySide6.QtGui import QFontMetrics

        from kds.ui.board.layout import font_for, font_key
        width = QFontMetrics(font_for(font_key(kind))).horizontalAdvance(word)
        assert abs(marks[0].width() - width) <= 2   # the word itself, not the whole line


def test_tapping_the_note_opens_every_note_in_full(qtbot: Any) -> None:
    raw = raw_order(customer_notes=LONG_NOTE, seller_notes="Kitchen: use the small box",
                    customer={"first_name": "Ana", "delivery_notes": "Code 4521, 3rd floor"},
                    items=[{"product_name": "Pad thai", "quantity": "1",
                            "customer_notes": "Extra lime. " * 60 + "ALLERGIE CRUSTACÉS"}])
    board = board_with(qtbot, raw, 1920, 1080)
    card = board.card_geometry("ord77abc")
    ticket = board.ticket("ord77abc")
    assert ticket.allergens == "⚠ ALLERGY, PEANUTS, SHELLFISH"
    for kind in ("cnote", "inote", "allergy"):
        rect = next(r for b, r in board.delegate.block_rects(card, ticket) if b.kind == kind)
        if board.dialog is not None:
            board.dialog.close()
            board.dialog = None
        qtbot.mouseClick(board.views["active"].viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        assert board.dialog is not None and board.dialog.isVisible(), kind
        text = order_view_text(board.dialog)
        for whole in (LONG_NOTE, "Kitchen: use the small box", "Code 4521, 3rd floor",
                      "ALLERGIE CRUSTACÉS", "⚠ ALLERGY, PEANUTS, SHELLFISH"):
            assert whole in text.replace("\u2068", "").replace("\u2069", ""), (kind, whole)
    assert board.ticket("ord77abc").checked == frozenset()   # a note tap ticks nothing off


# -- 3. a big order continues in the next column ---------------------------------------------------
@pytest.mark.parametrize("width, height, scale", [
    (1024, 600, 1.0), (1920, 1080, 1.0), (1024, 600, 1.3), (1366, 768, 1.3)])
def test_forty_items_are_all_painted_once_across_continued_parts(
        qtbot: Any, width: int, height: int, scale: float) -> None:
    from kds.ui.board.delegate import BUTTON, PAD

    items = [{"product_name": f"Dish {n:02d}", "quantity": str(n % 3 + 1),
              "options": [{"option_list_name": "Sauce", "name": "Tomato"}]} for n in range(40)]
    raw = raw_order(items=items, customer_notes="Birthday: candles please")
    board = board_with(qtbot, raw, int(width / scale), int(height / scale))
    delegate, model, view = board.delegate, board.models["active"], board.views["active"]
    ticket = model.ticket("ord77abc")
    parts = delegate.parts(ticket)
    assert len(parts) > 1 and delegate.continued(ticket)
    item_rect = view.visualRect(model.index(0, 0))
    assert item_rect.width() >= delegate.span_width(ticket)   # the view gave it the columns
    assert item_rect.height() <= view.viewport().height()

    drawn = paint_index(delegate, model.index(0, 0), width=item_rect.width())
    names = [d for d in drawn if d.plain.startswith("Dish ")]
    assert sorted(d.plain for d in names) == [f"Dish {n:02d}" for n in range(40)]   # once each
    assert not any("more" in d.plain and "tap" in d.plain for d in drawn)
    card = delegate.card_rect(QRect(0, 0, item_rect.width(), item_rect.height()), ticket)
    boxes = delegate.part_rects(card, ticket)
    conts = [d for d in drawn if d.plain == "1042 cont."]
    assert len(conts) == len(parts) - 1 and all(d.pixel_size < 34 for d in conts)
    for name in names:   # each name lies inside one part's body, above its bottom edge
        (index, box), = [(i, b) for i, b in enumerate(boxes) if b.left() <= name.rect.left()
                         <= b.right()]
        top = box.top() + delegate.part_header(ticket, index) + PAD
        bottom = box.bottom() - (BUTTON + PAD if index == 0 else 0)
        assert top <= name.rect.top() and name.rect.bottom() <= bottom
    assert sum(d.text.startswith("▶ ") for d in drawn) == 1   # one bump button


@pytest.mark.parametrize("width, height, scale", [(1024, 600, 1.0), (1024, 600, 1.3)])
def test_a_short_column_keeps_the_number_and_due_line_whole(
        qtbot: Any, width: int, height: int, scale: float) -> None:
    raw = raw_order(expected_time="2026-11-24T13:20:00+01:00")
    board = board_with(qtbot, raw, int(width / scale), int(height / scale))
    drawn = paint_index(board.delegate, board.models["active"].index(0, 0))
    reference = next(d for d in drawn if d.plain == "1042")   # never "10…"
    due = next(d for d in drawn if d.plain == "● due in 20 min")
    assert reference.rect.bottom() < board.delegate.header_height(board.ticket("ord77abc"))
    assert due.pixel_size > max(d.pixel_size for d in drawn if d.plain == "Margherita")
    assert any(d.plain == "Margherita" for d in drawn)   # the first part holds the item


def test_all_day_names_are_isolated_so_the_count_stays_on_the_left(qtbot: Any) -> None:
    from decimal import Decimal

    from kds.ui.board.allday import all_day_lines

    (line,) = all_day_lines([("شاورما\u202e", Decimal("2.50"))])
    assert line == " 2.5  \u2068شاورما\u2069"
    assert _visual_x(line, line.index("2")) < _visual_x(line, line.index("\u2068") + 1)


def test_an_item_in_a_continued_part_is_ticked_off_where_it_is_painted(qtbot: Any) -> None:
    items = [{"product_name": f"Dish {n:02d}", "quantity": "1"} for n in range(40)]
    board = board_with(qtbot, raw_order(items=items), 1920, 1080)
    ticket = board.ticket("ord77abc")
    card = board.card_geometry("ord77abc")
    assert board.delegate.continued(ticket)
    second = board.delegate.part_rects(card, ticket)[1]
    block, rect = next((b, r) for b, r in board.delegate.block_rects(card, ticket)
                       if b.kind == "item" and second.contains(r))
    qtbot.mouseClick(board.views["active"].viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert board.ticket("ord77abc").checked == frozenset({block.item}) and block.item > 0


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_a_short_columns_due_line_is_never_elided(qtbot: Any, scale: float) -> None:
    # At 1024×600 the band goes compact; the due line sat beside the ⋯ button and was cut to
    # "● due in 1…". It now has the card's width under a smaller button.
    from PySide6.QtGui import QFontMetrics

    from kds.ui.board.layout import font_for

    ticket = ticket_of(raw_order(items=[{"product_name": "Margherita", "quantity": "2"}]))
    delegate = delegate_for(width=290, height=300, scale=scale)
    drawn = painted(delegate, ticket)
    due = next(d for d in drawn if "DUE" in d.plain.upper())
    assert "…" not in due.plain
    width = QFontMetrics(font_for("timer")).horizontalAdvance(due.plain)
    assert width <= due.rect.width()
