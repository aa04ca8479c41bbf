"""The real app under fire: faults on the wire, SIGKILL at random moments, restarts, a corrupt file.

The simulator runs in this process (so its request log and event queues can be checked); the
fault proxy sits in front of it; the app is a separate `python -m kds.app` process pointed at
the proxy. Meanwhile the ordering platform keeps creating, changing and cancelling orders, and
"staff" tap statuses through the app's own code path: the same Store calls the board makes.
KDS_SOAK_SECONDS=600 makes it a longer soak (default: a CI-sized run, 50 kills).

Throughout, a tap is never undone: while HubRise holds the status the kitchen tapped, the
store (what the board shows) must hold it too, whatever older snapshot the platform's
concurrent changes produce (issue 18).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Collection
from pathlib import Path

import pytest

from kds.clock import SystemClock
from kds.hubrise.statuses import DONE_STATUSES, next_status
from kds.sim.server import serve_in_thread as serve_sim
from kds.sim.world import DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.tools.faultproxy import FAULTS, FaultProxy, serve_in_thread as serve_proxy

pytestmark = pytest.mark.slow  # real app processes, SIGKILL and restarts: about a minute

TOKEN = "kds-e2e-token"
SEED = int(os.environ.get("KDS_FAULT_SEED", "20261124"))
DRIVE_S = float(os.environ.get("KDS_SOAK_SECONDS", "75"))
KILLS = max(50, int(DRIVE_S // 1.5))
# The app catches up within HubRise's limits (500 requests a minute): hundreds of events that
# piled up while it was being killed take minutes, not seconds.
SETTLE_S = 300.0


class App:
    """The kds process: start, SIGKILL, restart."""

    def __init__(self, api_url: str, data_dir: Path) -> None:
        self.api_url, self.data_dir = api_url, data_dir
        self.process: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / "app-output.log"
        self.poll_floor_s = "1"

    def start(self) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KDS_ACCESS_TOKEN": TOKEN,
               "KDS_POLL_FLOOR_S": self.poll_floor_s}
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kds.app", "--api-url", self.api_url,
                 "--data-dir", str(self.data_dir)], env=env, stdout=output, stderr=output)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


class Platform:
    """The ordering platform: new orders, changes and customer cancellations."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world, self.rng, self.count = world, rng, 0
        self.cancelled: set[str] = set()   # by the customer: the cancellation wins over taps

    def touch(self, order_id: str) -> None:
        """Change an order the kitchen just tapped, while that tap is still in flight."""
        if self.world.orders[order_id]["status"] in DONE_STATUSES:
            return
        self.count += 1
        self.world.update_order(DEMO_PLATFORM_TOKEN, order_id,
                                {"custom_fields": {"platform": {"rider": f"t{self.count}"}}})

    def act(self) -> None:
        roll = self.rng.random()
        open_ids = [o["id"] for o in self.world.orders.values()
                    if o["status"] in ("new", "received", "accepted")]
        if roll < 0.1 and open_ids:
            order_id = self.rng.choice(open_ids)
            self.cancelled.add(order_id)
            self.world.update_order(DEMO_PLATFORM_TOKEN, order_id, {"status": "cancelled"})
        elif roll < 0.2 and open_ids:
            self.world.update_order(DEMO_PLATFORM_TOKEN, self.rng.choice(open_ids),
                                    {"custom_fields": {"platform": {"rider": f"r{self.count}"}}})
        else:
            self.count += 1
            self.world.create_order(DEMO_PLATFORM_TOKEN, {
                "status": "new", "service_type": self.rng.choice(
                    ("delivery", "collection", "eat_in")),
                "items": [{"product_name": "Margherita", "price": "9.00 EUR", "quantity": "1"}]})


def staff_tap(store: Store, rng: random.Random, taps: list[tuple[str, str]]) -> str | None:
    """One tap on a random open ticket, exactly as the board makes it; the order tapped."""
    rows = [r for r in store.active_orders(SystemClock().now(), 24 * 60)
            if r.status not in DONE_STATUSES and r.status != "new"]
    if not rows:
        return None
    row = rng.choice(rows)
    status = next_status(row.status, row.service_type)
    if status is None:
        return None
    store.set_order_status(row.id, status)
    taps.append((row.id, status))
    return row.id


