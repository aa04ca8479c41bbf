"""Only HubRise's documented success is success: a redirect is never followed and never read
as data (a 302 on "delete event" is not an acknowledgement), an error status never as data."""

import asyncio

import httpx
import pytest

from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NetworkError, NotFound, ServerError
from kds.hubrise.oauth import OAuthClient

ORDER = {"id": "o1", "status": "new"}
EVIL = "https://evil.example/steal?token=s3cr3t"


def call(handler, method, *args):
    async def main():
        async with HubRiseClient("https://api.test/v1", "tok",
                                 transport=httpx.MockTransport(handler)) as client:
            return await getattr(client, method)(*args)
    return asyncio.run(main())


def redirect(status, seen, body=None):
    def handler(request):
        seen.append(request)
        return httpx.Response(status, json=body, headers={"Location": EVIL})
    return handler


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_on_delete_event_is_not_an_acknowledgement(status):
    seen = []
    with pytest.raises(NetworkError) as info:
        call(redirect(status, seen), "delete_event", "e1")
    assert info.value.retryable and info.value.status == status
    assert len(seen) == 1  # not followed
    assert "redirect to evil.example" in str(info.value)
    assert "s3cr3t" not in str(info.value) and "steal" not in str(info.value)


def test_a_redirect_with_an_order_body_is_not_read_as_the_order():
    seen = []
    with pytest.raises(NetworkError, match="not followed"):
        call(redirect(302, seen, ORDER), "get_order", "o1")
    assert [r.url.host for r in seen] == ["api.test"]


@pytest.mark.parametrize("method,args", [("update_order", ("o1", {"status": "accepted"})),
                                         ("delete_callback", ()), ("get_location", ())])
def test_a_not_modified_or_other_3xx_is_a_failure(method, args):
    seen = []
    with pytest.raises(NetworkError):
        call(redirect(304, seen, ORDER), method, *args)


@pytest.mark.parametrize("status,cls", [(404, NotFound), (500, ServerError)])
def test_an_error_status_with_a_data_body_is_an_error_not_data(status, cls):
    def handler(request):
        return httpx.Response(status, json=ORDER)
    with pytest.raises(cls):
        call(handler, "get_order", "o1")


def oauth(handler):
    return OAuthClient("https://manager.test/oauth2/v1", "cid", "csecret",
                       transport=httpx.MockTransport(handler))


def test_a_redirected_code_exchange_grants_no_token_even_with_a_token_body():
    seen = []
    handler = redirect(302, seen, {"access_token": "from-a-redirect", "location_id": "x"})
    with pytest.raises(NetworkError, match="redirect"):
        asyncio.run(oauth(handler).exchange_code("code"))
    assert len(seen) == 1


def test_a_redirected_revoke_is_not_a_revoke():
    seen = []
    with pytest.raises(NetworkError, match="redirect"):
        asyncio.run(oauth(redirect(302, seen)).revoke("tok"))
    assert len(seen) == 1
