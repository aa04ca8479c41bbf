"""HubRise value types: money ("8.90 EUR"), decimals as strings, ISO 8601 times with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

_MONEY_RE = re.compile(r"^(-?\d+\.\d{2}) ([A-Z]{3})$")
_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def parse(cls, text: object) -> Money:
        """Parse HubRise's money format; raise ValueError with a readable reason otherwise."""
        if not isinstance(text, str):
            raise ValueError(f"{text!r} is not a valid monetary amount")
        match = _MONEY_RE.match(text)
        if not match:
            raise ValueError(f"'{text}' is not a valid monetary amount")
        return cls(Decimal(match.group(1)), match.group(2))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal("0.00"), currency)

    def __str__(self) -> str:
        return f"{self.amount.quantize(Decimal('0.01'))} {self.currency}"

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * Decimal(factor), self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")


def is_money(text: object) -> bool:
    return isinstance(text, str) and bool(_MONEY_RE.match(text))


def parse_decimal(text: object) -> Decimal:
    """Parse a HubRise decimal. Strings only: a JSON float would already have lost precision."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValueError(f"{text!r} is not a valid decimal")
    value = str(text).strip()
    if not _DECIMAL_RE.match(value):
        raise ValueError(f"'{value}' is not a valid decimal")
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"'{value}' is not a valid decimal") from exc


def is_decimal(text: object) -> bool:
    try:
        parse_decimal(text)
    except ValueError:
        return False
    return True


def parse_time(text: object) -> datetime:
    """Parse an ISO 8601 time and keep its offset. A time without an offset is refused."""
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a valid time")
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid ISO 8601 time") from exc
    if value.tzinfo is None:
        raise ValueError(f"'{text}' has no timezone offset")
    return value


def format_time(value: datetime) -> str:
    """ISO 8601 with offset, seconds precision, as HubRise writes it."""
    return value.isoformat(timespec="seconds")
