"""A tiny in-process HubRise for sync tests: httpx.MockTransport, with faults per path."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import httpx

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.sync.poller import WANTED_EVENTS

HTML = "<!DOCTYPE html><html><body>Welcome to Hotel Wi-Fi, please log in</body></html>"


def order(order_id: str, ref: str, when: datetime, **extra: Any) -> dict[str, Any]:
    return {"id": order_id, "ref": ref, "status": "new", "service_type": "collection",
            "created_at": when.isoformat(), "items": [
                {"product_name": "Margherita", "price": "9.50 EUR", "quantity": "1"}], **extra}


class FakeHubRise:
    """Answers the calls the poller makes; `faults[path]` replaces the answer for that path.

    A fault is an httpx.Response, or "network" (connection refused).
    """

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.location = {"id": "L1", "name": "Paris", "timezone": {"name": "Europe/Paris"}}
        self.orders: dict[str, dict[str, Any]] = {}
        self.listed: list[Any] | None = None   # what GET /location/orders answers (None: orders)
        self.events: list[dict[str, Any]] = []
        self.faults: dict[str, Any] = {}
        self.requests: list[str] = []

    def client(self, limiter: RateLimiter | None = None) -> HubRiseClient:
        return HubRiseClient("https://api.test/v1", "token", clock=self.clock,
                             transport=httpx.MockTransport(self.handle),
                             limiter=limiter or RateLimiter(self.clock))

    def add_event(self, order_id: str) -> None:
        self.events.append({"id": f"ev-{order_id}", "resource_type": "order",
                            "event_type": "create", "order_id": order_id,
                            "created_at": self.clock.now().isoformat()})

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/v1/")
        self.requests.append(f"{request.method} {path}")
        fault = self.faults.get(path)
        if fault == "network":
            raise httpx.ConnectError("connection refused", request=request)
        if isinstance(fault, httpx.Response):
            return fault
        return self._answer(request.method, path)

    def _answer(self, method: str, path: str) -> httpx.Response:
        if path == "callback":
            return _json({"url": None, "events": WANTED_EVENTS})
        if path == "location":
            return _json(self.location)
        if path == "location/orders":
            return _json(list(self.orders.values()) if self.listed is None else self.listed)
        if path.startswith("location/orders/"):
            found = self.orders.get(path.rsplit("/", 1)[1])
            return _json(found) if found else _json({"error_type": "not_found"}, 404)
        if path == "callback/events":
            return _json(self.events)
        if path.startswith("callback/events/") and method == "DELETE":
            event_id = path.rsplit("/", 1)[1]
            self.events = [e for e in self.events if e["id"] != event_id]
            return httpx.Response(200, content=b"")
        return _json({"error_type": "not_found"}, 404)


def _json(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(),
                          headers={"Content-Type": "application/json"})


def html(status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=HTML.encode(), headers={"Content-Type": "text/html"})


def text(status: int, body: str) -> httpx.Response:
    return httpx.Response(status, content=body.encode(), headers={"Content-Type": "text/plain"})
