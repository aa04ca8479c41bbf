"""What customers may see on the public board (kds.kitchen.customer_display)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kds.kitchen.customer_display import (
    COLLECTED_STAYS,
    MAX_FIRST_NAME,
    CounterOrder,
    customer_calls,
    customer_label,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def order(order_id: str, status: str, service: str | None = "collection",
          changed: timedelta = timedelta(minutes=1), arrived: timedelta = timedelta(minutes=5),
          **raw: Any) -> CounterOrder:
    return CounterOrder(order_id, status, service, NOW - arrived, NOW - changed,
                        {"id": order_id, **raw})


def test_the_collection_code_first_then_first_name_and_initial_then_the_reference() -> None:
    customer = {"first_name": "Léa", "last_name": "martin", "phone": "+33 6 12 34 56 78",
                "address_1": "12 rue Oberkampf"}
    assert customer_label({"collection_code": "B12", "customer": customer}, "x") == "B12"
    assert customer_label({"customer": customer}, "x") == "Léa M."
    assert customer_label({"customer": {"first_name": "Tom"}}, "x") == "Tom"
    assert customer_label({"ref": "1042", "customer": {"phone": "0612"}}, "x") == "1042"
    assert customer_label({}, "ord77abc") == "D77ABC"   # the id's tail, as on the ticket


def test_long_and_hostile_names_are_cut_and_stay_plain_words() -> None:
    label = customer_label({"customer": {
        "first_name": "<b>Maximilianne-Josephine</b>\u202e\u200b\nDROP",
        "last_name": "\u200b🙂Ortiz"}}, "x")
    first, initial = label.rsplit(" ", 1)
    assert len(first) == MAX_FIRST_NAME and first.endswith("…") and first.startswith("<b>Maxim")
    assert initial == "O."          # the first letter, not an emoji or an invisible character
    assert not any(ch in label for ch in "\u202e\u200b\n")
    long_code = customer_label({"collection_code": "A" * 500}, "x")
    assert len(long_code) <= 8


def test_preparing_and_ready_by_status_and_only_counter_orders() -> None:
    calls = customer_calls([
        order("new1", "new", collection_code="N1"),
        order("rec", "received", collection_code="R1"),
        order("acc", "accepted", collection_code="A1"),
        order("cook", "in_preparation", collection_code="C1"),
        order("ready", "awaiting_collection", collection_code="K1"),
        order("deliv", "awaiting_shipment", "delivery", collection_code="D1"),
        order("deliv2", "in_preparation", "delivery", collection_code="D2"),
        order("eat", "awaiting_collection", "eat_in", customer={"first_name": "Ana"}),
        order("walkin", "in_preparation", None, ref="77"),
        order("gone", "cancelled", collection_code="X1"),
    ], NOW)
    preparing = [c.label for c in calls if not c.ready]
    ready = [c.label for c in calls if c.ready]
    assert sorted(preparing) == ["77", "A1", "C1", "R1"]   # no "new": it may still be rejected
    assert sorted(ready) == ["Ana", "K1"]                   # no delivery: its customer is away


@pytest.mark.parametrize("ago,shown", [(COLLECTED_STAYS - timedelta(seconds=1), True),
                                       (COLLECTED_STAYS, False)])
def test_a_collected_order_stays_on_ready_for_a_moment(ago: timedelta, shown: bool) -> None:
    calls = customer_calls([order("done", "completed", changed=ago, collection_code="B12")], NOW)
    assert [c.label for c in calls if c.ready] == (["B12"] if shown else [])


def test_preparing_keeps_arrival_order_and_ready_shows_the_latest_first() -> None:
    calls = customer_calls([
        order("b", "in_preparation", arrived=timedelta(minutes=3), collection_code="B"),
        order("a", "accepted", arrived=timedelta(minutes=9), changed=timedelta(seconds=5),
              collection_code="A"),
        order("old", "awaiting_collection", changed=timedelta(minutes=8), collection_code="OLD"),
        order("new", "awaiting_collection", changed=timedelta(minutes=1), collection_code="NEW"),
        order("new", "awaiting_collection", changed=timedelta(minutes=1), collection_code="NEW"),
    ], NOW)
    assert [c.label for c in calls] == ["A", "B", "NEW", "OLD"]
