"""Render the board with what issue 14 adds to a ticket: the channel, the rider, the address,
paid or not, charges to pack.

    python -m tests.screens.ticket_info_screenshot docs/screens [WIDTH HEIGHT ...]
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kds.hubrise.money import format_time
from tests.screens.shooting import main_for_sizes

ITEMS = [{"product_name": "Margherita", "sku_name": "Large", "quantity": "2",
          "price": "12.00 EUR"},
         {"product_name": "Tiramisu", "quantity": "1", "price": "6.00 EUR"}]


def info_orders(now: datetime) -> list[dict[str, Any]]:
    def at(minutes: int) -> str:
        return format_time(now + timedelta(minutes=minutes))

    rider = {"id": "o00101x", "status": "in_preparation", "service_type": "delivery",
             "created_by": "deliveroo", "service_type_ref": "Delivery by Deliveroo",
             "ref": "4F2", "created_at": at(-9), "expected_time": at(30), "items": ITEMS,
             "customer": {"first_name": "Léa", "last_name": "M."}, "total": "30.00 EUR",
             "payments": [{"name": "Deliveroo", "amount": "30.00 EUR"}],
             "charges": [{"name": "Cutlery", "price": "0.00 EUR"}],
             "delivery": {"status": "pickup_enroute", "carrier": "Deliveroo",
                          "estimated_pickup_at": at(8), "driver_name": "Marco",
                          "driver_phone": "+33 6 11 22 33 44",
                          "driver_phone_access_code": "8812"}}
    unpaid = {"id": "o00102x", "status": "accepted", "service_type": "collection",
              "created_by": "website", "collection_code": "B12", "created_at": at(-4),
              "expected_time": at(12), "items": ITEMS[:1], "total": "24.00 EUR",
              "customer": {"first_name": "Tom", "last_name": "Lee"},
              "charges": [{"name": "Extra sauce", "price": "0.50 EUR"}]}
    paid = {"id": "o00103x", "status": "accepted", "service_type": "collection",
            "created_by": "uber-eats", "service_type_ref": "BURGER_CLUB_PICKUP",
            "collection_code": "C07", "created_at": at(-3), "expected_time": at(16),
            "items": ITEMS[1:], "total": "6.00 EUR",
            "payments": [{"name": "Card", "amount": "6.00 EUR"}],
            "customer": {"first_name": "Ana", "last_name": "Ruiz"}}
    own = {"id": "o00104x", "status": "received", "service_type": "delivery",
           "created_by": "uber-eats", "service_type_ref": "Delivery by the restaurant",
           "ref": "7K1", "created_at": at(-2), "expected_time": at(20), "items": ITEMS[:1],
           "total": "24.00 EUR", "payments": [{"name": "Uber Eats", "amount": "24.00 EUR"}],
           "customer": {"first_name": "Sam", "last_name": "K.", "phone": "+33 1 70 00 00 00",
                        "address_1": "12 rue Oberkampf", "postal_code": "75011",
                        "city": "Paris", "delivery_notes": "Access code: 123 45 678"}}
    return [rider, unpaid, paid, own]


def render(path: Path, width: int, height: int) -> Path:
    from kds.clock import FakeClock
    from tests.fakes.board_source import MemoryBoardSource
    from tests.screens.shooting import shoot_board, themed_app

    themed_app()
    clock = FakeClock(datetime(2026, 11, 24, 18, 34, tzinfo=UTC))
    source = MemoryBoardSource(clock)
    for raw in info_orders(clock.now()):
        source.add_remote(raw, seen=True)
    return shoot_board(source, clock, width, height, path)


def main(argv: list[str]) -> int:
    return main_for_sizes(argv, __doc__ or "", render, "ticket-info-{width}x{height}.png")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
