"""Store files written by older KDS versions (committed fixtures) open, migrate and keep
everything; the file as it was is copied aside first (issue 12, and the installer's upgrades)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kds.clock import FakeClock
from kds.store.migrations import MIGRATIONS, StoreTooNew
from kds.store.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "stores"
OLD = sorted(FIXTURES.glob("v*.sqlite3"))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def version_of(path: Path) -> int:
    return int(path.stem.removeprefix("v"))


def test_there_is_a_fixture_for_every_older_schema() -> None:
    assert {version_of(p) for p in OLD} >= set(range(1, len(MIGRATIONS)))


@pytest.mark.parametrize("fixture", OLD, ids=lambda p: p.stem)
def test_an_old_store_migrates_and_keeps_orders_taps_and_seen(fixture: Path,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    shutil.copy(fixture, path)
    store = Store.open(path, FakeClock(NOW))
    try:
        assert {store.get_order(f"old{i}") is not None for i in range(3)} == {True}
        tapped = store.get_order("old1")
        assert tapped is not None and tapped.status == "in_preparation" and tapped.seen
        assert store.outbox_counts().pending == 1          # the waiting tap is still waiting
        assert store.has_event("ev-old1")
        row = store.get_order("old0")
        assert row is not None and row.raw["items"][0]["quantity"] == "1.5"
        copied = store.copied_before_migrating
        if version_of(fixture) < len(MIGRATIONS):
            assert copied is not None and copied.exists()
            with sqlite3.connect(copied) as old:
                kept = old.execute("SELECT value FROM meta WHERE key = 'schema_version'")
                assert kept.fetchone()[0] == str(version_of(fixture))
        else:
            assert copied is None                          # nothing to migrate, nothing copied
    finally:
        store.close()


def test_a_store_from_a_newer_kds_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "kds.sqlite3"
    shutil.copy(OLD[-1], path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                   [str(len(MIGRATIONS) + 1)])
    before = dump(path)
    with pytest.raises(StoreTooNew):
        Store.open(path, FakeClock(NOW))
    assert dump(path) == before                            # not one row or table changed
    assert not list(tmp_path.glob("kds.sqlite3.schema-*"))


def test_a_version_6_store_keeps_its_catalog_facts_in_the_version_7_cache(tmp_path: Path) -> None:
    """Schema 7 moved the catalog out of station_config's one JSON text into its own table;
    the old facts keep routing until the next fetch, which the unknown catalog id asks for."""
    from kds.kitchen.stations import ItemFacts
    from kds.sync.catalog import why_fetch

    path = tmp_path / "kds.sqlite3"
    shutil.copy(FIXTURES / "v6.sqlite3", path)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO station_config (key, value) VALUES ('catalog_facts', ?)",
                   ['{"BUR-S":["C1","Burgers","P1",["grill","nuts"]],"bad":"x"}'])
    store = Store.open(path, FakeClock(NOW))
    try:
        assert store.copied_before_migrating is not None
        assert store.get_catalog_facts() == {
            "BUR-S": ItemFacts("C1", "Burgers", "P1", frozenset({"grill", "nuts"}))}
        assert store.menu_marks().by_ref == {"BUR-S": ("NUTS",)}
        assert why_fetch(store.catalog_state(), "psmlf", NOW) == "no cached copy of this catalog"
        left = store.db.execute("SELECT COUNT(*) FROM station_config "
                                "WHERE key = 'catalog_facts'").fetchone()[0]
        assert left == 0
        assert {store.get_order(f"old{i}") is not None for i in range(3)} == {True}
    finally:
        store.close()
