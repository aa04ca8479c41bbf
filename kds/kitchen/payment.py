"""Paid or not, in words the counter can act on (no Qt here).

Seed 001, "Order Payments": "If payments are omitted, the order should be considered as unpaid",
and "the sum of the payment amounts should equal the order's total" (a shortfall is stored as
`payment_discrepancy`). So: no payment → TO PAY the total; payments short of the total → TO PAY
the rest; otherwise PAID. Money stays Decimal (kds.hubrise.money.Money) throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kds.hubrise.money import Money
from kds.kitchen.formats import money_text
from kds.kitchen.text import clean_text
from kds.kitchen.words import translate


@dataclass(frozen=True, slots=True)
class PaymentState:
    paid: bool
    text: str                 # "PAID €23.50 · PayPal", "À PAYER 23,50 €"
    to_pay: Money | None      # what is left to take at the counter (None when paid)


def _names(payments: list[Any]) -> str:
    names = [clean_text(p.name, 30) or clean_text(p.ref, 20) for p in payments]
    return ", ".join(dict.fromkeys(name for name in names if name))


def _paid_sum(payments: list[Any], currency: str | None) -> Money | None:
    total: Money | None = None
    for payment in payments:
        amount = payment.amount
        if not isinstance(amount, Money) or (currency and amount.currency != currency):
            continue   # an amount in another currency cannot be added up honestly
        total = amount if total is None else total + amount
    return total


def payment_state(total: Money | None, payments: tuple[Any, ...]) -> PaymentState:
    """What the ticket says about money: PAID or TO PAY, with the amount and the methods."""
    live = [p for p in payments if not getattr(p, "deleted", False)]
    names = _names(live)
    if not live:
        to_pay = translate("Payment", "TO PAY")
        return PaymentState(False, f"{to_pay} {money_text(total)}" if total else to_pay, total)
    paid = _paid_sum(live, total.currency if total else None)
    if total is not None and (paid is None or paid.amount < total.amount):
        rest = total - paid if paid is not None else total
        already = translate("Payment", " · paid {amount}").format(amount=money_text(paid)) \
            if paid is not None else ""
        to_pay = translate("Payment", "TO PAY")
        text = f"{to_pay} {money_text(rest)}{already}" + (f" · {names}" if names else "")
        return PaymentState(False, text, rest)
    shown = total or paid
    amount = f" {money_text(shown)}" if shown is not None else ""
    paid_word = translate("Payment", "PAID")
    return PaymentState(True, f"{paid_word}{amount}" + (f" · {names}" if names else ""), None)
