"""Sync health as plain data the UI can show (no Qt here).

The words are said in the screen's language (kds.kitchen.words) when they are made; the
constants stay English source text for lupdate and for the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kds.kitchen.words import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class Health:
    # True only while the last poll succeeded: orders are arriving. False before the first one.
    online: bool = False
    offline_since: datetime | None = None      # when contact with HubRise was lost
    last_poll_at: datetime | None = None       # last successful poll
    pending: int = 0                           # outbox entries not yet accepted by HubRise
    failed: int = 0                            # outbox entries HubRise refused (kept for staff)
    failed_messages: tuple[str, ...] = field(default=())
    last_error: str | None = None
    reconnect_needed: bool = False             # HubRise answered 401: the token is no longer valid
    poll_interval: float | None = None         # seconds, as planned
    poll_reason: str = ""
    requests_left_today: int | None = None
    problem: str = ""                          # why orders may not arrive, in words ("" = none)
    problem_kind: str = ""                     # "network" | "failing" | "disk_full" (sync.retry)
    waiting_until: datetime | None = None      # HubRise's 429: no request before this time
    first_sync_problem: str = ""               # why the 24 h catch-up failed (retried later)
    failed_refs: tuple[str, ...] = ()          # the orders of the failed entries ("#R12")
    set_aside: int = 0                         # orders/events dead-lettered (store.dead_letters)
    printer_problem: str = ""                  # the kitchen printer does not take tickets ("" = ok)


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll did: the figures tests and the bench read."""

    listed: int = 0
    applied: int = 0          # events newly applied in the transaction
    already_applied: int = 0  # events recorded before (re-processing is a no-op)
    dead_lettered: int = 0
    acknowledged: int = 0
    requests: int = 0         # HubRise requests this poll used
    order_ids: tuple[str, ...] = ()
    location_changed: bool = False
    catalog_ids: tuple[str | None, ...] = ()   # catalog.update events (None: no id given)
    failure: BaseException | None = field(default=None, compare=False)  # stopped half-way


DISK_FULL = "disk_full"  # HubRise answered; this screen could not write it down
DISK_FULL_TEXT = QT_TRANSLATE_NOOP("Health", "Disk full — orders are waiting on HubRise")
READ_ONLY_TEXT = QT_TRANSLATE_NOOP("Health",
                                   "The data folder is read-only — orders are waiting on HubRise")


_NOT_SENT = "not sent:"


def not_sent_line(message: str | None) -> str:
    """One clear line for a change HubRise did not take: "Not sent: <why>", never twice."""
    text = " ".join((message or "").split())
    while text.lower().startswith(_NOT_SENT):
        text = text[len(_NOT_SENT):].strip()
    if not text:
        return translate("Health", "Not sent to HubRise")
    return translate("Health", "Not sent: {reason}").format(reason=text)
