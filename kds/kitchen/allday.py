"""All-day totals: how many of each product the open tickets still need (one rule, one wording)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from kds.hubrise.money import parse_decimal


def all_day_label(product: str, sku: str | None) -> str:
    """'Margherita · Large': the product, then its size or variant when there is one."""
    product, sku = product.strip(), (sku or "").strip()
    return f"{product} · {sku}" if sku else product


def item_lines(raw: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """(label, quantity) per non-deleted item; malformed items are skipped, never raised."""
    items = raw.get("items")
    if not isinstance(items, list):
        return []
    return [line for line in map(_item_line, items) if line is not None]


def _item_line(item: Any) -> tuple[str, Decimal] | None:
    if not isinstance(item, dict) or item.get("deleted") is True:
        return None
    product = item.get("product_name")
    if not isinstance(product, str) or not product.strip():
        return None
    sku = item.get("sku_name")
    try:
        quantity = parse_decimal(item.get("quantity", "1"))
    except ValueError:
        return None
    return all_day_label(product, sku if isinstance(sku, str) else None), quantity


def all_day_totals(payloads: Iterable[dict[str, Any]]) -> list[tuple[str, Decimal]]:
    """Total quantity per label across the given orders, largest first, then by name."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for raw in payloads:
        for label, quantity in item_lines(raw):
            totals[label] += quantity
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))
