"""HubRiseClient against the simulator over a real loopback socket (uvicorn on a free port)."""

import asyncio
import copy
import logging
import re
from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import Forbidden, NotFound, RateLimited, Unauthorized, Unprocessable
from kds.hubrise.money import Money
from kds.hubrise.oauth import OAuthClient
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from kds.sim.scopes import parse_scope
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from tests.seed_payloads import SEED_001_CREATE_BODY

pytestmark = pytest.mark.slow  # serves the simulator over loopback HTTP: a server per test

START = datetime(2026, 11, 24, 11, 0, 30, tzinfo=UTC)
ORDER_EVENTS = {"order": ["create", "update"], "location": ["update"]}

SEED_CREATE_BODY = SEED_001_CREATE_BODY


@pytest.fixture
def sim():
    clock = FakeClock(START)
    world = World(clock, rate_limits=False)
    server = serve_in_thread(world)
    try:
        yield world, server, clock
    finally:
        server.stop()


def run(coro):
    return asyncio.run(coro)


def clients(server, clock=None, limiter=None):
    kitchen = HubRiseClient(server.base_url, DEMO_KDS_TOKEN, clock=clock, limiter=limiter)
    platform = HubRiseClient(server.base_url, DEMO_PLATFORM_TOKEN, clock=clock)
    return kitchen, platform


def test_platform_order_from_the_seed_example_reaches_the_kitchen(sim):
    world, server, _ = sim

    async def main():
        kitchen, platform = clients(server)
        async with kitchen, platform:
            await kitchen.set_callback(ORDER_EVENTS)
            created = await platform.create_order(SEED_CREATE_BODY)
            events = [e async for e in kitchen.list_events()]
            seen = await kitchen.get_order(created.id)
            return created, events, seen

    created, events, seen = run(main())
    assert created.id in world.orders and created.problems == ()
    assert [(e.resource_type, e.event_type, e.order_id) for e in events] == [
        ("order", "create", created.id)]
    assert seen.problems == ()
    assert seen.created_by == "deliveroo-demo"
    assert seen.private_ref is None  # the platform's private ref is not ours to see
    assert [i.product_name for i in seen.items] == ["Margarita", "Brownie", "Coke", "Wings BBQ"]
    assert seen.items[0].quantity == Decimal(2)
    assert seen.items[0].subtotal == Money(Decimal("20.00"), "EUR")
    assert seen.items[0].options[0].name == "Barbecue"
    assert seen.deals["0"].ref == "FREEDRINK"
    assert seen.total == Money(Decimal("23.50"), "EUR")
    assert seen.customer is not None and seen.customer.id == "ve343"
    assert seen.created_at is not None and seen.created_at.utcoffset() is not None


def test_kitchen_status_change_reaches_the_platform_but_not_the_kitchen(sim):
    world, server, _ = sim

    async def main():
        kitchen, platform = clients(server)
        async with kitchen, platform:
            await kitchen.set_callback(ORDER_EVENTS)
            await platform.set_callback(ORDER_EVENTS)
            created = await platform.create_order({"status": "new"})
            for event in [e async for e in kitchen.list_events()]:
                await kitchen.delete_event(event.id)
            updated = await kitchen.update_order(created.id, {"status": "received"})
            platform_events = [e async for e in platform.list_events()]
            full = await platform.get_event(platform_events[0].id)
            kitchen_events = [e async for e in kitchen.list_events()]
            return updated, full, kitchen_events

    updated, full, kitchen_events = run(main())
    assert updated.status == "received"
    assert world.orders[updated.id]["status"] == "received"
    assert full.event_type == "update" and full.order_id == updated.id
    assert full.new_state["status"] == "received"
    assert full.previous_state["status"] == "new"
    assert kitchen_events == []  # acknowledged, and no event for its own change


