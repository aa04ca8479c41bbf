"""Cold start of a built or installed KDS: seconds from spawn to the first painted board, with a
cache of historic orders (the cache tests/bench/bench_app.py uses), median of a few runs.

    python packaging/start_time.py /usr/bin/kds [--history 100000] [--runs 3]

Run with a Python that can import this checkout's kds (the build venv); the app under test is
the command given, so the same script measures the source tree (`python -m kds.app`) or the bundle.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_app import OPEN, build_cache, first_paint_seconds  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="+", help="the kds command, e.g. /usr/bin/kds")
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        build_cache(Path(folder), args.history, min(OPEN, 100))
        times = sorted(first_paint_seconds(Path(folder), args.command) for _ in range(args.runs))
    print(f"cold start to first paint, {args.history} orders: {times[len(times) // 2]:.2f} s "
          f"(median of {args.runs}: {', '.join(f'{t:.2f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
