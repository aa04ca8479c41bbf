"""NaN, Infinity and giant numbers over a real loopback socket: refused with the documented
error body before anything is stored, so the order list keeps answering 200."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import httpx
import pytest

from kds.clock import FakeClock
from kds.sim.errors import SimError
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World


def item(price: str = "9.00 EUR", quantity: str = "1") -> dict:
    return {"product_name": "Margherita", "price": price, "quantity": quantity}


RAW_BODIES = {
    "NaN in custom_fields": b'{"status": "new", "custom_fields": {"spice": NaN}}',
    "Infinity in custom_fields": b'{"status": "new", "custom_fields": {"spice": -Infinity}}',
    "float overflow": b'{"status": "new", "custom_fields": {"spice": 1e400}}',
    "5,000-digit integer": b'{"status": "new", "custom_fields": {"n": ' + b"9" * 5000 + b"}}",
}
GIANT_BODIES = {
    "5,000-digit quantity": {"status": "new", "items": [item(quantity="9" * 5000)]},
    "30-digit quantity": {"status": "new", "items": [item(quantity="9" * 30)]},
    "giant price": {"status": "new", "items": [item(price="9" * 40 + ".00 EUR")]},
    "giant payment": {"status": "new", "payments": [{"name": "Cash",
                                                     "amount": "1" + "0" * 20 + ".00 EUR"}]},
}


@pytest.fixture
def served():
    world = World(FakeClock(), rate_limits=False)
    server = serve_in_thread(world)
    try:
        with httpx.Client(base_url=server.base_url,
                          headers={"X-Access-Token": DEMO_PLATFORM_TOKEN}) as platform:
            yield world, platform
    finally:
        server.stop()


def assert_documented_error(answer: httpx.Response, status: int) -> dict:
    assert answer.status_code == status, (answer.status_code, answer.text[:300])
    body = answer.json()
    assert body["error_type"] and body["message"] and set(body) <= {"message", "errors",
                                                                     "error_type"}
    return body


@pytest.mark.parametrize("name", list(RAW_BODIES))
def test_json_that_cannot_be_served_back_is_a_400_and_nothing_is_stored(served, name):
    world, platform = served
    answer = platform.post("/location/orders", content=RAW_BODIES[name],
                           headers={"Content-Type": "application/json"})
    assert_documented_error(answer, 400)
    assert world.orders == {}
    assert platform.get("/location/orders").status_code == 200


@pytest.mark.parametrize("name", list(GIANT_BODIES))
def test_giant_amounts_are_a_422_naming_the_field(served, name):
    world, platform = served
    body = assert_documented_error(platform.post("/location/orders", json=GIANT_BODIES[name]),
                                   422)
    assert body["errors"] and all(e["field"] for e in body["errors"])
    assert world.orders == {}
    assert platform.get("/location/orders").status_code == 200


def test_nan_in_an_update_or_location_patch_leaves_the_stored_data_as_it_was(served):
    world, platform = served
    order = platform.post("/location/orders", json={"status": "new", "items": [item()]}).json()
    nan_patch = platform.patch(f"/location/orders/{order['id']}", content=(
        b'{"status": "accepted", "custom_fields": {"x": NaN}}'),
        headers={"Content-Type": "application/json"})
    giant_patch = platform.patch(f"/location/orders/{order['id']}", json={
        "items": [item(quantity="9" * 5000)]})
    location_patch = platform.patch("/location", content=b'{"custom_fields": {"x": Infinity}}',
                                    headers={"Content-Type": "application/json"})
    assert_documented_error(nan_patch, 400)
    assert_documented_error(giant_patch, 422)
    assert_documented_error(location_patch, 400)
    assert world.orders[order["id"]]["status"] == "new"
    assert len(world.orders[order["id"]]["items"]) == 1
    with httpx.Client(base_url=str(platform.base_url),
                      headers={"X-Access-Token": DEMO_KDS_TOKEN}) as kds:
        assert kds.get("/location/orders").status_code == 200
        assert kds.get("/location").status_code == 200


def test_in_process_callers_cannot_store_nan_either():
    world = World(FakeClock())
    with pytest.raises(SimError) as refused:
        world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new",
                                                 "custom_fields": {"x": math.nan}})
    assert refused.value.status == 422 and world.orders == {}
    with pytest.raises(SimError):
        world.patch_location(DEMO_PLATFORM_TOKEN, {"custom_fields": {"x": math.inf}})
    json.dumps(world.location, allow_nan=False)


def test_twelve_digit_amounts_are_still_accepted(served):
    _, platform = served
    answer = platform.post("/location/orders", json={"status": "new", "items": [
        item(price="999999999999.99 EUR", quantity="999999999999")]})
    assert answer.status_code == 200, answer.text
    exact = Decimal("999999999999.99") * Decimal(999999999999)  # exact, no rounding
    assert answer.json()["items"][0]["subtotal"] == f"{exact} EUR"
