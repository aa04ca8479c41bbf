"""Plain records the store hands to the sync engine and the UI, and the stored JSON they carry
decoded (no Qt, no SQL here)."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

SyncState = Literal["ok", "pending", "failed"]
RemoteChange = Literal["cancelled", "changed"]


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One order as the kitchen sees it: HubRise's payload plus local state."""

    id: str
    status: str                      # what the screen shows (a pending local change wins)
    remote_status: str               # the last status HubRise confirmed
    service_type: str | None
    created_at: datetime | None
    expected_time: datetime | None
    confirmed_time: datetime | None
    first_seen_at: datetime          # when this KDS first stored it
    last_status_change_at: datetime
    raw: dict[str, Any]              # the full HubRise payload
    problems: tuple[str, ...] = ()   # "field: message" for malformed fields
    sync_state: SyncState = "ok"     # of this order's outbox entries
    sync_error: str | None = None    # HubRise's message when sync_state == "failed"
    seen: bool = False               # staff touched it (new-order highlight ends)
    remote_change: RemoteChange | None = None  # changed/cancelled by HubRise, not yet dismissed
    rush: bool = False               # the kitchen's priority flag (local only, never sent)
    due_at: datetime | None = None   # open orders: kds.kitchen.due, as the store sorted them


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    resource: str                    # "order:<id>" or "location"
    kind: str                        # "order_status", "order_update", "location_patch"
    body: dict[str, Any]
    state: Literal["pending", "sent", "failed"]
    attempts: int
    next_try_at: datetime
    created_at: datetime
    last_error: str | None = None
    patch_kind: str | None = None    # for "location_patch": order_acceptance, opening_hours, ...


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    order_id: str
    status: str
    at: datetime
    by: Literal["kitchen", "hubrise"]


@dataclass(frozen=True, slots=True)
class SyncCounts:
    pending: int
    failed: int
    failed_messages: tuple[str, ...] = field(default=())


# Decoding the stored JSON was ~80 % of a board refresh (every open order, every refresh):
# keep the decoded payloads of recent versions, keyed by their hash. Treat them as read-only.
_DECODED: OrderedDict[tuple[str, str], tuple[dict[str, Any], tuple[str, ...]]] = OrderedDict()
DECODED_MAX = 5000


def decoded_payload(record: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    problems_text = record["problems"] or "[]"
    if not record["payload_hash"]:
        return json.loads(record["raw"]), tuple(json.loads(problems_text))
    key = (record["payload_hash"], problems_text)
    hit = _DECODED.get(key)
    if hit is None:
        hit = (json.loads(record["raw"]), tuple(json.loads(problems_text)))
        _DECODED[key] = hit
        if len(_DECODED) > DECODED_MAX:
            _DECODED.popitem(last=False)
    return hit
