"""The screens all_screens.py does not hold, in French: the ticket info board, the ticket menu,
the whole-order view, find an order, a station and the expo screen, the start-up notices, the
customer display, and the printed ticket (80 mm) as the fake printer draws it.

    python -m tests.screens.french_extras docs/screens 1920 1080 1024 600

Each PNG is named like its English one with `-fr` before `.png`; the printed ticket goes to
docs/printed-ticket-80mm-fr.png (next to the English ones PRINTING.md shows).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NOW = datetime(2026, 11, 24, 18, 34, tzinfo=UTC)


def _menu(path: Path, width: int, height: int) -> Path:
    from kds.clock import FakeClock
    from tests.fakes.board_source import MemoryBoardSource
    from tests.screens.shooting import save, settle, shown_board, themed_app
    from tests.screens.ticket_info_screenshot import info_orders

    themed_app()
    clock = FakeClock(NOW)
    source = MemoryBoardSource(clock)
    for raw in info_orders(clock.now()):
        source.add_remote(raw, seen=True)
    board = shown_board(source, clock, width, height)
    dialog = board.open_menu(board.models["active"].tickets()[0].order_id)
    settle()
    save(dialog if dialog.isWindow() else board.window(), path)   # a dialog is its own window
    dialog.close()
    board.close()
    return path


def _notices(path: Path, width: int, height: int) -> Path:
    """The strip as staff meet it at start: a token file others can read, a repaired store."""
    from kds.app.notices import Notice, log_notice, salvage_text, token_file_notices
    from kds.store.salvage import SalvageReport
    from tests.screens.all_screens import build_window
    from tests.screens.shooting import save, settle, themed_app

    themed_app()
    window = build_window()
    window.resize(width, height)
    window.show()
    folder = Path(tempfile.mkdtemp(prefix="kds-notices-"))
    token = folder / "token.txt"
    token.write_text("not a real token")
    token.chmod(0o644)
    report = SalvageReport(folder / "kds.sqlite3.damaged", changes=2, orders=14)
    notices: list[Notice] = [*token_file_notices(token),
                             Notice("store-repaired", lambda: salvage_text(report), "error"),
                             log_notice(folder / "logs", "Permission non accordée")]
    for notice in notices:
        window.notices.show_notice(notice.key, notice.text, notice.level)
    settle()
    save(window, path)
    window.close()
    return path


def _stations(folder: Path, width: int, height: int) -> list[Path]:
    from tests.screens.stations_screenshot import render

    paths = []
    for made in render(Path(tempfile.mkdtemp(prefix="kds-stations-")), width, height):
        target = folder / f"{made.stem}-fr.png"
        made.replace(target)
        paths.append(target)
    return paths


def _station_setup(path: Path, width: int, height: int) -> Path:
    """Connection → Name / station: which screen this is and where items go."""
    from kds.kitchen.stations import ScreenRole
    from kds.ui.stations.setup import ScreenSetup
    from tests.screens.shooting import save, settle, themed_app
    from tests.screens.stations_screenshot import kitchen

    themed_app()
    setup = ScreenSetup(ScreenRole("Pizza", "Pizza"), kitchen())
    setup.resize(width, height)
    setup.show()
    settle()
    save(setup, path)
    setup.close()
    return path


def printed_ticket(path: Path) -> Path:
    """An 80 mm ticket in French through the real bytes: lines → ESC/POS → read back → drawn."""
    from kds.hubrise.order_model import parse_order
    from kds.kitchen.print_ticket import columns_for, ticket_lines
    from kds.printing.escpos import ticket_bytes
    from kds.printing.preview import decode
    from kds.tools.fakeprinter import render_png
    from tests.screens.ticket_info_screenshot import info_orders
    from tests.unit.kitchen.test_print_ticket import PARIS

    raw: dict[str, Any] = dict(info_orders(NOW)[1], created_by="website",
                               seller_notes="Crème à part, façon côté — sans arachides")
    lines = ticket_lines(parse_order(raw), paper_mm=80, due_at=NOW, tz=PARIS)
    [read_back] = decode(ticket_bytes(lines))
    render_png(read_back, columns_for(80), path)
    return path


def render(folder: Path, width: int, height: int) -> list[Path]:
    from tests.screens.search_screenshot import render as search
    from tests.screens.ticket_info_screenshot import render as ticket_info

    size = f"{width}x{height}"
    return [ticket_info(folder / f"ticket-info-{size}-fr.png", width, height),
            _menu(folder / f"ticket-menu-{size}-fr.png", width, height),
            search(folder / f"search-{size}-fr.png", width, height),
            _notices(folder / f"notices-{size}-fr.png", width, height),
            _station_setup(folder / f"station-setup-{size}-fr.png", width, height),
            *_stations(folder, width, height)]


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    from tests.screens.all_screens import use_language
    from tests.screens.order_screens import customer_display, order_view
    from tests.screens.shooting import themed_app

    themed_app()
    translator = use_language("fr")  # noqa: F841 - kept alive while the screens are drawn
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in zip(argv[1::2], argv[2::2], strict=False):
        for path in render(folder, int(width), int(height)):
            print(path)
    print(order_view(folder / "order-view-fr.png", 1366, 768))
    print(order_view(folder / "order-view-1024x600-fr.png", 1024, 600))
    print(customer_display(folder / "customer-display-1920x1080-fr.png", 1920, 1080))
    print(printed_ticket(folder.parent / "printed-ticket-80mm-fr.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
