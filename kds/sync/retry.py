"""Outbox retry policy: which errors are worth retrying and how long to wait before the next try."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass
from typing import Literal

from kds.hubrise.errors import HubRiseError, RateLimited, Unauthorized
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate
from kds.sync.health import DISK_FULL, DISK_FULL_TEXT, READ_ONLY_TEXT

Verdict = Literal["retry", "reconnect", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    message: str
    retry_after: float | None = None  # from HubRise's Retry-After, when it sent one


def classify(exc: BaseException) -> Outcome:
    """Map a failed request to what the outbox does with it.

    Network errors, timeouts, 5xx and 429 are retried; 401 means the connection is gone
    (stop sending, ask staff to reconnect); 404/422 and other client errors fail the entry
    with HubRise's message, kept visible to staff.
    """
    message = _message(exc)
    if isinstance(exc, (TimeoutError, OSError)) or not isinstance(exc, HubRiseError):
        # Not an HTTP answer: the network, or a transport problem we do not know.
        return Outcome("retry", message)
    status = exc.status
    if exc.retryable or status == 429 or (status is not None and status >= 500):
        return Outcome("retry", message, _retry_after(exc))
    if isinstance(exc, Unauthorized) or status == 401:
        return Outcome("reconnect", message)
    if status is not None:
        return Outcome("failed", message)
    return Outcome("retry", message)  # an error without a status that is not marked retryable


def _retry_after(exc: HubRiseError) -> float | None:
    value = exc.retry_after if isinstance(exc, RateLimited) else None
    return float(value) if value is not None and value >= 0 else None


def _message(exc: BaseException) -> str:
    """HubRise's message plus its per-field errors (422), else the exception's text."""
    if not isinstance(exc, HubRiseError):
        return str(exc) or type(exc).__name__
    parts = [exc.message or str(exc) or type(exc).__name__]
    parts += [f"{error.get('field', '?')}: {error.get('message', '')}" for error in exc.errors]
    text = "; ".join(parts)
    return f"{exc.status} {text}" if exc.status is not None else text


class Backoff:
    """Capped exponential backoff with jitter; seeded so tests see the same delays."""

    def __init__(self, base: float = 2.0, cap: float = 300.0, seed: int | None = None) -> None:
        self.base = base
        self.cap = cap
        self._random = random.Random(seed)

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the `attempts`-th failed try (1 = first failure)."""
        # The power is bounded: 2 ** 1024 no longer fits a float, and an entry (or a kitchen
        # offline for days) can fail that often; 2 ** 62 is past any cap already.
        doublings = min(max(0, attempts - 1), 62)
        ceiling = min(self.cap, self.base * float(1 << doublings))
        # "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
        wait = ceiling / 2 + self._random.uniform(0, ceiling / 2)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait


def is_network_failure(exc: BaseException) -> bool:
    """True when HubRise could not be reached at all (no HTTP answer): we are offline."""
    if isinstance(exc, (TimeoutError, OSError)):
        return True
    return isinstance(exc, HubRiseError) and exc.status is None and exc.retryable


# -- what staff read when orders may not be arriving ---------------------------------------------

NETWORK = "network"      # no HTTP answer at all
FAILING = "failing"      # HubRise (or something pretending to be it) answered, but not usefully
PERMISSION = "permission"  # HubRise answers, but this connection's scope does not allow the call
PERMISSION_TEXT = QT_TRANSLATE_NOOP(
    "Health", "HubRise refused permission (403): this connection's access does not allow it. "
    "Reconnect and approve the access KDS asks for")


_CANNOT_WRITE = ("full", "readonly", "read-only")


def is_disk_full(exc: BaseException) -> bool:
    """SQLite could not write: the disk (or its quota) is full, or the data folder is read-only.
    Either way HubRise keeps the orders (nothing is acknowledged) and staff are told in words."""
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in _CANNOT_WRITE)


def _cannot_write_text(exc: BaseException) -> str:
    return translate("Health", DISK_FULL_TEXT if "full" in str(exc).lower() else READ_ONLY_TEXT)


def describe(exc: BaseException) -> tuple[str, str]:
    """(kind, reason in words) for a failed poll, as the header says it after "No contact"."""
    if is_disk_full(exc):
        return DISK_FULL, _cannot_write_text(exc)
    hubrise = exc if isinstance(exc, HubRiseError) else None
    status = hubrise.status if hubrise is not None else None
    if is_network_failure(exc):
        text = str((hubrise.message if hubrise is not None else None) or exc).lower()
        if "timed out" in text or isinstance(exc, TimeoutError):
            return NETWORK, translate("Health", "HubRise does not answer (timed out)")
        return NETWORK, translate("Health", "the network is down")
    if _is_web_page(exc):
        return FAILING, translate("Health", "answered with a web page — captive portal?")
    if isinstance(exc.__cause__, ValueError):
        return FAILING, translate("Health", "HubRise's answer could not be read (invalid JSON)")
    if isinstance(exc, ValueError) or (hubrise is not None
                                       and hubrise.error_type == "network_error"):
        return FAILING, translate("Health", "HubRise's answer could not be read")
    if status == 403:  # not an outage: HubRise is up, the connection lacks a scope
        return PERMISSION, translate("Health", PERMISSION_TEXT)
    if status == 429:
        return FAILING, translate("Health", "HubRise asks us to wait")
    if status is not None and status >= 500:
        return FAILING, translate("Health", "HubRise is failing ({status})").format(status=status)
    if status is not None:
        return FAILING, translate("Health", "HubRise refused the request ({status})").format(
            status=status)
    return FAILING, translate("Health", "sync error ({kind})").format(kind=type(exc).__name__)


def _is_web_page(exc: BaseException) -> bool:
    """A body that starts like HTML (a proxy or captive portal page), a redirect (portals send
    one; the client never follows it), or a 4xx without HubRise's JSON error body."""
    cause = exc.__cause__
    if isinstance(cause, json.JSONDecodeError) and cause.doc.lstrip()[:1] == "<":
        return True
    return (isinstance(exc, HubRiseError) and exc.error_type == "network_error"
            and exc.status is not None and 300 <= exc.status < 500)
