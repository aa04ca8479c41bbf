"""Money, clock times and dates as the screen's language writes them, without Qt.

One rule for every place that shows them (the ticket's PAID / TO PAY line, the order view, the
header, the Figures screen, the printed ticket). Like kds.kitchen.words, the app points the
hook at Qt at start (kds.ui.i18n.install_language hands over what QLocale says: separators,
where the currency sign goes, day and month names); until then, and in tests that set nothing,
the English look is used: `€12.50`, `14:30`, `Tuesday 24 November 2026`.

Money stays decimal.Decimal to the last character: the digits are cut and grouped here, never
through a float (QLocale.toCurrencyString takes a double, which cannot hold every 12-digit cent
amount exactly).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from kds.hubrise.money import Money

# The signs kitchens in HubRise's countries read; any other currency shows its ISO code.
CURRENCY_SIGNS = {"EUR": "€", "GBP": "£", "USD": "$"}
_CENT = Decimal("0.01")


def _english_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"   # the C locale's names are English


def _english_short_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"      # "Wed 25 Nov"


@dataclass(frozen=True, slots=True)
class Formats:
    """How one language writes numbers, money, times and dates."""

    decimal_point: str = "."
    group_separator: str = ","
    sign_first: bool = True            # "€12.50" (English) or "12,50 €" (French)
    sign_space: str = ""               # between the amount and the sign: "\u00a0" in French
    clock_format: str = "%H:%M"        # 24 h in both languages (English kept its 14:30 look)
    date_text: Callable[[date], str] = field(default=_english_date)
    short_date_text: Callable[[date], str] = field(default=_english_short_date)


ENGLISH = Formats()
_formats: Formats = ENGLISH


def set_formats(formats: Formats | None) -> None:
    """Point the kitchen's formatting at a language (None: back to English)."""
    global _formats
    _formats = formats or ENGLISH


def current() -> Formats:
    return _formats


def decimal_text(value: Decimal, places: int | None = None) -> str:
    """`1234.5` → "1,234.5" / "1 234,5" (grouped, the language's decimal point)."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    else:
        value = value.normalize()
    sign, text = ("-", f"{-value:f}") if value < 0 else ("", f"{value:f}")
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    grouped = _formats.group_separator.join([whole, *groups])
    return sign + grouped + (_formats.decimal_point + fraction if fraction else "")


def money_text(money: Money) -> str:
    """`Money(12.5, "EUR")` → "€12.50" in English, "12,50 €" in French (non-breaking space)."""
    amount = decimal_text(abs(money.amount).quantize(_CENT, rounding=ROUND_HALF_UP), 2)
    sign = CURRENCY_SIGNS.get(money.currency)
    minus = "-" if money.amount < 0 else ""
    if sign is None:   # "CHF 12.50" / "12,50 CHF": an ISO code always stands apart
        sign, space = money.currency, _formats.sign_space or "\u00a0"
    else:
        space = _formats.sign_space
    if _formats.sign_first:
        return f"{minus}{sign}{space}{amount}"
    return f"{minus}{amount}{space}{sign}"


def clock_text(when: datetime | None, tz: tzinfo | None = None) -> str:
    """A time of day in the location's zone (24 h: "14:30"); "" for no time."""
    if when is None:
        return ""
    local = when.astimezone(tz) if tz is not None else when
    return local.strftime(_formats.clock_format)


def when_text(when: datetime | None, tz: tzinfo | None, now: datetime) -> str:
    """A time of day, with the day when it is not today where the kitchen is ("14:30",
    "Wed 25 Nov 14:30" / "mer. 25 nov. 14:30"): a pre-order for tomorrow must not read as
    today's."""
    if when is None:
        return ""
    local = when.astimezone(tz) if tz is not None else when
    today = now.astimezone(tz).date() if tz is not None else now.date()
    clock = local.strftime(_formats.clock_format)
    return clock if local.date() == today else f"{_formats.short_date_text(local.date())} {clock}"


def date_text(day: date) -> str:
    """A day in words: "Tuesday 24 November 2026" / "mardi 24 novembre 2026"."""
    return _formats.date_text(day)


def short_date_text(day: date) -> str:
    """A day in short: "Wed 25 Nov" / "mer. 25 nov."."""
    return _formats.short_date_text(day)
