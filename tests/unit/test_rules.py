"""HubRise's documented validation rules (seeds 001, 003, 004), shared by the simulator and the UI."""

from __future__ import annotations

import copy

from kds.hubrise.rules import (FieldError, validate_cutoff_time, validate_location_patch,
                               validate_opening_hours, validate_order_acceptance,
                               validate_preparation_time)
from kds.hubrise.order_rules import validate_order_create, validate_order_update
from tests.seed_payloads import SEED_001_CREATE_BODY, SEED_004_PATCH
from tests.strategies import ANY_JSON

# Seed 001 §1.1, verbatim. (tests/integration/test_sim_* import these three names from here.)
SEED_001_ORDER = SEED_001_CREATE_BODY


def fields(errors: list[FieldError]) -> list[str]:
    return [error.field for error in errors]


def week(**days: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    return dict(days)


# ---------------------------------------------------------------- opening hours


def test_seed_004_location_patch_is_valid():
    assert validate_location_patch(SEED_004_PATCH) == []


def test_slot_crossing_midnight_belongs_to_the_same_business_day_before_the_cutoff():
    hours = week(monday=[{"from": "12:00", "to": "14:00"}, {"from": "18:00", "to": "01:00"}])
    assert validate_opening_hours(hours, "06:00") == []


def test_slot_crossing_midnight_is_refused_when_the_cutoff_is_midnight():
    hours = week(monday=[{"from": "18:00", "to": "01:00"}])
    assert fields(validate_opening_hours(hours, "00:00")) == ["opening_hours.monday[0].to"]


def test_slot_ending_exactly_at_the_cutoff_closes_the_business_day():
    assert validate_opening_hours(week(friday=[{"from": "18:00", "to": "06:00"}]), "06:00") == []
    assert validate_opening_hours(week(friday=[{"from": "18:00", "to": "00:00"}]), "00:00") == []


def test_slot_starting_exactly_at_the_cutoff_opens_the_business_day():
    assert validate_opening_hours(week(friday=[{"from": "06:00", "to": "10:00"}]), "06:00") == []
    # from and to both at the cutoff: open for the whole business day
    assert validate_opening_hours(week(friday=[{"from": "06:00", "to": "06:00"}]), "06:00") == []


def test_slot_ending_after_the_cutoff_is_refused():
    errors = validate_opening_hours(week(friday=[{"from": "18:00", "to": "06:30"}]), "06:00")
    assert fields(errors) == ["opening_hours.friday[0].to"]
    assert "after '18:00'" in errors[0].message


def test_slot_cannot_straddle_the_cutoff():
    errors = validate_opening_hours(week(monday=[{"from": "04:00", "to": "08:00"}]), "06:00")
    assert fields(errors) == ["opening_hours.monday[0].to"]


def test_to_must_follow_from():
    assert fields(validate_opening_hours(week(monday=[{"from": "14:00", "to": "12:00"}]))) \
        == ["opening_hours.monday[0].to"]
    assert fields(validate_opening_hours(week(monday=[{"from": "12:00", "to": "12:00"}]))) \
        == ["opening_hours.monday[0].to"]


def test_overlapping_slots_in_one_day_are_refused_but_touching_slots_are_fine():
    overlap = week(monday=[{"from": "18:00", "to": "01:00"}, {"from": "00:30", "to": "02:00"}])
    assert fields(validate_opening_hours(overlap)) == ["opening_hours.monday[1]"]
    touching = week(monday=[{"from": "12:00", "to": "14:00"}, {"from": "14:00", "to": "16:00"}])
    assert validate_opening_hours(touching) == []


def test_the_same_slot_on_two_days_is_not_an_overlap():
    slot = [{"from": "12:00", "to": "14:00"}]
    assert validate_opening_hours(week(monday=slot, tuesday=copy.deepcopy(slot))) == []


def test_a_week_without_any_slot_is_refused():
    assert fields(validate_opening_hours({"monday": [], "tuesday": []})) == ["opening_hours"]
    assert fields(validate_opening_hours({})) == ["opening_hours"]


def test_missing_days_mean_closed_and_null_means_not_set():
    assert validate_opening_hours(week(sunday=[{"from": "18:00", "to": "23:00"}])) == []
    assert validate_opening_hours(None) == []


def test_times_must_be_hh_mm():
    bad = week(monday=[{"from": "9:00", "to": "24:00"}])
    assert fields(validate_opening_hours(bad)) == ["opening_hours.monday[0].from",
                                                   "opening_hours.monday[0].to"]


def test_unknown_day_and_slot_keys_are_refused():
    hours = {"funday": [], "monday": [{"from": "09:00", "to": "10:00", "note": "x"}]}
    assert fields(validate_opening_hours(hours)) == ["opening_hours.funday",
                                                     "opening_hours.monday[0].note"]


def test_new_cutoff_rechecks_current_hours_when_none_are_sent():
    current = week(monday=[{"from": "18:00", "to": "01:00"}])
    errors = validate_location_patch({"cutoff_time": "00:00"}, current_cutoff_time="06:00",
                                     current_opening_hours=current)
    assert fields(errors) == ["opening_hours.monday[0].to"]


# ---------------------------------------------------------------- other location fields


def test_cutoff_time_must_be_hh_mm():
    assert validate_cutoff_time("05:00") == []
    assert fields(validate_cutoff_time("5am")) == ["cutoff_time"]


def test_preparation_time_is_a_non_negative_integer():
    assert validate_preparation_time(0) == []
    for bad in (-1, "15", 15.5, True, None):
        assert fields(validate_preparation_time(bad)) == ["preparation_time"], bad


def test_the_three_order_acceptance_templates_are_accepted():
    assert validate_order_acceptance({"mode": "normal"}) == []
    assert validate_order_acceptance({"mode": "busy", "extra_preparation_time": 25}) == []
    assert validate_order_acceptance({"mode": "busy", "extra_preparation_time": 25,
                                      "resume_at": "2025-06-04T19:30:00+02:00"}) == []
    assert validate_order_acceptance({"mode": "paused"}) == []
    assert validate_order_acceptance({"mode": "paused", "resume_at": None,
                                      "reason": "Oven broken"}) == []


def test_busy_requires_an_integer_extra_preparation_time():
    for bad in ({"mode": "busy"}, {"mode": "busy", "extra_preparation_time": "25"}):
        assert fields(validate_order_acceptance(bad)) \
            == ["order_acceptance.extra_preparation_time"]


def test_order_acceptance_refuses_unknown_modes_and_keys_of_other_templates():
    assert fields(validate_order_acceptance({"mode": "online"})) == ["order_acceptance.mode"]
    assert fields(validate_order_acceptance({"mode": "normal", "reason": "x"})) \
        == ["order_acceptance.reason"]
    assert fields(validate_order_acceptance({"mode": "paused", "extra_preparation_time": 5})) \
        == ["order_acceptance.extra_preparation_time"]
    assert fields(validate_order_acceptance({"mode": "paused", "resume_at": "tomorrow"})) \
        == ["order_acceptance.resume_at"]


def test_location_patch_refuses_order_acceptance_fields_at_the_root():
    errors = validate_location_patch({"mode": "paused"})
    assert errors == [FieldError("mode", "is not a valid key")]


# ---------------------------------------------------------------- orders


def order(**changes):
    body = copy.deepcopy(SEED_001_ORDER)
    body.update(changes)
    return body


def test_seed_001_order_is_valid():
    assert validate_order_create(SEED_001_ORDER, "EUR") == []


def test_the_simplest_order_only_has_a_status():
    assert validate_order_create({"status": "new"}) == []
    assert fields(validate_order_create({})) == ["status"]


def test_status_must_be_one_of_the_eleven():
    assert fields(validate_order_create({"status": "shipped"})) == ["status"]


def test_money_must_be_two_decimals_and_a_currency():
    body = order()
    body["items"][0]["price"] = "9 EUR"
    body["charges"][0]["price"] = "1.5"
    errors = validate_order_create(body, "EUR")
    assert fields(errors) == ["items[0].price", "charges[0].price"]
    assert "not a valid monetary amount" in errors[0].message


def test_money_must_be_in_the_account_currency():
    assert fields(validate_order_create(order(total="23.50 GBP"), "EUR")) == ["total"]


def test_decimals_are_strings_not_floats():
    body = order()
    body["items"][0]["quantity"] = 2.0
    body["items"][3]["points_used"] = "five"
    assert fields(validate_order_create(body)) == ["items[0].quantity", "items[3].points_used"]


def test_deal_key_must_exist_in_deals():
    body = order(deals={})
    assert fields(validate_order_create(body)) == ["items[1].deal_line.deal_key",
                                                   "items[2].deal_line.deal_key"]


def test_customer_id_and_guest_customer_are_exclusive():
    assert fields(validate_order_create(order(customer={"first_name": "John"})))[:1] \
        == ["customer_id"]
    body = order(customer_list_id="xab66", customer_private_ref="C-343")
    assert "customer_id" in fields(validate_order_create(body))


def test_customer_list_id_needs_customer_private_ref():
    body = {"status": "new", "customer_list_id": "xab66"}
    assert fields(validate_order_create(body)) == ["customer_private_ref"]


def test_guest_customer_refuses_unknown_fields():
    body = {"status": "new", "customer": {"first_name": "John", "shoe_size": 42}}
    assert fields(validate_order_create(body)) == ["customer.shoe_size"]


def test_loyalty_operations_need_an_attached_customer():
    body = order(customer_id=None)
    assert fields(validate_order_create(body)) == ["loyalty_operations"]


def test_custom_fields_are_at_most_8_kb_of_json():
    assert validate_order_create({"status": "new", "custom_fields": {"a": "x" * 8000}}) == []
    errors = validate_order_create({"status": "new", "custom_fields": {"a": "x" * 8200}})
    assert fields(errors) == ["custom_fields"] and "8 KB" in errors[0].message
    assert fields(validate_order_create({"status": "new", "custom_fields": []})) \
        == ["custom_fields"]


def test_order_create_refuses_unknown_fields():
    assert fields(validate_order_create({"status": "new", "id": "x"})) == ["id"]


def test_order_update_accepts_only_updatable_fields():
    ok = {"status": "accepted", "confirmed_time": "2026-11-24T12:30:00+01:00",
          "seller_notes": "Sorry, no basil", "collection_code": "42", "private_ref": "K-1",
          "custom_fields": {"restaurant": {"table_name": "T4"}}}
    assert validate_order_update(ok) == []
    assert fields(validate_order_update({"customer_notes": "x", "total": "1.00 EUR"})) \
        == ["customer_notes", "total"]


def test_order_update_checks_status_and_times():
    assert fields(validate_order_update({"status": "done"})) == ["status"]
    assert fields(validate_order_update({"status": None})) == ["status"]
    assert fields(validate_order_update({"confirmed_time": "12:30"})) == ["confirmed_time"]
    assert fields(validate_order_update({"confirmed_time": "9999-12-31T23:59:00-10:00"})) \
        == ["confirmed_time"]


def test_order_update_elements_may_only_be_deleted_or_added():
    assert validate_order_update({"items": [{"id": "a1", "deleted": True}]}) == []
    assert fields(validate_order_update({"items": [{"id": "a1", "price": "1.00 EUR"}]})) \
        == ["items[0].price"]
    assert fields(validate_order_update({"items": [{"id": "a1", "deleted": False}]})) \
        == ["items[0].deleted"]
    new_item = {"product_name": "Fries", "price": "3.50 EUR", "quantity": "1"}
    assert validate_order_update({"items": [new_item]}) == []


# ---------------------------------------------------------------- robustness

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402

_JSON = ANY_JSON


@pytest.mark.slow  # fuzzes: hundreds of generated examples
@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_validators_never_crash_on_arbitrary_json(body):
    for validate in (validate_order_create, validate_order_update, validate_location_patch,
                     validate_opening_hours, validate_order_acceptance):
        errors = validate(body)
        assert all(isinstance(error, FieldError) and error.message for error in errors)
