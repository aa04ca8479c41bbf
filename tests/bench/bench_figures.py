"""Speed-of-service figures over 100,000 orders (issue 16; not a test).

Run: .venv/bin/python tests/bench/bench_figures.py [--orders 100000] [--runs 15]
Prints one `name<TAB>value<TAB>unit` line per figure.

The history is written through the store as the app writes it (tests/bench/figures_history.py:
payloads, staff taps, each at its time on a FakeClock), all 100,000 orders in the last 7 days,
so "Last 7 days" holds every one of them and "Today" about 14,000. Each period is read `runs`
times as the Figures screen and the header read it (counted), after one read on a freshly
opened store; the per-order read the CSV export uses is timed once, for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kds.clock import FakeClock
from kds.store import Store
from tests.bench.figures_history import NOW, build_history


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.2f}\t{unit}", flush=True)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]


def timed_ms(read: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        read()   # type: ignore[operator]
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    suffix = f"{args.orders // 1000}k"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.sqlite"
        started = time.perf_counter()
        build_history(path, args.orders).close()
        line(f"figures_history_build_{suffix}", time.perf_counter() - started, "s")
        store = Store.open(path, FakeClock(NOW))
        first = timed_ms(lambda: store.figures("week", NOW), 1)[0]
        line(f"figures_week_{suffix}_first_read", first, "ms")
        for period in ("week", "today", "yesterday"):
            orders = store.figures(period, NOW).orders
            values = timed_ms(lambda p=period: store.figures(p, NOW), args.runs)
            line(f"figures_{period}_{suffix}_orders", orders, "orders")
            line(f"figures_{period}_{suffix}_median", statistics.median(values), "ms")
            line(f"figures_{period}_{suffix}_p90", p90(values), "ms")
        per_order = timed_ms(lambda: store.figures("week", NOW, rows=True), 1)[0]
        line(f"figures_week_{suffix}_per_order_read", per_order, "ms")
        taps = _tap_times(store)
        line(f"figures_tap_with_counts_{suffix}_median", statistics.median(taps), "ms")
        store.close()


def _tap_times(store: Store, count: int = 100) -> list[float]:
    """A staff tap on a recent order, counts moved in the same transaction (fsync included)."""
    ids = [row[0] for row in store.db.execute(
        "SELECT id FROM orders ORDER BY created_at DESC LIMIT ?", [count]).fetchall()]
    waiting = iter(ids)
    return timed_ms(lambda: store.set_order_status(next(waiting), "completed"), count)


if __name__ == "__main__":
    main()
