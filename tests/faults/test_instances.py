"""Two KDS processes on one data dir: the second brings the first to the front and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
import pytest

pytestmark = pytest.mark.slow  # real processes or servers over loopback: seconds each

START_TIMEOUT_S = 60.0


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KDS_ACCESS_TOKEN", None)
    return env


def _start(data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kds.app", "--demo", "--data-dir",
                             str(data_dir)], env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _log(data_dir: Path) -> str:
    path = data_dir / "logs" / "kds.log"
    return path.read_text(errors="replace") if path.exists() else ""


def _wait_for_log(data_dir: Path, text: str, count: int = 1) -> None:
    """Wait for the app to write a line (an event it reports, not a guessed delay)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while _log(data_dir).count(text) < count:
        assert time.monotonic() < deadline, f"no {text!r} in the log: {_log(data_dir)[-2000:]}"
        time.sleep(0.2)


def _second_start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kds.app", "--demo", "--data-dir",
                           str(data_dir)], env=_env(), capture_output=True, text=True,
                          check=False, timeout=START_TIMEOUT_S)


def test_a_second_start_raises_the_running_window_and_exits(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = _start(data_dir)
    try:
        _wait_for_log(data_dir, "Listening for a second start")
        second = _second_start(data_dir)
        assert second.returncode == 0, second.stderr
        assert "KDS is already running" in second.stdout
        assert "brought to the front" in second.stdout
        _wait_for_log(data_dir, "bringing this window to the front")
        assert first.poll() is None, "the running app must keep running"
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)


def test_the_lock_dies_with_a_killed_app(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = _start(data_dir)
    _wait_for_log(data_dir, "Listening for a second start")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    again = _start(data_dir)  # no stale lock or socket may keep the kitchen out
    try:
        _wait_for_log(data_dir, "Listening for a second start", count=2)
        assert again.poll() is None
    finally:
        again.send_signal(signal.SIGKILL)
        again.wait(timeout=30)


def test_reset_refuses_while_the_app_runs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = _start(data_dir)
    try:
        _wait_for_log(data_dir, "Listening for a second start")
        reset = subprocess.run([sys.executable, "-m", "kds.app", "--reset", "--yes",
                                "--data-dir", str(data_dir)], env=_env(), capture_output=True,
                               text=True, check=False, timeout=START_TIMEOUT_S)
        assert reset.returncode == 1
        assert "close it before --reset" in reset.stdout
        assert (data_dir / "demo" / "kds.sqlite3").exists()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
