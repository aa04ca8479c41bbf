"""Claiming outbox entries with two senders on one file (issue 18: two instances).

Claiming is one step with an owner and a lease: a second KDS (or a tool) opening the file never
releases a live sender's claims, never gets an entry that is on the wire, and a sender that lost
its claim cannot mark the entry sent.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from kds.clock import FakeClock
from kds.store import Store
from kds.store.claims import CLAIM_LEASE_S

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def path(tmp_path: Path, clock: FakeClock) -> Path:
    file = tmp_path / "kds.sqlite3"
    store = Store.open(file, clock)
    for order_id in ("a", "b"):
        store.upsert_remote_order({"id": order_id, "status": "new"})
    store.close()
    return file


@pytest.fixture
def first(path: Path, clock: FakeClock) -> Iterator[Store]:
    store = Store.open(path, clock)
    yield store
    store.close()


def test_an_entry_on_the_wire_is_not_handed_to_a_second_sender(
        first: Store, path: Path, clock: FakeClock) -> None:
    entry = first.set_order_status("a", "received")
    assert [e.id for e in first.due_outbox(clock.now(), 10)] == [entry]
    second = Store.open(path, clock)
    try:
        assert second.due_outbox(clock.now(), 10) == []
        first.mark_outbox_sent(entry, {"id": "a", "status": "received"})
        assert second.due_outbox(clock.now(), 10) == []  # sent once, by its owner
    finally:
        second.close()


def test_opening_the_store_keeps_a_live_senders_claims(
        first: Store, path: Path, clock: FakeClock) -> None:
    sending = first.set_order_status("a", "received")
    first.due_outbox(clock.now(), 10)           # "received" is on the wire
    second = Store.open(path, clock)            # a second KDS starts on the same data dir
    try:
        newer = second.set_order_status("a", "accepted")
        assert newer != sending                 # queued behind, not folded into the PATCH in flight
        first.mark_outbox_sent(sending, {"id": "a", "status": "received"})
        due = second.due_outbox(clock.now(), 10)
        assert [(e.id, e.body) for e in due] == [(newer, {"status": "accepted"})]
    finally:
        second.close()


def test_a_sender_whose_lease_ran_out_cannot_mark_the_entry_sent(
        first: Store, path: Path, clock: FakeClock) -> None:
    entry = first.set_order_status("a", "received")
    first.due_outbox(clock.now(), 10)
    clock.advance(CLAIM_LEASE_S + 1)            # the first sender hangs past its lease
    second = Store.open(path, clock)
    try:
        assert [e.id for e in second.due_outbox(clock.now(), 10)] == [entry]
        first.mark_outbox_sent(entry)           # too late: the entry is the second sender's
        assert second.outbox_counts().pending == 1
        second.mark_outbox_sent(entry)
        assert second.outbox_counts().pending == 0
    finally:
        second.close()


def test_a_killed_senders_claims_are_released_when_the_store_is_opened_again(
        path: Path, clock: FakeClock) -> None:
    store = Store.open(path, clock)
    head = store.set_order_status("a", "received")
    store.close()
    # Another process claims the head and dies before sending it (same time: lease not over).
    script = ("import sys; from datetime import datetime; from kds.clock import FakeClock; "
              "from kds.store import Store; "
              "s = Store.open(sys.argv[1], FakeClock(datetime.fromisoformat(sys.argv[2]))); "
              "assert len(s.due_outbox(s.clock.now(), 10)) == 1; s.close()")
    subprocess.run([sys.executable, "-c", script, str(path), T0.isoformat()], check=True,
                   cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, timeout=60)
    reopened = Store.open(path, clock)
    try:
        assert reopened.set_order_status("a", "accepted") == head  # nothing on the wire: collapse
        assert [e.body for e in reopened.due_outbox(clock.now(), 10)] == [{"status": "accepted"}]
    finally:
        reopened.close()


def test_two_senders_in_two_threads_never_claim_the_same_entry(
        path: Path, clock: FakeClock) -> None:
    setup = Store.open(path, clock)
    expected = set()
    for n in range(60):
        order_id = f"o{n}"
        setup.upsert_remote_order({"id": order_id, "status": "new"})
        expected.add(setup.set_order_status(order_id, "accepted", confirmed_time=T0))
        expected.add(setup.set_order_status(order_id, "in_preparation"))  # behind its head
    setup.close()
    claimed: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def sender() -> None:
        store = Store.open(path, clock)
        try:
            start.wait()
            while store.outbox_counts().pending:
                for entry in store.due_outbox(clock.now(), 3):
                    claimed.append(entry.id)
                    store.mark_outbox_sent(entry.id)
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and not any(t.is_alive() for t in threads)
    assert [i for i, n in Counter(claimed).items() if n > 1] == []
    assert set(claimed) == expected