def test_more_than_a_hundred_orders_are_listed_across_pages(sim):
    world, server, _ = sim
    for i in range(230):
        world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new" if i % 2 else "accepted"})

    async def main():
        kitchen, _ = clients(server)
        async with kitchen:
            everything = [o.id async for o in kitchen.list_orders()]
            small_pages = [o.id async for o in kitchen.list_orders(count=40)]
            new_only = [o async for o in kitchen.list_orders(status="new")]
            return everything, small_pages, new_only

    everything, small_pages, new_only = run(main())
    assert len(everything) == 230 and set(everything) == set(world.orders)
    assert small_pages == everything
    assert len(new_only) == 115 and {o.status for o in new_only} == {"new"}
    list_calls = [r for r in world.request_log if r.path.startswith("/v1/location/orders")]
    assert len(list_calls) == 3 + 6 + 2  # 100/100/30, 40 x 6, 100/15


def test_callback_can_be_set_read_and_deleted(sim):
    _, server, _ = sim

    async def main():
        kitchen, _ = clients(server)
        async with kitchen:
            before = await kitchen.get_callback()
            made = await kitchen.set_callback(ORDER_EVENTS)
            read = await kitchen.get_callback()
            await kitchen.delete_callback()
            after = await kitchen.get_callback()
            return before, made, read, after

    before, made, read, after = run(main())
    assert before.url is None and before.events == {}
    assert made.url is None and made.events == ORDER_EVENTS
    assert read == made
    assert after.events == {}


def test_acknowledged_events_are_gone_and_a_second_delete_is_not_found(sim):
    world, server, _ = sim

    async def main():
        kitchen, platform = clients(server)
        async with kitchen, platform:
            await kitchen.set_callback(ORDER_EVENTS)
            for _ in range(3):
                await platform.create_order({"status": "new"})
            events = [e async for e in kitchen.list_events()]
            one = await kitchen.get_event(events[0].id)
            for event in events:
                await kitchen.delete_event(event.id)
            with pytest.raises(NotFound):
                await kitchen.delete_event(events[0].id)
            return events, one, [e async for e in kitchen.list_events()]

    events, one, remaining = run(main())
    assert len(events) == 3 and all(e.new_state is None for e in events)  # list has no state
    assert one.new_state is not None and one.new_state["id"] == one.order_id
    assert remaining == [] and world.pending_events(DEMO_KDS_TOKEN) == []


def test_invalid_order_is_refused_with_field_errors(sim):
    _, server, _ = sim
    body = copy.deepcopy(SEED_CREATE_BODY)
    body["items"][0]["price"] = "abc"

    async def main():
        _, platform = clients(server)
        async with platform:
            await platform.create_order(body)

    with pytest.raises(Unprocessable) as info:
        run(main())
    err = info.value
    assert err.status == 422 and err.error_type == "unprocessable_entity"
    assert any(e["field"] == "items[0].price" for e in err.errors), err.errors


def test_location_patch_with_bad_hours_is_refused_and_good_patch_applies(sim):
    world, server, _ = sim

    async def main():
        kitchen, _ = clients(server)
        async with kitchen:
            with pytest.raises(Unprocessable) as info:
                await kitchen.patch_location({"cutoff_time": "00:00", "opening_hours": {
                    "monday": [{"from": "18:00", "to": "01:00"}]}})
            busy = await kitchen.patch_location({"order_acceptance": {
                "mode": "busy", "extra_preparation_time": 25}})
            return info.value, busy

    err, busy = run(main())
    assert err.errors and all(e["field"] for e in err.errors)
    assert busy.order_acceptance.mode == "busy"
    assert busy.order_acceptance.extra_preparation_time == 25
    assert world.location["order_acceptance"]["mode"] == "busy"


def test_bad_token_is_unauthorized(sim):
    _, server, _ = sim

    async def main():
        async with HubRiseClient(server.base_url, "not-a-token") as stranger:
            await stranger.get_location()

    with pytest.raises(Unauthorized) as info:
        run(main())
    assert info.value.status == 401 and info.value.error_type == "unauthorized"
    assert not info.value.retryable


