"""Cross-cutting HTTP behaviour of the simulator: auth, routing, content types, directory calls."""

from __future__ import annotations

import pytest

from kds.clock import FakeClock
from kds.sim.scopes import parse_scope
from kds.sim.testing import asgi_client, run_sync
from kds.sim.world import DEMO_KDS_TOKEN, World


@pytest.fixture
def world() -> World:
    return World(FakeClock())


@run_sync
async def test_missing_or_unknown_token_gets_401_unauthorized(world):
    async with asgi_client(world) as anonymous, asgi_client(world, "stolen") as stranger:
        for client in (anonymous, stranger):
            response = await client.get("/v1/location")
            assert response.status_code == 401
            assert response.json()["error_type"] == "unauthorized"
            assert response.json()["message"]


@run_sync
async def test_unknown_route_gets_404_routing_error(world):
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        for response in (await client.get("/v1/pizzas"), await client.delete("/v1/location")):
            assert response.status_code == 404
            assert response.json()["error_type"] == "routing_error"


@run_sync
async def test_body_that_is_not_json_gets_415(world):
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        response = await client.post("/v1/location/orders", content="status=new",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    assert response.json()["error_type"] == "unsupported_media_type"
    assert world.orders == {}


@run_sync
async def test_json_with_charset_is_accepted(world):
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        response = await client.post("/v1/location/orders", content=b'{"status": "new"}',
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 200


@run_sync
async def test_connection_screen_names_and_ids(world):
    world.add_connection("office", "back-office",
                         grant=parse_scope("account[catalog.read],profile"))
    async with asgi_client(world, DEMO_KDS_TOKEN) as client, \
            asgi_client(world, "office") as office:
        account = (await office.get("/v1/account")).json()
        user = (await office.get("/v1/user")).json()
        catalog = (await client.get("/v1/catalogs/psmlf")).json()
        customers = (await client.get("/v1/customer_lists/xab66")).json()
        missing = await client.get("/v1/catalogs/other")
    assert account == {"id": "3r4s3", "name": "Bella Pizza", "currency": "EUR"}
    assert user["first_name"] == "Tom"
    assert (catalog["id"], catalog["name"]) == ("psmlf", "Bella Pizza")
    assert (customers["id"], customers["name"]) == ("xab66", "Bella Pizza")
    assert missing.status_code == 404


@run_sync
async def test_request_log_records_token_method_path_and_status(world):
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        await client.get("/v1/location")
        await client.get("/v1/nowhere")
    assert [(r.token, r.method, r.path, r.status) for r in world.request_log] == [
        (DEMO_KDS_TOKEN, "GET", "/v1/location", 200),
        (DEMO_KDS_TOKEN, "GET", "/v1/nowhere", 404)]
    assert world.request_log[0].at == world.clock.now()


@run_sync
async def test_simulator_fault_answers_500_internal_error(world, monkeypatch):
    def broken(token):
        raise RuntimeError("boom")
    monkeypatch.setattr(world, "get_location", broken)
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        response = await client.get("/v1/location")
    assert response.status_code == 500
    assert response.json() == {"error_type": "internal_error"}
