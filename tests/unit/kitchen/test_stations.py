"""Station routing: rules by category, ref, tag and name; a default; the rules file."""

from __future__ import annotations

import pytest

from kds.hubrise.order_model import parse_order
from kds.kitchen.stations import (
    BadRules,
    Routing,
    StationRule,
    catalog_facts,
    make_routing,
)

CATALOG = {"data": {
    "categories": [{"ref": "C-BURG", "name": "Burgers"}, {"ref": "C-PIZ", "name": "Pizzas"}],
    "products": [
        {"ref": "P-CHEESE", "name": "Cheeseburger", "category_ref": "C-BURG", "tags": ["grill"],
         "skus": [{"ref": "CHE-S", "name": "Single"}, {"ref": "CHE-D", "tags": ["double"]}]},
        {"ref": "P-MARG", "name": "Margherita", "category_ref": "C-PIZ",
         "skus": [{"ref": "MAR-L"}]},
        {"ref": "P-FRIES", "name": "Fries", "tags": ["fryer"], "skus": [{"ref": "FRI"}]},
        "not a product", {"skus": "nope"},
    ]}}


def order(*items: dict) -> object:
    return parse_order({"id": "o1", "status": "new", "items": list(items)})


def item(name: str, sku_ref: str | None = None, **extra: object) -> dict:
    return {"product_name": name, "sku_ref": sku_ref, "price": "5.00 EUR", "quantity": "1",
            **extra}


KITCHEN = make_routing([
    StationRule("Pizza", "category", "pizzas"),        # by category name, any case
    StationRule("Fryer", "tag", "fryer"),
    StationRule("Grill", "ref", "P-CHEESE"),           # a product ref covers its skus
    StationRule("Bar", "name", "Coke"),
], default_station="Grill")


def test_each_item_goes_to_the_first_station_whose_rule_matches_else_the_default():
    facts = catalog_facts(CATALOG)
    ticket = order(item("Margherita", "MAR-L"), item("Fries", "FRI"),
                   item("Cheeseburger", "CHE-D"), item("coke"), item("Salad", "SAL"))
    stations = [KITCHEN.station_of(i, facts) for i in ticket.items]
    assert stations == ["Pizza", "Fryer", "Grill", "Bar", "Grill"]
    assert KITCHEN.stations_of(ticket, facts) == ("Pizza", "Fryer", "Grill", "Bar")
    assert [i.product_name for i in KITCHEN.items_for(ticket, "Grill", facts)] == [
        "Cheeseburger", "Salad"]


def test_a_station_with_no_item_in_an_order_does_not_show_it():
    facts = catalog_facts(CATALOG)
    pizza_only = order(item("Margherita", "MAR-L"),
                       item("Fries", "FRI", deleted=True))   # a deleted line is nobody's
    assert KITCHEN.shows(pizza_only, "Pizza", facts)
    assert not KITCHEN.shows(pizza_only, "Fryer", facts)
    assert not KITCHEN.shows(pizza_only, "Grill", facts)


def test_without_a_default_an_unmatched_item_shows_on_every_station():
    routing = make_routing([StationRule("Pizza", "ref", "MAR-L")],
                           stations=["Grill"])
    ticket = order(item("Mystery", "ZZZ"))
    assert routing.shows(ticket, "Pizza") and routing.shows(ticket, "Grill")
    assert routing.stations_of(ticket) == ("Pizza", "Grill")


def test_without_the_catalog_refs_and_names_still_route_category_rules_do_not():
    ticket = order(item("Margherita", "MAR-L"), item("Cheeseburger", "CHE-S"))
    assert [KITCHEN.station_of(i) for i in ticket.items] == ["Grill", "Grill"]


def test_no_stations_is_the_single_screen():
    assert not Routing().configured and KITCHEN.configured


def test_rules_travel_as_a_small_json_file_and_come_back_equal():
    text = make_routing(KITCHEN.rules, "Grill", ["Expo-only", "Grill"]).to_json()
    assert len(text.encode()) < 2000
    back = Routing.from_json(text)
    assert back.rules == KITCHEN.rules and back.default_station == "Grill"
    assert back.stations == ("Pizza", "Fryer", "Grill", "Bar", "Expo-only")


@pytest.mark.parametrize("text", [
    "not json", "[]", '{"format": "other"}',
    '{"format": "kds-station-rules", "version": 9, "rules": []}',
    ('{"format": "kds-station-rules", "version": 1, "rules": [{"station": "G", "kind": "x",'
    ' "value": "v"}]}'),
    ('{"format": "kds-station-rules", "version": 1, "rules": [{"station": "", "kind": "ref",'
    ' "value": "v"}]}'),
    ('{"format": "kds-station-rules", "version": 1, "rules": [{"station": "G\\n2", '
    '"kind": "ref", "value": "v"}]}'),
])
def test_a_file_that_is_not_usable_rules_is_refused_with_a_reason(text):
    with pytest.raises(BadRules):
        Routing.from_json(text)


def test_catalog_facts_read_category_product_and_tags_of_each_sku_and_skip_junk():
    facts = catalog_facts(CATALOG)
    assert facts["CHE-D"].category_name == "Burgers"
    assert facts["CHE-D"].tags == frozenset({"grill", "double"})
    assert facts["FRI"].category_ref is None and facts["MAR-L"].product_ref == "P-MARG"
    assert catalog_facts({"data": None}) == {} == catalog_facts("junk")
