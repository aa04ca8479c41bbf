"""Waiting on the thing that writes: a test sleeps until the sync engine has news or HubRise answered.

No real-time polling: `Wakeups.until(condition)` checks the condition once now, then again each time
the engine tells its listeners something or one of the client's calls returns (that is when the
simulator, the store or the board can have changed). `GUARD_S` only turns a hang into a failure.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

GUARD_S = 15.0


class Wakeups:
    """An engine listener (the `fn(name, *args)` form) that wakes the waiting test."""

    def __init__(self) -> None:
        self._changed = asyncio.Event()
        self.count = 0

    def __call__(self, *news: Any) -> None:
        self.count += 1
        self._changed.set()

    async def until(self, condition: Callable[[], bool], guard_s: float = GUARD_S) -> None:
        try:
            async with asyncio.timeout(guard_s):
                while not condition():
                    self._changed.clear()  # no await since the check: no wake-up is lost
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"condition not met after {self.count} wake-ups") from None


class WakingClient:
    """Wraps a HubRise client: each call that returns (or fails) wakes the waiting test."""

    def __init__(self, inner: Any, wake: Callable[[], None]) -> None:
        self._inner = inner
        self._wake = wake

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._inner, name)
        if name.startswith("_") or not inspect.iscoroutinefunction(target):
            return target

        async def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return await target(*args, **kwargs)
            finally:
                self._wake()
        return call


def watch_engine(engine: Any) -> Wakeups:
    """Wake-ups for everything `engine` tells its listeners and every call its client makes."""
    wakeups = Wakeups()
    engine.add_listener(wakeups)
    engine.set_client(WakingClient(engine.client, wakeups))
    return wakeups
