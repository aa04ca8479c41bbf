"""Helpers for tests: talk to a World in-process through httpx's ASGI transport."""

from __future__ import annotations

import httpx

from kds.sim.app import create_app
from kds.sim.world import World

ROOT = "http://sim.test"


def asgi_client(world: World, token: str | None = None) -> httpx.AsyncClient:
    """An AsyncClient on the simulator's root URL; paths start with /v1 or /oauth2/v1."""
    headers = {"X-Access-Token": token} if token else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(world)),
                             base_url=ROOT, headers=headers)
