"""Only status changes that fit the order's service type and current status are offered."""

from __future__ import annotations

import pytest

from kds.kitchen.status_flow import allowed_transitions, main_action, revive_warning

DELIVERY_ONLY = {"awaiting_shipment", "in_delivery", "delivery_failed"}


@pytest.mark.parametrize("status", ["new", "received", "accepted", "in_preparation",
                                    "awaiting_collection"])
@pytest.mark.parametrize("service", ["eat_in", "collection", None])
def test_counter_orders_are_never_offered_delivery_statuses_or_new(
        status: str, service: str | None) -> None:
    allowed = allowed_transitions(status, service)
    assert not DELIVERY_ONLY & set(allowed)
    assert "new" not in allowed and status not in allowed


@pytest.mark.parametrize("status", ["accepted", "in_preparation", "awaiting_shipment",
                                    "in_delivery"])
def test_reject_is_not_offered_after_acceptance(status: str) -> None:
    allowed = allowed_transitions(status, "delivery")
    assert "rejected" not in allowed
    assert "cancelled" in allowed


def test_before_acceptance_the_choices_are_receive_accept_reject_cancel() -> None:
    assert allowed_transitions("new", "eat_in") == ["received", "accepted", "rejected",
                                                    "cancelled"]
    assert allowed_transitions("received", "delivery") == ["accepted", "rejected", "cancelled"]


def test_delivery_failed_only_once_the_order_left_for_delivery() -> None:
    assert "delivery_failed" in allowed_transitions("in_delivery", "delivery")
    assert "delivery_failed" not in allowed_transitions("in_preparation", "delivery")


def test_a_done_order_only_offers_its_recall() -> None:
    assert allowed_transitions("completed", "delivery") == ["in_delivery"]
    assert allowed_transitions("cancelled", "eat_in") == ["accepted"]


@pytest.mark.parametrize("status,service", [
    ("new", "eat_in"), ("in_preparation", "delivery"), ("awaiting_shipment", "collection"),
    ("in_delivery", "eat_in"), ("completed", "collection"),
])
def test_the_big_button_is_always_an_allowed_transition(status: str, service: str) -> None:
    target, label = main_action(status, service)
    assert target in allowed_transitions(status, service) and label


def test_an_off_flow_delivery_status_on_a_counter_order_completes() -> None:
    assert main_action("awaiting_shipment", "collection") == ("completed", "Complete")


def test_reviving_a_cancelled_order_says_what_hubrise_will_be_told() -> None:
    text = revive_warning("cancelled", "accepted")
    assert "cancelled" in text and "'accepted'" in text and "HubRise" in text
    assert revive_warning("completed", "awaiting_collection") == ""
