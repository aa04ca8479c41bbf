"""POST /oauth2/v1/token over a real loopback socket, in every documented form (API-NOTES §2.4):
HTTP Basic + form, credentials in a form body, credentials in a JSON body (HubRise's Ruby SDK)."""

from __future__ import annotations

import re

import httpx
import pytest

from kds.clock import FakeClock
from kds.sim.oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from kds.sim.server import serve_in_thread
from kds.sim.world import World

OOB = "urn:ietf:wg:oauth:2.0:oob"
SCOPE = "location[orders.write,customer_list.read,catalog.read]"
BASIC = httpx.BasicAuth(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
BODY_CREDENTIALS = {"client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET}


@pytest.fixture
def oauth():
    world = World(FakeClock())
    server = serve_in_thread(world)
    try:
        with httpx.Client(base_url=server.oauth_url) as client:
            yield world, client, server
    finally:
        server.stop()


def new_code(client: httpx.Client) -> str:
    page = client.get("/authorize", params={"redirect_uri": OOB, "client_id": DEMO_CLIENT_ID,
                                            "scope": SCOPE})
    match = re.search(r"<code id='code'>([^<]+)</code>", page.text)
    assert page.status_code == 200 and match
    return match.group(1)


def send(client: httpx.Client, style: str, code: str) -> httpx.Response:
    if style == "basic+form":
        return client.post("/token", data={"code": code}, auth=BASIC)
    if style == "form":
        return client.post("/token", data={**BODY_CREDENTIALS, "code": code})
    if style == "basic+json":
        return client.post("/token", json={"code": code}, auth=BASIC)
    assert style == "json"
    return client.post("/token", json={**BODY_CREDENTIALS, "code": code})


STYLES = ["basic+form", "form", "basic+json", "json"]


@pytest.mark.parametrize("style", STYLES)
def test_every_documented_body_form_gets_a_working_token(oauth, style):
    world, client, server = oauth
    answer = send(client, style, new_code(client))
    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    assert token in world.connections
    location = httpx.get(server.base_url + "/location", headers={"X-Access-Token": token})
    assert location.status_code == 200


@pytest.mark.parametrize("style", STYLES)
def test_bad_or_reused_code_is_a_400_whatever_the_body_form(oauth, style):
    _, client, _ = oauth
    code = new_code(client)
    assert send(client, style, code).status_code == 200
    reused = send(client, style, code)
    wrong = send(client, style, "not-a-code")
    for answer in (reused, wrong):
        assert answer.status_code == 400, (style, answer.status_code, answer.text)
        assert answer.json()["error_type"] == "invalid_grant"


def test_wrong_secret_in_a_json_body_is_still_a_401(oauth):
    _, client, _ = oauth
    answer = client.post("/token", json={**BODY_CREDENTIALS, "client_secret": "guess",
                                         "code": new_code(client)})
    assert answer.status_code == 401 and answer.json()["error_type"] == "unauthorized"


def test_malformed_json_body_is_a_400_invalid_request(oauth):
    _, client, _ = oauth
    answer = client.post("/token", content=b"{nope", auth=BASIC,
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error_type"] == "invalid_request"
