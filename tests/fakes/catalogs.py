"""Catalog bodies for tests and the benchmark: a big menu, and a hostile one."""

from __future__ import annotations

import random
from typing import Any

TAG_POOL = ("pizza", "grill", "vegetarian", "vegan", "spicy", "gluten", "nuts", "dairy", "egg",
            "fish", "sesame", "soy", "gluten-free", "Contains: Peanuts", "hidden", "bestseller")


def big_catalog(products: int = 2000, seed: int = 7) -> dict[str, Any]:
    """`products` products with three skus each, tags drawn from TAG_POOL (some none)."""
    rng = random.Random(seed)
    items = []
    for n in range(products):
        items.append({
            "ref": f"P{n}", "category_ref": f"C{n % 40}", "name": f"Dish {n}",
            "tags": rng.sample(TAG_POOL, rng.randint(0, 4)),
            "skus": [{"ref": f"P{n}-{size}", "name": size, "price": "9.00 EUR",
                      **({"tags": ["gluten-free"]} if size == "S" and n % 9 == 0 else {})}
                     for size in ("S", "M", "L")]})
    return {"id": "big1", "name": "Big menu", "data": {
        "categories": [{"ref": f"C{n}", "name": f"Category {n}"} for n in range(40)],
        "products": items}}


def hostile_catalog(products: int = 2000, seed: int = 11) -> dict[str, Any]:
    """What a broken or hostile catalog may hold: missing and non-list tags, tags that are
    numbers, objects, 10,000 letters, control and bidi characters, markup; skus that are not
    objects, refs that are numbers, one ref twice with other tags, products with no skus."""
    rng = random.Random(seed)
    weird_tags: list[Any] = [
        None, 42, {"allergen": "nuts"}, ["nuts"], "", " ", "x" * 10_000, "nu\u0000ts",
        "\u202egluten\u202c", "<b>nuts</b>", "NUTS" * 500, "🌶️🌶️", "noix\u200b", "contains:",
        "sans", "-free", "free", "gluten-free-free", "vegan\nvegetarian", "ALLERGIE ARACHIDES"]
    items: list[Any] = []
    for n in range(products):
        product: dict[str, Any] = {"ref": n if n % 50 == 0 else f"H{n}", "name": f"Odd {n}",
                                   "category_ref": None if n % 7 == 0 else f"C{n % 3}"}
        roll = n % 6
        if roll == 0:
            pass                                   # no tags at all
        elif roll == 1:
            product["tags"] = "nuts"               # a string, not a list
        elif roll == 2:
            product["tags"] = rng.sample(weird_tags, 6)
        else:
            product["tags"] = ["vegan", rng.choice(weird_tags)]
        if n % 13 == 0:
            product["skus"] = None
        elif n % 17 == 0:
            product["skus"] = ["not an object", 7, {"ref": None}]
        else:
            product["skus"] = [{"ref": f"H{n}-S", "name": "S", "tags": rng.sample(weird_tags, 3)},
                               {"ref": "DUP", "tags": [rng.choice(("nuts", "gluten-free"))]}]
        items.append(product)
    items += ["a string product", None, 12]
    option_lists: list[Any] = [
        {"ref": "L1", "options": [{"ref": f"O{n}", "tags": rng.sample(weird_tags, 3)}
                                  for n in range(300)] + ["bad", {"ref": 5, "tags": ["nuts"]}]},
        "oops", {"options": "none"}]
    return {"id": "bad1", "name": "\u202eBad\u202c", "data": {
        "categories": [{"ref": "C0", "name": None}, "oops", {"name": "no ref"}],
        "products": items, "option_lists": option_lists, "options_lists": None}}
