"""Scopes and access levels over a real loopback socket (API-NOTES §2.3, seed 004 "Access
level"): 403 forbidden with the documented body, and the KDS reads a 403 as a permission
problem, not as an outage."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from kds.app.connection import SCOPE
from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import Forbidden
from kds.sim.oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from kds.sim.scopes import KDS_SCOPE, parse_scope
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.sync.retry import NETWORK, PERMISSION, classify, describe

OOB = "urn:ietf:wg:oauth:2.0:oob"
READER = "reader-token"


@pytest.fixture
def served():
    world = World(FakeClock(), rate_limits=False)
    world.add_connection(READER, "dashboard", grant=parse_scope("location[orders.read]"))
    server = serve_in_thread(world)
    try:
        yield world, server
    finally:
        server.stop()


def api(server, token: str) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, headers={"X-Access-Token": token})


def assert_forbidden(answer: httpx.Response) -> None:
    assert answer.status_code == 403, (answer.request.url, answer.status_code)
    body = answer.json()
    assert body["error_type"] == "forbidden" and body["message"]
    assert set(body) <= {"message", "errors", "error_type"}


def test_read_scope_can_read_orders_but_not_change_them_nor_the_location(served):
    world, server = served
    order = world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new"})
    with api(server, READER) as reader:
        listed = reader.get("/location/orders")
        one = reader.get(f"/location/orders/{order['id']}")
        location = reader.get("/location")
        refused = [reader.post("/location/orders", json={"status": "new"}),
                   reader.patch(f"/location/orders/{order['id']}", json={"status": "accepted"}),
                   reader.put(f"/location/orders/{order['id']}", json={"status": "accepted"}),
                   reader.patch("/location", json={"order_acceptance": {"mode": "paused"}})]
    assert [a.status_code for a in (listed, one, location)] == [200, 200, 200]
    for answer in refused:
        assert_forbidden(answer)
    assert len(world.orders) == 1 and world.orders[order["id"]]["status"] == "new"
    assert world.location["order_acceptance"] == {"mode": "normal"}


def test_account_needs_account_level_and_user_needs_profile(served):
    world, server = served
    world.add_connection("acct", "office", grant=parse_scope("account[orders.read]"))
    world.add_connection("prof", "office", grant=parse_scope("profile"))
    world.add_connection("mail", "office", grant=parse_scope("profile_with_email"))
    with api(server, DEMO_KDS_TOKEN) as kds, api(server, "acct") as acct, \
            api(server, "prof") as prof, api(server, "mail") as mail:
        assert_forbidden(kds.get("/account"))
        assert_forbidden(kds.get("/accounts/3r4s3"))
        assert_forbidden(kds.get("/user"))
        assert_forbidden(acct.get("/user"))
        assert_forbidden(prof.get("/location"))  # no access level at all
        account = acct.get("/account")
        user, user_with_email = prof.get("/user"), mail.get("/user")
    assert account.status_code == 200 and account.json()["id"] == "3r4s3"
    assert user.status_code == 200 and "email" not in user.json()
    assert user_with_email.json()["email"] == "tom.jones@dummy-mail.org"


def test_catalog_and_customer_list_need_their_read_permission(served):
    _, server = served
    with api(server, READER) as reader, api(server, DEMO_KDS_TOKEN) as kds:
        assert_forbidden(reader.get("/catalogs/psmlf"))
        assert_forbidden(reader.get("/customer_lists/xab66"))
        assert kds.get("/catalogs/psmlf").status_code == 200
        assert kds.get("/customer_lists/xab66").status_code == 200


@pytest.mark.parametrize("scope", ["location[orders.cook]", "location[pizzas.read]",
                                   "kitchen[orders.read]", "profile,admin", "",
                                   "location[orders.read],account[orders.read]"])
def test_unknown_scope_is_refused_at_authorize(served, scope):
    _, server = served
    page = httpx.get(server.oauth_url + "/authorize", params={
        "client_id": DEMO_CLIENT_ID, "redirect_uri": OOB, "scope": scope})
    assert page.status_code == 400
    assert "<code id='code'>" not in page.text


def test_token_gets_the_scope_approved_at_authorize(served):
    _, server = served
    with httpx.Client(base_url=server.oauth_url) as oauth:
        page = oauth.get("/authorize", params={"client_id": DEMO_CLIENT_ID, "redirect_uri": OOB,
                                               "scope": "location[orders.read], profile"})
        code = re.search(r"<code id='code'>([^<]+)</code>", page.text).group(1)
        token = oauth.post("/token", data={"code": code},
                           auth=(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)).json()["access_token"]
    with api(server, token) as client:
        assert client.get("/user").status_code == 200
        assert client.get("/location/orders").status_code == 200
        assert_forbidden(client.post("/location/orders", json={"status": "new"}))


def test_demo_tokens_have_the_scope_the_kds_asks_for(served):
    world, _ = served
    assert KDS_SCOPE == SCOPE
    assert world.connections[DEMO_KDS_TOKEN].grant == parse_scope(SCOPE)
    assert world.connections[DEMO_PLATFORM_TOKEN].grant == parse_scope(SCOPE)


def test_kds_reads_a_403_as_a_permission_problem_not_an_outage(served):
    _, server = served

    async def main() -> Forbidden:
        async with HubRiseClient(server.base_url, READER) as client:
            try:
                await client.update_order("nope", {"status": "accepted"})
            except Forbidden as exc:
                return exc
        raise AssertionError("no 403")

    refused = asyncio.run(main())
    kind, reason = describe(refused)
    assert kind == PERMISSION and kind != NETWORK
    assert "permission" in reason.lower() and "403" in reason
    assert classify(refused).verdict == "failed"  # not retried as if HubRise were down
