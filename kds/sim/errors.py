"""The simulator's API errors (seed 002 §7) and the page size and cursor of its list endpoints."""

from __future__ import annotations

from typing import Any

from kds.hubrise import rules

MAX_PAGE = 100


class SimError(Exception):
    """An API error with the documented body (seed 002 §7)."""

    def __init__(self, status: int, error_type: str, message: str | None = None,
                 errors: list[rules.FieldError] | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message or error_type)
        self.status, self.error_type, self.message = status, error_type, message
        self.errors = errors or []
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.message:
            body["message"] = self.message
        if self.errors:
            body["errors"] = [error.as_dict() for error in self.errors]
        body["error_type"] = self.error_type
        return body


def invalid(errors: list[rules.FieldError]) -> SimError:
    return SimError(422, "unprocessable_entity", "Validation failed", errors)


def not_found(what: str) -> SimError:
    return SimError(404, "not_found", f"{what} not found")


def cursor_seq(cursor: str) -> int:
    try:
        return int(cursor.removeprefix("c"))
    except ValueError as exc:
        raise invalid([rules.FieldError("cursor", f"'{cursor}' is not a valid cursor")]) from exc
