"""HubRiseClient over a mock transport: headers, error mapping, pagination, token hygiene."""

import asyncio
import json
import logging
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient, parse_retry_after
from kds.hubrise.errors import (
    Forbidden,
    HubRiseError,
    NetworkError,
    NotFound,
    RateLimited,
    ServerError,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
)
from kds.hubrise.oauth import OAuthClient
from kds.hubrise.ratelimit import RateLimiter

TOKEN = "s3cr3t-token-value"
NOW = datetime(2026, 11, 24, 11, 0, 30, tzinfo=UTC)


def client_for(handler, **kwargs):
    return HubRiseClient("https://api.test/v1", TOKEN, transport=httpx.MockTransport(handler),
                         **kwargs)


def call(handler, method, *args, **kwargs):
    async def main():
        async with client_for(handler, **kwargs) as client:
            result = getattr(client, method)(*args)
            if hasattr(result, "__aiter__"):
                return [x async for x in result]
            return await result
    return asyncio.run(main())


def answer(status, body=None, headers=None, text=None):
    def handler(request):
        if text is not None:
            return httpx.Response(status, text=text, headers=headers)
        return httpx.Response(status, json=body, headers=headers)
    return handler


def test_every_request_carries_the_access_token_header():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"id": "3r4s3-1", "timezone": {"name": "Europe/Paris"}})

    location = call(handler, "get_location")
    assert location.id == "3r4s3-1"
    assert seen[0].headers["X-Access-Token"] == TOKEN
    assert seen[0].url == "https://api.test/v1/location"


def test_token_never_appears_in_repr_errors_or_logs(caplog):
    caplog.set_level(logging.DEBUG)
    client = client_for(answer(401, {"error_type": "unauthorized"}))
    assert TOKEN not in repr(client)
    with pytest.raises(Unauthorized) as info:
        call(answer(401, {"error_type": "unauthorized"}), "get_location")
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
    assert TOKEN not in caplog.text
    asyncio.run(client.aclose())


def test_422_carries_error_type_message_and_field_errors():
    body = {"message": "Validation failed", "error_type": "unprocessable_entity",
            "errors": [{"field": "price", "message": "'abc' is not a valid monetary amount"}]}
    with pytest.raises(Unprocessable) as info:
        call(answer(422, body), "create_order", {"status": "new"})
    err = info.value
    assert (err.status, err.error_type, err.message) == (422, "unprocessable_entity",
                                                         "Validation failed")
    assert err.errors == [{"field": "price", "message": "'abc' is not a valid monetary amount"}]
    assert err.retryable is False
    assert "price" in str(err)


@pytest.mark.parametrize("status,error_type,cls,retryable", [
    (401, "unauthorized", Unauthorized, False),
    (403, "forbidden", Forbidden, False),
    (404, "routing_error", NotFound, False),
    (415, "unsupported_media_type", UnsupportedMediaType, False),
    (500, "internal_error", ServerError, True),
    (400, None, HubRiseError, False),
])
def test_error_statuses_map_to_their_exception(status, error_type, cls, retryable):
    with pytest.raises(cls) as info:
        call(answer(status, {"error_type": error_type}), "get_order", "5dpm9")
    assert type(info.value) is cls
    assert info.value.status == status and info.value.error_type == error_type
    assert info.value.retryable is retryable


def test_gateway_error_page_is_a_retryable_server_error():
    with pytest.raises(ServerError) as info:
        call(answer(502, text="<html>Bad gateway</html>"), "get_location")
    assert info.value.retryable


def test_non_json_success_body_is_a_retryable_network_error():
    with pytest.raises(NetworkError) as info:
        call(answer(200, text="<html>Sign in to the hotel wifi</html>"), "get_location")
    assert info.value.retryable and info.value.status == 200


def test_non_json_client_error_is_a_retryable_network_error():
    with pytest.raises(NetworkError):
        call(answer(400, text="Bad request from proxy"), "get_location")


def test_connection_failure_and_timeout_are_network_errors():
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    for handler in (refuse, slow):
        with pytest.raises(NetworkError) as info:
            call(handler, "get_location")
        assert info.value.retryable


