"""Callbacks and events per API-NOTES §1: one passive callback per connection, no self-events."""

from __future__ import annotations

import pytest

from kds.clock import FakeClock
from kds.sim.testing import asgi_client, run_sync
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

KDS, PLATFORM = DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN
PASSIVE = {"url": None, "events": {"order": ["create", "update"], "location": ["update"]}}


@pytest.fixture
def world() -> World:
    world = World(FakeClock(), seed=3)
    world.set_callback(KDS, PASSIVE)
    return world


@run_sync
async def test_no_callback_reads_as_null_url_and_no_events():
    world = World(FakeClock())
    async with asgi_client(world, KDS) as client:
        response = await client.get("/v1/callback")
    assert response.json() == {"url": None, "events": {}}


@run_sync
async def test_callback_is_registered_replaced_and_deleted():
    world = World(FakeClock())
    async with asgi_client(world, KDS) as client:
        assert (await client.post("/v1/callback", json=PASSIVE)).json() == PASSIVE
        assert (await client.get("/v1/callback")).json() == PASSIVE
        only_orders = {"url": None, "events": {"order": ["create"]}}
        await client.post("/v1/callback", json=only_orders)
        assert (await client.get("/v1/callback")).json() == only_orders
        assert (await client.delete("/v1/callback")).status_code == 200
        assert (await client.get("/v1/callback")).json() == {"url": None, "events": {}}
    world.create_order(PLATFORM, {"status": "new"})
    assert world.pending_events(KDS) == []


@run_sync
async def test_undocumented_event_pairs_are_refused():
    world = World(FakeClock())
    async with asgi_client(world, KDS) as client:
        response = await client.post("/v1/callback",
                                     json={"url": None, "events": {"order": ["delete"]}})
    assert response.status_code == 422


@run_sync
async def test_platform_order_creates_an_event_for_the_kds(world):
    order = world.create_order(PLATFORM, {"status": "new", "private_ref": "P-1"})
    async with asgi_client(world, KDS) as client:
        listed = (await client.get("/v1/callback/events")).json()
        assert listed == [{"id": listed[0]["id"], "resource_type": "order",
                           "event_type": "create", "created_at": "2026-11-24T12:00:00+01:00",
                           "order_id": order["id"], "location_id": "3r4s3-1"}]
        full = (await client.get(f"/v1/callback/events/{listed[0]['id']}")).json()
    assert full["new_state"]["id"] == order["id"]
    assert full["new_state"]["private_ref"] is None  # the platform's private ref stays private
    assert "previous_state" not in full


@run_sync
async def test_a_connection_gets_no_event_for_its_own_changes(world):
    world.set_callback(PLATFORM, PASSIVE)
    order = world.create_order(KDS, {"status": "new"})
    world.update_order(KDS, order["id"], {"status": "accepted"})
    world.patch_location(KDS, {"preparation_time": 30})
    assert world.pending_events(KDS) == []
    kinds = [(e["resource_type"], e["event_type"]) for e in world.pending_events(PLATFORM)]
    assert kinds == [("order", "create"), ("order", "update"), ("location", "update")]


@run_sync
async def test_order_update_event_carries_previous_and_new_state(world):
    order = world.create_order(PLATFORM, {"status": "new"})
    world.update_order(PLATFORM, order["id"], {"status": "cancelled"})
    update = world.pending_events(KDS)[-1]
    assert update["event_type"] == "update"
    assert update["previous_state"]["status"] == "new"
    assert update["new_state"]["status"] == "cancelled"


@run_sync
async def test_location_update_event_carries_the_whole_location(world):
    world.patch_location(PLATFORM, {"order_acceptance": {"mode": "paused"}})
    event = world.pending_events(KDS)[-1]
    assert (event["resource_type"], event["location_id"]) == ("location", "3r4s3-1")
    assert event["new_state"]["order_acceptance"] == {"mode": "paused"}
    assert event["previous_state"]["order_acceptance"] == {"mode": "normal"}


@run_sync
async def test_events_only_for_subscribed_pairs(world):
    world.set_callback(KDS, {"url": None, "events": {"order": ["create"]}})
    order = world.create_order(PLATFORM, {"status": "new"})
    world.update_order(PLATFORM, order["id"], {"status": "cancelled"})
    world.patch_location(PLATFORM, {"preparation_time": 5})
    assert [e["event_type"] for e in world.pending_events(KDS)] == ["create"]


@run_sync
async def test_acknowledged_event_is_gone_and_a_second_delete_is_404(world):
    world.create_order(PLATFORM, {"status": "new"})
    event_id = world.pending_events(KDS)[0]["id"]
    async with asgi_client(world, KDS) as client:
        first = await client.delete(f"/v1/callback/events/{event_id}")
        second = await client.delete(f"/v1/callback/events/{event_id}")
        listed = (await client.get("/v1/callback/events")).json()
        fetched = await client.get(f"/v1/callback/events/{event_id}")
    assert first.status_code == 200 and first.json()["id"] == event_id
    assert second.status_code == 404 and second.json()["error_type"] == "not_found"
    assert listed == [] and fetched.status_code == 404


@run_sync
async def test_unacknowledged_events_come_back_on_every_list(world):
    world.create_order(PLATFORM, {"status": "new"})
    async with asgi_client(world, KDS) as client:
        first = (await client.get("/v1/callback/events")).json()
        second = (await client.get("/v1/callback/events")).json()
    assert first == second and len(first) == 1


@run_sync
async def test_events_list_is_paginated_oldest_first(world):
    orders = [world.create_order(PLATFORM, {"status": "new"})["id"] for _ in range(130)]
    seen: list[str] = []
    async with asgi_client(world, KDS) as client:
        response = await client.get("/v1/callback/events")
        seen += [e["order_id"] for e in response.json()]
        cursor = response.headers["X-Cursor-Next"]
        response = await client.get("/v1/callback/events", params={"cursor": cursor})
        seen += [e["order_id"] for e in response.json()]
        assert "X-Cursor-Next" not in response.headers
    assert seen == orders


@run_sync
async def test_each_connection_has_its_own_event_queue(world):
    world.add_connection("screen-2", "kds", "screen-2")
    world.set_callback("screen-2", PASSIVE)
    world.create_order(PLATFORM, {"status": "new"})
    first = world.pending_events(KDS)[0]["id"]
    world.delete_event(KDS, first)
    assert len(world.pending_events("screen-2")) == 1


@run_sync
async def test_custom_fields_change_fires_the_order_update_event(world):
    order = world.create_order(PLATFORM, {"status": "new"})
    world.update_order(PLATFORM, order["id"], {"custom_fields": {"tracking_url": "https://t/1"}})
    update = world.pending_events(KDS)[-1]
    assert update["event_type"] == "update"
    assert update["new_state"]["custom_fields"] == {"tracking_url": "https://t/1"}


@run_sync
async def test_private_ref_change_of_another_connection_sends_no_event(world):
    order = world.create_order(PLATFORM, {"status": "new"})
    world.update_order(PLATFORM, order["id"], {"private_ref": "P-2"})
    assert [e["event_type"] for e in world.pending_events(KDS)] == ["create"]
