"""Which order charges the kitchen acts on (no Qt here).

Seed 001, "Order Charges": charges "increase the price paid by the customer", e.g. "Delivery < 15
km". Some are things to put in the bag (cutlery, a paper bag, an extra sauce): those go on the
ticket with the items. Fees that are only money (delivery, service, tip, small order…) stay off
it. A charge the lists do not know is shown: a surprise on the ticket costs less than a
customer without cutlery.
"""

from __future__ import annotations

import re
from typing import Any

from kds.kitchen.text import clean_text

# Words that make a charge something to pack or make: these win over the fee words ("Bag fee").
KITCHEN_WORDS = frozenset((
    "cutlery", "couverts", "couvert", "utensils", "napkin", "napkins", "serviette",
    "serviettes", "bag", "bags", "sac", "sacs", "sachet", "sauce", "sauces", "dip", "dips",
    "ketchup", "mayo", "mayonnaise", "straw", "straws", "paille", "chopsticks", "baguettes",
    "candle", "candles", "bougie", "gift", "extra", "supplement", "box", "boxes", "packaging",
    "emballage", "bottle", "ice", "glacons", "cup", "cups", "gobelet",
))
# Money only: nothing to make or pack.
FEE_WORDS = frozenset((
    "delivery", "livraison", "service", "fee", "fees", "frais", "tip", "tips", "pourboire",
    "tax", "taxes", "surcharge", "small", "minimum", "min", "km", "distance", "commission",
    "booking", "card", "payment", "rounding", "arrondi", "charity", "don",
))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[0-9a-zà-ÿ]+", text.lower()))


def acts_on(name: str) -> bool:
    words = _words(name)
    if words & KITCHEN_WORDS:
        return True
    return not words & FEE_WORDS


def kitchen_charges(charges: tuple[Any, ...]) -> tuple[str, ...]:
    """The names of the live charges the kitchen acts on, in the order's order."""
    names = []
    for charge in charges:
        if getattr(charge, "deleted", False):
            continue
        name = clean_text(getattr(charge, "name", None), 80) or clean_text(
            getattr(charge, "ref", None), 40)
        if name and acts_on(name):
            names.append(name)
    return tuple(names)
