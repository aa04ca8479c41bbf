"""Speed-of-service counts kept up to date as orders are written (schema 8).

Reading the figures straight from `orders` and `status_history` costs a pass over every order's
payload (~1.5 KB each) and three history lookups per order: 3-6 s for a period of 100,000
orders. Instead each order is counted, when the store writes it or its history, under a dozen
"cells": its local hour, service type, channel and products each with its prep time, its step
times, its lateness class, all on its local day (`figure_counts`). A period's figures are then
the sums of its days' cells (kds/store/figures.py), whatever the number of orders.

Each order's cells are worked out by the rules the per-order read uses (kds.kitchen.figures
.tenths, kds.kitchen.due.rider_pickup_at, kds.kitchen.figures_counts.late_class, the channel
badge's name) and kept (`figure_facts`), so a change moves the order from its old cells to its
new ones. What depends on the location's minutes is left to the read (late_class). The day, the
hour and the channel's name depend on the zone and the rules: `meta.figure_facts` records both
(facts_key) and the read counts every order again when they no longer match.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any

from kds.kitchen import due
from kds.kitchen.figures import ACCEPTED_OR_LATER, READY_OR_LATER, tenths
from kds.kitchen.figures_counts import channel_name, late_class
from kds.kitchen.timezone import location_zone, zone_name
from kds.store.print_queue import PrintQueueMixin
from kds.store.timefmt import from_db, from_db_required

log = logging.getLogger(__name__)



def _in(statuses: tuple[str, ...]) -> str:
    return ", ".join(f"'{s}'" for s in statuses)   # fixed words from kds.kitchen, not input


_FIRST_AT = "(SELECT min(h.at) FROM status_history h WHERE h.order_id = o.id AND h.status {})"
# One order's record as the figures read it: the plain read (kds/store/figures.py) adds a
# period, the facts below one order id.
ORDER_RECORD_SQL = f"""
SELECT o.id, coalesce(o.created_at, o.first_seen_at) AS arrived, o.service_type,
       o.confirmed_time, o.expected_time, o.created_at, o.first_seen_at,
       json_extract(o.raw, '$.created_by'), json_extract(o.raw, '$.service_type_ref'),
       json_extract(o.raw, '$.items'), json_extract(o.raw, '$.delivery'),
       {_FIRST_AT.format(f"IN ({_in(ACCEPTED_OR_LATER)})")},
       {_FIRST_AT.format(f"IN ({_in(READY_OR_LATER)})")},
       {_FIRST_AT.format("= 'completed'")}
FROM orders o
"""


FACTS_VERSION = 1   # raise when a rule behind a stored count changes: they are all rewritten
# What an order is counted under (its "cells"): (what, key, key 2, value, value 2, local day).
HOUR, SERVICE, CHANNEL, LATENESS, ACCEPTED, READY, COMPLETED, PRODUCT = range(8)
NO_VALUE = -1   # a prep time or a lateness kind the order does not have (key columns are NOT NULL)
Cell = tuple[int, Any, str, int, int, int]


def create_figure_facts(db: Any) -> None:
    """Version 8: the counts and each order's cells, filled from the orders already stored.

    The counts' key starts with what is counted and ends with the day, so the read walks it in
    order and sums a period's days cell by cell, with no sort."""
    db.execute("""CREATE TABLE figure_counts (
        what INTEGER NOT NULL, key NOT NULL, key2 TEXT NOT NULL, value INTEGER NOT NULL,
        value2 INTEGER NOT NULL, day INTEGER NOT NULL, orders INTEGER NOT NULL,
        PRIMARY KEY (what, key, key2, value, value2, day)) WITHOUT ROWID""")
    db.execute("CREATE TABLE figure_facts (order_id TEXT PRIMARY KEY, cells TEXT NOT NULL)")
    fill_facts(db.conn)


def facts_key(location: dict[str, Any] | None) -> str:
    """What the stored facts were worked out with: the rules' version and the zone's name."""
    return f"{FACTS_VERSION} {zone_name(location) or ''}"


def stored_facts_key(conn: Any) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'figure_facts'").fetchone()
    return None if row is None else str(row[0])


def _location(conn: Any) -> dict[str, Any] | None:
    row = conn.execute("SELECT raw FROM location WHERE id = 1").fetchone()
    return None if row is None else dict(json.loads(row[0]))


def fill_facts(conn: Any) -> None:
    """Count every stored order again, with the stored location's zone (one pass, Python)."""
    location = _location(conn)
    zone = location_zone(location)
    channels: dict[tuple[Any, ...], str] = {}
    facts: list[tuple[str, str]] = []
    counts: Counter[Cell] = Counter()
    for record in conn.execute(ORDER_RECORD_SQL):
        try:
            cells = order_cells(record, zone, channels)
        except (ValueError, TypeError, LookupError, OverflowError, AssertionError):
            cells = []   # as _note_figures: out of the counts, never out of the store
        facts.append((record[0], json.dumps(cells)))
        counts.update(cells)
    conn.execute("DELETE FROM figure_counts")
    conn.execute("DELETE FROM figure_facts")
    conn.executemany("INSERT INTO figure_facts VALUES (?, ?)", facts)
    conn.executemany("INSERT INTO figure_counts VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(*cell, orders) for cell, orders in counts.items()])
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('figure_facts', ?)",
                 [facts_key(location)])
    conn.execute("DELETE FROM meta WHERE key = 'figure_counts_from'")   # every day counted
    log.info("speed-of-service counts made for %d stored orders", len(facts))


