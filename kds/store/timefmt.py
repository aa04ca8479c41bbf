"""How the store writes times: ISO 8601 in UTC, fixed width, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(value: datetime) -> str:
    """An aware datetime as sortable UTC text; naive times are refused, never guessed."""
    if value.tzinfo is None:
        raise ValueError("the store only keeps timezone-aware times")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def to_db_or_none(value: datetime | None) -> str | None:
    return None if value is None else to_db(value)


def from_db(text: str | None) -> datetime | None:
    """Stored text back to an aware UTC datetime (None stays None)."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:  # written by hand or an old version: it was UTC
        value = value.replace(tzinfo=UTC)
    return value


def from_db_required(text: str) -> datetime:
    value = from_db(text)
    assert value is not None
    return value
