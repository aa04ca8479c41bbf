"""The test suite keeps its own rules: strict pytest options, and no test that polls in real time."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TESTS = ROOT / "tests"

# Loops that sleep on purpose, each with its reason.
ALLOWED = {
    # The app is another process (SIGKILLed at random): its SQLite file can only be looked at.
    "tests/faults/test_kill_restart.py",
    "tests/faults/test_damaged_store.py",
    "tests/faults/test_instances.py",
    # These loops are the hostile servers' behaviour (a slow drip), not a test waiting.
    "tests/integration/test_client_hostile_bodies.py",
}


def pytest_options() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]


def test_pytest_runs_strict() -> None:
    options = pytest_options()
    assert {"--strict-markers", "--strict-config"} <= set(options["addopts"])
    assert options["xfail_strict"] is True
    assert options["filterwarnings"][0] == "error"  # exceptions come after, each named
    assert options["qt_log_level_fail"] == "WARNING"


def sleeps_real_time(call: ast.AST) -> bool:
    """time.sleep(x) / asyncio.sleep(x) with x other than 0 (a bare yield), or qtbot.wait(ms)."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
        return False
    owner = call.func.value.id if isinstance(call.func.value, ast.Name) else ""
    if (owner, call.func.attr) == ("qtbot", "wait"):
        return True
    if call.func.attr != "sleep" or owner not in ("time", "asyncio"):
        return False
    return not (call.args and isinstance(call.args[0], ast.Constant) and call.args[0].value == 0)


def sleeping_loops(path: Path) -> list[int]:
    """Line numbers of loops whose body sleeps: a test polling until something happens."""
    tree = ast.parse(path.read_text(), str(path))
    return sorted({node.lineno for node in ast.walk(tree)
                   if isinstance(node, (ast.While, ast.For, ast.AsyncFor))
                   and any(sleeps_real_time(inner) for inner in ast.walk(node))})


def test_no_test_polls_in_real_time() -> None:
    # Wait on the thing that writes instead: tests/waiting.py, qtbot.waitSignal, a FakeClock.
    polling = {}
    for path in sorted(TESTS.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith("tests/bench/") or name in ALLOWED:
            continue
        if lines := sleeping_loops(path):
            polling[name] = lines
    assert polling == {}
