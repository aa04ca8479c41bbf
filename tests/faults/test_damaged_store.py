"""The real app restarted on a damaged store: the taps that were waiting still reach HubRise."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kds.clock import SystemClock
from kds.sim.server import serve_in_thread as serve_sim
from kds.sim.world import DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
import pytest

pytestmark = pytest.mark.slow  # real processes or servers over loopback: seconds each

TOKEN = "kds-salvage-token"
PAGE = 4096


def _start(api_url: str, data_dir: Path, output: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KDS_ACCESS_TOKEN": TOKEN,
           "KDS_POLL_FLOOR_S": "1"}
    with output.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "kds.app", "--api-url", api_url,
                                 "--data-dir", str(data_dir)], env=env, stdout=out, stderr=out)


def _wait(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def _damage_an_index(path: Path) -> None:
    """Scribble over the header of an index page: the file fails its check, the tables do not."""
    conn = sqlite3.connect(path)
    page = conn.execute("SELECT pageno FROM dbstat WHERE name = 'orders_by_created'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE:(page - 1) * PAGE + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    check.close()


def test_taps_waiting_in_a_damaged_store_reach_hubrise_after_a_restart(tmp_path: Path) -> None:
    world = World(SystemClock(), seed=7)
    world.add_connection(TOKEN, "kds", "screen-salvage")
    sim = serve_sim(world)
    data_dir, output = tmp_path / "data", tmp_path / "app-output.log"
    store_path = data_dir / "kds.sqlite3"
    ids = [world.create_order(DEMO_PLATFORM_TOKEN, {"status": "received"})["id"]
           for _ in range(4)]
    app = _start(sim.base_url, data_dir, output)
    try:
        _wait(store_path.exists, "the app's store")
        store = Store.open(store_path, SystemClock())
        _wait(lambda: all(store.has_order(i) for i in ids), "the orders on the board")
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
        for order_id in ids[:3]:  # staff taps the app never got to send
            store.set_order_status(order_id, "accepted")
        for order_id in ids:
            store.mark_seen(order_id)
        store.close()
        _damage_an_index(store_path)

        app = _start(sim.base_url, data_dir, output)
        _wait(lambda: all(world.orders[i]["status"] == "accepted" for i in ids[:3]),
              "the salvaged taps on HubRise")
        assert list(data_dir.glob("kds.sqlite3.corrupt-*"))
        again = Store.open(store_path, SystemClock())
        _wait(lambda: again.outbox_counts().pending == 0, "the outbox to drain")
        assert all(again.get_order(i).seen for i in ids), "seen tickets must not flash as new"
        assert world.orders[ids[3]]["status"] == "received"
        again.close()
        log = (data_dir / "logs" / "kds.log").read_text(errors="replace")
        assert "3 changes waiting to be sent and 4 orders were kept" in log
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGKILL)
            app.wait(timeout=30)
        sim.stop()
