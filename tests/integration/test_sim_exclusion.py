"""Both readings of "a client does not receive notifications for the events it generated",
over a real loopback socket: per-client (the default, the literal reading) and per-connection."""

from __future__ import annotations

import httpx
import pytest

from kds.clock import FakeClock
from kds.sim.__main__ import build_parser, build_world
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

EVENTS = {"url": None, "events": {"order": ["create", "update"], "location": ["update"]}}
SCREEN_2 = "screen-2-token"


def run_scenario(mode: str | None) -> dict[str, list[tuple[str, str]]]:
    """Screen 1 accepts an order and pauses the location; who gets which events?"""
    world = World(FakeClock(), rate_limits=False,
                  **({"exclude_own_events": mode} if mode else {}))
    world.add_connection(SCREEN_2, "kds", "screen-2")  # a second screen of the same app
    server = serve_in_thread(world)
    tokens = {"screen-1": DEMO_KDS_TOKEN, "screen-2": SCREEN_2, "platform": DEMO_PLATFORM_TOKEN}
    try:
        clients = {name: httpx.Client(base_url=server.base_url,
                                      headers={"X-Access-Token": token})
                   for name, token in tokens.items()}
        for client in clients.values():
            client.post("/callback", json=EVENTS)
        order = clients["platform"].post("/location/orders", json={"status": "new"}).json()
        for client in clients.values():  # everyone acknowledges the create first
            for event in client.get("/callback/events").json():
                client.delete(f"/callback/events/{event['id']}")
        clients["screen-1"].patch(f"/location/orders/{order['id']}", json={"status": "accepted"})
        clients["screen-1"].patch("/location", json={"order_acceptance": {"mode": "paused"}})
        seen = {name: [(e["resource_type"], e["event_type"])
                       for e in client.get("/callback/events").json()]
                for name, client in clients.items()}
        for client in clients.values():
            client.close()
        return seen
    finally:
        server.stop()


BOTH = [("order", "update"), ("location", "update")]


def test_per_client_is_the_default_and_hides_a_screens_taps_from_its_sibling():
    assert run_scenario(None) == run_scenario("per-client") == {
        "screen-1": [], "screen-2": [], "platform": BOTH}


def test_per_connection_lets_a_sibling_screen_see_the_taps():
    assert run_scenario("per-connection") == {"screen-1": [], "screen-2": BOTH,
                                              "platform": BOTH}


def test_platform_changes_reach_every_kds_screen_in_both_readings():
    for mode in ("per-client", "per-connection"):
        world = World(FakeClock(), exclude_own_events=mode)
        world.add_connection(SCREEN_2, "kds", "screen-2")
        for token in (DEMO_KDS_TOKEN, SCREEN_2):
            world.set_callback(token, EVENTS)
        world.create_order(DEMO_PLATFORM_TOKEN, {"status": "new"})
        assert len(world.pending_events(DEMO_KDS_TOKEN)) == 1
        assert len(world.pending_events(SCREEN_2)) == 1


def test_kds_sim_flag_sets_the_reading_and_refuses_others():
    parser = build_parser()
    assert build_world(parser.parse_args([])).exclude_own_events == "per-client"
    world = build_world(parser.parse_args(["--exclude-own-events", "per-connection"]))
    assert world.exclude_own_events == "per-connection"
    with pytest.raises(SystemExit):
        parser.parse_args(["--exclude-own-events", "nobody"])
    with pytest.raises(ValueError):
        World(FakeClock(), exclude_own_events="nobody")
