"""Schema changes as code: each migration runs once, in order, and bumps meta.schema_version."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlite_utils import Database

from kds.kitchen.stations import facts_from_json
from kds.store.catalog import create_catalog, write_skus
from kds.store.connection import immediate_transaction
from kds.store.figure_facts import create_figure_facts
from kds.store.print_queue import create_print_jobs

Migration = Callable[[Database], None]


class StoreTooNew(RuntimeError):
    """The file was written by a newer KDS; opening it could lose data, so we refuse."""


def _create_tables(db: Database) -> None:
    db.table("orders").create({
        "id": str, "status": str, "remote_status": str, "service_type": str,
        "created_at": str, "expected_time": str, "confirmed_time": str,
        "due_at": str,             # confirmed_time, else expected_time (prep time added at read)
        "done": int, "first_seen_at": str, "last_status_change_at": str,
        "seen": int, "remote_change": str, "raw": str, "problems": str,
        "payload_hash": str,       # the "updated" marker: same payload twice changes nothing
        "change_fingerprint": str,  # items/times/notes, to tell staff HubRise changed the order
    }, pk="id", not_null={"status", "remote_status", "raw"}, defaults={"done": 0, "seen": 0})
    db.table("events").create({"id": str, "raw": str, "applied_at": str}, pk="id")
    db.table("dead_letters").create(
        {"id": int, "kind": str, "raw": str, "reason": str, "at": str}, pk="id")
    db.table("outbox").create({
        "id": int, "resource": str, "kind": str, "patch_kind": str, "body": str,
        "state": str, "attempts": int, "next_try_at": str, "last_error": str,
        "created_at": str, "sent_at": str, "claimed_at": str, "cleared_at": str,
    }, pk="id", defaults={"attempts": 0, "state": "pending"})
    db.table("location").create({"id": int, "raw": str, "updated_at": str}, pk="id")
    db.table("status_history").create({
        "id": int, "order_id": str, "status": str, "at": str, "by": str, "reason": str,
    }, pk="id")
    db.table("limiter").create({"id": int, "state": str}, pk="id")
    db.table("settings").create({"key": str, "value": str}, pk="key")


def _create_indexes(db: Database) -> None:
    """Indexes for what the board loads at start: open tickets, today's done ones, history."""
    db.table("orders").create_index(["done", "due_at"], "orders_open_by_due")
    db.table("orders").create_index(["done", "last_status_change_at"], "orders_done_by_change")
    db.table("orders").create_index(["created_at"], "orders_by_created")
    db.table("status_history").create_index(["order_id", "at"], "history_by_order")
    db.table("outbox").create_index(["state", "resource", "id"], "outbox_by_state")
    db.table("outbox").create_index(["resource", "id"], "outbox_by_resource")


def _add_rush(db: Database) -> None:
    """Version 3: the kitchen's own rush flag. HubRise has no such field, so it lives only here
    (upserts never write it); existing orders start not rushed."""
    db.execute("ALTER TABLE orders ADD COLUMN rush INTEGER NOT NULL DEFAULT 0")


def _add_claim_owner(db: Database) -> None:
    """Version 4: who claimed an outbox entry and until when (kds/store/claims.py), so opening
    the file no longer releases the claims of another running KDS."""
    db.execute("ALTER TABLE outbox ADD COLUMN claimed_by TEXT")
    db.execute("ALTER TABLE outbox ADD COLUMN claim_until TEXT")


def _add_print_queue(db: Database) -> None:
    """Version 5: kitchen tickets waiting for a printer (kds/store/print_queue.py)."""
    create_print_jobs(db)


def _add_stations(db: Database) -> None:
    """Version 6: station routing rules (kds/kitchen/stations.py), in staff's order, and this
    screen's role and the kitchen's station list. Local only: each screen keeps its own copy
    (copied between screens as a small file), HubRise has no such resource."""
    db.table("station_rules").create(
        {"id": int, "position": int, "station": str, "kind": str, "value": str},
        pk="id", not_null={"position", "station", "kind", "value"})
    db.table("station_config").create({"key": str, "value": str}, pk="key")


def _add_catalog(db: Database) -> None:
    """Version 7: the connected catalog's cache (kds/store/catalog.py): one row per sku ref with
    what routing and the allergen marks read, and when it was fetched (GET /catalogs/:id is a
    high-load call: fetched a few times a day at most). The facts version 6 kept as one JSON
    text in station_config move here; their catalog id was not kept, so the next start
    fetches the catalog again."""
    create_catalog(db)
    row = db.execute("SELECT value FROM station_config WHERE key = 'catalog_facts'").fetchone()
    if row is not None:
        write_skus(db, facts_from_json(row[0]))
        db.execute("DELETE FROM station_config WHERE key = 'catalog_facts'")


def _add_figure_facts(db: Database) -> None:
    """Version 8: what the speed-of-service figures need of each order, one narrow row per
    order (kds/store/figure_facts.py), filled from the orders already stored."""
    create_figure_facts(db)


MIGRATIONS: tuple[Migration, ...] = (_create_tables, _create_indexes, _add_rush, _add_claim_owner,
                                     _add_print_queue, _add_stations, _add_catalog,
                                     _add_figure_facts)


def schema_version(db: Database) -> int:
    if not db["meta"].exists():
        return 0  # a new file, or the very first migration run failed
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Run the migrations this file has not had yet; returns the versions applied.

    All in one write transaction that reads the version under the lock: two KDS processes
    opening a new file together queue up, and the second finds the work done.
    """
    applied: list[int] = []
    with immediate_transaction(db.conn):
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        current = schema_version(db)
        if current > len(migrations):
            raise StoreTooNew(f"the data file has schema version {current}, "
                              f"this KDS knows up to {len(migrations)}")
        for version, migration in enumerate(migrations[current:], start=current + 1):
            migration(db)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                       [str(version)])
            applied.append(version)
    return applied
