"""Refusing the consent at authorize time (RFC 6749 §4.1.2.1, API-NOTES §2.2: the redirect gets
`error=access_denied`), over a real loopback socket, and the KDS's reaction to it."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kds.app.connection import ConnectError, ConnectionService
from kds.clock import FakeClock
from kds.hubrise.oauth import OAuthClient, oauth_error_in
from kds.platform.secrets import open_secret_store
from kds.sim.oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from kds.sim.server import serve_in_thread
from kds.sim.world import World

SCOPE = "location[orders.write]"


@pytest.fixture
def served():
    world = World(FakeClock(), rate_limits=False)
    server = serve_in_thread(world)
    try:
        yield world, server
    finally:
        server.stop()


def test_denied_consent_redirects_with_access_denied_and_the_state(served):
    world, server = served
    before = set(world.connections)
    answer = httpx.get(server.oauth_url + "/authorize", params={
        "client_id": DEMO_CLIENT_ID, "redirect_uri": "http://127.0.0.1:9/back",
        "scope": SCOPE, "state": "st4te", "deny": "1"})
    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    assert (location.netloc, location.path) == ("127.0.0.1:9", "/back")
    assert parse_qs(location.query) == {"error": ["access_denied"], "state": ["st4te"]}
    assert set(world.connections) == before


def test_denied_consent_out_of_band_shows_the_error_and_no_code(served):
    world, server = served
    page = httpx.get(server.oauth_url + "/authorize", params={
        "client_id": DEMO_CLIENT_ID, "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
        "scope": SCOPE, "deny": "1"})
    assert page.status_code == 200
    assert "<code id='code'>" not in page.text
    assert re.search(r"<code id='error'>error=access_denied</code>", page.text)
    assert world.oauth._codes == {}  # a denied consent issues no code


@pytest.mark.parametrize("pasted", ["error=access_denied", " access_denied ",
                                    "http://127.0.0.1:9/back?error=access_denied&state=x"])
def test_kds_says_the_connection_was_refused_and_never_calls_the_token_endpoint(
        served, tmp_path, pasted):
    world, server = served
    service = ConnectionService(
        api_url=server.base_url, data_dir=tmp_path, secrets=open_secret_store(tmp_path),
        oauth=OAuthClient(server.oauth_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET))
    page = httpx.get(service.authorize_url() + "&deny=1")
    assert "error=access_denied" in page.text

    with pytest.raises(ConnectError) as refused:
        asyncio.run(service.connect_with_code(pasted))
    assert "refused" in str(refused.value) and "approve" in str(refused.value)
    assert service.stored_token() is None
    assert not [r for r in world.request_log if r.path.endswith("/token")]


def test_a_code_is_not_mistaken_for_an_error():
    assert oauth_error_in("Zx0_-a9" * 4) is None
    assert oauth_error_in("http://x/back?code=abc&state=s") is None
    assert oauth_error_in("error=invalid_scope") == "invalid_scope"
