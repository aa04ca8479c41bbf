"""The fake printer reads back exactly what the KDS sends (kds.printing.preview)."""

from __future__ import annotations

from kds.hubrise.order_model import parse_order
from kds.kitchen.print_ticket import PrintLine, ticket_lines
from kds.printing.escpos import ticket_bytes
from kds.printing.preview import decode, preview_text
from tests.unit.kitchen.test_print_ticket import order_payload


def test_ticket_bytes_read_back_line_for_line_with_their_styles() -> None:
    lines = ticket_lines(parse_order(order_payload()), paper_mm=58)
    assert decode(ticket_bytes(lines, copies=2)) == [lines, lines]


def test_characters_outside_the_code_page_get_stand_ins() -> None:
    [[line]] = decode(ticket_bytes([PrintLine("12,50 € ⚠ œuf — Ärger")]))
    assert line.text == "12,50 € ! oeuf - Ärger"   # PC858 has the euro sign


def test_the_preview_shows_large_and_reverse_lines() -> None:
    text = preview_text([PrintLine("#R42", large=True), PrintLine("! NUTS !", inverse=True)])
    assert text == "# R 4 2\n[! NUTS !]"