def test_limiter_keeps_a_long_catch_up_under_the_high_load_limit(sim):
    world, server, clock = sim
    world.rate_limits = True
    for _ in range(120):
        world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new"})
    limiter = RateLimiter(clock)

    async def main():
        kitchen, _ = clients(server, clock=clock, limiter=limiter)
        async with kitchen:
            return [o async for o in kitchen.list_orders(count=10)]

    orders = run(main())
    assert len(orders) == 120
    assert [r.status for r in world.request_log if r.status == 429] == []
    assert clock.now() == datetime(2026, 11, 24, 11, 1, tzinfo=UTC)  # 11th page waited


def test_server_429_is_reported_with_retry_after_and_held_by_the_limiter(sim):
    world, server, clock = sim
    world.rate_limits = True

    async def main():
        limiter = RateLimiter(clock)
        kitchen, _ = clients(server, clock=clock)  # no limiter: the server must say no
        async with kitchen:
            with pytest.raises(RateLimited) as info:
                for _ in range(11):
                    [o async for o in kitchen.list_orders()]
        limiter.note_429(info.value.retry_after)
        return info.value, limiter

    err, limiter = run(main())
    assert err.status == 429 and err.error_type == "too_many_requests"
    assert err.retry_after is not None and 0 < err.retry_after <= 30
    assert limiter.blocked_for() == err.retry_after


def test_connection_screen_names_are_read(sim):
    world, server, _ = sim
    # The KDS's own scope is location-level: the account is read with an account-level token.
    world.add_connection("account-token", "back-office", grant=parse_scope(
        "account[orders.read,catalog.read]"))

    async def main():
        kitchen, _ = clients(server)
        office = HubRiseClient(server.base_url, "account-token")
        async with kitchen, office:
            try:
                await kitchen.get_account()
            except Forbidden as exc:
                refused = exc
            return (await kitchen.get_location(), await office.get_account(),
                    await kitchen.get_catalog("psmlf"), await kitchen.get_customer_list("xab66"),
                    refused)

    location, account, catalog, customer_list, refused = run(main())
    assert location.account.name == account.name == "Bella Pizza"
    assert location.timezone == "Europe/Paris" and location.problems == ()
    assert catalog.id == "psmlf" and catalog.name
    assert customer_list.name == "Bella Pizza"
    assert refused.status == 403 and refused.error_type == "forbidden"


def test_oauth_code_exchange_and_revoke_over_loopback(sim):
    world, server, _ = sim
    oauth = OAuthClient(server.oauth_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    url = oauth.authorize_url("location[orders.write]", "st4te", device_id="screen-9")

    async def main():
        async with httpx.AsyncClient() as browser:
            page = (await browser.get(url)).text
        code = re.search(r"<code id='code'>([^<]+)</code>", page).group(1)
        grant = await oauth.exchange_code(code)
        async with HubRiseClient(server.base_url, grant.access_token) as screen:
            name = (await screen.get_location()).account.name
            await oauth.revoke(grant.access_token)
            with pytest.raises(Unauthorized):
                await screen.get_location()
        return grant, name

    grant, name = run(main())
    assert grant.location_id == "3r4s3-1" and grant.account_name == "Bella Pizza"
    assert name == "Bella Pizza"
    assert grant.access_token not in world.connections  # revoked


def test_token_stays_out_of_debug_logs_over_a_real_socket(sim, caplog):
    _, server, _ = sim
    caplog.set_level(logging.DEBUG)

    async def main():
        kitchen, _ = clients(server)
        async with kitchen:
            await kitchen.get_location()
            with pytest.raises(NotFound):
                await kitchen.get_order("missing")

    run(main())
    assert "location/orders/missing" in caplog.text  # the debug logs did record the calls
    assert DEMO_KDS_TOKEN not in caplog.text
