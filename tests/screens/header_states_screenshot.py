"""The header strip in each connection state, one PNG each (docs/faults/header-*.png).

    python -m tests.screens.header_states_screenshot docs/faults [WIDTH]
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

NOW = datetime(2026, 11, 24, 11, 40, tzinfo=timezone.utc)


def states() -> dict[str, dict[str, Any]]:
    ago = NOW - timedelta(minutes=3)
    return {
        "online": {"last_poll_at": NOW - timedelta(seconds=12)},
        "connecting": {"online": False},
        "failing-502": {"online": False, "offline_since": ago, "problem_kind": "failing",
                        "problem": "HubRise is failing (502)"},
        "captive-portal": {"online": False, "offline_since": ago, "problem_kind": "failing",
                           "problem": "answered with a web page — captive portal?"},
        "network-down": {"online": False, "offline_since": ago, "problem_kind": "network",
                         "problem": "the network is down"},
        "wait-429": {"online": False, "waiting_until": NOW + timedelta(minutes=12),
                     "last_poll_at": ago},
        "reconnect": {"online": False, "reconnect_needed": True},
        "disk-full": {"online": False, "problem_kind": "disk_full", "offline_since": ago,
                      "problem": "Disk full — orders are waiting on HubRise"},
        "set-aside-and-failed": {"last_poll_at": NOW - timedelta(seconds=5), "set_aside": 2,
                                 "failed": 1, "failed_refs": ("R7",), "pending": 3},
        "location-unknown": {"location_loaded": False, "last_poll_at": NOW},
    }


def render(folder: Path, width: int = 1366) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kds.clock import FakeClock
    from kds.ui import theme
    from kds.ui.board.board import BoardScreen
    from kds.ui.board.header import HeaderInfo
    from kds.ui.board.source import BoardConfig
    from tests.screens.board_screenshot import demo_source

    app = QApplication.instance() or QApplication([])
    theme.apply_theme(app)  # type: ignore[arg-type]
    clock = FakeClock(NOW)
    board = BoardScreen(demo_source(clock), clock, BoardConfig(timezone_name="Europe/Paris"))
    board.resize(width, 400)
    board.show()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, fields in states().items():
        board.set_header(HeaderInfo(location_name="Bella Pizza — Paris 11e", **fields))
        board.tick()
        for _ in range(3):
            app.processEvents()
        strip = board.header.geometry().united(board.tabs.geometry())
        path = folder / f"header-{name}.png"
        board.grab(strip).save(str(path))
        paths.append(path)
    board.close()
    return paths


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs/faults")
    width = int(argv[1]) if len(argv) > 1 else 1366
    for path in render(folder, width):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
