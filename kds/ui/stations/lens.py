"""How a station or expo screen sees the store's orders (no Qt here; the board applies it).

A station screen (Grill) shows only orders with grill items, and only those items: the row's
payload is narrowed to them, so the ticket, its layout and its all-day counts need no station
knowledge. Its big button bumps the station's part ("Grill done"); an order the grill has
bumped moves to its Done tab, where the button takes the bump back. The expo screen shows every
order whole, each station's progress in the status line, and readies the order on HubRise
when every station is done. With no station set up (the single screen) nothing changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kds.hubrise.order_model import NotAnOrder, Order, parse_order
from kds.kitchen.station_progress import all_stations_done, is_done, progress_of, ready_status
from kds.kitchen.stations import NO_CATALOG, Catalog, Routing, ScreenRole
from kds.store.rows import OrderRow
from kds.ui.board.ticket import TicketView
from kds.ui.i18n import translate

STATION_DONE = "station_done"      # TicketView.main_action: bump this station's part
STATION_UNDO = "station_undo"      # take the station's bump back
# The expo readies an order on its own only from these (a recall after "ready" is staff's).
AUTO_READY_FROM = frozenset({"accepted", "in_preparation"})
MEMO_MAX = 10_000


@dataclass(frozen=True, slots=True)
class StationLens:
    role: ScreenRole = field(default_factory=ScreenRole)
    routing: Routing = field(default_factory=Routing)
    catalog: Catalog = field(default_factory=lambda: NO_CATALOG)
    # What each row and ticket became last refresh: most rows do not change between two.
    _memo: dict[tuple[str, str], tuple[Any, ...]] = field(
        default_factory=dict, compare=False, repr=False)

    @property
    def station(self) -> str | None:
        """This screen's station, when it has one the kitchen's rules know."""
        station = self.role.station
        return station if station and self.routing.configured and not self.role.expo else None

    @property
    def expo(self) -> bool:
        return self.role.expo and self.routing.configured

    @property
    def active(self) -> bool:
        return self.station is not None or self.expo

    # -- rows -------------------------------------------------------------------------------
    def station_rows(self, rows: Iterable[OrderRow]) -> tuple[list[OrderRow], list[OrderRow]]:
        """(still to cook here, bumped here): the station's orders, narrowed to its items."""
        station = self.station
        if station is None:
            return list(rows), []
        todo: list[OrderRow] = []
        bumped: list[OrderRow] = []
        for row in rows:
            part, done = self._station_part(row, station)
            if part is not None:
                (bumped if done else todo).append(part)
        return todo, bumped

    def _station_part(self, row: OrderRow, station: str) -> tuple[OrderRow | None, bool]:
        """The row narrowed to the station's items (None: none here), and bumped here?"""
        key = ("row", row.id)
        hit = self._memo.get(key)
        if hit is not None and hit[0] is row:
            return hit[1], hit[2]
        if hit is not None and hit[0].raw is row.raw:   # same payload, other columns moved
            narrowed = hit[1]
            part = None if narrowed is None else \
                row if narrowed.raw is row.raw else dataclasses.replace(row, raw=narrowed.raw)
            done = bool(hit[2])
        else:
            order = _parsed(row)
            if order is None:
                part, done = row, False   # unreadable: every screen shows it, never hidden
            else:
                items = self.routing.items_for(order, station, self.catalog)
                part = _narrowed(row, order, items) if items else None
                done = is_done(order.custom_fields, station)
        self._remember(key, (row, part, done))
        return part, done

    def _remember(self, key: tuple[str, str], value: tuple[Any, ...]) -> None:
        if len(self._memo) >= MEMO_MAX:
            self._memo.clear()
        self._memo[key] = value

    def to_ready(self, rows: Iterable[OrderRow], already: set[str]) -> list[tuple[str, str]]:
        """Expo: (order id, status) for orders every station has finished, not yet readied."""
        if not self.expo:
            return []
        found = []
        for row in rows:
            if row.id in already or row.status not in AUTO_READY_FROM:
                continue
            order = _parsed(row)
            if order is not None and all_stations_done(order, self.routing, self.catalog):
                found.append((row.id, ready_status(row.service_type or order.service_type)))
        return found

    # -- tickets ----------------------------------------------------------------------------
    def adorn(self, ticket: TicketView, row: OrderRow, *, bumped: bool = False) -> TicketView:
        """The station's button on a station screen; each station's progress on the expo."""
        key = ("ticket", ticket.order_id)
        hit = self._memo.get(key)
        if hit is not None and hit[0] is ticket and hit[1] == bumped:
            return hit[2]   # type: ignore[no-any-return]
        adorned = self._adorned(ticket, row, bumped)
        self._remember(key, (ticket, bumped, adorned))
        return adorned

    def _adorned(self, ticket: TicketView, row: OrderRow, bumped: bool) -> TicketView:
        if self.station is not None and not ticket.done:
            label = (translate("Stations", "{station} not done") if bumped
                     else translate("Stations", "{station} done")).format(station=self.station)
            return dataclasses.replace(ticket, main_label=label, next_status=None,
                                       main_action=STATION_UNDO if bumped else STATION_DONE)
        if self.expo:
            order = _parsed(row)
            if order is not None:
                return self._expo_ticket(ticket, order)
        return ticket

    def _expo_ticket(self, ticket: TicketView, order: Order) -> TicketView:
        """Stations done out of stations with a part in the status line (it is short), and
        a ✓ before each item whose station has bumped it."""
        progress = progress_of(order, self.routing, self.catalog)
        if not progress:
            return ticket
        done = {name for name, finished in progress if finished}
        status = translate("Stations", "{status} · {done}/{count} stations").format(
            status=ticket.status_label, done=len(done), count=len(progress))
        live = [item for item in order.items if not item.deleted]
        if len(live) != len(ticket.items):   # not one line per item: leave the lines alone
            return dataclasses.replace(ticket, status_label=status)
        lines = tuple(
            dataclasses.replace(line, name=f"✓ {line.name}")
            if self.routing.station_of(item, self.catalog) in done else line
            for line, item in zip(ticket.items, live, strict=True))
        return dataclasses.replace(ticket, status_label=status, items=lines)


