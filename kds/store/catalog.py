"""The connected catalog's cache: what each sku is (category, product, names, tags) and when
the catalog was fetched. Kept for station routing and the allergen marks (kds.kitchen); only
kds.sync.catalog decides when to fetch it again."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from kds.kitchen.item_marks import MenuMarks
from kds.kitchen.stations import Catalog, ItemFacts
from kds.store.base import StoreBase
from kds.store.timefmt import from_db, to_db

FETCH_LOG = timedelta(hours=24)   # fetch times kept: the daily cap counts over this window

_COLUMNS = ("ref", "category_ref", "category_name", "product_ref", "product_name", "sku_name",
            "tags")


def create_catalog(db: Database) -> None:
    db.table("catalog_skus").create(dict.fromkeys(_COLUMNS, str), pk="ref")
    db.table("catalog_options").create({"ref": str, "tags": str}, pk="ref")
    db.table("catalog").create({"id": int, "catalog_id": str, "fetched_at": str, "fetches": str,
                                "update_seen_at": str}, pk="id")


def write_options(db: Database, options: Mapping[str, frozenset[str]]) -> None:
    """Replace every cached option's tags (inside the caller's transaction)."""
    db.execute("DELETE FROM catalog_options")
    db.conn.executemany("INSERT OR REPLACE INTO catalog_options VALUES (?, ?)",
                        ([ref, json.dumps(sorted(tags), ensure_ascii=False)]
                         for ref, tags in options.items()))


def write_skus(db: Database, facts: Catalog) -> None:
    """Replace every cached sku (inside the caller's transaction)."""
    db.execute("DELETE FROM catalog_skus")
    db.conn.executemany(
        "INSERT OR REPLACE INTO catalog_skus VALUES (?, ?, ?, ?, ?, ?, ?)",
        ([ref, f.category_ref, f.category_name, f.product_ref, f.product_name, f.sku_name,
          json.dumps(sorted(f.tags), ensure_ascii=False)] for ref, f in facts.items()))


@dataclass(frozen=True, slots=True)
class CatalogState:
    """What the cache holds: which catalog, fetched when, the fetches of the last 24 h, and
    a `catalog.update` event not yet followed by a fetch."""

    catalog_id: str | None = None
    fetched_at: datetime | None = None
    fetches: tuple[datetime, ...] = ()
    update_seen_at: datetime | None = None


class CatalogMixin(StoreBase):
    # Read once per copy of the catalog (a 2,000-product menu is 6,000 rows): start-up reads
    # it twice (marks and station routing), every save drops both.
    _menu_marks: MenuMarks | None = None
    _catalog_facts: dict[str, ItemFacts] | None = None

    def get_catalog_facts(self) -> dict[str, ItemFacts]:
        """What the location's catalog says about each sku (category, tags, names)."""
        if self._catalog_facts is None:
            self._catalog_facts = self._read_catalog_facts()
        return dict(self._catalog_facts)

    def _read_catalog_facts(self) -> dict[str, ItemFacts]:
        facts: dict[str, ItemFacts] = {}
        tag_sets: dict[object, frozenset[str]] = {}   # a product's skus repeat its tags
        for ref, cat_ref, cat_name, prod_ref, prod_name, sku_name, tags in self.db.execute(
                "SELECT " + ", ".join(_COLUMNS) + " FROM catalog_skus").fetchall():
            if tags not in tag_sets:
                tag_sets[tags] = _tags(tags)
            facts[ref] = ItemFacts(cat_ref, cat_name, prod_ref, tag_sets[tags], prod_name,
                                   sku_name)
        return facts

    def save_catalog_facts(self, facts: Catalog) -> None:
        """Replace the facts alone (no fetch noted): tests and imports."""
        with self.transaction():
            write_skus(self.db, facts)
        self._menu_marks = self._catalog_facts = None

    def save_catalog(self, catalog_id: str, facts: Catalog, fetched_at: datetime,
                     options: Mapping[str, frozenset[str]] | None = None) -> None:
        """A fetched catalog: its facts and option tags, its id, the fetch noted, any waiting
        update answered."""
        state = self.catalog_state()
        recent = [t for t in state.fetches if fetched_at - t < FETCH_LOG] + [fetched_at]
        with self.transaction():
            write_skus(self.db, facts)
            write_options(self.db, options or {})
            self.db.execute(
                "INSERT OR REPLACE INTO catalog (id, catalog_id, fetched_at, fetches, "
                "update_seen_at) VALUES (1, ?, ?, ?, NULL)",
                [catalog_id, to_db(fetched_at), json.dumps([to_db(t) for t in recent])])
        self._menu_marks = self._catalog_facts = None

    def note_catalog_fetch_failed(self, at: datetime) -> None:
        """A fetch that failed still spent a high-load request: it counts against the cap."""
        state = self.catalog_state()
        recent = [t for t in state.fetches if at - t < FETCH_LOG] + [at]
        with self.transaction():
            self._ensure_catalog_row()
            self.db.execute("UPDATE catalog SET fetches = ? WHERE id = 1",
                            [json.dumps([to_db(t) for t in recent])])

    def note_catalog_update(self, at: datetime) -> None:
        """HubRise said the catalog changed (a `catalog.update` event): fetch it when allowed."""
        with self.transaction():
            self._ensure_catalog_row()
            self.db.execute("UPDATE catalog SET update_seen_at = COALESCE(update_seen_at, ?) "
                            "WHERE id = 1", [to_db(at)])

    def catalog_state(self) -> CatalogState:
        row = self.db.execute("SELECT catalog_id, fetched_at, fetches, update_seen_at "
                              "FROM catalog WHERE id = 1").fetchone()
        if row is None:
            return CatalogState()
        return CatalogState(row[0] or None, from_db(row[1]), _times(row[2]), from_db(row[3]))

    def menu_marks(self) -> MenuMarks:
        """The allergen/dietary marks of the cached catalog, indexed once per fetch."""
        if self._menu_marks is None:
            tag_sets: dict[object, frozenset[str]] = {}
            rows = self.db.execute("SELECT ref, product_name, sku_name, tags "
                                   "FROM catalog_skus").fetchall()
            options = {ref: _tags(tags) for ref, tags in self.db.execute(
                "SELECT ref, tags FROM catalog_options").fetchall()}
            self._menu_marks = MenuMarks.of_skus(
                ((ref, product, sku, tag_sets.get(tags) or tag_sets.setdefault(tags, _tags(tags)))
                 for ref, product, sku, tags in rows), options)
        return self._menu_marks

    def _ensure_catalog_row(self) -> None:
        self.db.execute("INSERT OR IGNORE INTO catalog (id) VALUES (1)")


def _tags(text: object) -> frozenset[str]:
    try:
        value = json.loads(text) if isinstance(text, str) else []
    except ValueError:
        return frozenset()
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) \
        else frozenset()


def _times(text: object) -> tuple[datetime, ...]:
    try:
        value = json.loads(text) if isinstance(text, str) else []
    except ValueError:
        return ()
    times: Iterable[object] = value if isinstance(value, list) else ()
    return tuple(t for t in (from_db(v) if isinstance(v, str) else None for v in times) if t)
