"""Tolerant parsing of HubRise orders, locations and events (seed 001 and 004 examples)."""

import copy
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from kds.hubrise.models import (
    NotAnEvent,
    OrderAcceptance,
    parse_callback,
    parse_event,
    parse_location,
)
from kds.hubrise.order_model import parse_order
from kds.hubrise.reader import NotAnOrder
from kds.hubrise.money import Money
from tests.seed_payloads import SEED_001_CREATE_BODY

# Seed 001 §1.1, the create example, with the id HubRise gives it on creation.
SEED_CREATE_ORDER = {"id": "5dpm9", **SEED_001_CREATE_BODY}

# Seed 001 §1.2, the retrieve example (its elided "..." fields left out).
SEED_RETRIEVE_ORDER = {
    "id": "5dpm9", "private_ref": "3345", "status": "new",
    "items": [{"product_name": "Margarita", "sku_name": "Small", "sku_ref": "MAR-S",
               "price": "7.80 EUR", "quantity": "2", "subtotal": "15.60 EUR"}],
    "customer": {"id": "s9Egdk", "private_ref": "", "customer_list_id": "ag8u4",
                 "first_name": "Charles"},
}

# Seed 004 §1.1, the location example (its "// ... other days" comment left out).
SEED_LOCATION = {
    "id": "3r4s3-1", "name": "Paris",
    "account": {"id": "3r4s3", "name": "Bella Pizza", "currency": "EUR"},
    "address": "13 rue du Chant des Oiseaux", "postal_code": "75003", "city": "Paris",
    "country": "FR", "timezone": {"name": "Europe/Paris"}, "cutoff_time": "06:00",
    "opening_hours": {"monday": [{"from": "12:00", "to": "14:00"},
                                 {"from": "18:00", "to": "01:00"}]},
    "preparation_time": 15, "order_acceptance": {"mode": "normal"},
    "custom_fields": {"delivery": {"door_time": "35"}},
}


def fields_with_problems(order):
    return {p.field for p in order.problems}


def test_seed_create_order_reads_every_line_deal_and_payment():
    order = parse_order(SEED_CREATE_ORDER)
    assert order.problems == ()
    assert [i.product_name for i in order.items] == ["Margarita", "Brownie", "Coke", "Wings BBQ"]
    margarita = order.items[0]
    assert margarita.quantity == Decimal(2)
    assert margarita.price == Money(Decimal("9.00"), "EUR")
    assert margarita.options[0].name == "Barbecue"
    assert margarita.options[0].price == Money(Decimal("1.00"), "EUR")
    assert margarita.options[0].quantity == 1 and margarita.options[0].removed is False
    assert order.items[1].deal_line.deal_key == "0"
    assert order.items[2].deal_line.label == "Drink"
    assert order.items[3].points_used == Decimal("5.0")
    assert order.deals["0"].ref == "FREEDRINK"
    assert order.discounts[0].price_off == Money(Decimal("5.00"), "EUR")
    assert order.charges[0].price == Money(Decimal("1.50"), "EUR")
    assert order.payments[0].amount == Money(Decimal("23.50"), "EUR")
    assert order.payments[0].info == {"email": ""}
    assert order.loyalty_operations[0].delta == Decimal(-5)
    assert order.loyalty_operations[0].new_balance == Decimal("1.5")
    assert order.total == Money(Decimal("23.50"), "EUR")
    assert order.private_ref == "3345"
    assert order.raw["customer_id"] == "ve343"


def test_seed_retrieve_order_keeps_customer_snapshot():
    order = parse_order(SEED_RETRIEVE_ORDER)
    assert order.problems == ()
    assert order.items[0].subtotal == Money(Decimal("15.60"), "EUR")
    assert order.customer.id == "s9Egdk"
    assert order.customer.display_name == "Charles"
    assert order.customer is not None and order.customer.last_name is None


def test_unknown_fields_are_kept_in_raw():
    data = dict(SEED_RETRIEVE_ORDER, total_discrepancy="0.50 EUR", brand_new_field={"x": 1})
    order = parse_order(data)
    assert order.raw["brand_new_field"] == {"x": 1}
    assert order.problems == ()


def test_times_keep_their_offset():
    order = parse_order({"id": "a", "status": "new",
                         "expected_time": "2026-11-24T12:30:00+01:00",
                         "created_at": "2026-11-24T11:00:00+01:00"})
    assert order.expected_time.utcoffset() == timedelta(hours=1)
    assert order.expected_time.hour == 12
    assert order.created_at < order.expected_time


