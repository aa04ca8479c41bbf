"""The real app: cold start to the first painted board with 100,000 historic orders in the cache,
and its memory with 1,000 open tickets. Prints `name<TAB>value<TAB>unit` lines."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kds.clock import FakeClock, SystemClock  # noqa: E402
from kds.store.store import Store  # noqa: E402
from tests.bench.bench_store import fill_history, order_body  # noqa: E402

HISTORY = 100_000
OPEN = 1_000
RUNS = 3


def emit(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.2f}\t{unit}", flush=True)


def build_cache(data_dir: Path, history: int, open_tickets: int) -> None:
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    store = Store.open(data_dir / "kds.sqlite3", clock)
    fill_history(store, history)
    now = SystemClock().now()
    with store.transaction():
        for number in range(open_tickets):
            store.clock.set(max(store.clock.now(), now))  # type: ignore[attr-defined]
            store.upsert_remote_order(order_body(history + number, now - timedelta(minutes=5),
                                                 "accepted"))
    store.close()


SOURCE_APP = [sys.executable, "-m", "kds.app"]


def first_paint_seconds(data_dir: Path, command: list[str] | None = None,
                        linger_ms: int = 0) -> float:
    """Seconds from spawning `command` (the source tree's app by default; the installed
    /usr/bin/kds for packaging/start_time.py) to its first painted board, on data_dir's cache.
    Fails when the app exits non-zero or never paints."""
    command = command or SOURCE_APP
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KDS_BENCH_FIRST_PAINT": "1",
           # An unreachable HubRise: start-up must show the cache without waiting for it.
           "KDS_ACCESS_TOKEN": "bench-token"}
    started = time.monotonic()
    app = subprocess.Popen(
        [*command, "--data-dir", str(data_dir),
         "--api-url", "http://127.0.0.1:9/v1", "--exit-after-ms", str(linger_ms or 1)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert app.stdout is not None
    first_paint = float("nan")
    for line in app.stdout:
        if line.strip() == "first_paint" and first_paint != first_paint:
            first_paint = time.monotonic() - started
    if app.wait(timeout=120) != 0 or first_paint != first_paint:
        raise SystemExit(f"{' '.join(command)} did not paint its board (rc {app.returncode})")
    return first_paint


def start_app(data_dir: Path, linger_ms: int = 0) -> tuple[float, int]:
    """Seconds from spawn to the first painted board, and the app's peak RSS in MB."""
    return first_paint_seconds(data_dir, linger_ms=linger_ms), peak_rss_mb()


def peak_rss_mb() -> int:
    # The child has exited: its peak is in our rusage for waited-for children.
    import resource

    return int(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        build_cache(data_dir, HISTORY, OPEN)
        times = sorted(start_app(data_dir)[0] for _ in range(RUNS))
        emit("cold_start_to_first_paint_100k", times[len(times) // 2], "s")
        _, rss = start_app(data_dir, linger_ms=3000)
        emit("app_rss_with_1000_open", rss, "MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
