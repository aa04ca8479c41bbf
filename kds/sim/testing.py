"""Helpers for tests: talk to a World in-process through httpx's ASGI transport."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

import httpx

from kds.sim.app import create_app
from kds.sim.world import World

ROOT = "http://sim.test"


def asgi_client(world: World, token: str | None = None) -> httpx.AsyncClient:
    """An AsyncClient on the simulator's root URL; paths start with /v1 or /oauth2/v1."""
    headers = {"X-Access-Token": token} if token else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(world)),
                             base_url=ROOT, headers=headers)


def run_sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test body on a plain asyncio loop, not the Qt one.

    The suite's pytest-asyncio hook runs every asyncio-marked test on a fresh qasync loop;
    ~100 of those in one process make the interpreter abort at exit (Fatal Python error:
    bool_dealloc, measured with PySide6 6.12 / qasync 0.28). The simulator needs no Qt.
    """
    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))
    return wrapper
