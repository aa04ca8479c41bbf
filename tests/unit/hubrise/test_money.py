from datetime import timedelta
from decimal import Decimal

import pytest

from kds.hubrise.money import Money, is_money, parse_decimal, parse_time


def test_money_parses_seed_examples():
    assert Money.parse("8.90 EUR") == Money(Decimal("8.90"), "EUR")
    assert Money.parse("-0.05 GBP") == Money(Decimal("-0.05"), "GBP")
    assert str(Money.parse("-0.05 GBP")) == "-0.05 GBP"


@pytest.mark.parametrize("bad", ["abc", "8.9 EUR", "8.90EUR", "8.90 eur", 8.9, None, "8.90 EURO"])
def test_money_refuses_malformed_amounts_with_a_reason(bad):
    with pytest.raises(ValueError, match="not a valid monetary amount"):
        Money.parse(bad)
    assert not is_money(bad)


def test_money_arithmetic_stays_decimal_and_refuses_mixed_currencies():
    total = Money.parse("9.00 EUR") * 2 + Money.parse("1.00 EUR")
    assert total == Money(Decimal("19.00"), "EUR")
    with pytest.raises(ValueError):
        _ = Money.parse("1.00 EUR") + Money.parse("1.00 GBP")


def test_decimals_come_from_strings_never_floats():
    assert parse_decimal("-2.5") == Decimal("-2.5")
    assert parse_decimal("1") == Decimal(1)
    with pytest.raises(ValueError):
        parse_decimal(1.5)
    with pytest.raises(ValueError):
        parse_decimal("1,5")


def test_times_keep_their_offset():
    value = parse_time("2020-08-20T06:42:46+02:00")
    assert value.utcoffset() == timedelta(hours=2)
    with pytest.raises(ValueError):
        parse_time("2020-08-20T06:42:46")
