"""The tolerant `PayloadReader` of HubRise JSON objects, its FieldProblem, the BadPayload errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from kds.hubrise.money import Money, parse_decimal, parse_time

_T = TypeVar("_T")


class BadPayload(ValueError):
    """The payload is not the kind of resource asked for at all."""


class NotAnOrder(BadPayload):
    """The payload is not an order at all (not an object, or no string id)."""


class NotALocation(BadPayload):
    """The payload is not a location at all (not an object)."""


class NotAnEvent(BadPayload):
    """The payload is not a callback event at all (not an object)."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message: str


class PayloadReader:
    """Reads one JSON object; every malformed field is noted as a FieldProblem, never raised."""

    def __init__(self, data: dict[str, Any], path: str, problems: list[FieldProblem]) -> None:
        self.data = data
        self.path = path
        self.problems = problems

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(FieldProblem(self.where(key), message))

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.problem(key, f"{short_repr(value)} is not a string")
        return None

    def _parsed(self, key: str, parse: Callable[[object], _T]) -> _T | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            message = str(exc)
            if len(message) > 160:  # the parser quotes the bad value; keep problems readable
                message = f"{short_repr(value)} is not valid ({message[-40:].strip()})"
            self.problem(key, message)
            return None

    def money(self, key: str) -> Money | None:
        return self._parsed(key, Money.parse)

    def decimal(self, key: str) -> Decimal | None:
        return self._parsed(key, parse_decimal)

    def time(self, key: str) -> datetime | None:
        return self._parsed(key, parse_time)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.problem(key, f"{short_repr(value)} is not a boolean")
        return default

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        self.problem(key, f"{short_repr(value)} is not an integer")
        return None

    def obj(self, key: str) -> dict[str, Any] | None:
        value = self.data.get(key)
        if value is None or isinstance(value, dict):
            return value
        self.problem(key, f"{short_repr(value)} is not an object")
        return None

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.problem(key, f"{short_repr(value)} is not a list")
        return []

    def objects(self, key: str) -> list[PayloadReader]:
        """One reader per object in a list; non-objects are skipped with a problem."""
        readers = []
        for index, value in enumerate(self.array(key)):
            path = f"{self.where(key)}[{index}]"
            if isinstance(value, dict):
                readers.append(PayloadReader(value, path, self.problems))
            else:
                self.problems.append(FieldProblem(path, f"{short_repr(value)} is not an object"))
        return readers

    def sub(self, key: str) -> PayloadReader | None:
        value = self.obj(key)
        return None if value is None else PayloadReader(value, self.where(key), self.problems)


def short_repr(value: object) -> str:
    """A bounded description of a bad value, so a huge payload cannot flood the problem list."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
