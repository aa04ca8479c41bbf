"""The print queue in the store (kds.store.print_queue): jobs with state, never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from kds.clock import FakeClock
from kds.store import Store
from kds.store.migrations import MIGRATIONS, migrate, schema_version
from kds.store.print_queue import INTERRUPTED

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
P, Q = "tcp://10.0.0.9:9100", "tcp://10.0.0.10:9100"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def open_store(path: Path, clock: FakeClock, events: frozenset[str]) -> Store:
    store = Store.open(path / "kds.sqlite3", clock)
    store.print_events, store.printers = events, (P,)
    return store


def test_a_new_order_queues_one_arrival_job_when_arrival_prints(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset({"arrival"}))
    store.upsert_remote_order({"id": "a", "status": "new"})
    store.upsert_remote_order({"id": "a", "status": "new", "customer_notes": "changed"})
    jobs = store.print_jobs()
    assert [(j.order_id, j.kind, j.state, j.attempts, j.printer) for j in jobs] == [
        ("a", "arrival", "pending", 0, P)]
    assert store.next_print_job(clock.now(), Q) is None   # another printer's worker
    store.close()


def test_nothing_is_queued_without_a_printer_or_for_a_finished_order(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset())
    store.upsert_remote_order({"id": "a", "status": "new"})
    store.print_events, store.printers = frozenset({"arrival"}), ()
    store.upsert_remote_order({"id": "c", "status": "new"})   # no printer
    store.printers = (P,)
    store.upsert_remote_order({"id": "b", "status": "completed"})
    assert store.print_jobs() == []
    store.close()


def test_the_same_order_after_a_restart_queues_nothing_new(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset({"arrival"}))
    store.upsert_remote_order({"id": "a", "status": "new"})
    job = store.next_print_job(clock.now(), P)
    assert job is not None and store.start_print(job.id)
    store.mark_print_sent(job.id)
    store.close()
    again = open_store(tmp_path, clock, frozenset({"arrival"}))
    again.upsert_remote_order({"id": "a", "status": "received"})
    assert again.queue_print("a", "arrival", P) is None
    assert [(j.kind, j.state) for j in again.print_jobs()] == [("arrival", "sent")]
    assert again.next_print_job(clock.now(), P) is None
    again.close()


def test_accepting_queues_an_accept_job_when_accept_prints(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset({"accept"}))
    store.upsert_remote_order({"id": "a", "status": "new"})
    store.set_order_status("a", "received")
    assert store.print_jobs() == []
    store.set_order_status("a", "accepted")
    assert [j.kind for j in store.print_jobs("a")] == ["accept"]
    store.close()


def test_a_retry_waits_until_its_time_and_keeps_the_error(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset())
    job_id = store.queue_print("a", "arrival")
    assert job_id is not None and store.start_print(job_id)
    assert not store.start_print(job_id)  # taken once only
    store.mark_print_retry(job_id, clock.now() + timedelta(seconds=10), "connection refused")
    assert store.next_print_job(clock.now()) is None
    assert store.next_print_retry_at() == clock.now() + timedelta(seconds=10)
    clock.advance(10)
    job = store.next_print_job(clock.now())
    assert job is not None and job.attempts == 1 and job.last_error == "connection refused"
    assert store.print_counts() == (1, 0)
    store.close()


def test_reprints_are_new_jobs_each_time_on_every_printer(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset())
    store.printers = (P, Q)
    first, second = store.queue_reprint("a"), store.queue_reprint("a")
    assert len(first) == len(second) == 2 and not set(first) & set(second)
    assert [(j.kind, j.printer) for j in store.print_jobs("a")] == [
        ("reprint:1", P), ("reprint:1", Q), ("reprint:2", P), ("reprint:2", Q)]
    store.close()


def test_each_printer_gets_its_own_arrival_job(tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset({"arrival"}))
    store.printers = (P, Q)
    store.upsert_remote_order({"id": "a", "status": "new"})
    assert {j.printer for j in store.print_jobs("a")} == {P, Q}
    assert store.print_counts(P) == (1, 0) and store.print_counts() == (2, 0)
    store.close()


def test_a_job_cut_off_while_sending_is_not_sent_again_by_itself(
        tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock, frozenset())
    job_id = store.queue_print("a", "arrival")
    assert job_id is not None and store.start_print(job_id)
    store.close()  # killed between sending and recording it
    again = open_store(tmp_path, clock, frozenset())
    assert again.next_print_job(clock.now()) is None
    [job] = again.print_jobs()
    assert (job.state, job.last_error) == ("failed", INTERRUPTED)
    assert again.print_counts() == (0, 1)
    again.close()


def test_a_version_4_file_gains_the_print_queue(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "kds.sqlite3"
    old = Database(path)
    migrate(old, MIGRATIONS[:4])
    old.close()
    store = Store.open(path, clock)
    assert schema_version(store.db) == len(MIGRATIONS) >= 5
    assert store.queue_print("a", "arrival") is not None
    store.close()


def test_a_station_bump_queues_its_ready_ticket_once_when_station_done_prints(
        tmp_path: Path, clock: FakeClock) -> None:
    """Settings → "Print station done": the grill's bump prints "GRILL READY" once per order and
    station; an undo and a second bump print nothing more (the pass already has the ticket)."""
    store = open_store(tmp_path, clock, frozenset({"station_done"}))
    store.upsert_remote_order({"id": "a", "status": "in_preparation"})
    store.set_station_done("a", "grill")
    store.set_station_done("a", "grill", done=False)
    store.set_station_done("a", "grill")
    store.set_station_done("a", "pizza")
    assert [(j.kind, j.printer) for j in store.print_jobs()] == [
        ("station:grill", P), ("station:pizza", P)]
    store.close()


def test_a_station_bump_prints_nothing_with_the_default_settings(
        tmp_path: Path, clock: FakeClock) -> None:
    from kds.store.settings import Settings

    store = open_store(tmp_path, clock, Settings().print_events)
    store.upsert_remote_order({"id": "a", "status": "in_preparation"})
    store.set_station_done("a", "grill")
    assert not [job for job in store.print_jobs() if job.kind.startswith("station")]
    assert Settings(print_on_station_done=True, print_on_arrival=False).print_events == frozenset({"station_done"})
    store.close()
