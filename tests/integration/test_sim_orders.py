"""The simulator's orders API follows seed 001 / seed 002 (in-process, through httpx's ASGI transport)."""

from __future__ import annotations

import copy

import pytest

from kds.clock import FakeClock
from kds.sim.testing import asgi_client, run_sync
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from tests.unit.test_rules import SEED_001_ORDER

KDS, PLATFORM = DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN


@pytest.fixture
def world() -> World:
    return World(FakeClock(), seed=7)


def simple(**extra):
    return {"status": "new", **extra}


@run_sync
async def test_seed_001_order_is_created_with_subtotals_total_and_discrepancies(world):
    async with asgi_client(world, PLATFORM) as client:
        response = await client.post("/v1/location/orders", json=SEED_001_ORDER)
    assert response.status_code == 200
    order = response.json()
    assert [item["subtotal"] for item in order["items"]] == [
        "20.00 EUR", "3.00 EUR", "1.00 EUR", "4.00 EUR"]
    # HubRise's own sum is 28.00 + 1.50 - 5.00 = 24.50; the declared total was 23.50.
    assert order["total"] == "23.50 EUR"
    assert order["total_discrepancy"] == "-1.00 EUR"
    assert order["payment_discrepancy"] == "0.00 EUR"
    assert order["created_by"] == "deliveroo-demo"
    assert order["created_at"] == "2026-11-24T12:00:00+01:00"  # FakeClock 11:00 UTC, Paris
    assert order["location_id"] == "3r4s3-1" and order["id"]
    assert order["customer"]["id"] == "ve343"
    assert order["private_ref"] == "3345"
    assert all(item["id"] and item["deleted"] is False for item in order["items"])


@run_sync
async def test_total_is_computed_when_not_sent_and_payments_short_show_a_discrepancy(world):
    body = simple(items=[{"product_name": "Margherita", "price": "9.00 EUR", "quantity": "1.5",
                          "options": [{"option_list_name": "Toppings", "name": "Olives",
                                       "price": "1.00 EUR", "quantity": 2},
                                      {"option_list_name": "Ingredients", "name": "Onions",
                                       "removed": True}]}],
                  payments=[{"name": "Card", "amount": "10.00 EUR"}])
    order = world.create_order(PLATFORM, body)
    assert order["items"][0]["subtotal"] == "16.50 EUR"  # (9 + 2 x 1) x 1.5
    assert order["total"] == "16.50 EUR" and order["total_discrepancy"] == "0.00 EUR"
    assert order["payment_discrepancy"] == "-6.50 EUR"
    assert order["items"][0]["options"][1]["removed"] is True


@run_sync
async def test_created_at_and_times_are_in_the_location_timezone(world):
    order = world.create_order(PLATFORM, simple(expected_time="2026-11-24T18:30:00Z"))
    assert order["expected_time"] == "2026-11-24T19:30:00+01:00"


@run_sync
async def test_invalid_order_gets_422_with_field_errors(world):
    body = copy.deepcopy(SEED_001_ORDER)
    body["items"][0]["price"] = "abc"
    del body["status"]
    async with asgi_client(world, PLATFORM) as client:
        response = await client.post("/v1/location/orders", json=body)
    assert response.status_code == 422
    data = response.json()
    assert data["error_type"] == "unprocessable_entity" and data["message"]
    assert {"field": "status", "message": "is required"} in data["errors"]
    assert any(error["field"] == "items[0].price" for error in data["errors"])
    assert world.orders == {}


