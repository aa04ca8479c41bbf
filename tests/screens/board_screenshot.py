"""Render the board with a dozen realistic tickets to a PNG (no simulator, no network).

    python -m tests.screens.board_screenshot shots/board.png [WIDTH HEIGHT]
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

STATUSES = ("received", "accepted", "in_preparation", "in_preparation", "awaiting_collection",
            "received", "accepted", "in_preparation", "received", "awaiting_shipment",
            "accepted", "in_preparation")


def demo_source(clock):  # type: ignore[no-untyped-def]
    from tests.fakes.board_source import MemoryBoardSource
    from tests.fakes.samples import sample_order

    source = MemoryBoardSource(clock)
    for index, status in enumerate(STATUSES):
        order = sample_order(index, clock.now(), status=status)
        if index == 4:
            order["customer_notes"] = "<b>no</b> sesame — مرحبا " + "A" * 60
        source.add_remote(order, seen=index not in (0, 8))
    source.set_sync("o00003x", "pending")
    source.set_sync("o00006x", "failed", "422: status can't go back")
    cancelled = sample_order(20, clock.now(), status="in_preparation")
    source.add_remote(cancelled, seen=True)
    source.add_remote(dict(cancelled, status="cancelled"))
    return source


def render(path: Path, width: int = 1920, height: int = 1080) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kds.clock import FakeClock
    from kds.ui import theme
    from kds.ui.board.board import BoardScreen
    from kds.ui.board.header import HeaderInfo

    app = QApplication.instance() or QApplication([])
    theme.apply_theme(app)  # type: ignore[arg-type]
    clock = FakeClock(datetime(2026, 11, 24, 11, 40, tzinfo=timezone.utc))
    board = BoardScreen(demo_source(clock), clock)
    board.set_header(HeaderInfo(
        location_name="Bella Pizza — Paris 11e", acceptance_mode="busy",
        resume_at=clock.now() + timedelta(minutes=25), extra_preparation_time=15,
        last_poll_at=clock.now() - timedelta(seconds=12)))
    board.resize(width, height)
    board.show()
    board.refresh()
    board.toggle_item("o00011x", 0)   # a cook has ticked one item off
    board.tick()
    board.views["active"].setCurrentIndex(board.models["active"].index(1, 0))
    for _ in range(5):
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    board.grab().save(str(path))
    board.close()
    return path


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    size = (int(argv[1]), int(argv[2])) if len(argv) >= 3 else (1920, 1080)
    print(render(Path(argv[0]), *size))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