def test_bad_money_becomes_a_problem_and_the_order_is_still_shown():
    data = copy.deepcopy(SEED_CREATE_ORDER)
    data["items"][0]["price"] = "abc"
    order = parse_order(data)
    assert order.items[0].price is None
    assert order.items[0].product_name == "Margarita"
    assert [(p.field, p.message) for p in order.problems] == [
        ("items[0].price", "'abc' is not a valid monetary amount")]


def test_float_quantity_is_a_problem_and_shows_as_one():
    data = copy.deepcopy(SEED_CREATE_ORDER)
    data["items"][1]["quantity"] = 1.5
    order = parse_order(data)
    assert order.items[1].quantity == Decimal(1)
    assert isinstance(order.items[1].quantity, Decimal)
    assert "items[1].quantity" in fields_with_problems(order)


def test_decimal_quantity_string_is_exact():
    data = {"id": "a", "status": "new", "items": [{"product_name": "Ham", "quantity": "0.35"}]}
    assert parse_order(data).items[0].quantity == Decimal("0.35")


def test_unknown_status_is_kept_with_a_problem():
    order = parse_order({"id": "a", "status": "teleported"})
    assert order.status == "teleported"
    assert fields_with_problems(order) == {"status"}


def test_missing_status_shows_as_new_with_a_problem():
    order = parse_order({"id": "a"})
    assert order.status == "new"
    assert fields_with_problems(order) == {"status"}


def test_items_not_a_list_gives_no_items_and_a_problem():
    order = parse_order({"id": "a", "status": "new", "items": {"0": "pizza"}})
    assert order.items == ()
    assert fields_with_problems(order) == {"items"}


def test_an_item_that_is_not_an_object_is_skipped_with_a_problem():
    order = parse_order({"id": "a", "status": "new",
                         "items": ["pizza", {"product_name": "Coke", "quantity": "1"}]})
    assert [i.product_name for i in order.items] == ["Coke"]
    assert fields_with_problems(order) == {"items[0]"}


def test_removed_options_and_option_quantity_are_read():
    data = {"id": "a", "status": "new", "items": [{
        "product_name": "Regina", "quantity": "1", "price": "10.00 EUR",
        "options": [{"option_list_name": "Ingredients", "name": "Olives", "removed": True},
                    {"option_list_name": "Toppings", "name": "Cheese", "quantity": 2,
                     "price": "1.00 EUR"},
                    {"option_list_name": "Toppings", "name": "Egg", "removed": "yes"}]}]}
    order = parse_order(data)
    olives, cheese, egg = order.items[0].options
    assert olives.removed is True and olives.price is None
    assert cheese.quantity == 2 and cheese.removed is False
    assert egg.removed is False
    assert fields_with_problems(order) == {"items[0].options[2].removed"}


def test_deep_custom_fields_are_kept_and_table_name_read():
    deep: dict = {"leaf": "x"}
    for _ in range(200):
        deep = {"n": deep}
    data = {"id": "a", "status": "new", "service_type": "eat_in",
            "custom_fields": {"restaurant": {"table_name": "T12"}, "deep": deep}}
    order = parse_order(data)
    assert order.table_name == "T12"
    assert order.custom_fields["deep"] is deep
    assert order.problems == ()
    assert "deep" not in repr(order)  # repr stays short: raw and custom fields are hidden


def test_table_name_absent_or_malformed_is_none():
    assert parse_order({"id": "a", "status": "new"}).table_name is None
    odd = parse_order({"id": "a", "status": "new", "custom_fields": {"restaurant": "T1"}})
    assert odd.table_name is None


def test_huge_and_control_character_text_is_kept_as_is():
    note = "<b>hot</b>\x00\x1b[31m" + "é" * 100_000
    order = parse_order({"id": "a", "status": "new", "customer_notes": note})
    assert order.customer_notes == note


def test_huge_bad_value_does_not_flood_the_problem_message():
    order = parse_order({"id": "a", "status": "new", "total": "x" * 100_000})
    assert len(order.problems[0].message) < 200


@pytest.mark.parametrize("payload", [None, [], "order", 5, {"status": "new"}, {"id": 5},
                                     {"id": ""}])
def test_payload_that_is_not_an_order_is_refused_clearly(payload):
    with pytest.raises(NotAnOrder, match="order"):
        parse_order(payload)


