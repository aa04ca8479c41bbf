"""Render the board with a long continued ticket, allergy notes, odd quantities and a bidi name.

    python -m tests.screens.ticket_whole_screenshot docs/screens [WIDTH HEIGHT ...]

Set QT_SCALE_FACTOR=1.3 to see the kitchen's 130 % text size (as kds.app.start does).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.fakes.samples import sample_order

LONG_NOTE = ("Please ring twice, the bell is broken and the dog is friendly. " * 18)[:1090] \
    + "SEVERE ALLERGY: PEANUTS"


def extra_orders(now: datetime) -> list[dict[str, Any]]:
    long = sample_order(30, now, status="accepted")
    long["items"] = [{"product_name": f"Dish number {n:02d}", "quantity": str(n % 3 + 1),
                      "options": [{"option_list_name": "Sauce", "name": "Tomato"}]}
                     for n in range(40)]
    long["customer_notes"] = LONG_NOTE
    long["expected_time"] = (now - timedelta(minutes=3)).isoformat()   # first on the board
    odd = sample_order(31, now, status="in_preparation")
    odd["items"] = [{"product_name": "Mozzarella balls (party tray, large)", "quantity": q}
                    for q in ("100", "1.5", "2.25", "0.333", "2.0")]
    odd["customer"] = {"first_name": "Amira", "last_name": "حداد", "phone": "+33 6 12 34 56 78"}
    odd["customer_notes"] = "Sans œufs svp — allergique"
    odd["expected_time"] = (now - timedelta(minutes=5)).isoformat()
    later = sample_order(32, now, status="accepted")
    later["expected_time"] = (now + timedelta(minutes=170)).isoformat()
    later["ref"] = "\u200b\u200b"   # only invisible characters: the order id is called out
    return [long, odd, later]


def render(path: Path, width: int, height: int) -> Path:
    from kds.clock import FakeClock
    from tests.screens.board_screenshot import demo_source
    from tests.screens.shooting import shoot_board, themed_app

    themed_app()
    clock = FakeClock(datetime(2026, 11, 24, 11, 40, tzinfo=timezone.utc))
    source = demo_source(clock)
    for raw in extra_orders(clock.now()):
        source.add_remote(raw, seen=raw["id"] != "o00031x")
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))   # a screen of width×height pixels
    return shoot_board(source, clock, round(width / scale), round(height / scale), path)


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = "" if scale in ("1", "1.00") else f"-{round(float(scale) * 100)}pct"
    for width, height in zip(argv[1::2], argv[2::2]):
        print(render(Path(argv[0]) / f"board-{width}x{height}{suffix}.png", int(width),
                     int(height)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
