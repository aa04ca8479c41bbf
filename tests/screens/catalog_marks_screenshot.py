"""Render the board with items the catalog tags (allergens, diets) marked like allergy words.

    python -m tests.screens.catalog_marks_screenshot docs/screens [WIDTH HEIGHT ...]

The marks come from the simulator's demo catalog (kds.sim.menu) through the store's cache, as
the app reads them.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kds.hubrise.money import format_time
from tests.screens.shooting import main_for_sizes


def marked_orders(now: datetime) -> list[dict[str, Any]]:
    def at(minutes: int) -> str:
        return format_time(now + timedelta(minutes=minutes))

    dessert = {"id": "o00201x", "status": "accepted", "service_type": "collection",
               "collection_code": "A31", "created_at": at(-6), "expected_time": at(9),
               "customer": {"first_name": "Nour", "last_name": "B."},
               "items": [{"product_name": "Margherita", "sku_name": "Small", "sku_ref": "MAR-S",
                          "quantity": "1"},
                         {"product_name": "Regina", "sku_name": "Medium", "sku_ref": "REG-M",
                          "quantity": "1", "options": [{"option_list_name": "Toppings",
                                                        "name": "Chili", "ref": "CHI"}]},
                         {"product_name": "Brownie", "sku_ref": "BROW", "quantity": "2"}]}
    spicy = {"id": "o00202x", "status": "in_preparation", "service_type": "eat_in",
             "ref": "T4", "created_at": at(-4), "expected_time": at(14),
             "customer_notes": "Mild please, peanut allergy at the table",
             "custom_fields": {"restaurant": {"table_name": "Table 4"}},
             "items": [{"product_name": "Diavola", "sku_name": "Large", "sku_ref": "DIA-L",
                        "quantity": "1"},
                       {"product_name": "Fries", "sku_ref": "FRIE", "quantity": "1"}]}
    plain = {"id": "o00203x", "status": "received", "service_type": "collection",
             "collection_code": "A33", "created_at": at(-1), "expected_time": at(20),
             "items": [{"product_name": "Sparkling Water 50cl", "sku_ref": "SPAR",
                        "quantity": "2"},
                       {"product_name": "Veggie Burger", "sku_ref": "VEGG", "quantity": "1"}]}
    return [dessert, spicy, plain]


def render(path: Path, width: int, height: int) -> Path:
    from kds.clock import FakeClock
    from kds.kitchen.stations import catalog_facts, option_tags
    from kds.sim import demo
    from kds.store.store import Store
    from kds.ui.board.source import BoardConfig
    from tests.fakes.board_source import MemoryBoardSource
    from tests.screens.shooting import shoot_board, themed_app

    themed_app()
    clock = FakeClock(datetime(2026, 11, 24, 18, 34, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "kds.sqlite3", clock)
        raw = demo.catalog()
        store.save_catalog(demo.CATALOG["id"], catalog_facts(raw), clock.now(), option_tags(raw))
        marks = store.menu_marks()
        store.close()
    source = MemoryBoardSource(clock)
    for raw in marked_orders(clock.now()):
        source.add_remote(raw, seen=True)
    return shoot_board(source, clock, width, height, path, BoardConfig(marks=marks))


def main(argv: list[str]) -> int:
    return main_for_sizes(argv, __doc__ or "", render, "catalog-marks-{width}x{height}.png")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