@run_sync
async def test_unknown_customer_id_is_refused(world):
    async with asgi_client(world, PLATFORM) as client:
        response = await client.post("/v1/location/orders", json=simple(customer_id="nobody"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "customer_id"


@run_sync
async def test_customer_attached_by_list_and_private_ref_or_as_guest(world):
    by_ref = world.create_order(PLATFORM, simple(customer_list_id="xab66",
                                                 customer_private_ref="C-343"))
    guest = world.create_order(PLATFORM, simple(customer={"first_name": "John"}))
    assert by_ref["customer"]["id"] == "ve343"
    assert guest["customer"]["id"] is None and guest["customer"]["first_name"] == "John"


@run_sync
async def test_private_ref_is_only_visible_to_the_connection_that_set_it(world):
    order = world.create_order(PLATFORM, simple(private_ref="P-1"))
    async with asgi_client(world, KDS) as kds:
        seen = (await kds.get(f"/v1/location/orders/{order['id']}")).json()
        assert seen["private_ref"] is None
        await kds.patch(f"/v1/location/orders/{order['id']}", json={"private_ref": "K-9"})
        mine = (await kds.get("/v1/location/orders", params={"private_ref": "K-9"})).json()
        theirs = (await kds.get("/v1/location/orders", params={"private_ref": "P-1"})).json()
    assert [o["id"] for o in mine] == [order["id"]] and theirs == []
    assert world.get_order(PLATFORM, order["id"])["private_ref"] == "P-1"


@run_sync
async def test_private_ref_must_be_unique_per_connection(world):
    world.create_order(PLATFORM, simple(private_ref="P-1"))
    async with asgi_client(world, PLATFORM) as client:
        response = await client.post("/v1/location/orders", json=simple(private_ref="P-1"))
    assert response.status_code == 422


@run_sync
async def test_list_filters_status_created_by_customer_and_time_window(world):
    clock: FakeClock = world.clock  # type: ignore[assignment]
    first = world.create_order(PLATFORM, simple(customer_id="ve343"))
    clock.advance(3600)
    second = world.create_order(KDS, {"status": "accepted"})
    async with asgi_client(world, KDS) as client:
        async def ids(**params):
            response = await client.get("/v1/location/orders", params=params)
            return [o["id"] for o in response.json()]
        assert await ids() == [second["id"], first["id"]]  # newest first
        assert await ids(status="accepted") == [second["id"]]
        assert await ids(created_by="deliveroo-demo") == [first["id"]]
        assert await ids(customer_id="ve343") == [first["id"]]
        # after is inclusive, before exclusive; a time without offset is in the location zone
        assert await ids(after="2026-11-24T12:00") == [second["id"], first["id"]]
        assert await ids(after="2026-11-24T12:00:01") == [second["id"]]
        assert await ids(before="2026-11-24T13:00") == [first["id"]]


@run_sync
async def test_list_is_paginated_with_x_cursor_next(world):
    world.rate_limits = False
    created = [world.create_order(PLATFORM, simple())["id"] for _ in range(250)]
    seen: list[str] = []
    async with asgi_client(world, KDS) as client:
        response = await client.get("/v1/location/orders", params={"count": 500})
        assert len(response.json()) == 100  # count is capped at 100
        cursor = None
        pages = 0
        while True:
            params = {"count": 100, **({"cursor": cursor} if cursor else {})}
            response = await client.get("/v1/location/orders", params=params)
            seen += [o["id"] for o in response.json()]
            pages += 1
            cursor = response.headers.get("X-Cursor-Next")
            if not cursor:
                break
    assert pages == 3 and seen == list(reversed(created))


@run_sync
async def test_update_by_patch_put_and_post_with_method_override(world):
    order = world.create_order(PLATFORM, simple())
    url = f"/v1/location/orders/{order['id']}"
    async with asgi_client(world, KDS) as client:
        assert (await client.patch(url, json={"status": "received"})).json()["status"] \
            == "received"
        assert (await client.put(url, json={"status": "accepted"})).json()["status"] \
            == "accepted"
        response = await client.post(url, json={"status": "in_preparation"},
                                     headers={"X-Http-Method-Override": "PATCH"})
        assert response.json()["status"] == "in_preparation"
    assert world.orders[order["id"]]["status"] == "in_preparation"


@run_sync
async def test_method_override_is_refused_on_get(world):
    order = world.create_order(PLATFORM, simple())
    async with asgi_client(world, KDS) as client:
        response = await client.get(f"/v1/location/orders/{order['id']}",
                                    headers={"X-Http-Method-Override": "DELETE"})
    assert response.status_code == 400
    assert world.orders[order["id"]]["status"] == "new"


@run_sync
async def test_update_sets_confirmed_time_notes_and_merges_custom_fields(world):
    order = world.create_order(PLATFORM, simple(custom_fields={"a": 1, "b": 2}))
    updated = world.update_order(KDS, order["id"], {
        "status": "accepted", "confirmed_time": "2026-11-24T11:45:00Z",
        "seller_notes": "No basil today", "custom_fields": {"a": None, "c": 3}})
    assert updated["confirmed_time"] == "2026-11-24T12:45:00+01:00"
    assert updated["seller_notes"] == "No basil today"
    assert updated["custom_fields"] == {"b": 2, "c": 3}


@run_sync
async def test_update_refuses_fields_that_are_not_updatable(world):
    order = world.create_order(PLATFORM, simple())
    async with asgi_client(world, KDS) as client:
        response = await client.patch(f"/v1/location/orders/{order['id']}",
                                      json={"customer_notes": "hack", "status": "accepted"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "customer_notes",
                                          "message": "cannot be updated"}]
    assert world.orders[order["id"]]["status"] == "new"


@run_sync
async def test_update_deletes_and_adds_elements_and_reprices(world):
    order = world.create_order(PLATFORM, simple(items=[
        {"product_name": "Pizza", "price": "10.00 EUR", "quantity": "1"},
        {"product_name": "Fries", "price": "3.00 EUR", "quantity": "1"}]))
    updated = world.update_order(KDS, order["id"], {"items": [
        {"id": order["items"][1]["id"], "deleted": True},
        {"product_name": "Salad", "price": "6.00 EUR", "quantity": "1"}]})
    assert [i["deleted"] for i in updated["items"]] == [False, True, False]
    assert updated["total"] == "16.00 EUR"


@run_sync
async def test_custom_fields_over_8_kb_are_refused_on_update(world):
    order = world.create_order(PLATFORM, simple(custom_fields={"a": "x" * 5000}))
    async with asgi_client(world, KDS) as client:
        response = await client.patch(f"/v1/location/orders/{order['id']}",
                                      json={"custom_fields": {"b": "y" * 5000}})
    assert response.status_code == 422
    assert world.orders[order["id"]]["custom_fields"] == {"a": "x" * 5000}


@run_sync
async def test_unknown_order_is_404_not_found(world):
    async with asgi_client(world, KDS) as client:
        response = await client.get("/v1/location/orders/nope")
    assert response.status_code == 404 and response.json()["error_type"] == "not_found"


@run_sync
async def test_long_form_location_urls_work_too(world):
    async with asgi_client(world, PLATFORM) as client:
        created = await client.post("/v1/locations/3r4s3-1/orders", json=simple())
        fetched = await client.get(f"/v1/locations/3r4s3-1/orders/{created.json()['id']}")
        other = await client.get("/v1/locations/zzz-9/orders")
    assert fetched.status_code == 200 and other.status_code == 404


@run_sync
async def test_ids_subtotals_and_deleted_flags_are_set_by_hubrise_not_the_sender(world):
    order = world.create_order(PLATFORM, simple(items=[
        {"id": "mine", "product_name": "Pizza", "price": "10.00 EUR", "quantity": "1",
         "subtotal": "99.00 EUR", "deleted": True}]))
    [item] = order["items"]
    assert item["id"] != "mine" and item["subtotal"] == "10.00 EUR" and item["deleted"] is False


from hypothesis import given, settings  # noqa: E402

from kds.sim.world import SimError  # noqa: E402
from tests.unit.test_rules import _JSON  # noqa: E402


@pytest.mark.slow  # fuzzes: hundreds of generated examples
@settings(max_examples=200, deadline=None)
@given(_JSON, _JSON)
def test_any_json_body_is_answered_with_an_order_or_a_documented_error(create_body, update_body):
    world = World(FakeClock())
    order = world.create_order(PLATFORM, simple())
    for call in (lambda: world.create_order(PLATFORM, create_body),
                 lambda: world.update_order(KDS, order["id"], update_body),
                 lambda: world.patch_location(KDS, update_body)):
        try:
            call()
        except SimError as err:
            assert err.status == 422 and err.errors
