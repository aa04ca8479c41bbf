"""CORS on /v1 over a real loopback socket: what a browser page from another origin needs to
list orders and PATCH a status (HubRise's API reference: any origin, Allow-Origin `*`)."""

from __future__ import annotations

import httpx
import pytest

from kds.clock import FakeClock
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

ORIGIN = "http://tablet.example.org:3000"
# Response headers a browser lets a script read without Access-Control-Expose-Headers.
SAFELISTED_RESPONSE = {"cache-control", "content-language", "content-length", "content-type",
                       "expires", "last-modified", "pragma"}


@pytest.fixture
def served():
    world = World(FakeClock(), rate_limits=False)
    server = serve_in_thread(world)
    try:
        yield world, server
    finally:
        server.stop()


def _listed(value: str | None) -> set[str]:
    return {part.strip().lower() for part in (value or "").split(",") if part.strip()}


def assert_preflight_allows(answer: httpx.Response, method: str, headers: list[str]) -> None:
    """The checks of the Fetch standard's CORS-preflight fetch, as a browser makes them."""
    assert 200 <= answer.status_code < 300, answer.status_code
    assert answer.headers.get("access-control-allow-origin") in ("*", ORIGIN)
    methods = {m.strip() for m in answer.headers.get("access-control-allow-methods", "").split(",")}
    assert method in methods or "*" in methods, methods  # method names compare case-sensitively
    allowed = _listed(answer.headers.get("access-control-allow-headers"))
    assert {h.lower() for h in headers} <= allowed or "*" in allowed, allowed


def preflight(client: httpx.Client, path: str, method: str, headers: list[str]) -> httpx.Response:
    return client.options(path, headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": ",".join(h.lower() for h in headers)})


def assert_cors_response(answer: httpx.Response, readable: tuple[str, ...] = ()) -> None:
    assert answer.headers.get("access-control-allow-origin") in ("*", ORIGIN)
    exposed = _listed(answer.headers.get("access-control-expose-headers"))
    for header in readable:
        assert header.lower() in exposed | SAFELISTED_RESPONSE, (header, exposed)


def test_browser_page_lists_orders_and_patches_a_status_cross_origin(served):
    world, server = served
    for _ in range(3):
        world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new"})
    token = {"X-Access-Token": DEMO_KDS_TOKEN, "Origin": ORIGIN}
    with httpx.Client(base_url=server.base_url) as browser:
        listing_check = preflight(browser, "/location/orders", "GET", ["X-Access-Token"])
        listed = browser.get("/location/orders?count=2", headers=token)
        order_id = listed.json()[0]["id"]
        patch_check = preflight(browser, f"/location/orders/{order_id}", "PATCH",
                                ["X-Access-Token", "Content-Type"])
        patched = browser.patch(f"/location/orders/{order_id}", json={"status": "accepted"},
                                headers=token)
    assert_preflight_allows(listing_check, "GET", ["X-Access-Token"])
    assert_preflight_allows(patch_check, "PATCH", ["X-Access-Token", "Content-Type"])
    assert listed.status_code == 200 and len(listed.json()) == 2
    assert_cors_response(listed, readable=("X-Cursor-Next", "Content-Type"))
    assert listed.headers["x-cursor-next"]
    assert patched.status_code == 200 and patched.json()["status"] == "accepted"
    assert_cors_response(patched)
    assert world.orders[order_id]["status"] == "accepted"


def test_every_documented_method_passes_a_preflight_without_a_token(served):
    world, server = served
    with httpx.Client(base_url=server.base_url) as browser:
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            answer = preflight(browser, "/callback/events/abc", method,
                               ["X-Access-Token", "Content-Type"])
            assert answer.status_code == 204 and answer.content == b""
            assert_preflight_allows(answer, method, ["X-Access-Token", "Content-Type"])
        long_form = preflight(browser, "/locations/3r4s3-1/orders", "POST",
                              ["X-Access-Token", "Content-Type"])
    assert_preflight_allows(long_form, "POST", ["X-Access-Token", "Content-Type"])
    assert [r.status for r in world.request_log] == [204] * 6


def test_errors_carry_the_cors_headers_too(served):
    _, server = served
    with httpx.Client(base_url=server.base_url, headers={"Origin": ORIGIN}) as browser:
        answers = [
            browser.get("/location"),  # 401, no token
            browser.get("/pizzas", headers={"X-Access-Token": DEMO_KDS_TOKEN}),  # 404 routing
            browser.post("/location/orders", json={"status": "cooking"},
                         headers={"X-Access-Token": DEMO_KDS_TOKEN}),  # 422
            browser.post("/location/orders", content=b"{", headers={
                "X-Access-Token": DEMO_KDS_TOKEN, "Content-Type": "application/json"}),  # 400
        ]
    assert [a.status_code for a in answers] == [401, 404, 422, 400]
    for answer in answers:
        assert_cors_response(answer, readable=("Content-Type",))
        assert answer.json()["error_type"]


def test_oauth_endpoints_keep_their_own_rules(served):
    _, server = served
    with httpx.Client(base_url=server.oauth_url, headers={"Origin": ORIGIN}) as browser:
        token_preflight = preflight(browser, "/token", "POST", ["Content-Type"])
        token = browser.post("/token", data={"code": "nope"})
    assert "access-control-allow-origin" not in token_preflight.headers
    assert token_preflight.status_code == 404
    assert "access-control-allow-origin" not in token.headers
