"""Charges the kitchen acts on (cutlery, bags, sauces) versus fees that are only money."""

from __future__ import annotations

from kds.hubrise.order_model import parse_order
from kds.kitchen.charges import kitchen_charges


def names(*charges: dict) -> tuple[str, ...]:
    return kitchen_charges(parse_order({"id": "o1", "status": "new",
                                        "charges": list(charges)}).charges)


def test_things_to_pack_are_kept_and_money_only_fees_are_not() -> None:
    assert names({"name": "Delivery < 15 km", "price": "1.50 EUR"},
                 {"name": "Cutlery", "price": "0.00 EUR"},
                 {"name": "Bag fee", "price": "0.10 EUR"},
                 {"name": "Service fee", "price": "0.99 EUR"},
                 {"name": "Extra sauce", "price": "0.50 EUR"},
                 {"name": "Tip", "price": "2.00 EUR"}) == ("Cutlery", "Bag fee", "Extra sauce")


def test_an_unknown_charge_is_shown_and_a_deleted_one_is_not() -> None:
    assert names({"name": "Birthday plate", "price": "1.00 EUR"},
                 {"name": "Cutlery", "price": "0.00 EUR", "deleted": True}) == ("Birthday plate",)
