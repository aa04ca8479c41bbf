"""Health tells the truth: Online only while polls succeed, the reason in words otherwise."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise.order_model import Order
from kds.hubrise.ratelimit import RateLimiter
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.sync.poller import CAUGHT_UP_META
from tests.fakes.fake_hubrise import FakeHubRise, html, order, text

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # a Tuesday noon in Paris


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def polled_with_fault(hubrise: FakeHubRise, store: Store, clock: FakeClock,
                            fault: Any, path: str = "callback/events") -> Any:
    async with hubrise.client() as client:
        engine = SyncEngine(client, store, clock)
        await engine.connect()
        await engine.poll_once()
        assert engine.health().online  # the poll succeeded
        hubrise.faults[path] = fault
        for _ in range(4):   # two minutes of failures
            clock.advance(30)
            await engine.poll_once()
        return engine.health()


@pytest.mark.parametrize("fault, reason", [
    (text(502, "Bad Gateway"), "HubRise is failing (502)"),
    (html(200), "answered with a web page — captive portal?"),
    (httpx.Response(302, headers={"Location": "http://portal.example/login"}),
     "answered with a web page — captive portal?"),
    (text(200, "{not json"), "HubRise's answer could not be read (invalid JSON)"),
    ("network", "the network is down"),
])
def test_a_failing_poll_is_not_online_and_says_why(hubrise, store, clock, fault, reason):
    health = run(polled_with_fault(hubrise, store, clock, fault))
    assert not health.online
    assert health.problem == reason
    assert health.offline_since == START + timedelta(seconds=30)  # the first failed poll
    assert health.last_poll_at == START                           # the last good one
    assert not health.reconnect_needed


def test_401_still_asks_to_reconnect(hubrise, store, clock):
    health = run(polled_with_fault(hubrise, store, clock,
                                   text(401, '{"error_type": "unauthorized"}')))
    assert health.reconnect_needed


def test_polls_succeeding_again_bring_online_back(hubrise, store, clock):
    async def scenario() -> Any:
        await polled_with_fault(hubrise, store, clock, text(502, "Bad Gateway"))
        hubrise.faults.clear()
        async with hubrise.client() as client:
            engine = SyncEngine(client, store, clock)
            await engine.poll_once()
            return engine.health()

    health = run(scenario())
    assert health.online and health.problem == "" and health.offline_since is None


def test_a_429_hold_is_shown_as_a_wait_until_a_time(hubrise, store, clock):
    async def scenario() -> Any:
        limiter = RateLimiter(clock)
        async with hubrise.client(limiter) as client:
            engine = SyncEngine(client, store, clock)
            await engine.connect()
            hubrise.faults["callback/events"] = text(429, "")
            hubrise.faults["callback/events"].headers["Retry-After"] = "600"
            await engine.poll_once()
            return engine.health()

    health = run(scenario())
    assert not health.online
    assert health.waiting_until == START + timedelta(seconds=600)


@pytest.mark.parametrize("listed", ["500", "{}", "bad order"])
def test_a_failed_first_sync_does_not_stop_event_polling(hubrise, store, clock, listed):
    good = order("o-good", "R1", START - timedelta(hours=1))
    if listed == "500":
        hubrise.faults["location/orders"] = text(500, '{"message": "boom"}')
    elif listed == "{}":
        hubrise.listed = {}  # type: ignore[assignment]
    else:  # the store cannot take this one: it must be set aside, the rest applied
        hubrise.listed = [good, order("o-bad", "R2", START, items="not a list")]

    broken = _StoreRefusing(store, "o-bad")

    async def scenario() -> Any:
        async with hubrise.client() as client:
            engine = SyncEngine(client, broken, clock)
            await engine.connect()   # must not raise: events are polled anyway
            hubrise.orders["o-new"] = order("o-new", "R9", START)
            hubrise.add_event("o-new")
            clock.advance(30)
            await engine.poll_once()
            return engine

    engine = run(scenario())
    assert store.has_order("o-new")          # the new order arrived
    assert hubrise.events == []              # and was acknowledged
    if listed == "bad order":
        assert store.has_order("o-good")
        assert [d["kind"] for d in store.dead_letters()] == ["order"]
        assert "o-bad" in store.dead_letters()[0]["raw"]
        assert store.get_meta(CAUGHT_UP_META)
    else:
        assert engine.health().first_sync_problem
        assert not store.get_meta(CAUGHT_UP_META)


def test_a_failed_first_sync_is_tried_again_later(hubrise, store, clock):
    hubrise.orders["o-old"] = order("o-old", "R1", START - timedelta(hours=1))
    hubrise.faults["location/orders"] = text(500, '{"message": "boom"}')

    async def scenario() -> Any:
        async with hubrise.client() as client:
            engine = SyncEngine(client, store, clock)
            engine.poll_floor = 1.0
            task = asyncio.ensure_future(engine.run())
            for _ in range(50):
                await asyncio.sleep(0)
            assert engine.health().first_sync_problem == "HubRise is failing (500)"
            hubrise.faults.clear()
            for _ in range(40):
                clock.advance(5)
                for _ in range(20):
                    await asyncio.sleep(0)
                if store.has_order("o-old"):
                    break
            engine.stop()
            await task
            return engine.health()

    health = run(scenario())
    assert store.has_order("o-old")
    assert health.first_sync_problem == ""


class _StoreRefusing:
    """The real store, but upserting one order id raises (as a malformed order can)."""

    def __init__(self, inner: Store, bad_id: str) -> None:
        self._inner, self._bad = inner, bad_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def upsert_remote_order(self, order: Order, **kwargs: Any) -> Any:
        if order.id == self._bad:
            raise OverflowError("date value out of range")
        return self._inner.upsert_remote_order(order, **kwargs)


class _FullDisk(_StoreRefusing):
    """Every write of an order fails the way SQLite does on a full disk."""

    full = True
    error = "database or disk is full"

    def upsert_remote_order(self, order: Order, **kwargs: Any) -> Any:
        if self.full:
            raise sqlite3.OperationalError(self.error)
        return self._inner.upsert_remote_order(order, **kwargs)

    def dead_letter(self, *args: Any) -> int:
        if self.full:
            raise sqlite3.OperationalError(self.error)
        return self._inner.dead_letter(*args)

    def set_meta(self, key: str, value: str) -> None:
        if self.full:
            raise sqlite3.OperationalError(self.error)
        self._inner.set_meta(key, value)


def test_disk_full_is_said_and_the_event_stays_on_hubrise(hubrise, store, clock):
    full = _FullDisk(store, "")

    async def scenario() -> tuple[Any, Any]:
        async with hubrise.client() as client:
            full.full = False
            engine = SyncEngine(client, full, clock)
            await engine.connect()
            full.full = True
            hubrise.orders["o-1"] = order("o-1", "R1", START)
            hubrise.add_event("o-1")
            clock.advance(30)
            await engine.poll_once()
            during = engine.health()
            hubrise.events.clear()
            clock.advance(30)
            await engine.poll_once()   # nothing to write: the disk is still full
            still = engine.health()
            return during, still

    during, still = run(scenario())
    assert not during.online
    assert during.problem == "Disk full — orders are waiting on HubRise"
    assert not store.has_order("o-1")
    assert still.problem == "Disk full — orders are waiting on HubRise"


def test_disk_full_ends_once_a_write_succeeds(hubrise, store, clock):
    full = _FullDisk(store, "")

    async def scenario() -> Any:
        async with hubrise.client() as client:
            full.full = False
            engine = SyncEngine(client, full, clock)
            await engine.connect()
            full.full = True
            hubrise.orders["o-1"] = order("o-1", "R1", START)
            hubrise.add_event("o-1")
            await engine.poll_once()
            full.full = False
            clock.advance(30)
            await engine.poll_once()
            return engine.health()

    health = run(scenario())
    assert health.online and health.problem == "" and store.has_order("o-1")
    assert len(hubrise.events) == 0


def test_starting_offline_logs_one_line_per_change_and_no_traceback(hubrise, store, clock,
                                                                    caplog):
    hubrise.faults["callback"] = "network"
    hubrise.faults["callback/events"] = "network"

    async def scenario() -> None:
        async with hubrise.client() as client:
            engine = SyncEngine(client, store, clock)
            task = asyncio.ensure_future(engine.run())
            for _ in range(30):   # a dozen connect attempts and outbox rounds
                clock.advance(10)
                for _ in range(10):
                    await asyncio.sleep(0)
            engine.stop()
            await task

    with caplog.at_level(logging.DEBUG):
        run(scenario())
    mine = [r for r in caplog.records if r.name.startswith("kds")]
    shown = [r for r in mine if r.levelno >= logging.INFO]
    assert len(shown) == 1, [r.getMessage() for r in shown]
    assert "No contact with HubRise: the network is down" in shown[0].getMessage()
    assert not shown[0].exc_info
    assert any(r.exc_info for r in mine if r.levelno == logging.DEBUG)  # details, debug only


def test_not_sent_is_said_once():
    from kds.sync.health import not_sent_line

    assert not_sent_line("Not sent: Not sent: the order was cancelled on HubRise.") == \
        "Not sent: the order was cancelled on HubRise."
    assert not_sent_line("422 Invalid\nstatus: bad") == "Not sent: 422 Invalid status: bad"
    assert not_sent_line("") == "Not sent to HubRise"


def test_event_polling_does_not_wait_for_a_slow_first_sync(hubrise, store, clock):
    """The first order list is slow (HubRise's high-load class waits): events go first."""
    listing = asyncio.Event()

    class SlowList:
        def __init__(self, inner: Any) -> None:
            self._inner = inner

        def __getattr__(self, name: str) -> Any:
            return getattr(self._inner, name)

        async def list_orders(self, **filters: Any) -> Any:
            await listing.wait()
            async for found in self._inner.list_orders(**filters):
                yield found

    hubrise.orders["o-new"] = order("o-new", "R9", START)
    hubrise.add_event("o-new")

    async def scenario() -> None:
        async with hubrise.client() as client:
            engine = SyncEngine(SlowList(client), store, clock)
            task = asyncio.ensure_future(engine.run())
            for _ in range(100):
                await asyncio.sleep(0)
                if store.has_order("o-new"):
                    break
            arrived = store.has_order("o-new")
            listing.set()
            engine.stop()
            await task
            assert arrived, "the event's order waited for the first sync"

    run(scenario())


class _OrdersDoNotFit(_FullDisk):
    """The disk has room for a small dead-letter row, not for the order itself."""

    def dead_letter(self, *args: Any) -> int:
        return self._inner.dead_letter(*args)


def test_an_order_that_cannot_be_written_is_never_acknowledged_as_set_aside(hubrise, store,
                                                                            clock):
    # The order's write failed for want of disk, not for bad data: it must stay on HubRise
    # (unacknowledged) for the next poll, not be dead-lettered and its event deleted.
    full = _OrdersDoNotFit(store, "")

    async def scenario() -> None:
        async with hubrise.client() as client:
            full.full = False
            engine = SyncEngine(client, full, clock)
            await engine.connect()
            full.full = True
            hubrise.orders["o-1"] = order("o-1", "R1", START)
            hubrise.add_event("o-1")
            clock.advance(30)
            await engine.poll_once()
            full.full = False
            clock.advance(30)
            await engine.poll_once()

    run(scenario())
    assert store.has_order("o-1")
    assert store.dead_letters() == []


class _ReadOnlyFolder(_FullDisk):
    """Every write fails the way SQLite does when the data folder became read-only."""

    error = "attempt to write a readonly database"


def test_a_read_only_folder_is_said_in_words_without_a_traceback(hubrise, store, clock, caplog):
    full = _ReadOnlyFolder(store, "")

    async def scenario() -> Any:
        async with hubrise.client() as client:
            full.full = False
            engine = SyncEngine(client, full, clock)
            await engine.connect()
            full.full = True
            hubrise.orders["o-1"] = order("o-1", "R1", START)
            hubrise.add_event("o-1")
            clock.advance(30)
            await engine.poll_once()
            return engine.health()

    health = run(scenario())
    assert health.problem == "The data folder is read-only — orders are waiting on HubRise"
    assert not health.online and not store.has_order("o-1")
    assert not [r for r in caplog.records if r.exc_info]      # one line, no traceback