def undone_taps(world: World, store: Store, taps: list[tuple[str, str]],
                cancelled: Collection[str] = ()) -> list[str]:
    """Orders whose tapped status HubRise holds while the store shows something else.

    A customer's cancellation wins by design: a tap that overwrote it on HubRise is undone by
    the app itself (the screen shows "cancelled" until HubRise holds it again)."""
    undone = []
    for order_id, status in dict(taps).items():
        if order_id in cancelled:
            continue
        row = store.get_order(order_id)
        held = world.orders.get(order_id, {}).get("status")
        if row is not None and held == status and row.status != status \
                and row.sync_state != "failed":
            undone.append(f"{order_id}: HubRise {held}, screen {row.status}")
    return undone


def wait_until(condition, timeout: float, what: str, explain=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}: {explain()}")
        time.sleep(0.5)


def diagnose(world: World, store: Store, app: App) -> str:
    pending = store.db.execute(
        "SELECT resource, attempts, next_try_at, last_error, claimed_by, claim_until FROM outbox "
        "WHERE state = 'pending' LIMIT 5").fetchall()
    count = store.db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()
    missing = [i for i in list(world.orders) if not store.has_order(i)]
    log = (app.data_dir / "logs" / "kds.log")
    tail = log.read_text(errors="replace").splitlines()[-8:] if log.exists() else []
    output = app.log.read_text(errors="replace").splitlines()[-8:] if app.log.exists() else []
    limiter = store.load_limiter_state()
    return (f"events waiting {len(world.pending_events(TOKEN))}, outbox pending {count[0]}: "
            f"{pending}, missing orders {len(missing)}, limiter {limiter}, "
            f"app alive {app.process and app.process.poll() is None}, "
            f"log tail {tail}, output tail {output}")


def settled(world: World, store: Store) -> bool:
    counts = store.outbox_counts()
    return (not world.pending_events(TOKEN) and counts.pending == 0
            and all(store.has_order(order_id) for order_id in list(world.orders)))


def mismatches(world: World, store: Store) -> list[str]:
    wrong = []
    for order_id, order in list(world.orders.items()):
        row = store.get_order(order_id)
        if row is None or row.status != order["status"]:
            wrong.append(f"{order_id}: sim {order['status']} store {row and row.status}")
    return wrong


@pytest.fixture
def stack(tmp_path):
    world = World(SystemClock(), seed=SEED)  # rate limits on: the app must never cause a 429
    world.add_connection(TOKEN, "kds", "screen-e2e")
    sim = serve_sim(world)
    # A 429 without Retry-After rightly holds the app until the next minute (seed 002): in a
    # 40 s run that can mean no sync at all, so that fault is left to test_faultproxy and the
    # sync tests; every other fault is in play.
    faults = tuple(f for f in FAULTS if f != "429_bare")
    proxy = FaultProxy("127.0.0.1", sim.port, seed=SEED, rate=0.3, stall_s=11.0, faults=faults)
    running_proxy = serve_proxy(proxy)
    app = App(running_proxy.base_url, tmp_path / "data")
    yield world, proxy, app
    app.stop()
    running_proxy.stop()
    sim.stop()


