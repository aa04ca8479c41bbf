"""Cold start of a built or installed KDS: seconds from spawn to the first painted board, with a
cache of historic orders (the cache tests/bench/bench_app.py uses), median of a few runs.

    python packaging/start_time.py /usr/bin/kds [--history 100000] [--runs 3]

Run with a Python that can import this checkout's kds (the build venv); the app under test is
the command given, so the same script measures the source tree (`python -m kds.app`) or the bundle.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_app import OPEN, build_cache  # noqa: E402


def first_paint_seconds(command: list[str], data_dir: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KDS_BENCH_FIRST_PAINT": "1",
           # An unreachable HubRise: start-up must show the cache without waiting for it.
           "KDS_ACCESS_TOKEN": "bench-token"}
    started = time.monotonic()
    app = subprocess.Popen(
        [*command, "--data-dir", str(data_dir), "--api-url", "http://127.0.0.1:9/v1",
         "--exit-after-ms", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert app.stdout is not None
    painted = float("nan")
    for line in app.stdout:
        if line.strip() == "first_paint" and painted != painted:
            painted = time.monotonic() - started
    if app.wait(timeout=120) != 0 or painted != painted:
        raise SystemExit(f"{' '.join(command)} did not paint its board (rc {app.returncode})")
    return painted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="+", help="the kds command, e.g. /usr/bin/kds")
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        build_cache(Path(folder), args.history, min(OPEN, 100))
        times = sorted(first_paint_seconds(args.command, Path(folder)) for _ in range(args.runs))
    print(f"cold start to first paint, {args.history} orders: {times[len(times) // 2]:.2f} s "
          f"(median of {args.runs}: {', '.join(f'{t:.2f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
