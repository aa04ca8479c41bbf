"""The catalog tag rule: which tags mark an item, and how an item is found in the catalog."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kds.hubrise.order_model import OrderItem
from kds.kitchen.item_marks import MenuMarks, marks_line, shown_mark, tag_marks
from kds.kitchen.stations import ItemFacts
from kds.kitchen.words import set_translator


@pytest.mark.parametrize("tag, marks", [
    ("vegetarian", ("VEGETARIAN",)), ("Vegan 🌱", ("VEGAN",)), ("spicy", ("SPICY",)),
    ("Pimenté", ("SPICY",)), ("gluten", ("GLUTEN",)), ("nuts", ("NUTS",)),
    ("Contains: Nuts", ("NUTS",)), ("allergen_peanuts", ("PEANUTS",)),
    ("may contain nuts", ("NUTS",)), ("Œufs", ("EGG",)), ("nuts, sesame", ("NUTS", "SESAME")),
    ("gluten-free", ("GLUTEN-FREE",)), ("sans gluten", ("GLUTEN-FREE",)),
    ("Dairy_Free", ("DAIRY-FREE",)), ("no nuts", ("NUTS-FREE",)),
    # tags a kitchen need not see, and words that only look like one
    ("pizza", ()), ("hidden", ()), ("alcohol", ()), ("nutella", ()), ("eggplant", ()),
    ("", ()), ("contains:", ()), ("free", ()), ("x" * 10_000, ()),
])
def test_a_tag_marks_what_its_words_name(tag: str, marks: tuple[str, ...]) -> None:
    assert tag_marks(tag) == marks


def item(name: str | None, sku_ref: str | None = None, sku_name: str | None = None) -> OrderItem:
    return OrderItem(None, name, sku_name, sku_ref, None, Decimal("1"), None, None, None, None,
                     None, (), None)


MENU = MenuMarks.of({
    "PES-1": ItemFacts(tags=frozenset({"pasta", "nuts"}), product_name="Pesto", sku_name="Small"),
    "PES-2": ItemFacts(tags=frozenset({"pasta", "nuts"}), product_name="Pesto", sku_name="Large"),
    "WAT": ItemFacts(tags=frozenset({"drink"}), product_name="Water"),
    "BUN-A": ItemFacts(tags=frozenset({"gluten"}), product_name="Bun"),
    "BUN-B": ItemFacts(tags=frozenset({"gluten-free"}), product_name="Bun"),
})


def test_an_item_is_found_by_ref_then_by_an_unambiguous_name() -> None:
    assert MENU.marks(item("Anything", "PES-1")) == ("NUTS",)
    assert MENU.marks(item("Pesto", "WAT")) == ()          # a known ref is the truth
    assert MENU.marks(item("PESTO", None, "large")) == ("NUTS",)   # no ref: the exact name
    assert MENU.marks(item("Pesto", "GONE", "Small")) == ("NUTS",)  # a ref the menu lacks
    assert MENU.marks(item("Pesto")) == ()                 # no sku named: no guess
    assert MENU.marks(item("Bun")) == ()                   # two buns, other tags: no guess
    assert MENU.marks(item(None)) == ()


def test_marks_are_shown_in_the_screens_language() -> None:
    french = {"GLUTEN": "GLUTEN", "NUTS": "FRUITS À COQUE", "{label}-FREE": "SANS {label}"}
    set_translator(lambda context, text: french.get(text, text))
    try:
        assert shown_mark("GLUTEN-FREE") == "SANS GLUTEN"
        assert marks_line(("NUTS", "GLUTEN-FREE")) == "⚠ FRUITS À COQUE, SANS GLUTEN"
    finally:
        set_translator(None)
    assert marks_line(()) == ""


def test_a_chosen_option_adds_its_tags_and_a_removed_one_does_not() -> None:
    from kds.hubrise.order_model import OrderOption
    from kds.kitchen.stations import catalog_facts, option_tags
    from kds.sim import demo

    raw = demo.catalog()
    assert option_tags(raw) == {"MOZ": frozenset({"dairy"}), "CHI": frozenset({"spicy"})}
    assert option_tags({"data": {"options_lists": raw["data"]["option_lists"]}}) \
        == option_tags(raw)   # the retrieve example's spelling
    menu = MenuMarks.of(catalog_facts(raw), option_tags(raw))

    def regina(*options: OrderOption) -> OrderItem:
        return OrderItem(None, "Regina", "Small", "REG-S", None, Decimal("1"), None, None, None,
                         None, None, options, None)

    chili = OrderOption("Toppings", "Chili", "CHI", None)
    assert menu.marks(regina()) == ("GLUTEN", "DAIRY")
    assert menu.marks(regina(chili)) == ("GLUTEN", "DAIRY", "SPICY")
    removed = OrderOption("Toppings", "Chili", "CHI", None, removed=True)
    assert menu.marks(regina(removed)) == ("GLUTEN", "DAIRY")
    assert menu.marks(regina(OrderOption("Toppings", "Olives", "OLI", None))) == (
        "GLUTEN", "DAIRY")
