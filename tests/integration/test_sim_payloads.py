"""Payload shapes as the docs give them, over a real loopback socket: `customer` absent on an
order without one (seed 001 §1.2), `hide_data` on GET /catalogs/:id; the KDS reads both shapes."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.order_model import parse_order
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

ITEM = {"product_name": "Margherita", "price": "9.00 EUR", "quantity": "1"}


@pytest.fixture
def served():
    world = World(FakeClock(), rate_limits=False)
    server = serve_in_thread(world)
    try:
        with httpx.Client(base_url=server.base_url,
                          headers={"X-Access-Token": DEMO_KDS_TOKEN}) as kds, \
                httpx.Client(base_url=server.base_url,
                             headers={"X-Access-Token": DEMO_PLATFORM_TOKEN}) as platform:
            yield world, server, kds, platform
    finally:
        server.stop()


def test_order_without_a_customer_has_no_customer_field_anywhere(served):
    _, _, kds, platform = served
    kds.post("/callback", json={"url": None, "events": {"order": ["create"]}})
    created = platform.post("/location/orders", json={"status": "new", "items": [ITEM]}).json()
    guest = platform.post("/location/orders", json={
        "status": "new", "items": [ITEM], "customer": {"first_name": "Ann"}}).json()
    read = kds.get(f"/location/orders/{created['id']}").json()
    listed = {o["id"]: o for o in kds.get("/location/orders").json()}
    first_event = kds.get("/callback/events").json()[0]
    new_state = kds.get(f"/callback/events/{first_event['id']}").json()["new_state"]
    for payload in (created, read, listed[created["id"]], new_state):
        assert "customer" not in payload, payload
    assert listed[guest["id"]]["customer"]["first_name"] == "Ann"
    assert kds.get("/location/orders", params={"customer_id": "ve343"}).json() == []


@pytest.mark.parametrize("shape", ["absent", "null"])
def test_kds_reads_an_order_with_customer_absent_or_null(served, shape):
    _, server, _, platform = served
    created = platform.post("/location/orders", json={"status": "new", "items": [ITEM]}).json()
    payload = dict(created)
    if shape == "null":
        payload["customer"] = None
    order = parse_order(payload)
    assert order.customer is None and order.problems == ()

    async def over_the_wire():
        async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN) as client:
            return await client.get_order(created["id"])

    seen = asyncio.run(over_the_wire())
    assert seen.customer is None and seen.problems == ()


def test_hide_data_returns_the_catalog_without_its_data(served):
    _, _, kds, _ = served
    full = kds.get("/catalogs/psmlf").json()
    for value in ("true", "1", ""):
        hidden = kds.get(f"/catalogs/psmlf?hide_data={value}")
        assert hidden.status_code == 200
        assert "data" not in hidden.json()
        assert hidden.json() == {k: v for k, v in full.items() if k != "data"}
    assert "data" in full
