"""A downgrade (an older KDS on a store a newer one wrote) refuses plainly and touches nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kds.app.start import STORE_TOO_NEW_EXIT
from kds.clock import SystemClock
from kds.store import Store

REPO = Path(__file__).resolve().parents[2]


def newer_store(data_dir: Path) -> Path:
    path = data_dir / "kds.sqlite3"
    Store.open(path, SystemClock()).close()
    with sqlite3.connect(path) as db:  # as a future KDS with more migrations would leave it
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with sqlite3.connect(path) as db:  # all in the main file, so its bytes tell any change
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.mark.slow  # starts a Python/app process
def test_an_older_kds_on_a_newer_store_refuses_clearly_and_changes_nothing(tmp_path: Path) -> None:
    store = newer_store(tmp_path)
    before = store.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KDS_ACCESS_TOKEN": "test-token",
           "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "kds.app", "--data-dir", str(tmp_path),
         "--api-url", "http://127.0.0.1:9/v1", "--exit-after-ms", "200"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == STORE_TOO_NEW_EXIT != 0
    assert "Traceback" not in done.stderr
    assert "a newer KDS wrote it" in done.stderr
    assert "Nothing was changed or deleted" in done.stderr
    assert str(tmp_path) in done.stderr
    assert store.read_bytes() == before
