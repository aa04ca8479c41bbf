"""Exceptions for HubRise API failures, built from the documented error body."""

from __future__ import annotations

from typing import Any


class HubRiseError(Exception):
    """An HTTP error answered by HubRise: status, error_type, message and per-field errors."""

    retryable = False

    def __init__(self, status: int | None, error_type: str | None = None,
                 message: str | None = None, errors: list[dict[str, str]] | None = None) -> None:
        self.status = status
        self.error_type = error_type
        self.message = message
        self.errors = errors or []
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = [f"HTTP {self.status}" if self.status else "no response"]
        if self.error_type:
            parts.append(self.error_type)
        if self.message:
            parts.append(self.message)
        parts += [f"{e.get('field')}: {e.get('message')}" for e in self.errors[:5]]
        return " - ".join(parts)


class Unauthorized(HubRiseError):
    """401: the token is unknown or revoked; the user must reconnect."""


class Forbidden(HubRiseError):
    """403 forbidden: the connection's scope or access level does not allow the call.

    A permission problem, not an outage: retrying does not help, reconnecting with the
    scope the app asks for does."""


class NotFound(HubRiseError):
    """404 (also unknown routes: error_type routing_error)."""


class UnsupportedMediaType(HubRiseError):
    """415."""


class Unprocessable(HubRiseError):
    """422: validation failed; see `errors` for the fields."""


class RateLimited(HubRiseError):
    """429: a rate-limit window is full."""

    retryable = True

    def __init__(self, status: int | None = 429, error_type: str | None = None,
                 message: str | None = None, errors: list[dict[str, str]] | None = None,
                 retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(status, error_type, message, errors)


class ServerError(HubRiseError):
    """5xx: HubRise failed; try again later."""

    retryable = True


class NetworkError(HubRiseError):
    """No usable answer: connection failure, timeout, or a body that is not the expected JSON."""

    retryable = True

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(status, "network_error", message)


_BY_STATUS: dict[int, type[HubRiseError]] = {
    401: Unauthorized, 403: Forbidden, 404: NotFound, 415: UnsupportedMediaType,
    422: Unprocessable, 429: RateLimited,
}


def error_for(status: int, body: Any, retry_after: float | None = None) -> HubRiseError:
    """Map an error response (status + decoded JSON body, or None) to an exception."""
    body = body if isinstance(body, dict) else {}
    error_type = body.get("error_type") if isinstance(body.get("error_type"), str) else None
    message = body.get("message") if isinstance(body.get("message"), str) else None
    errors = _field_errors(body.get("errors"))
    if status == 429:
        return RateLimited(status, error_type, message, errors, retry_after=retry_after)
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else HubRiseError
    return cls(status, error_type, message, errors)


def _field_errors(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    return [{"field": str(e.get("field", "")), "message": str(e.get("message", ""))}
            for e in value if isinstance(e, dict)]


# -- answers that are not usable data: all retryable NetworkErrors, each with a one-line message


class AnswerTooSlow(NetworkError):
    """No complete answer within the request's overall deadline (a stall or a slow drip)."""


class AnswerTooLarge(NetworkError):
    """The body went past the size limit; it was dropped unread."""


class NotData(NetworkError):
    """A web page, invalid JSON, an empty body or JSON of the wrong shape where data was due."""


class Redirected(NetworkError):
    """A 3xx: never followed (it could carry the token elsewhere), never read as success."""


class EndlessPages(NetworkError):
    """An index kept sending X-Cursor-Next past the page limit, or sent the same cursor twice."""
