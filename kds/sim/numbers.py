"""Numbers the simulator refuses before storing: whatever it stores, it must serve back.

HubRise's docs give no bounds; ours (docs/SIMULATOR.md): JSON has no NaN or Infinity; a decimal
or money string has at most 12 digits before the point and 30 characters, so that a price
times a quantity, and any order total, stays exact in Python's 28-digit decimal context.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from kds.hubrise.rules import FieldError
from kds.sim.errors import SimError, invalid

MAX_INTEGER_DIGITS = 12
MAX_LENGTH = 30
DECIMAL_KEYS = frozenset({"price", "quantity", "pricing_value", "tax_rate", "amount", "delta",
                          "new_balance", "total", "points_earned", "points_used", "fee",
                          "driver_latitude", "driver_longitude"})
_NUMBER = re.compile(r"^\s*[+-]?(\d*)(?:\.\d*)?(?:[eE][+-]?\d+)?(?:\s+[A-Za-z]{3})?\s*$")


def load_json(raw: bytes) -> Any:
    """Strict JSON: NaN, Infinity and floats that overflow are refused (400), not stored."""
    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    def finite_float(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"{text[:20]}... is out of range")
        return value

    try:
        return json.loads(raw, parse_constant=no_constant, parse_float=finite_float)
    except ValueError as exc:  # also ints past Python's 4,300-digit limit
        raise SimError(400, "unprocessable_entity", f"The body is not valid JSON: {exc}"[:200]) \
            from exc


def too_large(body: Any, where: str = "") -> list[FieldError]:
    """Decimal and money strings past the simulator's bounds, with their field paths."""
    errors: list[FieldError] = []
    items = body.items() if isinstance(body, dict) else enumerate(body) \
        if isinstance(body, list) else ()
    for key, value in items:
        path = f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}".lstrip(".")
        if isinstance(value, (dict, list)):
            errors += too_large(value, path)
        elif key in DECIMAL_KEYS and isinstance(value, str) and _oversized(value):
            errors.append(FieldError(path, f"is too large: at most {MAX_INTEGER_DIGITS} digits "
                                           "before the decimal point"))
    return errors


def _oversized(text: str) -> bool:
    match = _NUMBER.match(text)  # a string that is no number is the validator's business
    if match is None:
        return False
    return len(text) > MAX_LENGTH or len(match.group(1).lstrip("0")) > MAX_INTEGER_DIGITS


def check_size(body: Any) -> None:
    errors = too_large(body)
    if errors:
        raise invalid(errors)


def check_servable(payload: Any, what: str) -> None:
    """The last guard before storing: the payload must render as strict JSON."""
    try:
        json.dumps(payload, allow_nan=False, default=_decimal_only)
    except (ValueError, TypeError) as exc:
        raise invalid([FieldError(what, "cannot be stored: a value is not valid JSON "
                                        "(NaN, Infinity or too large)")]) from exc


def _decimal_only(value: Any) -> Any:
    if isinstance(value, Decimal) and value.is_finite():
        return str(value)
    raise TypeError(type(value).__name__)


ARITHMETIC_ERRORS = (InvalidOperation, ArithmeticError)
