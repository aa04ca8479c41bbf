"""The kitchen's preferences: one typed record with defaults, validated whenever it is loaded."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from kds.kitchen.acceptance import BUSY_LATE_TICKETS, BUSY_OPEN_TICKETS

log = logging.getLogger(__name__)

PollMode = Literal["default", "fast"]


@dataclass(frozen=True, slots=True)
class Settings:
    sound_on: bool = True
    volume: int = 80                      # 0-100
    auto_receive: bool = True             # move new orders to "received" as soon as stored
    scheduled_lead_minutes: int = 30      # orders due later than this sit in "scheduled"
    warn_minutes: int = 5                 # ticket turns amber this long before due
    late_after_minutes: int = 0           # ticket turns red this long after due
    poll_mode: PollMode = "default"
    font_scale_percent: int = 100         # whole percent, so no float ever reaches layout maths
    kiosk: bool = False
    # The busy suggestion's thresholds: defaults are the kitchen rule's (kds.kitchen.acceptance).
    busy_suggest_open_tickets: int = BUSY_OPEN_TICKETS
    busy_suggest_late_tickets: int = BUSY_LATE_TICKETS

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> Settings:
        """Build from stored JSON; each bad or unknown value falls back to its default."""
        if not isinstance(data, dict):
            if data is not None:
                log.warning("stored settings are not an object; using defaults")
            return cls()
        values: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name not in data:
                continue
            value = data[spec.name]
            if _valid(spec.name, value):
                values[spec.name] = value
            else:
                log.warning("setting %s=%r is not valid; using the default", spec.name, value)
        return cls(**values)

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if not _valid(spec.name, value):
                raise ValueError(f"setting {spec.name}={value!r} is not valid")


_RANGES: dict[str, tuple[int, int]] = {
    "volume": (0, 100),
    "scheduled_lead_minutes": (0, 24 * 60),
    "warn_minutes": (0, 240),
    "late_after_minutes": (0, 240),
    "font_scale_percent": (50, 300),
    "busy_suggest_open_tickets": (1, 1000),
    "busy_suggest_late_tickets": (1, 1000),
}
_FLAGS = frozenset({"sound_on", "auto_receive", "kiosk"})


def _valid(name: str, value: object) -> bool:
    if name in _FLAGS:
        return isinstance(value, bool)
    if name == "poll_mode":
        return value in ("default", "fast")
    low, high = _RANGES[name]
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

RANGES = _RANGES  # public name for the settings screen (same object)
