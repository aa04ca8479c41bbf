"""The request log is written before the response leaves, so a client holding a response finds
its request logged (a log written after the send made a paging test flaky on a fresh clone)."""

from __future__ import annotations

import httpx

from kds.clock import FakeClock
from kds.sim.app import create_app
from kds.sim.server import serve_in_thread
from kds.sim.testing import run_sync
from kds.sim.world import DEMO_KDS_TOKEN, World


def _scope(method: str, path: str, headers: dict[str, str]) -> dict:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
            "root_path": "", "query_string": b"", "server": ("127.0.0.1", 80),
            "client": ("127.0.0.1", 1234),
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}


async def _logged_when_sent(world: World, method: str, path: str,
                            headers: dict[str, str]) -> list[int]:
    """How many requests were logged at each message the server sends, in order."""
    seen: list[int] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        seen.append(len(world.request_log))

    await create_app(world)(_scope(method, path, headers), receive, send)
    return seen


@run_sync
async def test_request_is_logged_before_the_first_response_byte_is_sent():
    world = World(FakeClock())
    for method, path in (("GET", "/v1/location"), ("GET", "/v1/nowhere")):
        before = len(world.request_log)
        seen = await _logged_when_sent(world, method, path, {"X-Access-Token": DEMO_KDS_TOKEN})
        assert seen and all(count == before + 1 for count in seen), (path, seen)
    assert [(r.path, r.status) for r in world.request_log] == [
        ("/v1/location", 200), ("/v1/nowhere", 404)]


@run_sync
async def test_refused_method_override_is_logged_before_its_400_leaves():
    world = World(FakeClock())
    seen = await _logged_when_sent(world, "GET", "/v1/location", {
        "X-Access-Token": DEMO_KDS_TOKEN, "X-Http-Method-Override": "DELETE"})
    assert seen and all(count == 1 for count in seen)
    assert [(r.method, r.status) for r in world.request_log] == [("GET", 400)]


def test_every_answered_loopback_request_is_already_in_the_log():
    world = World(FakeClock(), rate_limits=False)
    server = serve_in_thread(world)
    try:
        with httpx.Client(base_url=server.base_url,
                          headers={"X-Access-Token": DEMO_KDS_TOKEN}) as client:
            for index in range(1, 31):
                client.get("/location/orders")
                assert len(world.request_log) == index
    finally:
        server.stop()
