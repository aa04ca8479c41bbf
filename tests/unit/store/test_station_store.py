"""The station set-up in the local file: rules in order, the screen's role, import/export."""

from __future__ import annotations

import pytest

from kds.clock import FakeClock
from kds.kitchen.stations import BadRules, ScreenRole, StationRule, make_routing
from kds.store.migrations import MIGRATIONS, migrate, schema_version
from kds.store.store import Store


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "kds.sqlite", FakeClock())
    yield opened
    opened.close()


def test_version_6_adds_the_station_tables_to_an_older_file(tmp_path):
    from sqlite_utils import Database
    old = Database(tmp_path / "old.sqlite")
    migrate(old, MIGRATIONS[:4])
    assert schema_version(old) == 4
    assert migrate(old)[:2] == [5, 6]   # later versions follow
    assert {"station_rules", "station_config"} <= set(old.table_names())
    old.close()


def test_rules_and_role_survive_a_restart_in_staffs_order(tmp_path):
    path = tmp_path / "kds.sqlite"
    store = Store.open(path, FakeClock())
    rules = [StationRule("Pizza", "category", "Pizzas"), StationRule("Grill", "tag", "grill")]
    store.save_routing(make_routing(rules, "Grill", ["Fryer"]))
    store.save_screen_role(ScreenRole(name="Grill 1", station="Grill"))
    store.close()
    again = Store.open(path, FakeClock())
    routing = again.get_routing()
    assert routing.rules == tuple(rules)
    assert routing.stations == ("Pizza", "Grill", "Fryer")
    assert again.get_screen_role() == ScreenRole(name="Grill 1", station="Grill")
    again.close()


def test_a_rules_file_from_another_screen_replaces_the_rules_and_a_bad_one_changes_nothing(
        tmp_path, store):
    other = Store.open(tmp_path / "other.sqlite", FakeClock())
    other.save_routing(make_routing([StationRule("Fryer", "ref", "FRI")], "Grill"))
    text = other.export_routing()
    other.close()
    store.save_routing(make_routing([StationRule("Old", "ref", "X")]))
    with pytest.raises(BadRules):
        store.import_routing('{"format": "kds-station-rules", "version": 1, "rules": 3}')
    assert store.get_routing().rules == (StationRule("Old", "ref", "X"),)
    store.import_routing(text)
    assert store.get_routing().rules == (StationRule("Fryer", "ref", "FRI"),)
    assert store.get_routing().default_station == "Grill"


def test_a_new_file_is_a_single_screen(store):
    assert store.get_screen_role().single and not store.get_routing().configured


def test_catalog_facts_are_kept_for_routing_by_category_and_tag(store):
    import asyncio

    from kds.hubrise.models import NamedResource
    from kds.kitchen.stations import ItemFacts
    from kds.sync.catalog import CatalogKeeper

    class OneCatalog:
        async def get_catalog(self, catalog_id: str) -> NamedResource:
            assert catalog_id == "cat-1"
            return NamedResource("cat-1", "Menu", {"data": {
                "categories": [{"ref": "C1", "name": "Burgers"}],
                "products": [{"ref": "P1", "category_ref": "C1", "tags": ["grill"],
                              "skus": [{"ref": "BUR-S"}, {"ref": 7}]}]}})

    keeper = CatalogKeeper(store, store.clock, "cat-1")
    assert asyncio.run(keeper.refresh_if_due(OneCatalog(), {})) is True
    assert store.get_catalog_facts() == {
        "BUR-S": ItemFacts("C1", "Burgers", "P1", frozenset({"grill"}))}
    routing = make_routing([StationRule("Grill", "tag", "grill")])
    assert routing.needs_catalog and not make_routing([StationRule("G", "ref", "x")]).needs_catalog