# Parsed orders by id, kept while the row's payload is the same object: the store hands out
# one decoded dict per payload version, so a refresh re-parses only what changed (1,000 open
# orders cost ~65 ms to parse, and a refresh asks up to three times).
_PARSED: dict[str, tuple[dict[str, Any], Order | None]] = {}
PARSED_MAX = 5000


def _parsed(row: OrderRow) -> Order | None:
    hit = _PARSED.get(row.id)
    if hit is not None and hit[0] is row.raw:
        return hit[1]
    try:
        order: Order | None = parse_order(row.raw)
    except NotAnOrder:   # the board shows such a row as unreadable already
        order = None
    if len(_PARSED) >= PARSED_MAX:
        _PARSED.clear()
    _PARSED[row.id] = (row.raw, order)
    return order


def _narrowed(row: OrderRow, order: Order, items: Sequence[Any]) -> OrderRow:
    if len(items) == len(order.items):
        return row
    raw_items = order.raw.get("items")
    if not isinstance(raw_items, list):
        return row
    keep = {id(item) for item in items}
    objects = [raw for raw in raw_items if isinstance(raw, dict)]  # as the parser reads them
    kept = [raw for raw, item in zip(objects, order.items, strict=False) if id(item) in keep]
    return dataclasses.replace(row, raw={**row.raw, "items": kept})


@dataclass(slots=True)
class StationBoard:
    """One refresh's rows as this screen shows them (None: that query failed; keep the tab)."""

    active: list[OrderRow] | None
    scheduled: list[OrderRow] | None
    done: list[OrderRow] | None
    bumped: set[str] = field(default_factory=set)   # open orders this station has bumped


def station_board(lens: StationLens | None, active: list[OrderRow] | None,
                  scheduled: list[OrderRow] | None,
                  done: list[OrderRow] | None) -> StationBoard:
    """A station screen: its orders narrowed to its items, the ones it bumped on the Done tab."""
    if lens is None or lens.station is None:
        return StationBoard(active, scheduled, done)
    board = StationBoard(None, None, None)
    bumped: list[OrderRow] = []
    if active is not None:
        board.active, more = lens.station_rows(active)
        bumped += more
    if scheduled is not None:
        board.scheduled, more = lens.station_rows(scheduled)
        bumped += more
    board.bumped = {row.id for row in bumped}
    if done is not None:
        todo, finished = lens.station_rows(done)
        board.done = bumped + todo + finished
    return board
