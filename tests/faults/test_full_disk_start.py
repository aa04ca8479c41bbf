"""The real app restarted when nothing can be written: it starts and shows the cached board.

A full disk is simulated for the app process only with RLIMIT_FSIZE=0 (every write that would
grow a file fails with EFBIG, as ENOSPC does on a full disk), so no root and no mount are needed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from kds.clock import SystemClock
from kds.store.store import Store
import pytest

pytestmark = pytest.mark.slow  # real processes or servers over loopback: seconds each


def _no_file_may_grow() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_a_restart_that_cannot_write_opens_the_cached_board_with_a_notice(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir / "kds.sqlite3", SystemClock())
    for number in range(3):
        store.upsert_remote_order({"id": f"o{number}", "status": "received"})
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KDS_ACCESS_TOKEN": "tok-full-disk-1"}
    app = subprocess.run(
        [sys.executable, "-m", "kds.app", "--api-url", "http://127.0.0.1:9/v1",
         "--data-dir", str(data_dir), "--exit-after-ms", "1500"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
        preexec_fn=_no_file_may_grow)
    assert app.returncode == 0, app.stderr[-3000:]
    assert "notice shown: Nothing can be saved" in app.stderr
    assert "showing the cache read-only" in app.stderr
    assert "notice shown: The log cannot be written" in app.stderr or \
        "logging to stderr" in app.stderr
    again = Store.open(data_dir / "kds.sqlite3", SystemClock())
    assert all(again.has_order(f"o{n}") for n in range(3))  # the cache itself is untouched
    again.close()