@pytest.mark.slow
@pytest.mark.timeout(900)   # 75 s of driving and 50 restarts, then up to SETTLE_S to converge
def test_no_order_lost_or_doubled_and_every_tap_lands_through_faults_and_kills(stack):
    world, proxy, app = stack
    rng = random.Random(SEED)
    app.start()
    wait_until(lambda: (app.data_dir / "kds.sqlite3").exists(), 30, "the app's store")
    store = Store.open(app.data_dir / "kds.sqlite3", SystemClock())
    platform, taps = Platform(world, rng), []
    kill_at = sorted(rng.uniform(2, DRIVE_S) for _ in range(KILLS))
    started, kills, undone = time.monotonic(), 0, []
    while (elapsed := time.monotonic() - started) < DRIVE_S or kill_at:
        platform.act()
        tapped = staff_tap(store, rng, taps)
        if tapped is not None and rng.random() < 0.5:
            platform.touch(tapped)   # the platform changes the order while the tap is in flight
        undone += undone_taps(world, store, taps, platform.cancelled)
        while kill_at and elapsed >= kill_at[0]:
            kill_at.pop(0)
            kills += 1
            app.kill()   # SIGKILL: no clean-up, possibly mid-transaction or mid-request
            app.start()
        time.sleep(rng.uniform(0.1, 0.6))

    proxy.rate = 0.0   # the network heals; everything must now converge
    wait_until(lambda: settled(world, store), SETTLE_S,
               "app and simulator to agree", lambda: diagnose(world, store, app))
    assert mismatches(world, store) == []
    undone += undone_taps(world, store, taps, platform.cancelled)
    assert undone == []
    # Every tap reached HubRise: the last tap per order is what the simulator holds, unless the
    # platform cancelled it afterwards (cancellations win over queued taps).
    last_tap = dict(taps)
    for order_id, status in last_tap.items():
        assert world.orders[order_id]["status"] in (status, "cancelled"), order_id
    assert not [r for r in world.request_log if r.token == TOKEN and r.status == 429]
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    injected = sum(n for fault, n in proxy.counts.items() if fault != "pass")
    print(f"\norders {len(world.orders)}, taps {len(taps)}, kills {kills}, "
          f"faults {dict(proxy.counts)}")
    assert injected >= 5 and len(world.orders) >= 20 and len(taps) >= 5 and kills >= 50
    store.close()


def test_a_corrupt_cache_is_moved_aside_and_rebuilt_from_hubrise(stack):
    world, proxy, app = stack
    proxy.rate = 0.0
    ids = [world.create_order(DEMO_PLATFORM_TOKEN, {"status": "accepted"})["id"]
           for _ in range(5)]
    app.data_dir.mkdir(parents=True)
    (app.data_dir / "kds.sqlite3").write_bytes(b"this is not a database" * 500)
    app.start()
    wait_until(lambda: list(app.data_dir.glob("kds.sqlite3.corrupt-*")), 30, "the file aside")
    store = Store.open(app.data_dir / "kds.sqlite3", SystemClock())
    wait_until(lambda: all(store.has_order(i) for i in ids), 60, "orders caught up again")
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize("tap", ["accepted", "rejected", "cancelled"])
def test_the_platform_changing_orders_while_taps_are_in_flight_never_undoes_a_tap(stack, tap):
    """The real app: 5 orders tapped, each changed by the platform before the tap reaches
    HubRise. The screen (the store) keeps the kitchen's status the whole time."""
    world, proxy, app = stack
    proxy.rate = 0.0
    # Polls far apart: each tap reaches HubRise before the poll that brings the platform's
    # older snapshot (the order in which the revert happened).
    app.poll_floor_s = "5"
    ids = [world.create_order(DEMO_PLATFORM_TOKEN, {
        "status": "received", "service_type": "collection",
        "items": [{"product_name": "Margherita", "price": "9.00 EUR", "quantity": "1"}]})["id"]
        for _ in range(5)]
    app.start()
    wait_until(lambda: (app.data_dir / "kds.sqlite3").exists(), 30, "the app's store")
    store = Store.open(app.data_dir / "kds.sqlite3", SystemClock())
    wait_until(lambda: all(store.has_order(i) for i in ids), 60, "the orders on the board")
    platform, taps, undone = Platform(world, random.Random(SEED)), [], []
    proxy.patch_delay_s = 2.0   # each tap spends 2 s on the wire
    for order_id in ids:
        store.set_order_status(order_id, tap)
        taps.append((order_id, tap))
        wait_until(lambda: any(order_id in line for line in proxy.patches_in_flight), 30,
                   f"the tap on {order_id} on the wire", lambda: diagnose(world, store, app))
        platform.touch(order_id)     # an older snapshot, made while the tap is in flight
        undone += undone_taps(world, store, taps)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not settled(world, store):
        undone += undone_taps(world, store, taps)
        time.sleep(0.05)
    undone += undone_taps(world, store, taps)
    assert settled(world, store), diagnose(world, store, app)
    assert [world.orders[i]["status"] for i in ids] == [tap] * 5
    assert [store.get_order(i).status for i in ids] == [tap] * 5
    assert undone == []
    store.close()
