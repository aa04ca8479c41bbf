"""The header's speed-of-service line on demand ("avg prep 14 min · 3 late", Settings →
"Figures in the header"). Read at most once a minute: the header refreshes every second and
the figures need one query over today's orders."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kds.clock import Clock
from kds.kitchen.figures import Figures, header_line

log = logging.getLogger(__name__)
EVERY_SECONDS = 60.0


class HeaderFigures:
    def __init__(self, load_today: Callable[[], Figures], clock: Clock, *, on: bool = False,
                 every_seconds: float = EVERY_SECONDS) -> None:
        self._load, self._clock, self._every = load_today, clock, every_seconds
        self.on = on
        self._text = ""
        self._read_at: float | None = None

    def set_on(self, on: bool) -> None:
        if on and not self.on:
            self._read_at = None   # fresh figures the moment staff turn it on
        self.on = on

    def __call__(self) -> str:
        """The line, or "" when turned off (the header then shows nothing for it)."""
        if not self.on:
            return ""
        now = self._clock.monotonic()
        if self._read_at is None or now - self._read_at >= self._every:
            self._read_at = now
            try:
                self._text = header_line(self._load())
            except Exception as exc:  # noqa: BLE001 - a figure must never stop the header
                log.warning("header figures not read: %s", exc)
                self._text = ""
        return self._text
