"""`FieldError` and the small field checks that HubRise's validation rules are built from."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from kds.hubrise.money import is_decimal, is_money, parse_time

CUSTOM_FIELDS_MAX_BYTES = 8 * 1024

HHMM_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")  # HubRise times of day
ACCEPTANCE_MODES = ("normal", "busy", "paused")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


Errors = list[FieldError]


# ---------------------------------------------------------------- small checks

def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def check_text(field: str, value: object, *, required: bool = False,
                max_len: int | None = None) -> Errors:
    if value is None:
        return [FieldError(field, "is required")] if required else []
    if not isinstance(value, str):
        return [FieldError(field, "must be a string")]
    if max_len is not None and len(value) > max_len:
        return [FieldError(field, f"must be at most {max_len} characters")]
    return []


def check_money(field: str, value: object, *, required: bool = False,
                 currency: str | None = None) -> Errors:
    if value is None:
        return [FieldError(field, "is required")] if required else []
    if not is_money(value):
        return [FieldError(field, f"{value!r} is not a valid monetary amount, e.g. \"8.90 EUR\"")]
    if currency is not None and isinstance(value, str) and not value.endswith(" " + currency):
        return [FieldError(field, f"'{value}' must be in the account currency {currency}")]
    return []


def check_decimal(field: str, value: object, *, required: bool = False) -> Errors:
    if value is None:
        return [FieldError(field, "is required")] if required else []
    if not is_decimal(value):
        return [FieldError(field, f"{value!r} is not a valid decimal, e.g. \"1.5\" as a string")]
    return []


def check_time(field: str, value: object) -> Errors:
    if value is None:
        return []
    try:
        parsed = parse_time(value)
    except ValueError as exc:
        return [FieldError(field, str(exc))]
    if not 1900 <= parsed.year <= 9000:  # far-off years cannot be converted between zones
        return [FieldError(field, f"'{value}' is out of range")]
    return []


def unknown_keys(field: str, value: dict[str, Any], allowed: frozenset[str]) -> Errors:
    prefix = f"{field}." if field else ""
    return [FieldError(f"{prefix}{key}", "is not a valid key")
            for key in value if key not in allowed]


def validate_custom_fields(value: object, field: str = "custom_fields") -> Errors:
    """Any JSON object whose JSON text is at most 8 KB (seed 003 §1.2)."""
    if value is None:
        return []
    if not isinstance(value, dict):
        return [FieldError(field, "must be a JSON object")]
    size = len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    if size > CUSTOM_FIELDS_MAX_BYTES:
        return [FieldError(field, f"is {size} bytes as JSON; at most 8 KB "
                                  f"({CUSTOM_FIELDS_MAX_BYTES} bytes) is allowed")]
    return []


def merged_custom_fields(current: Mapping[str, Any] | None,
                         update: Mapping[str, Any] | None) -> dict[str, Any]:
    """custom_fields after an update (seed 003 §1.1): sent keys replace, keys sent as null are
    removed, the others stay."""
    merged = dict(current or {})
    for key, value in (update or {}).items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
