"""An item whose catalog product/sku carries allergen or dietary tags is marked on the ticket the
way an allergy word in a note is: its labels boxed under the item, and in the "⚠" line at the
top that is never cut. Default settings, painted text read through the recording painter."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from kds.clock import FakeClock
from kds.hubrise.order_model import parse_order
from kds.kitchen.item_marks import MenuMarks
from kds.kitchen.stations import catalog_facts
from kds.sim import demo
from kds.store.rows import OrderRow
from kds.store.store import Store
from kds.ui.board.source import BoardConfig
from kds.ui.board.ticket import TicketView, build_ticket
from tests.fakes.catalogs import big_catalog, hostile_catalog
from tests.ui.board.test_ticket_whole import NOW, delegate_for, painted, raw_order, texts

MENU = MenuMarks.of(catalog_facts(demo.catalog()))
BROWNIE = {"product_name": "Brownie", "sku_ref": "BROW", "quantity": "1"}
COKE = {"product_name": "Coke 33cl", "sku_ref": "COKE", "quantity": "2"}
BROWNIE_MARKS = "⚠ GLUTEN, NUTS, DAIRY, EGG, VEGETARIAN"


def ticket_with(raw: dict[str, Any], marks: MenuMarks = MENU) -> TicketView:
    order = parse_order(raw)
    row = OrderRow(id=order.id, status=order.status, remote_status=order.status,
                   service_type=order.service_type, created_at=order.created_at,
                   expected_time=order.expected_time, confirmed_time=order.confirmed_time,
                   first_seen_at=NOW - timedelta(minutes=3), last_status_change_at=NOW,
                   raw=raw, seen=True)
    return build_ticket(row, order, marks=marks)


def boxes(delegate: Any, ticket: TicketView, kind: str) -> tuple[QRect, list[Any]]:
    """The rectangle of the first `kind` line and the boxes painted on it."""
    card = QRect(0, 0, delegate.card_width, delegate.card_height(ticket))
    image = QImage(card.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        for block, rect in delegate.block_rects(card, ticket):
            if block.kind == kind:
                inner = rect.adjusted(block.indent, 0, 0, 0)
                return inner, delegate.paint_allergen_marks(painter, block, inner)
    finally:
        painter.end()
    raise AssertionError(f"no {kind} line")


def test_an_allergen_tagged_item_is_highlighted(qtbot: Any) -> None:
    ticket = ticket_with(raw_order(items=[COKE, BROWNIE]))
    delegate = delegate_for()
    drawn = painted(delegate, ticket)
    shown = texts(drawn)
    # The item has its own marks line, under it; no customer declared anything, so there is
    # no red warning line at the top (it stays for "peanut allergy" in a note).
    brownie = next(d for d in drawn if d.plain == "Brownie")
    own = [d for d in drawn if d.text == BROWNIE_MARKS]
    assert len(own) == 1 and own[0].rect.top() >= brownie.rect.bottom() - 2
    assert ticket.allergens == ""
    # Each label boxed like an allergy word in a note, inside its line.
    line, marks = boxes(delegate, ticket, "imark")
    assert len(marks) == 5 and all(line.contains(m.toRect().adjusted(1, 1, -1, -1)) for m in marks)
    # The untagged drink gets no marks line.
    coke = next(d for d in drawn if d.plain == "Coke 33cl")
    assert not any(d.text.startswith("⚠") and coke.rect.bottom() <= d.rect.top()
                   < brownie.rect.top() for d in drawn)
    assert sum(text.startswith("⚠") for text in shown) == 1


def test_the_warning_line_says_what_the_customer_declared_and_items_keep_their_tags(
        qtbot: Any) -> None:
    raw = raw_order(customer_notes="peanut allergy!", items=[
        {"product_name": "Margherita", "sku_name": "Small", "sku_ref": "MAR-S",
         "quantity": "1"}])
    ticket = ticket_with(raw)
    # The red line is the customer's word alone; the small Margherita's gluten-free base (the
    # sku's own tag, beside its product's) is marked on the item.
    assert ticket.allergens == "⚠ PEANUTS, ALLERGY"
    assert ticket.items[0].marks == ("DAIRY", "VEGETARIAN", "GLUTEN-FREE")


def test_an_item_without_a_ref_is_found_by_its_exact_name(qtbot: Any) -> None:
    ticket = ticket_with(raw_order(items=[
        {"product_name": "brownie", "quantity": "1"},                  # a till's manual line
        {"product_name": "Brownie", "sku_ref": "UNKNOWN", "quantity": "1"},
        {"product_name": "Fries", "sku_ref": "BROW", "quantity": "1"}]))   # the ref wins
    assert [item.marks for item in ticket.items] == [
        ("GLUTEN", "NUTS", "DAIRY", "EGG", "VEGETARIAN")] * 3


def test_the_board_marks_items_from_the_stored_catalog(qtbot: Any, tmp_path: Path) -> None:
    """Through the store's cache and the board's config, as the app wires them."""
    from kds.ui.board.board import BoardScreen
    from kds.ui.sound import NullSoundPlayer
    from tests.fakes.board_source import MemoryBoardSource

    store = Store.open(tmp_path / "kds.sqlite3", FakeClock(NOW))
    try:
        store.save_catalog(demo.CATALOG["id"], catalog_facts(demo.catalog()), NOW)
        marks = store.menu_marks()
    finally:
        store.close()
    clock = FakeClock(NOW)
    source = MemoryBoardSource(clock)
    source.add_remote(raw_order(items=[BROWNIE]), seen=True)
    board = BoardScreen(source, clock, BoardConfig(marks=marks), player=NullSoundPlayer())
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    board.refresh()
    ticket = board.ticket("ord77abc")
    assert ticket is not None and ticket.items[0].marks == ("GLUTEN", "NUTS", "DAIRY", "EGG",
                                                            "VEGETARIAN")
    assert BROWNIE_MARKS in texts(painted(board.delegate, ticket))


def test_a_huge_hostile_catalog_does_not_crash_the_ticket(qtbot: Any, tmp_path: Path) -> None:
    from kds.kitchen.stations import option_tags

    facts = catalog_facts(hostile_catalog())
    options = option_tags(hostile_catalog())
    assert 1000 < len(facts) < 4000 and "DUP" in facts and 0 < len(options) <= 300
    store = Store.open(tmp_path / "kds.sqlite3", FakeClock(NOW))
    try:
        store.save_catalog("bad1", facts, NOW, options)
        marks = store.menu_marks()
        assert store.get_catalog_facts() == facts   # kept as read, nothing lost or invented
    finally:
        store.close()
    items = [{"product_name": f"Odd {n}", "sku_ref": f"H{n}-S", "quantity": "1"}
             for n in range(3, 60)]
    items += [{"product_name": "Odd 4", "quantity": "1", "options": [
        {"name": "weird", "ref": f"O{n}"} for n in range(40)]},
              {"product_name": None, "quantity": "1"},
              {"product_name": "x", "sku_ref": "DUP", "quantity": "1"}]
    ticket = ticket_with(raw_order(items=items), marks)
    for item in ticket.items:   # only our own labels, never the raw tag text
        assert all(mark.removesuffix("-FREE").isupper() and len(mark) < 20 for mark in item.marks)
    drawn = painted(delegate_for(), ticket)
    assert any(d.text.startswith("⚠ ") for d in drawn)
    assert not any("<b>" in d.text or "\u202e" in d.text or "xxxxxxxx" in d.text for d in drawn)


def test_a_2000_product_catalog_is_indexed_and_read(qtbot: Any) -> None:
    marks = MenuMarks.of(catalog_facts(big_catalog(2000)))
    assert len(marks.known) == 6000 and marks.by_ref
    ticket = ticket_with(raw_order(items=[{"product_name": "Dish 9", "sku_name": "S",
                                           "sku_ref": "P9-S", "quantity": "1"}]), marks)
    assert "GLUTEN-FREE" in ticket.items[0].marks   # the sku's own tag, over its product's


def test_a_marked_item_keeps_its_marks_when_ticked_off(qtbot: Any) -> None:
    ticket = dataclasses.replace(ticket_with(raw_order(items=[BROWNIE])), checked=frozenset({0}))
    assert BROWNIE_MARKS in texts(painted(delegate_for(), ticket))
