"""Per-connection rate limits exactly as seed 002 §3: 500/min, 2,500/h, 10,000/day, 10/min high-load."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kds.clock import FakeClock
from kds.sim.testing import asgi_client, run_sync
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, SimError, World



def world_at(hour: int, minute: int, second: int = 0) -> World:
    return World(FakeClock(datetime(2026, 11, 24, hour, minute, second, tzinfo=timezone.utc)))


def spend(world: World, count: int, token: str = DEMO_KDS_TOKEN) -> None:
    for _ in range(count):
        world.check_rate_limit(token)


@run_sync
async def test_501st_request_in_a_minute_gets_429_with_retry_after():
    world = world_at(11, 0, 15)
    spend(world, 499)
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        assert (await client.get("/v1/location")).status_code == 200
        response = await client.get("/v1/location")
        assert response.status_code == 429
        assert response.json()["error_type"] == "too_many_requests"
        assert response.headers["Retry-After"] == "45"  # until the round minute 11:01
        world.clock.advance(45)  # type: ignore[attr-defined]
        assert (await client.get("/v1/location")).status_code == 200
    assert [r.status for r in world.request_log] == [200, 429, 200]


@run_sync
async def test_limits_are_per_connection():
    world = world_at(11, 0)
    spend(world, 500)
    with pytest.raises(SimError):
        world.check_rate_limit(DEMO_KDS_TOKEN)
    world.check_rate_limit(DEMO_PLATFORM_TOKEN)


@run_sync
async def test_hourly_window_blocks_until_the_round_hour():
    world = world_at(10, 0)
    clock: FakeClock = world.clock  # type: ignore[assignment]
    for _ in range(5):  # 5 minutes x 500 = 2,500 by 10:04
        spend(world, 500)
        clock.advance(60)
    clock.set(datetime(2026, 11, 24, 10, 35, tzinfo=timezone.utc))
    with pytest.raises(SimError) as blocked:
        world.check_rate_limit(DEMO_KDS_TOKEN)
    assert blocked.value.status == 429 and blocked.value.retry_after == 25 * 60
    clock.set(datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc))
    world.check_rate_limit(DEMO_KDS_TOKEN)


@run_sync
async def test_daily_window_blocks_until_the_round_day():
    world = world_at(0, 0)
    clock: FakeClock = world.clock  # type: ignore[assignment]
    for _ in range(4):  # 4 hours x 2,500 = 10,000
        for _ in range(5):
            spend(world, 500)
            clock.advance(60)
        clock.advance(3600 - 300)
    clock.set(datetime(2026, 11, 24, 23, 0, tzinfo=timezone.utc))
    with pytest.raises(SimError) as blocked:
        world.check_rate_limit(DEMO_KDS_TOKEN)
    assert blocked.value.retry_after == 3600
    clock.set(datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc))
    world.check_rate_limit(DEMO_KDS_TOKEN)


@run_sync
async def test_orders_index_is_limited_to_10_per_minute_but_single_orders_are_not():
    world = world_at(11, 0, 50)
    order = world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new"})
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        statuses = [(await client.get("/v1/location/orders")).status_code for _ in range(11)]
        single = await client.get(f"/v1/location/orders/{order['id']}")
        assert statuses == [200] * 10 + [429]
        assert single.status_code == 200
        world.clock.advance(10)  # type: ignore[attr-defined]
        assert (await client.get("/v1/location/orders")).status_code == 200


@run_sync
async def test_catalog_is_a_high_load_query():
    world = world_at(11, 0)
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        statuses = [(await client.get("/v1/catalogs/psmlf")).status_code for _ in range(11)]
    assert statuses[-1] == 429


@run_sync
async def test_rate_limits_can_be_switched_off_for_demos():
    world = world_at(11, 0)
    world.rate_limits = False
    spend(world, 600)
    async with asgi_client(world, DEMO_KDS_TOKEN) as client:
        statuses = [(await client.get("/v1/location/orders")).status_code for _ in range(20)]
    assert set(statuses) == {200}