def product_names(items_json: object) -> tuple[str, ...]:
    """The product names on an order (each once, trimmed, at most 80 characters)."""
    if not isinstance(items_json, str):
        return ()
    try:
        items = json.loads(items_json)
    except ValueError:
        return ()
    names = (item.get("product_name") for item in items if isinstance(item, dict)) \
        if isinstance(items, list) else ()
    return tuple(dict.fromkeys(n.strip()[:80] for n in names if isinstance(n, str) and n.strip()))


def delivery_of(text: object) -> dict[str, Any] | None:
    """The payload's `delivery` (read by json_extract) wrapped as kds.kitchen.due reads it."""
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return {"delivery": value} if isinstance(value, dict) else None


def _or_none(value: int | None) -> int:
    return NO_VALUE if value is None else value


def order_cells(record: tuple[Any, ...], zone: tzinfo,
                channels: dict[tuple[Any, ...], str]) -> list[Cell]:
    """The cells one order (ORDER_RECORD_SQL's columns) is counted under."""
    (_id, arrived_text, service_type, confirmed, expected, _created, _first_seen,
     created_by, ref, items, delivery, accepted_text, ready_text, completed_text) = record
    arrived = from_db_required(arrived_text)
    accepted, ready, completed = from_db(accepted_text), from_db(ready_text), \
        from_db(completed_text)
    finished = ready or completed
    prep = tenths(arrived, finished)
    key = (created_by, ref, service_type)
    if key not in channels:
        channels[key] = channel_name(created_by, ref, service_type)
    kind, minutes = late_class(
        arrived=arrived, finished=finished, wanted=from_db(confirmed) or from_db(expected),
        rider=due.rider_pickup_at(delivery_of(delivery)), service_type=service_type)
    local = arrived.astimezone(zone)
    day = local.toordinal()
    service, channel = service_type or "—", channels[key] or "—"   # as the groups name them
    cells: list[Cell] = [
        (HOUR, local.hour, "", _or_none(prep), 0, day),
        (SERVICE, service, "", _or_none(prep), 0, day),
        (CHANNEL, channel, "", _or_none(prep), 0, day),
        (LATENESS, service, channel, _or_none(kind), minutes or 0, day)]
    for what, start, end in ((ACCEPTED, arrived, accepted), (READY, arrived, ready),
                             (COMPLETED, arrived, completed)):
        step = tenths(start, end)
        if step is not None:
            cells.append((what, "", "", step, 0, day))
    if prep is not None:
        cells += [(PRODUCT, name, "", prep, 0, day) for name in product_names(items)]
    return cells


def _add(conn: Any, cells: Iterable[Cell], orders: int) -> None:
    conn.executemany(
        "INSERT INTO figure_counts VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
        "SET orders = orders + excluded.orders", [(*cell, orders) for cell in cells])


class FigureFactsMixin(PrintQueueMixin):
    def _note_figures(self, order_id: str) -> None:
        """The order or its history changed: move its counts from its old cells to its new
        ones (a dozen small rows). Counts made for another zone or other rules are left for
        the next read, which counts every order again."""
        conn = self.db.conn
        location = _location(conn)
        if stored_facts_key(conn) != facts_key(location):
            return
        record = conn.execute(ORDER_RECORD_SQL + " WHERE o.id = ?", [order_id]).fetchone()
        if record is None:
            return
        try:
            cells = order_cells(record, location_zone(location), {})
        except (ValueError, TypeError, LookupError, OverflowError, AssertionError) as exc:
            # Times no clock can place (year 1 in New York): the order is stored and shown,
            # it is only left out of the counts. A write never fails for the figures.
            log.warning("order %s left out of the figures: %s", order_id[:40], exc)
            cells = []
        row = conn.execute("SELECT cells FROM figure_facts WHERE order_id = ?",
                           [order_id]).fetchone()
        old = [tuple(cell) for cell in json.loads(row[0])] if row else []
        if old == cells:
            return
        _add(conn, old, -1)
        _add(conn, cells, 1)
        conn.executemany(   # an emptied cell goes (the counts stay as small as the history)
            "DELETE FROM figure_counts WHERE what = ? AND key = ? AND key2 = ? AND value = ? "
            "AND value2 = ? AND day = ? AND orders = 0", old)
        conn.execute("INSERT OR REPLACE INTO figure_facts VALUES (?, ?)",
                     [order_id, json.dumps(cells)])

    def _recount_figures_if_stale(self) -> bool:
        """Count every order again when the counts were made for another zone or other rules
        (the location's first arrival or a zone change: rare, ~0.1 s per 1,000 orders)."""
        location = _location(self.db.conn)
        if stored_facts_key(self.db.conn) == facts_key(location):
            return False
        fill_facts(self.db.conn)
        return True

    def _note_figures_of_missing(self) -> None:
        """Orders written without their counts (the salvage copies rows as they were)."""
        for (order_id,) in self.db.execute(
                "SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM figure_facts)"
        ).fetchall():
            self._note_figures(order_id)
