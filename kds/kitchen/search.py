"""Finding an order by what a customer or a rider says at the pass (no Qt here).

"Order 4F2", "it's for Léa", "the one ending 5678": an order is found by its collection code or
reference, its HubRise id, the customer's name or the customer's phone. Case and accents are
ignored; a phone matches on its digits, whatever the spacing. Best matches first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MIN_PHONE_DIGITS = 3   # fewer digits would match half the phones of the day


@dataclass(frozen=True, slots=True)
class Searchable:
    reference: str        # collection code, else ref, else the id's tail
    order_id: str         # the HubRise id, as HubRise writes it
    customer_name: str
    customer_phone: str


def fold(text: str) -> str:
    """Lower case without accents: "Léa" and "LEA" are the same search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def match_rank(query: str, order: Searchable) -> int | None:
    """0 (best) … 6, or None when the order does not match `query`."""
    wanted = fold(query)
    if not wanted:
        return None
    reference, order_id = fold(order.reference), fold(order.order_id)
    name = fold(order.customer_name)
    ranks = (
        (0, reference == wanted), (1, reference.startswith(wanted)), (2, wanted in reference),
        (3, order_id == wanted or order_id.startswith(wanted)),
        (4, any(word.startswith(wanted) for word in name.split()) or name.startswith(wanted)),
        (5, len(wanted) >= 2 and wanted in name),
        (6, _phone_matches(query, order.customer_phone)),
    )
    return next((rank for rank, hit in ranks if hit), None)


def _phone_matches(query: str, phone: str) -> bool:
    wanted = _digits(query)
    if len(wanted) < MIN_PHONE_DIGITS or re.search(r"[^\d\s+().-]", query):
        return False   # letters in the query: not a phone number
    digits = _digits(phone)
    return bool(digits) and (wanted in digits or digits.endswith(wanted.lstrip("0")))


def find(query: str, orders: list[Searchable]) -> list[int]:
    """Indexes of the matching orders, best first (ties keep the given order)."""
    ranked = [(rank, index) for index, order in enumerate(orders)
              if (rank := match_rank(query, order)) is not None]
    return [index for _, index in sorted(ranked)]
