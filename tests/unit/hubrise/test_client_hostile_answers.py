"""What is not HubRise data (a captive portal page, invalid JSON, JSON of the wrong shape) is a
clear, retryable NetworkError saying so in words: never a crash, never read as data."""

import asyncio

import httpx
import pytest

from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NetworkError, Unauthorized

PORTAL = "<!DOCTYPE html><html><body>Sign in to Hotel Wi-Fi</body></html>"


def call(handler, method, *args):
    async def main():
        async with HubRiseClient("https://api.test/v1", "tok",
                                 transport=httpx.MockTransport(handler)) as client:
            result = getattr(client, method)(*args)
            if hasattr(result, "__aiter__"):
                return [x async for x in result]
            return await result
    return asyncio.run(main())


def reply(status, content, content_type="application/json"):
    def handler(request):
        return httpx.Response(status, content=content, headers={"Content-Type": content_type})
    return handler


def failure(handler, method, *args) -> NetworkError:
    with pytest.raises(NetworkError) as info:
        call(handler, method, *args)
    err = info.value
    assert err.retryable
    assert "\n" not in str(err)
    return err


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/json"])
def test_a_captive_portal_page_is_named_as_a_web_page(content_type):
    err = failure(reply(200, PORTAL.encode(), content_type), "get_location")
    assert "web page, not data (captive portal or proxy?)" in str(err)
    assert "GET /location" in str(err)


def test_invalid_json_is_named_as_such():
    err = failure(reply(200, b'{"id": "L1", "name": '), "get_order", "o1")
    assert "not valid JSON" in str(err) and "GET /location/orders/o1" in str(err)


def test_an_empty_body_where_data_is_due_is_named_as_such():
    err = failure(reply(200, b"  "), "get_location")
    assert "empty body" in str(err)


@pytest.mark.parametrize("method,args,body,kind", [
    ("get_location", (), b"[]", "list"),
    ("get_order", ("o1",), b"[]", "list"),
    ("get_event", ("e1",), b"42", "number"),
    ("get_callback", (), b'"ok"', "string"),
    ("get_account", (), b"null", "null"),
    ("update_order", ("o1", {"status": "accepted"}), b"true", "boolean"),
])
def test_json_of_the_wrong_shape_for_a_resource_is_a_clear_error(method, args, body, kind):
    err = failure(reply(200, body), method, *args)
    assert f"a JSON {kind} where an object was expected" in str(err)


@pytest.mark.parametrize("method", ["list_orders", "list_events"])
def test_an_object_where_a_list_is_due_is_a_clear_error(method):
    err = failure(reply(200, b'{"orders": []}'), method)
    assert "a JSON object where a list was expected" in str(err)


def test_absurdly_deep_json_is_refused_not_a_crash():
    err = failure(reply(200, b"[" * 200_000), "get_location")
    assert "not valid JSON" in str(err)


def test_a_number_with_thousands_of_digits_is_refused_not_a_crash():
    err = failure(reply(200, b'{"id": ' + b"9" * 5000 + b"}"), "get_location")
    assert "not valid JSON" in str(err)


@pytest.mark.parametrize("status", [401, 403, 404, 400])
def test_a_web_page_on_a_client_error_is_not_taken_for_hubrise_s_verdict(status):
    # A portal answering 401 must not make the kitchen think the connection was revoked.
    err = failure(reply(status, PORTAL.encode(), "text/html"), "get_location")
    assert type(err) is not Unauthorized
    assert "web page" in str(err) and err.status == status


def test_a_hubrise_401_with_its_json_body_is_still_unauthorized():
    with pytest.raises(Unauthorized):
        call(reply(401, b'{"error_type": "unauthorized", "message": "Invalid token"}'),
             "get_location")
