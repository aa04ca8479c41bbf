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
from kds.hubrise.answer import (
    DEFAULT_DEADLINE,
    MAX_BODY_BYTES,
    Answer,
    check_not_redirect,
    decode,
    decode_as,
    exchange,
    looks_like_web_page,
)
from kds.hubrise.arrival import read_order
from kds.hubrise.errors import EndlessPages, NetworkError, NotData, error_for
from kds.hubrise.models import (
    Account,
    Callback,
    Event,
    Location,
    NamedResource,
    User,
    parse_account,
    parse_callback,
    parse_event,
    parse_location,
    parse_named,
    parse_user,
)
from kds.hubrise.money import format_time
from kds.hubrise.order_model import Order
from kds.hubrise.ratelimit import RateLimiter, bound_retry_after
from kds.hubrise.reader import NotAnEvent, NotAnOrder
from kds.hubrise.urls import check_api_url

DEFAULT_BASE_URL = "https://api.hubrise.com/v1"
PAGE_SIZE = 100  # HubRise's maximum `count`
# 100 pages = 10,000 orders or events, as many requests as HubRise allows a connection per
# day: a list longer than that could not even be acknowledged today, so it is a server fault.
MAX_PAGES = 100
log = logging.getLogger(__name__)


class HubRiseClient:
    """Calls the HubRise API for one connection. Use as `async with HubRiseClient(...) as c:`."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, token: str = "", *,
                 transport: httpx.AsyncBaseTransport | None = None,
                 limiter: RateLimiter | None = None, clock: Clock | None = None,
                 timeout: float = 10.0, deadline: float = DEFAULT_DEADLINE,
                 max_body_bytes: int = MAX_BODY_BYTES, max_pages: int = MAX_PAGES) -> None:
        """`timeout` bounds each connect/read; `deadline` the whole request, last byte included."""
        # UnsafeUrl (a ValueError) before the token can go anywhere: see kds/hubrise/urls.py.
        self.base_url = check_api_url(base_url, in_process=is_in_process(transport))
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in token):
            # Fail now, clearly: httpx would refuse the header on every request instead.
            raise ValueError("the access token contains control characters")
        self._token = token
        self._deadline = deadline
        self._max_body_bytes = max_body_bytes
        self._max_pages = max_pages
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
    # Each order answer goes through read_order: cleaned and parsed once, ready for the store.

    async def get_order(self, order_id: str) -> Order:
        return read_order(await self._json("GET", f"location/orders/{_seg(order_id)}"))

    async def create_order(self, body: Mapping[str, Any]) -> Order:
        return read_order(await self._json("POST", "location/orders", body=body))

    async def update_order(self, order_id: str, body: Mapping[str, Any]) -> Order:
        return read_order(await self._json("PATCH", f"location/orders/{_seg(order_id)}",
                                           body=body))

    async def list_orders(self, **filters: Any) -> AsyncIterator[Order]:
        """All orders matching the filters (status, created_by, after, before, ...), page by page.

        HubRise counts this in its 10/minute high-load class. An element that is not an order
        at all is logged and skipped so one bad record cannot stop a catch-up.
        """
        params = _query(filters)
        async for raw in self._pages("location/orders", params, high_load=True):
            try:
                yield read_order(raw)
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
        for _ in range(self._max_pages):
            response = await self._request("GET", path, params=params, high_load=high_load)
            for element in decode_as(response, f"GET /{path}", list):
                yield element
            cursor = response.headers.get("X-Cursor-Next")
            if not cursor:
                return
            if cursor in seen:  # a server bug must not turn into an endless request loop
                raise EndlessPages(f"GET /{path}: HubRise sent the same page cursor twice; "
                                   "stopped", response.status_code)
            seen.add(cursor)
            params = {**params, "cursor": cursor}
        raise EndlessPages(f"GET /{path}: HubRise listed more than {self._max_pages} pages "
                           "(endless list?); stopped")

    async def _json(self, method: str, path: str, *, body: Mapping[str, Any] | None = None,
                    high_load: bool = False, allow_empty: bool = False) -> Any:
        """The JSON object HubRise answered; with `allow_empty` (an undocumented answer body)
        None for an empty body and any JSON value otherwise."""
        response = await self._request(method, path, body=body, high_load=high_load)
        if allow_empty:
            return decode(response, f"{method} /{path}") if response.content.strip() else None
        return decode_as(response, f"{method} /{path}", dict)

    async def _request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                       body: Mapping[str, Any] | None = None,
                       high_load: bool = False) -> Answer:
        """One call; returns only a 2xx answer, every other status raises."""
        if self._limiter is not None:
            # Waiting for the rate limiter is not part of the deadline: that wait is on purpose.
            await self._limiter.acquire(high_load=high_load)
        what = f"{method} /{path}"
        try:
            request = self._http.build_request(method, path, params=params,
                                               json=None if body is None else dict(body))
        except (httpx.HTTPError, httpx.InvalidURL) as exc:  # a value httpx cannot put in a URL
            raise NetworkError(f"{what}: {type(exc).__name__}") from exc
        response = await exchange(self._http, request, what, deadline=self._deadline,
                                  max_bytes=self._max_body_bytes)
        log.debug("%s -> %s", what, response.status_code)
        if response.status_code >= 400:
            raise self._error(response, what)
        check_not_redirect(response, what)  # e.g. a 302 on delete_event is no acknowledgement
        return response

    def _error(self, response: Answer, what: str) -> Exception:
        status = response.status_code
        try:
            body = response.json()
        except (ValueError, RecursionError):
            body = None
        if body is None and status != 429 and status < 500 and looks_like_web_page(response):
            # HubRise's errors are JSON: a page (captive portal, proxy login) is not HubRise
            # saying the token is revoked or the order unknown. Retry later.
            return NotData(f"{what}: HTTP {status} with a web page, not a HubRise error "
                           "(captive portal or proxy?)", status)
        if body is None and status not in (401, 403, 404, 429) and status < 500:
            # An error page that is not HubRise's JSON (proxy, captive portal): retry later.
            return NetworkError(f"{what}: HTTP {status} without a HubRise error body", status)
        if status == 429:
            now = self._clock.now()
            retry_after = bound_retry_after(
                parse_retry_after(response.headers.get("Retry-After"), now), now.timestamp())
            if self._limiter is not None:
                self._limiter.note_429(retry_after)
            return error_for(status, body, retry_after)
        return error_for(status, body)


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


def is_in_process(transport: httpx.AsyncBaseTransport | None) -> bool:
    """A transport that never leaves the process (tests): nothing travels in clear."""
    return isinstance(transport, (httpx.MockTransport, httpx.ASGITransport))


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
