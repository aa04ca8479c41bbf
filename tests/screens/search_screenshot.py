"""Render the find-an-order dialog over the issue-14 demo board.

    python -m tests.screens.search_screenshot docs/screens [WIDTH HEIGHT ...]
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.screens.shooting import main_for_sizes


def render(path: Path, width: int, height: int) -> Path:
    from kds.clock import FakeClock
    from kds.ui.board.search import open_search
    from tests.fakes.board_source import MemoryBoardSource
    from tests.screens.shooting import save, settle, shown_board, themed_app
    from tests.screens.ticket_info_screenshot import info_orders

    themed_app()
    clock = FakeClock(datetime(2026, 11, 24, 18, 34, tzinfo=UTC))
    source = MemoryBoardSource(clock)
    for raw in info_orders(clock.now()):
        source.add_remote(raw, seen=True)
    board = shown_board(source, clock, width, height)
    dialog = open_search(board)
    dialog.resize(min(900, width - 40), min(520, height - 40))
    for key in "12":
        dialog.press(key)
    settle()
    save(dialog, path)
    dialog.close()
    board.close()
    return path


def main(argv: list[str]) -> int:
    return main_for_sizes(argv, __doc__ or "", render, "search-{width}x{height}.png")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

