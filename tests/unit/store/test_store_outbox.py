"""The outbox: per-resource order, collapsing superseded taps, retries and visible failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kds.clock import FakeClock
from kds.store import Store
from kds.store.claims import CLAIM_LEASE_S

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(tmp_path / "kds.sqlite3", clock)
    for order_id in ("a", "b"):
        opened.upsert_remote_order({"id": order_id, "status": "new"})
    yield opened
    opened.close()


def test_two_quick_taps_send_only_the_final_status(store: Store, clock: FakeClock) -> None:
    first = store.set_order_status("a", "received")
    second = store.set_order_status("a", "in_preparation")
    assert first == second
    due = store.due_outbox(clock.now(), 10)
    assert [(e.resource, e.body) for e in due] == [("order:a", {"status": "in_preparation"})]
    assert store.outbox_counts().pending == 1


def test_accepted_with_confirmed_time_is_kept_and_later_taps_queue_behind_it(
        store: Store, clock: FakeClock) -> None:
    promised = T0 + timedelta(minutes=20)
    accepted = store.set_order_status("a", "accepted", confirmed_time=promised)
    prep = store.set_order_status("a", "in_preparation")
    ready = store.set_order_status("a", "awaiting_collection")
    assert accepted != prep and prep == ready
    head = store.due_outbox(clock.now(), 10)
    assert [e.id for e in head] == [accepted]
    store.mark_outbox_sent(accepted)
    assert [e.body for e in store.due_outbox(clock.now(), 10)] == [
        {"status": "awaiting_collection"}]


def test_tap_while_the_previous_one_is_being_sent_is_queued_not_merged(
        store: Store, clock: FakeClock) -> None:
    sending = store.set_order_status("a", "received")
    assert [e.id for e in store.due_outbox(clock.now(), 10)] == [sending]
    newer = store.set_order_status("a", "accepted")
    assert newer != sending
    # the claimed head is still the one handed out; the newer one waits behind it
    assert [e.id for e in store.due_outbox(clock.now(), 10)] == [sending]
    store.mark_outbox_sent(sending)
    assert [(e.id, e.body) for e in store.due_outbox(clock.now(), 10)] == [
        (newer, {"status": "accepted"})]


def test_due_outbox_gives_one_head_per_resource_oldest_first(
        store: Store, clock: FakeClock) -> None:
    a1 = store.set_order_status("a", "accepted", confirmed_time=T0)
    store.set_order_status("a", "in_preparation")
    clock.advance(1)
    b1 = store.set_order_status("b", "received")
    loc = store.enqueue_location_patch({"order_acceptance": {"mode": "paused"}},
                                       "order_acceptance")
    due = store.due_outbox(clock.now(), 10)
    assert [e.id for e in due] == [a1, b1, loc]
    assert [e.id for e in store.due_outbox(clock.now(), 2)] == [a1, b1]


def test_retry_waits_until_next_try_and_blocks_later_entries(
        store: Store, clock: FakeClock) -> None:
    head = store.set_order_status("a", "accepted", confirmed_time=T0)
    store.set_order_status("a", "in_preparation")
    store.due_outbox(clock.now(), 10)
    store.mark_outbox_retry(head, clock.now() + timedelta(seconds=30), "timeout")
    assert store.due_outbox(clock.now(), 10) == []
    clock.advance(30)
    due = store.due_outbox(clock.now(), 10)
    assert [e.id for e in due] == [head]
    assert due[0].attempts == 1 and due[0].last_error == "timeout"


def test_pending_entry_after_a_retry_collapses_again(store: Store, clock: FakeClock) -> None:
    head = store.set_order_status("a", "received")
    store.due_outbox(clock.now(), 10)
    store.mark_outbox_retry(head, clock.now(), "network down")
    assert store.set_order_status("a", "accepted") == head


def test_failed_change_stays_visible_until_dismissed(store: Store, clock: FakeClock) -> None:
    entry = store.set_order_status("a", "accepted")
    store.due_outbox(clock.now(), 10)
    store.mark_outbox_failed(entry, "422: status is not valid")
    counts = store.outbox_counts()
    assert counts.failed == 1 and counts.pending == 0
    assert counts.failed_messages == ("order:a: 422: status is not valid",)
    row = store.get_order("a")
    assert row is not None and row.sync_state == "failed"
    assert row.sync_error == "422: status is not valid"
    store.dismiss_failed(entry)
    assert store.outbox_counts().failed == 0
    row = store.get_order("a")
    assert row is not None and row.sync_state == "ok"


def test_failed_change_clears_when_a_newer_change_succeeds(store: Store, clock: FakeClock) -> None:
    failed = store.set_order_status("a", "accepted")
    store.due_outbox(clock.now(), 10)
    store.mark_outbox_failed(failed, "404")
    other = store.set_order_status("b", "received")
    store.due_outbox(clock.now(), 10)
    store.mark_outbox_sent(other)
    assert store.outbox_counts().failed == 1  # another resource's success does not clear it
    newer = store.set_order_status("a", "in_preparation")
    assert newer != failed
    store.due_outbox(clock.now(), 10)
    store.mark_outbox_sent(newer)
    assert store.outbox_counts().failed == 0


def test_location_patches_of_the_same_kind_collapse(store: Store, clock: FakeClock) -> None:
    first = store.enqueue_location_patch(
        {"order_acceptance": {"mode": "busy", "extra_preparation_time": 10}}, "order_acceptance")
    hours = store.enqueue_location_patch({"opening_hours": {"monday": []}}, "opening_hours")
    second = store.enqueue_location_patch({"order_acceptance": {"mode": "paused"}},
                                          "order_acceptance")
    assert first == second and hours != first
    due = store.due_outbox(clock.now(), 10)
    assert [(e.kind, e.patch_kind, e.body) for e in due] == [
        ("location_patch", "order_acceptance", {"order_acceptance": {"mode": "paused"}})]
    store.mark_outbox_sent(first)
    assert [e.patch_kind for e in store.due_outbox(clock.now(), 10)] == ["opening_hours"]


def test_unknown_location_patch_kind_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.enqueue_location_patch({"name": "x"}, "menu")


def test_pending_entries_survive_a_restart_and_collapse_again(
        tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "restart.sqlite3"
    store = Store.open(path, clock)
    store.upsert_remote_order({"id": "a", "status": "new"})
    head = store.set_order_status("a", "received")
    store.due_outbox(clock.now(), 10)  # claimed, then the app is killed mid-send
    store.close()
    # A restart releases a killed process's claims at once (tests/unit/store/
    # test_outbox_claims.py); in this one test process, the claim is stale once its lease ends.
    clock.advance(CLAIM_LEASE_S)
    reopened = Store.open(path, clock)
    assert reopened.set_order_status("a", "accepted") == head
    assert [e.body for e in reopened.due_outbox(clock.now(), 10)] == [{"status": "accepted"}]
    reopened.close()