def test_429_reports_retry_after_and_holds_the_limiter():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)
    with pytest.raises(RateLimited) as info:
        call(answer(429, {"error_type": "too_many_requests"}, {"Retry-After": "12"}),
             "get_location", limiter=limiter, clock=clock)
    assert info.value.retry_after == 12.0 and info.value.retryable
    assert limiter.blocked_for() == 12.0


def test_429_without_retry_after_holds_until_the_next_minute():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)
    with pytest.raises(RateLimited) as info:
        call(answer(429, {"error_type": "too_many_requests"}), "get_location",
             limiter=limiter, clock=clock)
    assert info.value.retry_after is None
    assert limiter.blocked_for() == 30.0


def test_retry_after_accepts_http_dates_and_rejects_garbage():
    assert parse_retry_after("Tue, 24 Nov 2026 11:01:00 GMT", NOW) == 30.0
    assert parse_retry_after("Tue, 24 Nov 2026 10:00:00 GMT", NOW) == 0.0
    assert parse_retry_after("1.5", NOW) == 1.5
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("nan", NOW) is None
    assert parse_retry_after(None, NOW) is None


def paged_orders(total, seen):
    """A fake orders index: `total` orders, pages of `count`, cursor = next offset."""
    def handler(request):
        seen.append(request)
        count = int(request.url.params.get("count", "100"))
        start = int(request.url.params.get("cursor", "0"))
        end = min(total, start + count)
        page = [{"id": f"o{i}", "status": "new"} for i in range(start, end)]
        headers = {"X-Cursor-Next": str(end)} if end < total else {}
        return httpx.Response(200, json=page, headers=headers)
    return handler


def test_list_orders_follows_x_cursor_next_to_the_last_page():
    seen = []
    orders = call(paged_orders(250, seen), "list_orders")
    assert [o.id for o in orders] == [f"o{i}" for i in range(250)]
    assert [r.url.params.get("cursor") for r in seen] == [None, "100", "200"]
    assert all(r.url.params["count"] == "100" for r in seen)


def test_list_orders_passes_filters_and_times_with_offsets():
    seen = []

    async def main():
        async with client_for(paged_orders(3, seen)) as client:
            after = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
            return [o async for o in client.list_orders(status="new", after=after, count=2)]

    assert len(asyncio.run(main())) == 3
    assert seen[0].url.params["status"] == "new"
    assert seen[0].url.params["after"] == "2026-11-24T00:00:00+00:00"
    assert seen[0].url.params["count"] == "2"


def test_list_orders_is_counted_as_high_load():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)
    seen = []
    orders = call(paged_orders(1100, seen), "list_orders", limiter=limiter, clock=clock)
    assert len(orders) == 1100 and len(seen) == 11
    assert clock.now() == datetime(2026, 11, 24, 11, 1, tzinfo=UTC)  # 11th page waited
    assert limiter.remaining()["high_load"] == 9


def test_events_are_listed_across_pages_without_the_high_load_class():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)
    pages = {None: ([{"id": f"e{i}", "resource_type": "order", "event_type": "create",
                      "order_id": f"o{i}"} for i in range(100)], "c2"),
             "c2": ([{"id": "e100", "resource_type": "order", "event_type": "update",
                      "order_id": "o1"}], None)}

    def handler(request):
        body, nxt = pages[request.url.params.get("cursor")]
        return httpx.Response(200, json=body, headers={"X-Cursor-Next": nxt} if nxt else {})

    events = call(handler, "list_events", limiter=limiter, clock=clock)
    assert [e.id for e in events][-2:] == ["e99", "e100"]
    assert limiter.remaining()["high_load"] == 10 and limiter.remaining()["minute"] == 498


def test_a_repeating_cursor_stops_with_an_error_instead_of_looping():
    def handler(request):
        return httpx.Response(200, json=[{"id": "o", "status": "new"}],
                              headers={"X-Cursor-Next": "same"})
    with pytest.raises(NetworkError, match="cursor"):
        call(handler, "list_orders")


def test_ids_cannot_escape_their_path_segment():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"id": "x", "status": "new"})

    call(handler, "get_order", "../../callback?x=1")
    assert seen[0].url.raw_path == b"/v1/location/orders/..%2F..%2Fcallback%3Fx%3D1"


