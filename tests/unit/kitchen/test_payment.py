"""Paid or not (seed 001: no payment means unpaid), in Decimal money."""

from __future__ import annotations

from decimal import Decimal

from kds.hubrise.order_model import parse_order
from kds.kitchen.payment import payment_state


def state_of(**fields):
    order = parse_order({"id": "o1", "status": "new", **fields})
    return payment_state(order.total, order.payments)


def test_no_payment_is_unpaid_for_the_whole_total() -> None:
    state = state_of(total="23.50 EUR")
    assert (state.paid, state.text) == (False, "TO PAY €23.50")
    assert state.to_pay.amount == Decimal("23.50")


def test_payments_covering_the_total_are_paid_with_their_names() -> None:
    state = state_of(total="19.50 EUR", payments=[
        {"name": "PayPal", "ref": "PP", "amount": "15.00 EUR"},
        {"name": "Freebies4me", "ref": "FBFM", "amount": "4.50 EUR"}])
    assert (state.paid, state.text) == (True, "PAID €19.50 · PayPal, Freebies4me")


def test_a_short_payment_leaves_the_rest_to_pay_exactly() -> None:
    state = state_of(total="0.30 EUR", payments=[{"name": "Card", "amount": "0.10 EUR"},
                                                 {"name": "Card", "amount": "0.10 EUR"}])
    assert state.text == "TO PAY €0.10 · paid €0.20 · Card"   # no float drift
    assert state.to_pay.amount == Decimal("0.10")


def test_a_deleted_payment_does_not_count() -> None:
    state = state_of(total="10.00 EUR", payments=[{"name": "Cash", "amount": "10.00 EUR",
                                                   "deleted": True}])
    assert not state.paid


def test_no_total_and_no_payment_still_says_to_pay() -> None:
    assert state_of().text == "TO PAY"
