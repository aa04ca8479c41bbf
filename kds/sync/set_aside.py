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
