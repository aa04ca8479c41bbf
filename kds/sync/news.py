"""The engine's health record and its listeners (orders_changed, location_changed, health_changed)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from typing import Any

from kds.clock import Clock
from kds.sync.health import Health

log = logging.getLogger(__name__)

NEWS = ("orders_changed", "location_changed", "health_changed")


class News:
    """Holds the current Health and tells listeners what changed.

    A listener is either an object with any of the methods `orders_changed(ids)`,
    `location_changed()`, `health_changed()`, or a callable `fn(name, *args)`.
    A failing listener is logged, never allowed to stop the sync loops.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._listeners: list[Any] = []
        self.health = Health()

    def add_listener(self, listener: Any) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Any) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def orders_changed(self, ids: Iterable[str]) -> None:
        unique = list(dict.fromkeys(ids))
        if unique:
            self._emit("orders_changed", unique)

    def location_changed(self) -> None:
        self._emit("location_changed")

    def update(self, **changes: Any) -> None:
        """Change health fields; listeners hear about it only when something differs."""
        new = dataclasses.replace(self.health, **changes)
        if new != self.health:
            self.health = new
            self._emit("health_changed")

    def online(self) -> None:
        if not self.health.online:
            self.update(online=True, offline_since=None)

    def offline(self, error: str) -> None:
        if self.health.online:
            self.update(online=False, offline_since=self._clock.now(), last_error=error)
        else:
            self.update(last_error=error)

    def _emit(self, name: str, *args: Any) -> None:
        for listener in list(self._listeners):
            method: Callable[..., Any] | None = getattr(listener, name, None)
            try:
                if method is not None:
                    method(*args)
                elif callable(listener) and not any(hasattr(listener, n) for n in NEWS):
                    listener(name, *args)
            except Exception:  # a broken screen must not stop the orders from arriving
                log.exception("sync listener failed on %s", name)