def test_wrong_types_everywhere_never_raise():
    data = {"id": "a", "status": 3, "service_type": "teleport", "expected_time": "tomorrow",
            "customer": "bob", "deals": 4, "discounts": [{"price_off": 5}],
            "payments": [{"amount": "1.00 EUR", "info": "cash"}], "coupon_codes": [1, "X"],
            "items": [{"quantity": "two", "options": "none", "deal_line": [],
                       "deleted": 1, "tax_rate": 20.0}]}
    order = parse_order(data)
    assert order.service_type is None and order.customer is None and order.deals == {}
    assert order.coupon_codes == ("X",)
    assert fields_with_problems(order) >= {
        "status", "service_type", "expected_time", "customer", "deals",
        "discounts[0].price_off", "payments[0].info", "coupon_codes", "items[0].quantity",
        "items[0].options", "items[0].deal_line", "items[0].deleted", "items[0].tax_rate"}


def test_seed_location_is_read():
    loc = parse_location(SEED_LOCATION)
    assert loc.problems == ()
    assert loc.account.name == "Bella Pizza" and loc.account.currency == "EUR"
    assert loc.timezone == "Europe/Paris"
    assert loc.cutoff_time == "06:00"
    assert loc.opening_hours["monday"][1] == {"from": "18:00", "to": "01:00"}
    assert loc.preparation_time == 15
    assert loc.order_acceptance == OrderAcceptance(mode="normal")
    assert loc.custom_fields["delivery"]["door_time"] == "35"


def test_location_defaults_and_problems():
    loc = parse_location({"id": "l", "timezone": {"name": "Mars/Olympus"},
                          "cutoff_time": "25:00", "preparation_time": "soon",
                          "order_acceptance": {"mode": "online"}})
    assert loc.timezone == "UTC" and loc.cutoff_time == "06:00"
    assert loc.preparation_time is None
    assert loc.order_acceptance.mode == "normal"
    assert {p.field for p in loc.problems} == {"timezone", "cutoff_time", "preparation_time"}
    assert parse_location({}).cutoff_time == "06:00"


def test_busy_location_reverts_to_normal_once_resume_at_passes():
    loc = parse_location(dict(SEED_LOCATION, order_acceptance={
        "mode": "busy", "resume_at": "2025-06-04T19:30:00+02:00", "extra_preparation_time": 25}))
    busy = loc.order_acceptance
    assert busy.mode == "busy" and busy.extra_preparation_time == 25
    before = datetime(2025, 6, 4, 17, 29, tzinfo=UTC)
    after = datetime(2025, 6, 4, 17, 30, tzinfo=UTC)
    assert busy.effective(before) is busy
    assert busy.effective(after) == OrderAcceptance(mode="normal")


def test_paused_without_resume_at_stays_paused():
    paused = parse_location({"order_acceptance": {"mode": "paused", "reason": "Oven broken"}})
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert paused.order_acceptance.effective(now).mode == "paused"
    assert paused.order_acceptance.reason == "Oven broken"


def test_order_event_is_read_with_its_state():
    raw = {"id": "ev1", "resource_type": "order", "event_type": "update",
           "created_at": "2026-11-24T12:00:00+01:00", "order_id": "5dpm9",
           "location_id": "3r4s3-1", "new_state": {"id": "5dpm9", "status": "accepted"},
           "previous_state": {"id": "5dpm9", "status": "new"}}
    event = parse_event(raw)
    assert (event.id, event.order_id, event.location_id) == ("ev1", "5dpm9", "3r4s3-1")
    assert parse_order(event.new_state).status == "accepted"
    assert event.previous_state["status"] == "new"
    assert event.created_at.utcoffset() == timedelta(hours=1)


def test_pre_2022_event_shape_with_resource_id_is_understood():
    event = parse_event({"resource_type": "order", "event_type": "create",
                         "resource_id": "5dpm9", "account_id": "3r4s3",
                         "location_id": "3r4s3-1"})
    assert event.id is None and event.order_id == "5dpm9"
    with pytest.raises(NotAnEvent):
        parse_event(["not", "an", "event"])


def test_callback_is_read_and_passive_when_url_is_null():
    cb = parse_callback({"url": None, "events": {"order": ["create", "update"]}})
    assert cb.url is None and cb.events == {"order": ["create", "update"]}
    assert parse_callback({"url": None, "events": {}}).events == {}
