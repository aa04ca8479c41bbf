"""The simulator's OAuth endpoints (issue 6, API-NOTES §2): authorize, token, revoke."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kds.clock import FakeClock
from kds.sim.oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from kds.sim.testing import asgi_client, run_sync
from kds.sim.world import World

OOB = "urn:ietf:wg:oauth:2.0:oob"
SCOPE = "location[orders.write,customer_list.read,catalog.read]"
CREDENTIALS = httpx.BasicAuth(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)


@pytest.fixture
def world() -> World:
    return World(FakeClock())


async def authorize(client: httpx.AsyncClient, device_id: str = "screen-1") -> str:
    response = await client.get("/oauth2/v1/authorize", params={
        "redirect_uri": OOB, "client_id": DEMO_CLIENT_ID, "scope": SCOPE,
        "state": "s1", "device_id": device_id})
    assert response.status_code == 200
    match = re.search(r"<code id='code'>([^<]+)</code>", response.text)
    assert match
    return match.group(1)


async def exchange(client: httpx.AsyncClient, code: str,
                   auth: httpx.BasicAuth = CREDENTIALS) -> httpx.Response:
    return await client.post("/oauth2/v1/token", data={"code": code}, auth=auth)


@run_sync
async def test_out_of_band_code_is_exchanged_for_a_working_token(world):
    async with asgi_client(world) as client:
        code = await authorize(client)
        response = await exchange(client, code)
        grant = response.json()
        location = await client.get("/v1/location",
                                    headers={"X-Access-Token": grant["access_token"]})
    assert response.status_code == 200
    assert {k: v for k, v in grant.items() if k != "access_token"} == {
        "token_type": "Bearer", "account_id": "3r4s3", "location_id": "3r4s3-1",
        "catalog_id": "psmlf", "customer_list_id": "xab66", "account_name": "Bella Pizza",
        "location_name": "Paris", "catalog_name": "Bella Pizza",
        "customer_list_name": "Bella Pizza"}
    assert location.status_code == 200


@run_sync
async def test_redirect_uri_gets_code_and_state(world):
    async with asgi_client(world) as client:
        response = await client.get("/oauth2/v1/authorize", params={
            "redirect_uri": "http://127.0.0.1:9999/done?x=1", "client_id": DEMO_CLIENT_ID,
            "scope": SCOPE, "state": "abc&<>"})
        assert response.status_code == 302
        target = urlsplit(response.headers["location"])
        query = parse_qs(target.query)
        assert (target.netloc, target.path) == ("127.0.0.1:9999", "/done")
        assert query["state"] == ["abc&<>"] and query["x"] == ["1"]
        assert (await exchange(client, query["code"][0])).status_code == 200


@run_sync
async def test_code_page_escapes_everything(world, monkeypatch):
    monkeypatch.setattr("kds.sim.oauth.secrets.token_urlsafe", lambda n: "<b>x</b>&")
    async with asgi_client(world) as client:
        response = await client.get("/oauth2/v1/authorize", params={
            "redirect_uri": OOB, "client_id": DEMO_CLIENT_ID, "scope": SCOPE})
    assert "<b>x</b>" not in response.text
    assert "&lt;b&gt;x&lt;/b&gt;&amp;" in response.text


@run_sync
async def test_codes_are_single_use(world):
    async with asgi_client(world) as client:
        code = await authorize(client)
        assert (await exchange(client, code)).status_code == 200
        reused = await exchange(client, code)
        bogus = await exchange(client, "not-a-code")
    assert reused.status_code == 400 and bogus.status_code == 400
    assert "already used" in reused.json()["message"]


@run_sync
async def test_codes_expire_after_ten_minutes_on_the_world_clock(world):
    async with asgi_client(world) as client:
        fresh, stale = await authorize(client), await authorize(client)
        world.clock.advance(600)  # type: ignore[attr-defined]
        assert (await exchange(client, fresh)).status_code == 200
        world.clock.advance(1)  # type: ignore[attr-defined]
        response = await exchange(client, stale)
    assert response.status_code == 400 and "expired" in response.json()["message"]


@run_sync
async def test_bad_client_credentials_get_401(world):
    async with asgi_client(world) as client:
        code = await authorize(client)
        wrong = await exchange(client, code, httpx.BasicAuth(DEMO_CLIENT_ID, "guess"))
        unknown = await exchange(client, code, httpx.BasicAuth("someone", DEMO_CLIENT_SECRET))
        assert (await exchange(client, code)).status_code == 200  # the code was not burnt
    assert wrong.status_code == 401 and unknown.status_code == 401


@run_sync
async def test_same_device_gets_the_same_token_and_another_device_a_new_one(world):
    async with asgi_client(world) as client:
        first = (await exchange(client, await authorize(client, "screen-1"))).json()
        again = (await exchange(client, await authorize(client, "screen-1"))).json()
        other = (await exchange(client, await authorize(client, "screen-2"))).json()
    assert first["access_token"] == again["access_token"] != other["access_token"]
    assert world.connections[other["access_token"]].device_id == "screen-2"
    assert world.connections[first["access_token"]].client_name == "kds"


@run_sync
async def test_revoked_token_gets_401(world):
    async with asgi_client(world) as client:
        token = (await exchange(client, await authorize(client))).json()["access_token"]
        refused = await client.post("/oauth2/v1/revoke", data={"token": token},
                                    auth=httpx.BasicAuth(DEMO_CLIENT_ID, "guess"))
        assert refused.status_code == 401
        revoked = await client.post("/oauth2/v1/revoke", data={"token": token}, auth=CREDENTIALS)
        after = await client.get("/v1/location", headers={"X-Access-Token": token})
        fresh = (await exchange(client, await authorize(client))).json()["access_token"]
    assert revoked.status_code == 200
    assert after.status_code == 401 and after.json()["error_type"] == "unauthorized"
    assert fresh != token


@run_sync
async def test_configured_client_is_accepted(world):
    world.oauth.add_client("my-id", "my-secret")
    async with asgi_client(world) as client:
        response = await client.get("/oauth2/v1/authorize", params={
            "redirect_uri": OOB, "client_id": "my-id", "scope": SCOPE})
        code = re.search(r"<code id='code'>([^<]+)</code>", response.text).group(1)
        grant = await exchange(client, code, httpx.BasicAuth("my-id", "my-secret"))
    assert grant.status_code == 200


@run_sync
async def test_unknown_client_cannot_authorize(world):
    async with asgi_client(world) as client:
        response = await client.get("/oauth2/v1/authorize", params={
            "redirect_uri": OOB, "client_id": "nobody", "scope": SCOPE})
    assert response.status_code == 400