def test_update_order_sends_a_patch_with_the_json_body():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"id": "5dpm9", "status": "accepted"})

    order = call(handler, "update_order", "5dpm9", {"status": "accepted"})
    assert order.status == "accepted"
    assert seen[0].method == "PATCH"
    assert json.loads(seen[0].content) == {"status": "accepted"}
    assert seen[0].headers["content-type"] == "application/json"


def test_set_callback_makes_a_passive_callback_even_if_the_answer_is_empty():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, content=b"")

    cb = call(handler, "set_callback", {"order": ["create", "update"]})
    assert json.loads(seen[0].content) == {"url": None, "events": {"order": ["create", "update"]}}
    assert cb.url is None and cb.events == {"order": ["create", "update"]}


# ---------------------------------------------------------------- OAuth

SECRET = "client-s3cret"


def oauth_for(handler):
    return OAuthClient("https://manager.test/oauth2/v1", "459691768564.clients.hubrise.com",
                       SECRET, transport=httpx.MockTransport(handler))


def test_authorize_url_asks_for_scope_state_device_and_oob_redirect():
    url = oauth_for(answer(200, {})).authorize_url("location[orders.write]", "st4te", "screen-2")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == \
        "https://manager.test/oauth2/v1/authorize"
    assert parse_qs(parts.query) == {
        "redirect_uri": ["urn:ietf:wg:oauth:2.0:oob"],
        "client_id": ["459691768564.clients.hubrise.com"],
        "scope": ["location[orders.write]"], "state": ["st4te"], "device_id": ["screen-2"]}


def test_code_exchange_uses_basic_auth_and_returns_the_grant():
    seen = []
    grant_body = {"access_token": "b9922a78d3ffab6b95e9d72e88", "token_type": "Bearer",
                  "account_id": "3r4s3", "location_id": "3r4s3-1", "catalog_id": "psmlf",
                  "customer_list_id": "xab66", "account_name": "Bella Pizza",
                  "location_name": "Paris", "catalog_name": "Bella Pizza",
                  "customer_list_name": "Bella Pizza"}

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=grant_body)

    grant = asyncio.run(oauth_for(handler).exchange_code(" abc123 \n"))
    request = seen[0]
    assert request.method == "POST" and request.url.path == "/oauth2/v1/token"
    expected = httpx.BasicAuth("459691768564.clients.hubrise.com", SECRET)
    assert request.headers["Authorization"] == next(expected.auth_flow(request)).headers[
        "Authorization"]
    assert parse_qs(request.content.decode()) == {"code": ["abc123"]}
    assert grant.access_token == "b9922a78d3ffab6b95e9d72e88"
    assert (grant.location_id, grant.location_name, grant.customer_list_name) == (
        "3r4s3-1", "Paris", "Bella Pizza")
    assert "b9922a78" not in repr(grant) and "access_token" not in grant.raw
    assert SECRET not in repr(oauth_for(handler))


def test_expired_code_raises_with_the_status():
    with pytest.raises(HubRiseError) as info:
        asyncio.run(oauth_for(answer(400, {"error": "invalid_grant"})).exchange_code("old"))
    assert info.value.status == 400


def test_revoke_posts_the_token_as_a_form_field():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200)

    asyncio.run(oauth_for(handler).revoke("tok-1"))
    assert seen[0].url.path == "/oauth2/v1/revoke"
    assert parse_qs(seen[0].content.decode()) == {"token": ["tok-1"]}
    assert seen[0].headers["Authorization"].startswith("Basic ")


def test_a_listed_element_that_is_not_an_order_or_event_is_skipped(caplog):
    def handler(request):
        if request.url.path.endswith("/events"):
            return httpx.Response(200, json=["junk", {"id": "e1", "resource_type": "order"}])
        return httpx.Response(200, json=[{"status": "new"}, {"id": "o1", "status": "new"}])

    assert [o.id for o in call(handler, "list_orders")] == ["o1"]
    assert [e.id for e in call(handler, "list_events")] == ["e1"]
    assert caplog.text.count("skipped a listed") == 2
