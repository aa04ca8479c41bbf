"""Orders HubRise sent that could not be shown (the store's dead letters), in staff words."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kds.store.timefmt import to_db

RECENT = timedelta(hours=24)  # older ones are for the log, not for the header


@dataclass(frozen=True, slots=True)
class SetAside:
    kind: str        # "order", "event", "location", ...
    reference: str   # the order's ref when it has one, else its id (or the event's)
    reason: str
    at: str


def count_recent(store: Any, now: datetime) -> int:
    """How many things were set aside in the last 24 h (one cheap query, run after each poll)."""
    db = getattr(store, "db", None)
    if db is None:
        return 0
    row = db.execute("SELECT COUNT(*) FROM dead_letters WHERE at >= ?",
                     [to_db(now - RECENT)]).fetchone()
    return int(row[0]) if row else 0


def recent(store: Any, now: datetime, limit: int = 50) -> list[SetAside]:
    """The latest set-aside items of the last 24 h, newest first."""
    since = to_db(now - RECENT)
    rows = [r for r in store.dead_letters(limit) if str(r.get("at") or "") >= since]
    return [SetAside(str(r.get("kind") or "?"), _reference(r.get("raw")),
                     str(r.get("reason") or ""), str(r.get("at") or "")) for r in rows]


def _reference(raw: Any) -> str:
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return "?"
    if not isinstance(data, dict):
        return "?"
    for key in ("ref", "order_id", "id"):
        value = data.get(key)
        if isinstance(value, (str, int)) and str(value):
            return ("#" if key == "ref" else "") + str(value)[:40]
    return "?"


@dataclass(frozen=True, slots=True)
class FailedChange:
    """A kitchen change HubRise refused, with the order it belongs to."""

    order_id: str | None   # None: a location change
    reference: str         # "#R12" (collection code or ref), else the id, else "location"
    reason: str


def failed_changes(store: Any) -> list[FailedChange]:
    changes: list[FailedChange] = []
    for entry in store.failed_outbox():
        resource = str(entry.resource)
        order_id = resource.split(":", 1)[1] if resource.startswith("order:") else None
        reference = "location" if order_id is None else order_reference(store, order_id)
        changes.append(FailedChange(order_id, reference, entry.last_error or "refused"))
    return changes


def order_reference(store: Any, order_id: str) -> str:
    row = store.get_order(order_id)
    raw = getattr(row, "raw", None) or {}
    for key in ("collection_code", "ref"):
        value = raw.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return "#" + str(value).strip()[:20]
    return order_id[-8:]
