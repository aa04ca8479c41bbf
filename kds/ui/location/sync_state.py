"""Pure helpers shared by the location panels: timezone, "pending until HubRise confirms", 422s."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Literal, Sequence

from kds.kitchen.timezone import location_zone
from kds.store.rows import OutboxEntry, SyncCounts

PatchStateName = Literal["idle", "pending", "failed", "confirmed"]
# "opening_hours.monday[1].to: message" as kds.sync.retry writes 422 field errors.
_FIELD_ERROR_RE = re.compile(r"^\s*([a-z_]+(?:[.\[][\w\]\[.]*)?):\s*(.+)$")


@dataclass(frozen=True, slots=True)
class PatchState:
    state: PatchStateName = "idle"
    message: str = ""


def location_tz(raw: dict[str, Any] | None) -> tzinfo:
    """The location's timezone (kds.kitchen.timezone: one fallback for every screen)."""
    return location_zone(raw)


def patch_state(outbox_id: int | None, failed: Sequence[OutboxEntry], counts: SyncCounts,
                reflected: bool) -> PatchState:
    """Where our queued PATCH stands.

    `reflected`: the stored location already shows what we sent (HubRise answered). An entry
    in the failed list was refused (422/404); with nothing left pending, it was sent.
    """
    if outbox_id is None:
        return PatchState()
    for entry in failed:
        if entry.id == outbox_id:
            return PatchState("failed", entry.last_error or "refused by HubRise")
    if reflected or counts.pending == 0:
        return PatchState("confirmed")
    return PatchState("pending")


def field_errors_from_message(text: str | None) -> list[dict[str, str]]:
    """Turn an outbox error text ("422 Invalid; opening_hours.monday[0].to: must be ...") into
    HubRise-style [{field, message}]; parts without a field become one general error."""
    if not text:
        return []
    errors: list[dict[str, str]] = []
    general: list[str] = []
    for part in text.split("; "):
        match = _FIELD_ERROR_RE.match(part)
        if match and ("." in match.group(1) or match.group(1) in _TOP_FIELDS):
            errors.append({"field": match.group(1), "message": match.group(2).strip()})
        elif part.strip():
            general.append(part.strip())
    if general and not errors:
        errors.append({"field": "", "message": "; ".join(general)})
    return errors


_TOP_FIELDS = frozenset({"cutoff_time", "opening_hours", "preparation_time", "order_acceptance"})
