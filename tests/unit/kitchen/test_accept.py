"""Accepting with a promised time: times relative to the customer's request, and for delivery
the confirmed_time is when the order reaches the door (seed 001), not when it leaves the pass."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kds.kitchen.accept import accept_plan, confirmed_time_note, door_time_minutes

NOW = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def test_asap_collection_offers_ready_times_from_now() -> None:
    plan = accept_plan(NOW, None, "collection", 35)
    assert [c.confirmed_time for c in plan.choices] == [NOW + minutes(m) for m in (5, 10, 15, 20)]
    assert all(c.ready_at == c.confirmed_time for c in plan.choices)
    assert plan.requested is None and plan.delivery_minutes is None


def test_pre_order_offers_the_requested_time_and_later_never_earlier() -> None:
    asked = NOW + minutes(170)
    plan = accept_plan(NOW, asked, "collection", None)
    assert plan.requested == asked and plan.relative_to_request
    assert plan.choices[0].label == "As requested" and plan.choices[0].confirmed_time == asked
    assert [c.confirmed_time - asked for c in plan.choices] == [minutes(m)
                                                               for m in (0, 5, 10, 15, 20)]
    assert min(c.confirmed_time for c in plan.choices) >= asked


def test_delivery_confirmed_time_is_ready_time_plus_door_time() -> None:
    plan = accept_plan(NOW, None, "delivery", 35)
    assert [c.confirmed_time - c.ready_at for c in plan.choices] == [minutes(35)] * 4
    assert plan.choices[1].ready_at == NOW + minutes(10)
    assert plan.choices[1].confirmed_time == NOW + minutes(45)
    assert "35 min delivery time" in confirmed_time_note(plan)


def test_delivery_pre_order_starts_so_the_customer_gets_it_as_asked() -> None:
    asked = NOW + minutes(90)
    plan = accept_plan(NOW, asked, "delivery", 35)
    first = plan.choices[0]
    assert first.confirmed_time == asked and first.ready_at == asked - minutes(35)


def test_a_request_that_can_no_longer_be_met_falls_back_to_as_soon_as_possible() -> None:
    plan = accept_plan(NOW, NOW + minutes(10), "delivery", 35)
    assert plan.choices[0].ready_at == NOW + minutes(5)
    assert plan.choices[0].confirmed_time == NOW + minutes(40)
    assert not plan.relative_to_request


def test_past_expected_time_is_not_a_request() -> None:
    plan = accept_plan(NOW, NOW - minutes(5), "collection", None)
    assert plan.requested is None and plan.choices[0].confirmed_time == NOW + minutes(5)


@pytest.mark.parametrize("raw,expected", [
    ({"custom_fields": {"delivery": {"door_time": "35"}}}, 35),   # seed 004's example
    ({"custom_fields": {"delivery": {"door_time": 20}}}, 20),
    ({"custom_fields": {"delivery": {"door_time": "soon"}}}, None),
    ({"custom_fields": {"delivery": {"door_time": "-5"}}}, None),
    ({"custom_fields": {"delivery": {"door_time": 100000}}}, None),
    ({"custom_fields": {"delivery": {"door_time": True}}}, None),
    ({"custom_fields": {"delivery": "35"}}, None),
    ({"custom_fields": None}, None), ({}, None), (None, None),
])
def test_door_time_is_read_from_the_location_custom_fields(raw: object,
                                                           expected: int | None) -> None:
    assert door_time_minutes(raw) == expected


def test_without_door_time_the_dialog_says_the_ready_time_is_sent() -> None:
    plan = accept_plan(NOW, None, "delivery", None)
    assert plan.choices[0].confirmed_time == plan.choices[0].ready_at
    assert "no delivery time" in confirmed_time_note(plan)


def test_kitchen_ready_time_takes_the_delivery_time_off_a_delivery_promise() -> None:
    from kds.kitchen.accept import kitchen_ready_time
    promise = NOW + minutes(45)
    assert kitchen_ready_time(promise, "delivery", 35) == NOW + minutes(10)
    assert kitchen_ready_time(promise, "collection", 35) == promise
    assert kitchen_ready_time(promise, "delivery", None) == promise
    assert kitchen_ready_time(None, "delivery", 35) is None
