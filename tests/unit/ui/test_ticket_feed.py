"""The feed parses each order once per change and never hides an unreadable one."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from typing import Any

from kds.clock import FakeClock
from kds.hubrise.order_model import parse_order
from kds.ui.board.feed import TicketFeed
from tests.fakes.board_source import MemoryBoardSource
from tests.fakes.samples import sample_order
from kds.ui.board.source import BoardConfig

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def test_each_order_is_parsed_once_until_it_changes() -> None:
    source = MemoryBoardSource(FakeClock(START))
    rows = [source.add_remote(sample_order(i, START), seen=True) for i in range(3)]
    calls: list[Any] = []

    def counting_parse(raw: Any) -> Any:
        calls.append(raw)
        return parse_order(raw)

    feed = TicketFeed(BoardConfig(), counting_parse)
    feed.tickets(rows)
    feed.tickets(rows)
    assert len(calls) == 3
    changed = dataclasses.replace(rows[1], status="in_preparation")
    tickets = feed.tickets([rows[0], changed, rows[2], rows[0]])
    assert len(calls) == 4
    assert [t.order_id for t in tickets] == [rows[0].id, rows[1].id, rows[2].id]
    assert tickets[1].main_label == "Ready"


def test_ticked_items_follow_the_ticket_until_the_order_leaves() -> None:
    source = MemoryBoardSource(FakeClock(START))
    row = source.add_remote(sample_order(1, START), seen=True)
    feed = TicketFeed(BoardConfig())
    assert feed.toggle(row.id, 0) == frozenset({0})
    assert feed.ticket(row).checked == frozenset({0})
    feed.forget_all_but(set())
    assert feed.ticket(row).checked == frozenset()


def test_an_order_that_cannot_be_parsed_still_shows() -> None:
    source = MemoryBoardSource(FakeClock(START))
    row = dataclasses.replace(source.add_remote(sample_order(2, START)), raw={"id": 5})
    (ticket,) = TicketFeed(BoardConfig()).tickets([row])
    assert ticket.problem and ticket.order_id == row.id and ticket.is_new
