"""The simulator's location API follows seed 004: hours, cutoff, preparation time, order acceptance."""

from __future__ import annotations

import pytest

from kds.clock import FakeClock
from kds.sim.testing import asgi_client, run_sync
from kds.sim.world import DEMO_KDS_TOKEN, World
from tests.unit.test_rules import SEED_004_PATCH



@pytest.fixture
def world() -> World:
    return World(FakeClock())  # 2026-11-24 11:00 UTC


@run_sync
async def test_location_belongs_to_bella_pizza_in_paris(world):
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        location = (await client.get("/v1/location")).json()
    assert location["id"] == "3r4s3-1" and location["name"] == "Paris"
    assert location["account"] == {"id": "3r4s3", "name": "Bella Pizza", "currency": "EUR"}
    assert location["timezone"] == {"name": "Europe/Paris"}
    assert location["cutoff_time"] == "06:00"
    assert location["order_acceptance"] == {"mode": "normal"}


@run_sync
async def test_seed_004_patch_is_applied(world):
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        response = await client.patch("/v1/location", json=SEED_004_PATCH)
        again = (await client.get("/v1/location")).json()
    assert response.status_code == 200
    assert response.json()["order_acceptance"] == {"mode": "normal"}
    assert again["cutoff_time"] == "05:00"
    assert again["opening_hours"] == SEED_004_PATCH["opening_hours"]
    assert again["preparation_time"] == 20
    assert again["custom_fields"] == {"delivery": {"door_time": "35"}}
    # resume_at (2025) is already past on the world clock, so busy has reverted to normal.
    assert again["order_acceptance"] == {"mode": "normal"}


@run_sync
async def test_busy_reverts_to_normal_when_resume_at_passes(world):
    clock: FakeClock = world.clock  # type: ignore[assignment]
    body = {"order_acceptance": {"mode": "busy", "extra_preparation_time": 25,
                                 "resume_at": "2026-11-24T12:30:00+01:00"}}
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        patched = (await client.patch("/v1/location", json=body)).json()
        assert patched["order_acceptance"]["mode"] == "busy"
        clock.advance(29 * 60)
        assert (await client.get("/v1/location")).json()["order_acceptance"]["mode"] == "busy"
        clock.advance(60)
        assert (await client.get("/v1/location")).json()["order_acceptance"] == {"mode": "normal"}


@run_sync
async def test_paused_without_resume_at_stays_paused(world):
    world.patch_location(DEMO_KDS_TOKEN, {"order_acceptance": {"mode": "paused",
                                                               "reason": "Oven broken"}})
    world.clock.advance(86400 * 3)  # type: ignore[attr-defined]
    assert world.location["order_acceptance"] == {"mode": "paused", "reason": "Oven broken"}


@run_sync
async def test_resume_at_is_shown_in_the_location_timezone(world):
    world.patch_location(DEMO_KDS_TOKEN, {"order_acceptance": {
        "mode": "paused", "resume_at": "2026-11-24T13:00:00Z"}})
    assert world.location["order_acceptance"]["resume_at"] == "2026-11-24T14:00:00+01:00"


@pytest.mark.parametrize("body, field", [
    ({"opening_hours": {"monday": [{"from": "18:00", "to": "01:00"}]}, "cutoff_time": "00:00"},
     "opening_hours.monday[0].to"),
    ({"opening_hours": {"monday": []}}, "opening_hours"),
    ({"cutoff_time": "25:00"}, "cutoff_time"),
    ({"preparation_time": -5}, "preparation_time"),
    ({"order_acceptance": {"mode": "busy"}}, "order_acceptance.extra_preparation_time"),
    ({"mode": "paused"}, "mode"),
    ({"name": "Lyon"}, "name"),
])
@run_sync
async def test_invalid_location_patch_gets_422_and_changes_nothing(world, body, field):
    before = world.location
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        response = await client.patch("/v1/location", json=body)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert world.location == before


@run_sync
async def test_cutoff_change_that_breaks_current_hours_is_refused(world):
    world.patch_location(DEMO_KDS_TOKEN, {"opening_hours": {
        "friday": [{"from": "18:00", "to": "02:00"}]}})
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        response = await client.patch("/v1/location", json={"cutoff_time": "00:00"})
    assert response.status_code == 422


@run_sync
async def test_opening_hours_can_be_reset_to_not_set(world):
    assert world.patch_location(DEMO_KDS_TOKEN, {"opening_hours": None})["opening_hours"] is None
