"""Realistic HubRise order payloads for screenshots, tests and the benchmark."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from kds.hubrise.money import format_time

PIZZAS = [("Margherita", "Medium"), ("Regina", "Large"), ("Quattro Formaggi", "Medium"),
          ("Calzone", None), ("Diavola", "Large"), ("Vegetariana", "Small")]
SIDES = [("Garlic bread", None), ("Caesar salad", None), ("Chicken wings", "x6"),
         ("Tiramisu", None), ("Coca-Cola", "33 cl"), ("San Pellegrino", "50 cl")]
NAMES = [("Léa", "Martin"), ("Hugo", "Bernard"), ("Chloé", "Dubois"), ("Lucas", "Thomas"),
         ("Emma", "Robert"), ("Nathan", "Petit"), ("Inès", "Durand"), ("Jules", "Leroy")]
NOTES = ["Please ring twice, baby sleeping", "Allergic to nuts!", "", "", "Extra napkins",
         "", "Cut the pizza in 8", ""]


def _item(name: str, sku: str | None, quantity: int, rng: random.Random) -> dict[str, Any]:
    item: dict[str, Any] = {"product_name": name, "price": "12.50 EUR", "quantity": str(quantity)}
    if sku:
        item["sku_name"] = sku
    if name in dict(PIZZAS) or name == "Calzone":
        options = [{"option_list_name": "Base", "name": rng.choice(["Tomato", "Cream"])}]
        if rng.random() < 0.5:
            options.append({"option_list_name": "Extras", "name": "Extra mozzarella",
                            "price": "1.50 EUR"})
        if rng.random() < 0.35:
            options.append({"option_list_name": "Toppings", "name": rng.choice(
                ["Onions", "Olives", "Mushrooms"]), "removed": True})
        item["options"] = options
    if rng.random() < 0.15:
        item["customer_notes"] = "Well done please"
    return item


def sample_order(index: int, now: datetime, rng: random.Random | None = None,
                 status: str = "received") -> dict[str, Any]:
    """One order payload; `index` makes the id and the mix deterministic."""
    rng = rng or random.Random(index)
    service = ["delivery", "collection", "eat_in"][index % 3]
    first, last = NAMES[index % len(NAMES)]
    created = now - timedelta(minutes=rng.randint(1, 25))
    items = [_item(*rng.choice(PIZZAS), rng.choice([1, 1, 2]), rng) for _ in range(rng.randint(1, 3))]
    items += [_item(*rng.choice(SIDES), rng.choice([1, 2]), rng) for _ in range(rng.randint(0, 2))]
    order: dict[str, Any] = {
        "id": f"o{index:05d}x", "location_id": "3r4s3-1", "status": status,
        "service_type": service, "ref": f"{1040 + index}", "created_at": format_time(created),
        "expected_time": format_time(created + timedelta(minutes=rng.choice([15, 20, 25, 30]))),
        "items": items, "customer": {"first_name": first, "last_name": last,
                                     "phone": f"+3361234{index:04d}"},
        "total": "31.50 EUR",
    }
    if service == "collection":
        order["collection_code"] = f"{rng.choice('ABCDEFGH')}{index % 100:02d}"
    if service == "eat_in":
        order["custom_fields"] = {"restaurant": {"table_name": str(index % 20 + 1)}}
    note = NOTES[index % len(NOTES)]
    if note:
        order["customer_notes"] = note
    if index % 5 == 2:
        order["deals"] = {"0": {"name": "Menu Midi", "ref": "MIDI"}}
        order["items"].append({"product_name": "Coca-Cola", "sku_name": "33 cl",
                               "price": "0.00 EUR", "quantity": "1",
                               "deal_line": {"deal_key": "0", "label": "Drink"}})
    return order
