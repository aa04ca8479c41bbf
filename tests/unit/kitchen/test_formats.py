"""Money, times and dates written once for every screen and the printer (kds.kitchen.formats)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from kds.hubrise.money import Money
from kds.kitchen import formats
from kds.kitchen.formats import Formats, clock_text, date_text, decimal_text, money_text

# What kds.ui.i18n.formats_for("fr") hands over (checked against Qt in tests/ui/app).
FRENCH = Formats(decimal_point=",", group_separator="\u202f", sign_first=False,
                 sign_space="\u00a0", date_text=lambda day: f"jour {day.isoformat()}")


@pytest.fixture
def french() -> Iterator[None]:
    formats.set_formats(FRENCH)
    yield
    formats.set_formats(None)


def eur(text: str, currency: str = "EUR") -> Money:
    return Money(Decimal(text), currency)


def test_english_by_default_puts_the_sign_first() -> None:
    assert money_text(eur("12.5")) == "€12.50"
    assert money_text(eur("31.50", "GBP")) == "£31.50"
    assert money_text(eur("1234.5", "USD")) == "$1,234.50"
    assert money_text(eur("-3.10")) == "-€3.10"
    assert money_text(eur("8.90", "CHF")) == "CHF\u00a08.90"   # a code stands apart


def test_french_writes_comma_and_a_non_breaking_space_before_the_sign(french: None) -> None:
    assert money_text(eur("12.50")) == "12,50\u00a0€"
    assert money_text(eur("1234567.5")) == "1\u202f234\u202f567,50\u00a0€"
    assert money_text(eur("0.1", "GBP")) == "0,10\u00a0£"
    assert money_text(eur("8.90", "CHF")) == "8,90\u00a0CHF"
    assert decimal_text(Decimal("12.5")) == "12,5"
    assert decimal_text(Decimal("14.00")) == "14"


@given(st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1))
def test_twelve_digit_amounts_keep_every_cent(cents: int) -> None:
    """No float anywhere: up to 999,999,999,999.99 the text reads back to the same Decimal (a
    double cannot even hold 0.10 exactly; QLocale.toCurrencyString takes one)."""
    amount = Decimal(cents).scaleb(-2)
    for style in (formats.ENGLISH, FRENCH):
        formats.set_formats(style)
        try:
            text = money_text(Money(amount, "EUR"))
        finally:
            formats.set_formats(None)
        digits = text.replace("€", "").replace("\u00a0", "").replace(style.group_separator, "")
        assert Decimal(digits.replace(style.decimal_point, ".")) == amount


def test_times_are_24_hours_in_the_locations_zone() -> None:
    when = datetime(2026, 11, 30, 17, 5, tzinfo=UTC)
    assert clock_text(when, ZoneInfo("Europe/Paris")) == "18:05"
    assert clock_text(when, ZoneInfo("Europe/London")) == "17:05"
    assert clock_text(None) == ""


def test_dates_follow_the_hook(french: None) -> None:
    assert date_text(date(2026, 11, 24)) == "jour 2026-11-24"
    formats.set_formats(None)
    assert date_text(date(2026, 11, 24)) == "Tuesday 24 November 2026"


def test_a_time_on_another_day_carries_the_day() -> None:
    paris = ZoneInfo("Europe/Paris")
    now = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)           # 23:30 on Tuesday in Paris
    assert formats.when_text(datetime(2026, 11, 24, 22, 45, tzinfo=UTC), paris, now) == "23:45"
    tomorrow = datetime(2026, 11, 24, 23, 15, tzinfo=UTC)       # 00:15 on Wednesday in Paris
    assert formats.when_text(tomorrow, paris, now) == "Wed 25 Nov 00:15"
    assert formats.when_text(None, paris, now) == ""
