"""Render a station screen (Pizza) and the expo screen with realistic tickets to PNGs.

    python -m tests.screens.stations_screenshot shots/ [WIDTH HEIGHT]
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

STATUSES = ("accepted", "in_preparation", "in_preparation", "accepted", "in_preparation",
            "in_preparation", "accepted", "in_preparation")


def kitchen():  # type: ignore[no-untyped-def]
    from kds.kitchen.stations import StationRule, make_routing
    from tests.fakes.samples import PIZZAS

    rules = [StationRule("Pizza", "name", name) for name, _ in PIZZAS]
    rules += [StationRule("Bar", "name", name) for name in ("Coca-Cola", "San Pellegrino")]
    return make_routing(rules, default_station="Kitchen")


def source(clock, routing):  # type: ignore[no-untyped-def]
    from kds.hubrise.order_model import parse_order
    from kds.kitchen.station_progress import progress_body
    from tests.fakes.board_source import MemoryBoardSource
    from tests.fakes.samples import sample_order

    memory = MemoryBoardSource(clock)
    for index, status in enumerate(STATUSES):
        order = sample_order(index, clock.now(), status=status)
        fields = dict(order.get("custom_fields") or {})
        stations = routing.stations_of(parse_order(order))
        for station in stations[: index % 3]:   # some stations already bumped their part
            fields.update(progress_body(station, True, clock.now())["custom_fields"])
        order["custom_fields"] = fields
        memory.add_remote(order, seen=True)
    return memory


def render(folder: Path, width: int = 1366, height: int = 768) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kds.clock import FakeClock
    from kds.kitchen.stations import ScreenRole
    from kds.ui import theme
    from kds.ui.board.board import BoardScreen
    from kds.ui.board.header import HeaderInfo
    from kds.ui.board.source import BoardConfig
    from kds.ui.stations.lens import StationLens

    app = QApplication.instance() or QApplication([])
    theme.apply_theme(app)  # type: ignore[arg-type]
    clock = FakeClock(datetime(2026, 11, 24, 11, 40, tzinfo=UTC))
    routing = kitchen()
    paths = []
    for name, role in (("station-pizza", ScreenRole("Pizza", "Pizza")),
                       ("expo", ScreenRole("Expo", expo=True))):
        board = BoardScreen(source(clock, routing), clock,
                            BoardConfig(stations=StationLens(role, routing)))
        board.set_header(HeaderInfo(location_name=f"Bella Pizza — {role.name} screen",
                                    last_poll_at=clock.now()))
        board.resize(width, height)
        board.show()
        board.refresh()
        for _ in range(5):
            app.processEvents()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}-{width}x{height}.png"
        board.grab().save(str(path))
        board.close()
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    size = (int(argv[1]), int(argv[2])) if len(argv) >= 3 else (1366, 768)
    for path in render(Path(argv[0]), *size):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
