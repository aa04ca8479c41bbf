"""Bella Pizza's menu: what the demo generator orders and what `GET /catalogs/:id` serves.

HubRise's catalog has no allergen field: products and skus carry `tags`, free text (API
reference, catalogs: "vegetarian", "spicy"). The demo writes allergens and diets as plain
lower-case tags ("vegetarian", "vegan", "spicy", "gluten", "nuts", "dairy", "egg", "fish",
"gluten-free"), beside tags that mean nothing to a kitchen ("pizza", "bestseller"), on the
product (every size) or on one sku (the gluten-free base). docs/SIMULATOR.md says so.

The refs are the ones the generator puts on order items, so every ordered sku is in the menu.
"""

from __future__ import annotations

import copy
from typing import Any

PIZZAS = {"Margherita": ("9.00", "11.50", "14.00"), "Regina": ("10.50", "13.00", "15.50"),
          "Quattro Formaggi": ("11.00", "13.50", "16.00"), "Diavola": ("11.00", "13.50", "16.50")}
SIZES = ("Small", "Medium", "Large")
TOPPINGS = (("Mozzarella", "1.50"), ("Olives", "1.00"), ("Chili", "0.50"), ("Mushrooms", "1.00"))
# Options carry tags too: a topping can bring an allergen to a pizza that has none.
TOPPING_TAGS = {"Mozzarella": ["dairy"], "Chili": ["spicy"]}
OTHERS = {  # product -> (price, category)
    "Classic Burger": ("12.50", "burger"), "Veggie Burger": ("12.00", "burger"),
    "Fries": ("3.50", "side"), "Garlic Bread": ("4.00", "side"),
    "Caesar Salad": ("7.50", "side"), "Coke 33cl": ("2.50", "drink"),
    "Sparkling Water 50cl": ("2.00", "drink"), "Peroni 33cl": ("4.50", "drink"),
    "Tiramisu": ("5.00", "dessert"), "Brownie": ("3.00", "dessert"),
}
# Product tags: the allergens and diets a kitchen must see, among tags it need not.
TAGS: dict[str, list[str]] = {
    "Margherita": ["pizza", "vegetarian", "dairy"],   # gluten per base: SKU_TAGS
    "Regina": ["pizza", "gluten", "dairy"],
    "Quattro Formaggi": ["pizza", "vegetarian", "gluten", "dairy", "bestseller"],
    "Diavola": ["pizza", "spicy", "gluten", "dairy"],
    "Classic Burger": ["grill", "gluten", "sesame"],
    "Veggie Burger": ["grill", "vegan", "gluten", "soy"],
    "Fries": ["fryer", "vegan"],
    "Garlic Bread": ["vegetarian", "gluten", "dairy"],
    "Caesar Salad": ["egg", "fish", "dairy", "gluten"],
    "Coke 33cl": ["drink"],
    "Sparkling Water 50cl": ["drink"],
    "Peroni 33cl": ["drink", "alcohol", "gluten"],
    "Tiramisu": ["dessert", "vegetarian", "egg", "dairy", "gluten"],
    "Brownie": ["dessert", "vegetarian", "nuts", "egg", "dairy", "gluten"],
}
# A sku's own tags add to its product's (seed: HubRise skus carry `tags` too).
# The small Margherita comes on a gluten-free base, the others on a wheat one.
SKU_TAGS = {"MAR-S": ["gluten-free"], "MAR-M": ["gluten"], "MAR-L": ["gluten"]}
CATEGORIES = {"pizza": "Pizzas", "burger": "Burgers", "side": "Sides", "drink": "Drinks",
              "dessert": "Desserts"}


def pizza_ref(name: str, size: str) -> str:
    return f"{name[:3].upper()}-{size[0]}"


def other_ref(name: str) -> str:
    return name[:4].upper()


def topping_ref(name: str) -> str:
    return name[:3].upper()


def _sku(ref: str, name: str | None, price: str,
         option_lists: tuple[str, ...] = ()) -> dict[str, Any]:
    sku: dict[str, Any] = {"ref": ref, "name": name, "price": f"{price} EUR"}
    if option_lists:
        sku["option_list_refs"] = list(option_lists)
    if ref in SKU_TAGS:
        sku["tags"] = list(SKU_TAGS[ref])
    return sku


def catalog_data() -> dict[str, Any]:
    """The catalog's `data` (categories and products), as HubRise returns it."""
    products = [{"ref": name[:3].upper(), "category_ref": "pizza", "name": name,
                 "tags": list(TAGS[name]),
                 "skus": [_sku(pizza_ref(name, size), size, prices[index], ("TOPPINGS",))
                          for index, size in enumerate(SIZES)]}
                for name, prices in PIZZAS.items()]
    products += [{"ref": other_ref(name), "category_ref": category, "name": name,
                  "tags": list(TAGS[name]), "skus": [_sku(other_ref(name), None, price)]}
                 for name, (price, category) in OTHERS.items()]
    toppings = {"ref": "TOPPINGS", "name": "Toppings", "min_selections": 0,
                "max_selections": None,
                "options": [{"ref": topping_ref(name), "name": name, "price": f"{price} EUR",
                             "tags": list(TOPPING_TAGS.get(name, []))}
                            for name, price in TOPPINGS]}
    return {"categories": [{"ref": ref, "name": name} for ref, name in CATEGORIES.items()],
            "products": copy.deepcopy(products), "option_lists": [toppings]}
