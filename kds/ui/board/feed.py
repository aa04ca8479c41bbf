"""Turns the store's rows into tickets, parsing each order once per change (no Qt here)."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Callable, Sequence

from kds.hubrise.order_model import parse_order
from kds.store.rows import OrderRow
from kds.ui.board.source import BoardConfig
from kds.ui.board.ticket import TicketView, build_ticket, unreadable_ticket

log = logging.getLogger(__name__)


class TicketFeed:
    def __init__(self, config: BoardConfig, parse: Callable[[Any], Any] = parse_order) -> None:
        self.config = config
        self._parse = parse
        self._cache: dict[str, tuple[OrderRow, TicketView]] = {}
        # Items ticked off per order. Kept on this screen only: it helps the cook, and
        # HubRise has no per-item status to send it to.
        self.checked: dict[str, frozenset[int]] = {}

    def reconfigure(self, config: BoardConfig) -> None:
        """New thresholds or preparation time: rebuild tickets (ticked-off items are kept)."""
        self.config = config
        self._cache.clear()

    def tickets(self, rows: Sequence[OrderRow]) -> list[TicketView]:
        """One ticket per order id, in the rows' order."""
        seen: set[str] = set()
        tickets = []
        for row in rows:
            if row.id not in seen:
                seen.add(row.id)
                tickets.append(self.ticket(row))
        return tickets

    def ticket(self, row: OrderRow) -> TicketView:
        ticket = self._built(row)
        checked = self.checked.get(row.id)
        return dataclasses.replace(ticket, checked=checked) if checked else ticket

    def _built(self, row: OrderRow) -> TicketView:
        cached = self._cache.get(row.id)
        if cached is not None and cached[0] == row:
            return cached[1]
        try:
            ticket = build_ticket(row, self._parse(row.raw), self.config.thresholds,
                                  self.config.preparation_minutes, marks=self.config.marks)
        except Exception:   # NotAnOrder or a surprise in the payload: never hide an order
            log.exception("order %s could not be turned into a ticket", row.id[:40])
            ticket = unreadable_ticket(row, self.config.thresholds)
        self._cache[row.id] = (row, ticket)
        return ticket

    def toggle(self, order_id: str, item: int) -> frozenset[int]:
        current = self.checked.get(order_id, frozenset())
        updated = current - {item} if item in current else current | {item}
        self.checked[order_id] = updated
        return updated

    def forget_all_but(self, order_ids: set[str]) -> None:
        """Drop what belongs to orders no longer on any tab (memory stays flat all day)."""
        for order_id in [key for key in self._cache if key not in order_ids]:
            del self._cache[order_id]
        for order_id in [key for key in self.checked if key not in order_ids]:
            del self.checked[order_id]
