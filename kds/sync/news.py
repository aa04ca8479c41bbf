"""The engine's health record and its listeners: orders, location and health changed."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from typing import Any

from kds.clock import Clock
from kds.sync.health import Health
from kds.sync.retry import NETWORK

log = logging.getLogger(__name__)

NEWS = ("orders_changed", "location_changed", "health_changed", "catalog_changed")


class News:
    """Holds the current Health and tells listeners what changed.

    A listener is either an object with any of the methods `orders_changed(ids)`,
    `location_changed()`, `health_changed()`, or a callable `fn(name, *args)`.
    A failing listener is logged, never allowed to stop the sync loops.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._listeners: list[object] = []
        self.health = Health()

    def add_listener(self, listener: object) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: object) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def orders_changed(self, ids: Iterable[str]) -> None:
        unique = list(dict.fromkeys(ids))
        if unique:
            self._emit("orders_changed", unique)

    def location_changed(self) -> None:
        self._emit("location_changed")

    def catalog_changed(self) -> None:
        """A new copy of the catalog is in the store: tickets re-read their marks."""
        self._emit("catalog_changed")

    def update(self, **changes: Any) -> None:
        """Change health fields; listeners hear about it only when something differs."""
        new = dataclasses.replace(self.health, **changes)
        if new != self.health:
            self.health = new
            self._emit("health_changed")

    def contact_ok(self) -> None:
        """A poll succeeded: orders are arriving."""
        if self.health.problem:
            log.info("HubRise answers again")
        self.update(online=True, offline_since=None, problem="", problem_kind="",
                    last_poll_at=self._clock.now())

    def online(self) -> None:
        """HubRise took a change: this ends "the network is down", not a failing poll."""
        if not self.health.online and self.health.problem_kind in ("", NETWORK):
            self.update(online=True, offline_since=None, problem="", problem_kind="")

    def offline(self, error: str) -> None:
        self.no_contact(NETWORK, "the network is down", error)

    def no_contact(self, kind: str, reason: str, error: str,
                   exc: BaseException | None = None) -> None:
        """Orders may not be arriving. One log line when the reason changes, details at debug."""
        if (kind, reason) != (self.health.problem_kind, self.health.problem):
            log.warning("No contact with HubRise: %s (%s)", reason, error)
            if exc is not None:
                log.debug("details of: %s", reason, exc_info=exc)
        self.update(online=False, offline_since=self.health.offline_since or self._clock.now(),
                    problem=reason, problem_kind=kind, last_error=error)

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
