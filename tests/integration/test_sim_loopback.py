"""The simulator over a real loopback socket (uvicorn in a thread), and the kds-sim command line."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from kds.clock import FakeClock
from kds.sim.__main__ import build_parser, build_world
from kds.sim.oauth import DEMO_CLIENT_ID
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from tests.unit.test_rules import SEED_001_ORDER

pytestmark = pytest.mark.slow  # real processes or servers over loopback: seconds each


@pytest.fixture
def served():
    world = World(FakeClock())
    server = serve_in_thread(world)
    yield world, server
    server.stop()


def test_platform_order_reaches_the_kds_event_queue_over_loopback(served):
    world, server = served
    assert server.base_url.startswith("http://127.0.0.1:") and server.base_url.endswith("/v1")
    kds = httpx.Client(base_url=server.base_url, headers={"X-Access-Token": DEMO_KDS_TOKEN})
    platform = httpx.Client(base_url=server.base_url,
                            headers={"X-Access-Token": DEMO_PLATFORM_TOKEN})
    with kds, platform:
        kds.post("/callback", json={"url": None, "events": {"order": ["create", "update"]}})
        created = platform.post("/location/orders", json=SEED_001_ORDER).json()
        [event] = kds.get("/callback/events").json()
        full = kds.get(f"/callback/events/{event['id']}").json()
        acked = kds.delete(f"/callback/events/{event['id']}")
        patched = kds.patch(f"/location/orders/{created['id']}", json={"status": "received"})
        unauthorized = httpx.get(server.base_url + "/location")
    assert full["new_state"]["total"] == "23.50 EUR"
    assert acked.status_code == 200 and patched.json()["status"] == "received"
    assert unauthorized.status_code == 401
    assert world.orders[created["id"]]["status"] == "received"


def test_server_stops_and_frees_its_port():
    server = serve_in_thread(World(FakeClock()))
    url = server.base_url
    server.stop()
    with pytest.raises(httpx.TransportError):
        httpx.get(url + "/location", timeout=2)


def test_kds_sim_flags_build_the_world():
    args = build_parser().parse_args([
        "--port", "0", "--token", "t1", "--token", "t2", "--platform-token", "plat",
        "--no-rate-limits", "--generate-every", "5", "--client-id", "cid",
        "--client-secret", "sec", "--seed", "4"])
    world = build_world(args)
    assert {"t1", "t2", "plat", DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN} <= set(world.connections)
    assert world.connections["plat"].client_name == "deliveroo-demo"
    assert world.rate_limits is False and args.generate_every == 5.0
    world.oauth.authenticate_client("cid", "sec")
    world.oauth.authenticate_client(DEMO_CLIENT_ID, "kds-demo-secret")


def test_kds_sim_command_serves_and_accepts_the_documented_curl_order():
    """The order of docs/SIMULATOR.md, posted to a real `kds-sim` process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kds.sim", "--port", "0", "--seed", "1", "--no-rate-limits"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        base_url = line.rsplit(" ", 1)[-1].strip()
        assert base_url.startswith("http://127.0.0.1:") and not base_url.endswith(":0/v1")
        body = {"status": "new", "service_type": "collection", "customer_notes": "No onions",
                "items": [{"product_name": "Margherita", "sku_name": "Large",
                           "price": "14.00 EUR", "quantity": "1"}]}
        created = httpx.post(base_url + "/location/orders", json=body,
                             headers={"X-Access-Token": "demo-platform-token"})
        listed = httpx.get(base_url + "/location/orders",
                           headers={"X-Access-Token": "demo-kds-token"})
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert created.status_code == 200 and created.json()["total"] == "14.00 EUR"
    assert [o["id"] for o in listed.json()] == [created.json()["id"]]
