"""Async HubRise API client: one connection (access token), typed results, mapped errors."""

from __future__ import annotations

import logging
import math
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self
from urllib.parse import quote

import httpx

from kds.clock import Clock, SystemClock
from kds.hubrise.errors import NetworkError, error_for
from kds.hubrise.models import (
    Account,
    Callback,
    Event,
    Location,
    NamedResource,
    NotAnEvent,
    User,
    parse_account,
    parse_callback,
    parse_event,
    parse_location,
    parse_named,
    parse_user,
)
from kds.hubrise.order_model import Order, parse_order
from kds.hubrise.reader import NotAnOrder
from kds.hubrise.money import format_time
from kds.hubrise.ratelimit import RateLimiter, bound_retry_after

DEFAULT_BASE_URL = "https://api.hubrise.com/v1"
PAGE_SIZE = 100  # HubRise's maximum `count`
log = logging.getLogger(__name__)


class HubRiseClient:
    """Calls the HubRise API for one connection. Use as `async with HubRiseClient(...) as c:`."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, token: str = "", *,
                 transport: httpx.AsyncBaseTransport | None = None,
                 limiter: RateLimiter | None = None, clock: Clock | None = None,
                 timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in token):
            # Fail now, clearly: httpx would refuse the header on every request instead.
            raise ValueError("the access token contains control characters")
        if not _is_safe_url(self.base_url):
            log.warning("HubRise base URL %s is not https: the token travels in clear",
                        self.base_url)
        self._token = token
        self._limiter = limiter
        self._clock = clock or SystemClock()
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            headers={"X-Access-Token": token, "Accept": "application/json",
                     "User-Agent": "kds/0.1"},
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            verify=True,  # never turned off: the token travels in a header
            follow_redirects=False,  # a redirect could carry the token to another host
        )

    def __repr__(self) -> str:
        return f"HubRiseClient(base_url={self.base_url!r}, token=<redacted>)"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def limiter(self) -> RateLimiter | None:
        return self._limiter

    # ---------------------------------------------------------------- location

    async def get_location(self) -> Location:
        return parse_location(await self._json("GET", "location"))

    async def patch_location(self, body: Mapping[str, Any]) -> Location:
        return parse_location(await self._json("PATCH", "location", body=body))

    # ---------------------------------------------------------------- orders

    async def get_order(self, order_id: str) -> Order:
        return parse_order(await self._json("GET", f"location/orders/{_seg(order_id)}"))

    async def create_order(self, body: Mapping[str, Any]) -> Order:
        return parse_order(await self._json("POST", "location/orders", body=body))

    async def update_order(self, order_id: str, body: Mapping[str, Any]) -> Order:
        return parse_order(await self._json("PATCH", f"location/orders/{_seg(order_id)}",
                                            body=body))

    async def list_orders(self, **filters: Any) -> AsyncIterator[Order]:
        """All orders matching the filters (status, created_by, after, before, ...), page by page.

        HubRise counts this in its 10/minute high-load class. An element that is not an order
        at all is logged and skipped so one bad record cannot stop a catch-up.
        """
        params = _query(filters)
        async for raw in self._pages("location/orders", params, high_load=True):
            try:
                yield parse_order(raw)
            except NotAnOrder as exc:
                log.warning("skipped a listed order: %s", exc)

    # ---------------------------------------------------------------- callback and events

    async def get_callback(self) -> Callback:
        return parse_callback(await self._json("GET", "callback"))

    async def set_callback(self, events: Mapping[str, list[str]],
                           url: str | None = None) -> Callback:
        """Create or replace this connection's callback; `url=None` makes it passive."""
        body = {"url": url, "events": dict(events)}
        answer = await self._json("POST", "callback", body=body, allow_empty=True)
        # The response body is not documented; fall back to what we asked for.
        return parse_callback(answer) if isinstance(answer, dict) else parse_callback(body)

    async def delete_callback(self) -> None:
        await self._request("DELETE", "callback")

    async def list_events(self) -> AsyncIterator[Event]:
        """Unacknowledged events, without their state (fetch each with get_event).

        An element that is not an event at all is logged and skipped, like in list_orders.
        """
        async for raw in self._pages("callback/events", {}, high_load=False):
            try:
                yield parse_event(raw)
            except NotAnEvent as exc:
                log.warning("skipped a listed event: %s", exc)

    async def get_event(self, event_id: str) -> Event:
        return parse_event(await self._json("GET", f"callback/events/{_seg(event_id)}"))

    async def delete_event(self, event_id: str) -> None:
        """Acknowledge an event; HubRise will not list it again."""
        await self._request("DELETE", f"callback/events/{_seg(event_id)}")

    # ---------------------------------------------------------------- connection screen

    async def get_account(self) -> Account:
        return parse_account(await self._json("GET", "account"))

    async def get_user(self) -> User:
        return parse_user(await self._json("GET", "user"))

    async def get_catalog(self, catalog_id: str) -> NamedResource:
        # A catalog GET returns the whole menu and is a high-load query.
        return parse_named(await self._json("GET", f"catalogs/{_seg(catalog_id)}",
                                            high_load=True))

    async def get_customer_list(self, customer_list_id: str) -> NamedResource:
        return parse_named(await self._json("GET", f"customer_lists/{_seg(customer_list_id)}"))

    # ---------------------------------------------------------------- transport

    async def _pages(self, path: str, params: dict[str, str],
                     high_load: bool) -> AsyncIterator[dict[str, Any]]:
        """Follow X-Cursor-Next until the last page; yields each element of each page."""
        params = {"count": str(PAGE_SIZE), **params}
        seen: set[str] = set()
        while True:
            response = await self._request("GET", path, params=params, high_load=high_load)
            page = _decode(response)
            if not isinstance(page, list):
                raise NetworkError(f"GET {path}: expected a list, got {type(page).__name__}",
                                   response.status_code)
            for element in page:
                yield element
            cursor = response.headers.get("X-Cursor-Next")
            if not cursor:
                return
            if cursor in seen:  # a server bug must not turn into an endless request loop
                raise NetworkError(f"GET {path}: pagination cursor repeated",
                                   response.status_code)
            seen.add(cursor)
            params = {**params, "cursor": cursor}

    async def _json(self, method: str, path: str, *, body: Mapping[str, Any] | None = None,
                    high_load: bool = False, allow_empty: bool = False) -> Any:
        response = await self._request(method, path, body=body, high_load=high_load)
        if allow_empty and not response.content.strip():
            return None
        return _decode(response)

    async def _request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                       body: Mapping[str, Any] | None = None,
                       high_load: bool = False) -> httpx.Response:
        if self._limiter is not None:
            await self._limiter.acquire(high_load=high_load)
        try:
            response = await self._http.request(method, path, params=params,
                                                json=None if body is None else dict(body))
        except httpx.TimeoutException as exc:
            raise NetworkError(f"{method} /{path}: timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"{method} /{path}: {type(exc).__name__}: {exc}") from exc
        log.debug("%s /%s -> %s", method, path, response.status_code)
        if response.status_code >= 400:
            raise self._error(response)
        return response

    def _error(self, response: httpx.Response) -> Exception:
        status = response.status_code
        try:
            body = response.json()
        except (ValueError, RecursionError):
            body = None
        if body is None and status not in (401, 403, 404, 429) and status < 500:
            # An error page that is not HubRise's JSON (proxy, captive portal): retry later.
            return NetworkError(f"HTTP {status} without a HubRise error body", status)
        if status == 429:
            now = self._clock.now()
            retry_after = bound_retry_after(
                parse_retry_after(response.headers.get("Retry-After"), now), now.timestamp())
            if self._limiter is not None:
                self._limiter.note_429(retry_after)
            return error_for(status, body, retry_after)
        return error_for(status, body)


def _decode(response: httpx.Response) -> Any:
    """JSON body or NetworkError: a 2xx that is not JSON is a proxy/portal page, not HubRise."""
    try:
        return response.json()
    except (ValueError, RecursionError) as exc:
        raise NetworkError(f"HTTP {response.status_code}: the body is not JSON",
                           response.status_code) from exc


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date. None when absent/invalid.

    Not bounded here (see ratelimit.bound_retry_after); a time in the past means "now" (0).
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, OverflowError, IndexError):
            return None
        if when.tzinfo is None:  # "-0000": an HTTP-date is always GMT
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _is_safe_url(url: str) -> bool:
    """https, or plain http only to this machine (the simulator)."""
    parts = httpx.URL(url)
    return parts.scheme == "https" or parts.host in ("127.0.0.1", "localhost", "::1")


def _seg(value: str) -> str:
    """One URL path segment: an id can never add path parts or a query."""
    return quote(str(value), safe="")


def _query(filters: Mapping[str, Any]) -> dict[str, str]:
    params = {}
    for key, value in filters.items():
        if value is None:
            continue
        params[key] = format_time(value) if isinstance(value, datetime) else str(value)
    return params
