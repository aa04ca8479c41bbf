"""The Figures screen after a simulated busy day, at the sizes kitchens use (issue 16):

    python -m tests.screens.figures_screenshot docs/screens
    QT_SCALE_FACTOR=1.3 python -m tests.screens.figures_screenshot docs/screens 1024x600

The day is the busy-day benchmark's (tests/bench/bench_sync.py): the simulator's platform
creates 300 orders over 12 opening hours, the sync engine polls them into a store file on a
FakeClock and staff take each one through its statuses, so the figures come from the real
sync and store path, not a seeded table. Writes figures-WxH.png for each size (a screen of
W×H pixels; with QT_SCALE_FACTOR=1.3, the kitchen's 130 % text, figures-WxH-text130.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

SIZES = ((1920, 1080), (1366, 768), (1024, 600))


def busy_day_store(folder: Path) -> tuple[Any, Any]:
    """A store holding the simulated busy day, and the time the day ended."""
    from kds.clock import FakeClock
    from kds.store import Store
    from tests.bench.bench_sync import simulate_day

    path = folder / "day.sqlite"
    day = simulate_day("default", db_path=path, menu=True)   # the demo's channels and menu
    if day.mismatches:
        raise SystemExit(f"the busy day did not end as the simulator did: {day.mismatches[:3]}")
    last = Store.open(path, FakeClock())
    ended = last.db.execute("SELECT max(at) FROM status_history").fetchone()[0]
    last.close()
    from kds.store.timefmt import from_db_required

    end = from_db_required(ended)
    return Store.open(path, FakeClock(end)), end


def main(out: Path, sizes: tuple[tuple[int, int], ...] = SIZES) -> int:
    from kds.kitchen.timezone import location_zone
    from kds.ui.figures.screen import FiguresScreen
    from tests.screens.shooting import save, settle, themed_app

    themed_app()
    with tempfile.TemporaryDirectory() as folder:
        store, end = busy_day_store(Path(folder))
        screen = FiguresScreen(lambda period: store.figures(period, end),
                               lambda: location_zone(store.get_location_raw()),
                               load_rows=lambda period: store.figures(period, end, rows=True))
        figures = store.figures("today", end)
        print(f"today: {figures.orders} orders, {figures.late} late, "
              f"ready median {figures.to_ready.median} min")
        scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
        suffix = "" if scale == 1 else f"-text{round(scale * 100)}"
        for width, height in sizes:
            screen.resize(round(width / scale), round(height / scale))
            screen.show()
            screen.refresh()
            settle()
            print(save(screen, out / f"figures-{width}x{height}{suffix}.png"))
        store.close()
    return 0


if __name__ == "__main__":
    wanted = tuple(tuple(int(n) for n in size.split("x")) for size in sys.argv[2:])
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"),
                  wanted or SIZES))  # type: ignore[arg-type]
