"""Run every benchmark script of the project and print one table: figure, value, target, ok/MISS.

    .venv/bin/python tests/bench/run.py [--only board,sync] [--markdown]

Each tests/bench/bench_*.py prints lines `name<TAB>value<TAB>unit`; this script collects them,
adds the figures derived from several scripts (order to screen = order to store + store to
painted ticket), and compares each with its target from issue 8.
"""

from __future__ import annotations

import argparse
import operator
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPT_TIMEOUT_S = 900
DEFAULT_POLL_S = Decimal(30)
FAST_POLL_S = Decimal(10)

Check = Callable[[Decimal, Decimal], bool]
LE: Check = operator.le
EQ: Check = operator.eq
GE: Check = operator.ge


@dataclass(frozen=True)
class Target:
    limit: Decimal
    check: Check
    text: str


# One place for every target (issue 8); figures without a target are reported as information.
TARGETS: dict[str, Target] = {
    "order_to_screen_p95_default": Target(DEFAULT_POLL_S + Decimal("0.5"), LE, "≤ 30.5 s (poll + 0.5 s)"),
    "order_to_screen_p95_fast": Target(FAST_POLL_S + Decimal("0.5"), LE, "≤ 10.5 s (poll + 0.5 s)"),
    "day_default_429": Target(Decimal(0), EQ, "= 0"),
    "day_fast_429": Target(Decimal(0), EQ, "= 0"),
    "day_default_mismatches": Target(Decimal(0), EQ, "= 0"),
    "day_fast_mismatches": Target(Decimal(0), EQ, "= 0"),
    "day_default_requests_total": Target(Decimal(10_000), LE, "≤ 10,000 / day"),
    "day_fast_requests_total": Target(Decimal(10_000), LE, "≤ 10,000 / day"),
    "cold_start_to_first_paint_100k": Target(Decimal("1.5"), LE, "≤ 1.5 s"),
    # "One model update with 1,000 open orders": the Qt model's row update. The full refresh
    # around it (SQLite read + diff + paint) is reported next to it without a target.
    "single_row_update_1000": Target(Decimal(16), LE, "≤ 16 ms"),
    "max_rss_with_1000_open": Target(Decimal(300), LE, "≤ 300 MB"),
    "app_rss_with_1000_open": Target(Decimal(300), LE, "≤ 300 MB"),
    # Issue 16: the figures over 100,000 historic orders, all in the period read.
    "figures_week_100k_median": Target(Decimal(200), LE, "≤ 200 ms"),
    "figures_week_100k_first_read": Target(Decimal(200), LE, "≤ 200 ms"),
}


@dataclass(frozen=True)
class Figure:
    script: str
    name: str
    value: Decimal
    unit: str


def run_script(path: Path) -> tuple[list[Figure], str | None]:
    """Run one bench script; return its figures, or the reason it failed."""
    try:
        done = subprocess.run([sys.executable, str(path)], cwd=ROOT, capture_output=True,
                              text=True, timeout=SCRIPT_TIMEOUT_S,
                              env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        return [], f"timed out after {SCRIPT_TIMEOUT_S} s"
    figures = [f for line in done.stdout.splitlines() if (f := parse_line(path.stem, line))]
    if done.returncode != 0:
        return figures, f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
    return figures, None


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def parse_line(script: str, line: str) -> Figure | None:
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 3:
        return None
    try:
        value = Decimal(parts[1])
    except InvalidOperation:
        return None
    return Figure(script, parts[0], value, parts[2])


def derived(figures: list[Figure]) -> list[Figure]:
    """Order to screen = order created → stored (poll) + stored → ticket painted (board)."""
    by_name = {f.name: f for f in figures}
    paint = by_name.get("store_new_order_to_painted_1000")
    out: list[Figure] = []
    for mode in ("default", "fast"):
        store = by_name.get(f"day_{mode}_creation_to_store_p95")
        if store is not None and paint is not None:
            value = store.value + paint.value / 1000
            out.append(Figure("derived", f"order_to_screen_p95_{mode}", value.quantize(
                Decimal("0.01")), "s"))
    return out


def verdict(figure: Figure) -> tuple[str, str]:
    target = TARGETS.get(figure.name)
    if target is None:
        return "—", ""
    return target.text, "ok" if target.check(figure.value, target.limit) else "MISS"


def table(figures: list[Figure], markdown: bool) -> str:
    rows = [(f.name, f"{f.value:f}", f.unit, *verdict(f), f.script) for f in figures]
    header = ("figure", "value", "unit", "target", "", "script")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths))
                     for row in [header, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated script stems, e.g. board,sync")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    wanted = {f"bench_{name.strip()}" for name in args.only.split(",") if name.strip()}
    figures: list[Figure] = []
    failures: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and path.stem not in wanted:
            continue
        started = time.monotonic()
        print(f"running {path.name} …", file=sys.stderr, flush=True)
        found, problem = run_script(path)
        figures += found
        if problem:
            failures.append(f"{path.name}: {problem}")
        print(f"  {len(found)} figures in {time.monotonic() - started:.0f} s", file=sys.stderr)
    figures += derived(figures)
    print(table(figures, args.markdown))
    misses = sum(1 for f in figures if verdict(f)[1] == "MISS")
    print(f"\n{len(figures)} figures, {misses} MISS" + (f", {len(failures)} script(s) failed:"
          if failures else ""))
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
