"""The kitchen's preferences: one typed record with defaults, validated whenever it is loaded."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from kds.kitchen.acceptance import BUSY_LATE_TICKETS, BUSY_OPEN_TICKETS
from kds.kitchen.print_ticket import PAPER_WIDTHS

log = logging.getLogger(__name__)

PollMode = Literal["default", "fast"]
Language = Literal["auto", "en", "fr"]
LANGUAGES = ("auto", "en", "fr")   # kds.ui.i18n has a .qm file for each one but English


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
    # Printing (kds.printing): "tcp://HOST:PORT", "file:///dev/usb/lp0" or "qt:NAME" (a system
    # printer); none → KDS_PRINTER, if set.
    printers: tuple[str, ...] = ()
    print_on_arrival: bool = True         # a new order prints once when it arrives
    print_on_accept: bool = False         # and/or when the kitchen accepts it
    print_on_station_done: bool = False   # and/or when this station screen bumps its part
    print_copies: int = 1
    paper_width_mm: int = 80              # 58 or 80 (32 or 48 characters a line)
    # One speed-of-service line in the header ("avg prep 14 min · 3 late"); off: tickets first.
    header_figures: bool = False
    language: Language = "auto"           # "auto" follows the OS locale; applied at next start
    # The public "Preparing / Ready" board (kds.ui.customer), on a second screen when there is one.
    customer_display: bool = False

    @property
    def print_events(self) -> frozenset[str]:
        """The events that print by themselves (kds.store.print_queue.PRINT_EVENTS)."""
        return frozenset(event for event, on in (("arrival", self.print_on_arrival),
                                                 ("accept", self.print_on_accept),
                                                 ("station_done", self.print_on_station_done))
                         if on)

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
            if spec.name == "printers" and isinstance(value, list):
                value = tuple(value)   # JSON has lists, the record keeps a tuple
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
    "print_copies": (1, 5),
    "paper_width_mm": (58, 80),
}
_FLAGS = frozenset({"sound_on", "auto_receive", "kiosk", "print_on_arrival", "print_on_accept",
                    "print_on_station_done",
                    "header_figures", "customer_display"})
MAX_PRINTERS = 4
PRINTER_SCHEMES = ("tcp://", "file:///", "qt:")   # as kds.printing.address parses them


def _valid(name: str, value: object) -> bool:
    if name in _FLAGS:
        return isinstance(value, bool)
    if name == "poll_mode":
        return value in ("default", "fast")
    if name == "language":
        return value in LANGUAGES
    if name == "printers":
        return _valid_printers(value)
    if name == "paper_width_mm" and value not in PAPER_WIDTHS:
        return False
    low, high = _RANGES[name]
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

def _valid_printers(value: object) -> bool:
    """A tuple of printer addresses (kds.printing.address parses them when they are used)."""
    return (isinstance(value, tuple) and len(value) <= MAX_PRINTERS
            and all(isinstance(item, str) and item.startswith(PRINTER_SCHEMES)
                    and len(item) <= 200 for item in value))


RANGES = _RANGES  # public name for the settings screen (same object)
