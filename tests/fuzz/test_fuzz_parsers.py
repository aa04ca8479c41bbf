"""Property tests: arbitrary input never crashes the parsers; valid values round-trip."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kds.hubrise.models import BadPayload, parse_event, parse_location
from kds.hubrise.order_model import parse_order
from kds.hubrise.money import Money, parse_decimal, parse_time
from kds.hubrise.statuses import ORDER_STATUSES

pytestmark = pytest.mark.slow  # fuzzing: hundreds of generated inputs per test

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25)
order_keys = st.sampled_from(["id", "status", "items", "options", "price", "quantity",
                              "customer", "deals", "expected_time", "total", "custom_fields"])
orderish = st.dictionaries(order_keys | st.text(max_size=8), json_values, max_size=8)


@FAST
@given(st.text())
def test_money_decimal_and_time_parsers_only_ever_raise_value_error(text):
    for parse in (Money.parse, parse_decimal, parse_time):
        try:
            parse(text)
        except ValueError:
            pass


@FAST
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False),
       st.sampled_from(["EUR", "GBP", "USD"]))
def test_canonical_money_round_trips(amount, currency):
    text = f"{amount:.2f} {currency}"
    assert str(Money.parse(text)) == text
    assert Money.parse(text).amount == Decimal(f"{amount:.2f}")


@FAST
@given(st.decimals(allow_nan=False, allow_infinity=False, places=4,
                   min_value=-10**6, max_value=10**6))
def test_decimal_strings_parse_exactly(value):
    assert parse_decimal(f"{value:f}") == value


@FAST
@given(json_values | orderish)
def test_any_json_is_an_order_with_problems_or_a_clear_refusal(data):
    for parse in (parse_order, parse_event, parse_location):
        try:
            parse(data)
        except BadPayload as refusal:
            assert str(refusal)


valid_items = st.lists(st.fixed_dictionaries({
    "product_name": st.text(min_size=1, max_size=30),
    "price": st.decimals(min_value=0, max_value=999, places=2).map(lambda d: f"{d:.2f} EUR"),
    "quantity": st.integers(min_value=1, max_value=20).map(str),
    "options": st.lists(st.fixed_dictionaries({
        "option_list_name": st.text(max_size=10), "name": st.text(min_size=1, max_size=10),
        "removed": st.booleans()}), max_size=3),
}), max_size=5)


@FAST
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10),
       st.sampled_from(ORDER_STATUSES), valid_items)
def test_valid_orders_parse_without_problems_and_keep_their_values(order_id, status, items):
    order = parse_order({"id": order_id, "status": status, "items": items})
    assert order.problems == ()
    assert (order.id, order.status) == (order_id, status)
    for parsed, sent in zip(order.items, items):
        assert parsed.quantity == Decimal(sent["quantity"])
        assert str(parsed.price) == sent["price"]
        assert [o.removed for o in parsed.options] == [o["removed"] for o in sent["options"]]
