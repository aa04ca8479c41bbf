"""Outbox retry policy: which errors are worth retrying and how long to wait before the next try."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Literal

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
    status = getattr(exc, "status", None)
    message = _message(exc)
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError, OSError)):
        return Outcome("retry", message)
    if getattr(exc, "retryable", False) or status == 429 or (
        isinstance(status, int) and status >= 500
    ):
        return Outcome("retry", message, _retry_after(exc))
    if status == 401:
        return Outcome("reconnect", message)
    if isinstance(status, int):
        return Outcome("failed", message)
    # Not an HTTP answer and not marked retryable: a transport problem we do not know.
    return Outcome("retry", message)


def _retry_after(exc: BaseException) -> float | None:
    value = getattr(exc, "retry_after", None)
    return float(value) if isinstance(value, (int, float)) and value >= 0 else None


def _message(exc: BaseException) -> str:
    """HubRise's message plus its per-field errors (422), else the exception's text."""
    parts: list[str] = []
    message = getattr(exc, "message", None)
    parts.append(str(message) if message else (str(exc) or type(exc).__name__))
    for error in getattr(exc, "errors", None) or ():
        if isinstance(error, dict):
            parts.append(f"{error.get('field', '?')}: {error.get('message', '')}")
    status = getattr(exc, "status", None)
    text = "; ".join(parts)
    return f"{status} {text}" if isinstance(status, int) else text


class Backoff:
    """Capped exponential backoff with jitter; seeded so tests see the same delays."""

    def __init__(self, base: float = 2.0, cap: float = 300.0, seed: int | None = None) -> None:
        self.base = base
        self.cap = cap
        self._random = random.Random(seed)

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the `attempts`-th failed try (1 = first failure)."""
        ceiling = min(self.cap, self.base * (2 ** max(0, attempts - 1)))
        # "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
        wait = ceiling / 2 + self._random.uniform(0, ceiling / 2)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait


def is_network_failure(exc: BaseException) -> bool:
    """True when HubRise could not be reached at all (no HTTP answer): we are offline."""
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError, OSError)):
        return True
    return getattr(exc, "status", None) is None and bool(getattr(exc, "retryable", False))
