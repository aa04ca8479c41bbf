"""Deliveries (HubRise API reference, "Deliveries") over a real loopback socket: the order's
`delivery`, POST/GET/PATCH /location/orders/:id/delivery, delivery events, the generator's
couriers, and the KDS reading an order that carries a delivery."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.sim.couriers import Couriers
from kds.sim.generator import OrderGenerator
from kds.sim.scopes import parse_scope
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

START = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
DELIVERY = {"carrier": "UPS", "carrier_ref": "ups", "ref": "1Z12345E0291980793",
            "status": "pending", "fee": "4.50 EUR",
            "estimated_pickup_at": "2026-11-24T11:15:00Z",
            "estimated_dropoff_at": "2026-11-24T12:30:00+01:00",
            "tracking_url": "https://www.ups.com/track/1Z12345E0291980793",
            "driver_pickup_url": "https://driver.ups.com/pickup/1Z12345E0291980793",
            "driver_name": "John", "driver_phone": "+33612345678",
            "driver_phone_access_code": "1234",
            "driver_latitude": "48.856614", "driver_longitude": "2.3522219"}
EVENTS = {"url": None, "events": {"order": ["create", "update"],
                                  "delivery": ["create", "update"]}}


@pytest.fixture
def served():
    clock = FakeClock(START)
    world = World(clock, rate_limits=False)
    world.add_connection("reader", "dashboard", grant=parse_scope("location[orders.read]"))
    server = serve_in_thread(world)
    try:
        with httpx.Client(base_url=server.base_url,
                          headers={"X-Access-Token": DEMO_PLATFORM_TOKEN}) as platform, \
                httpx.Client(base_url=server.base_url,
                             headers={"X-Access-Token": DEMO_KDS_TOKEN}) as kds:
            yield world, server, clock, platform, kds
    finally:
        server.stop()


def new_order(platform: httpx.Client, service_type: str = "delivery") -> str:
    answer = platform.post("/location/orders", json={"status": "new",
                                                     "service_type": service_type})
    assert answer.status_code == 200
    return answer.json()["id"]


def drain(client: httpx.Client) -> list[tuple[str, str]]:
    events = client.get("/callback/events").json()
    for event in events:
        client.delete(f"/callback/events/{event['id']}")
    return [(e["resource_type"], e["event_type"]) for e in events]


def test_create_read_update_a_delivery_with_auto_times(served):
    world, _, clock, platform, kds = served
    order_id = new_order(platform)
    assert "delivery" not in kds.get(f"/location/orders/{order_id}").json()
    created = platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY)
    assert created.status_code == 200, created.text
    body = created.json()
    assert (body["order_id"], body["location_id"]) == (order_id, "3r4s3-1") and body["id"]
    assert body["estimated_pickup_at"] == "2026-11-24T12:15:00+01:00"  # location time zone
    assert body["assigned_at"] is None and body["delivered_at"] is None
    clock.advance(120)
    enroute = platform.patch(f"/location/orders/{order_id}/delivery",
                             json={"status": "pickup_enroute"}).json()
    assert enroute["assigned_at"] == "2026-11-24T12:02:00+01:00"
    clock.advance(600)
    delivered = platform.patch(f"/location/orders/{order_id}/delivery", json={
        "status": "delivered", "delivered_at": "2026-11-24T11:11:00Z"}).json()
    assert delivered["delivered_at"] == "2026-11-24T12:11:00+01:00"  # the sent one wins
    read = kds.get(f"/location/orders/{order_id}/delivery").json()
    assert read == delivered
    assert kds.get(f"/location/orders/{order_id}").json()["delivery"] == delivered
    long_form = kds.get(f"/locations/3r4s3-1/orders/{order_id}/delivery")
    assert long_form.json() == delivered
    assert world.orders[order_id]["delivery"]["status"] == "delivered"


def test_documented_refusals(served):
    _, _, _, platform, kds = served
    collection = new_order(platform, "collection")
    order_id = new_order(platform)
    refusals = {
        "not a delivery order": platform.post(f"/location/orders/{collection}/delivery",
                                              json=DELIVERY),
        "no carrier": platform.post(f"/location/orders/{order_id}/delivery",
                                    json={"status": "pending"}),
        "unknown status": platform.post(f"/location/orders/{order_id}/delivery",
                                        json={**DELIVERY, "status": "lost"}),
        "unknown key": platform.post(f"/location/orders/{order_id}/delivery",
                                     json={**DELIVERY, "rider": "x"}),
        "latitude out of range": platform.post(f"/location/orders/{order_id}/delivery",
                                               json={**DELIVERY, "driver_latitude": "91"}),
        "fee in another currency": platform.post(f"/location/orders/{order_id}/delivery",
                                                 json={**DELIVERY, "fee": "4.50 GBP"}),
    }
    for what, answer in refusals.items():
        assert answer.status_code == 422, what
        assert answer.json()["error_type"] == "unprocessable_entity" and answer.json()["errors"]
    missing = kds.get(f"/location/orders/{order_id}/delivery")
    patch_missing = platform.patch(f"/location/orders/{order_id}/delivery",
                                   json={"status": "delivered"})
    assert missing.status_code == patch_missing.status_code == 404
    assert missing.json()["error_type"] == "not_found"
    assert platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY).is_success
    again = platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY)
    fixed = platform.patch(f"/location/orders/{order_id}/delivery", json={"fee": "1.00 EUR"})
    assert again.status_code == fixed.status_code == 422
    assert kds.get("/location/orders/nope/delivery").status_code == 404


def test_events_delivery_create_update_and_gps_only_updates(served):
    _, _, _, platform, kds = served
    kds.post("/callback", json=EVENTS)
    order_id = new_order(platform)
    drain(kds)
    platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY)
    assert sorted(drain(kds)) == [("delivery", "create"), ("order", "update")]
    platform.patch(f"/location/orders/{order_id}/delivery", json={"status": "pickup_enroute"})
    assert sorted(drain(kds)) == [("delivery", "update"), ("order", "update")]
    platform.patch(f"/location/orders/{order_id}/delivery",
                   json={"driver_latitude": "48.85", "driver_longitude": "2.35"})
    assert drain(kds) == [("delivery", "update")]  # a GPS move is no order.update
    assert kds.get("/callback/events").json() == []
    platform.patch(f"/location/orders/{order_id}/delivery", json={"status": "dropoff_enroute"})
    full = kds.get("/callback/events").json()
    delivery_event = next(e for e in full if e["resource_type"] == "delivery")
    detail = kds.get(f"/callback/events/{delivery_event['id']}").json()
    assert detail["delivery_id"] and detail["order_id"] == order_id
    assert detail["previous_state"]["status"] == "pickup_enroute"
    assert detail["new_state"]["status"] == "dropoff_enroute"
    assert detail["new_state"]["pickup_at"]


def test_order_events_only_without_a_delivery_subscription(served):
    _, _, _, platform, kds = served
    kds.post("/callback", json={"url": None, "events": {"order": ["update"]}})
    order_id = new_order(platform)
    platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY)
    platform.patch(f"/location/orders/{order_id}/delivery", json={"driver_latitude": "48.8"})
    assert drain(kds) == [("order", "update")]


def test_read_scope_reads_deliveries_but_cannot_attach_or_change_them(served):
    _, server, _, platform, _ = served
    order_id = new_order(platform)
    platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY)
    with httpx.Client(base_url=server.base_url, headers={"X-Access-Token": "reader"}) as reader:
        assert reader.get(f"/location/orders/{order_id}/delivery").status_code == 200
        patched = reader.patch(f"/location/orders/{order_id}/delivery",
                               json={"status": "cancelled"})
    assert patched.status_code == 403 and patched.json()["error_type"] == "forbidden"


def test_generator_attaches_deliveries_and_couriers_move_them_along(served):
    world, _, clock, _, kds = served
    generator = OrderGenerator(world, clock, seed=3)
    orders = [generator.step() for _ in range(12)]
    deliveries = [o for o in orders if o["service_type"] == "delivery"]
    assert deliveries and all(o["delivery"]["status"] == "pending" for o in deliveries)
    assert all(o["delivery"]["driver_pickup_url"] for o in deliveries)
    first = next(o["id"] for o in deliveries if world.orders[o["id"]]["status"] != "cancelled")
    couriers = Couriers(world, DEMO_PLATFORM_TOKEN, seed=1)
    clock.advance(4 * 60)
    couriers.advance(clock.now())
    assigned = kds.get(f"/location/orders/{first}/delivery").json()
    assert assigned["status"] == "pickup_enroute"
    assert assigned["driver_name"] and assigned["driver_phone_access_code"]
    assert assigned["assigned_at"] == "2026-11-24T12:04:00+01:00"
    clock.advance(40 * 60)
    couriers.advance(clock.now())
    finals = {world.orders[o["id"]]["delivery"]["status"] for o in deliveries}
    assert finals <= {"delivered", "cancelled"}
    for o in deliveries:
        delivery = world.orders[o["id"]]["delivery"]
        cancelled = world.orders[o["id"]]["status"] == "cancelled"
        assert delivery["status"] == ("cancelled" if cancelled else "delivered")
        assert delivery["cancelled_at" if cancelled else "delivered_at"]


def test_cancelled_order_cancels_its_delivery(served):
    world, _, clock, platform, _ = served
    couriers = Couriers(world, DEMO_PLATFORM_TOKEN, seed=1)
    order_id = new_order(platform)
    couriers.attach(world.get_order(DEMO_PLATFORM_TOKEN, order_id))
    platform.patch(f"/location/orders/{order_id}", json={"status": "cancelled"})
    clock.advance(timedelta(minutes=5).total_seconds())
    assert couriers.advance(clock.now()) == 1
    assert world.orders[order_id]["delivery"]["status"] == "cancelled"


def test_kds_reads_an_order_that_carries_a_delivery(served):
    _, server, _, platform, _ = served
    order_id = new_order(platform)
    platform.post(f"/location/orders/{order_id}/delivery", json=DELIVERY)

    async def read():
        async with HubRiseClient(server.base_url, DEMO_KDS_TOKEN) as client:
            return await client.get_order(order_id)

    order = asyncio.run(read())
    assert order.id == order_id and order.problems == ()
    assert order.raw["delivery"]["driver_name"] == "John"
