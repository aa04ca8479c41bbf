"""Sync engine against the simulator over loopback: orders arrive once, taps reach HubRise."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NetworkError, ServerError
from kds.hubrise.ratelimit import RateLimiter
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, SimError, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.sync.limiter_store import make_limiter
from kds.sync.poller import WANTED_EVENTS
from tests.waiting import watch_engine

pytestmark = pytest.mark.slow  # serves the simulator over loopback HTTP: a server per test

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # 12:00 in Paris, a Tuesday: open


def order_body(n: int = 1, service_type: str = "collection") -> dict[str, Any]:
    return {"status": "new", "service_type": service_type, "ref": f"R{n}",
            "items": [{"product_name": "Margherita", "sku_name": "Large",
                       "price": "9.50 EUR", "quantity": "2"}]}


@pytest.fixture
def world(clock: FakeClock) -> World:
    return World(clock, seed=3)


@pytest.fixture
def server(world: World):
    running = serve_in_thread(world)
    yield running
    running.stop()


class Recorder:
    """Listener that keeps every piece of news."""

    def __init__(self) -> None:
        self.orders: list[list[str]] = []
        self.location = 0
        self.health = 0

    def orders_changed(self, ids: list[str]) -> None:
        self.orders.append(list(ids))

    def location_changed(self) -> None:
        self.location += 1

    def health_changed(self) -> None:
        self.health += 1


class Faulty:
    """Wraps a client; named methods raise the given errors, one per call (None: pass)."""

    def __init__(self, inner: Any, **failures: list[BaseException | None]) -> None:
        self._inner = inner
        self._failures = {name: list(errors) for name, errors in failures.items()}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._inner, name)
        if not callable(target) or name.startswith("_") or name in ("list_events", "list_orders"):
            return target

        async def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args))
            pending = self._failures.get(name)
            error = pending.pop(0) if pending else None
            if error is not None:
                raise error
            return await target(*args, **kwargs)
        return call


def client_for(base_url: str, clock: FakeClock, token: str = DEMO_KDS_TOKEN,
               limiter: RateLimiter | None = None) -> HubRiseClient:
    return HubRiseClient(base_url, token, clock=clock, limiter=limiter or RateLimiter(clock))


def count_rows(store: Store, order_id: str) -> int:
    return store.db.execute("SELECT COUNT(*) FROM orders WHERE id = ?", [order_id]).fetchone()[0]


def kds_requests(world: World, method: str | None = None, fragment: str = "") -> list[Any]:
    return [r for r in world.request_log if r.token == DEMO_KDS_TOKEN
            and (method is None or r.method == method) and fragment in r.path]


def test_platform_order_appears_in_the_store_once_and_is_acknowledged_as_received(
        world, server, store, clock):
    news = Recorder()

    async def scenario() -> str:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock)
            engine.add_listener(news)
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            clock.advance(30)
            first = await engine.poll_once()
            second = await engine.poll_once()
            assert (first.applied, first.acknowledged) == (1, 1)
            assert (second.listed, second.applied) == (0, 0)
            await engine.drain_outbox_once()
            return order["id"]

    order_id = asyncio.run(scenario())
    assert count_rows(store, order_id) == 1
    assert world.pending_events(DEMO_KDS_TOKEN) == []
    assert [order_id] in news.orders
    # Auto-receive: the integration guide asks EPOS apps to acknowledge new orders.
    assert world.orders[order_id]["status"] == "received"
    assert store.get_order(order_id).status == "received"
    assert store.outbox_counts().pending == 0


def test_event_is_acknowledged_only_after_commit_and_a_crash_is_recovered(
        world, server, store, clock):
    class Crash(Exception):
        pass

    async def first_run() -> None:
        async with client_for(server.base_url, clock) as client:
            await SyncEngine(client, store, clock).connect()
            world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            crashing = Faulty(client, delete_event=[Crash("killed between commit and delete")])
            with pytest.raises(Crash):
                await SyncEngine(crashing, store, clock).poll_once()

    asyncio.run(first_run())
    [event] = world.pending_events(DEMO_KDS_TOKEN)  # committed but never acknowledged
    assert store.has_order(event["order_id"]) and store.has_event(event["id"])

    async def restart() -> Any:
        async with client_for(server.base_url, clock) as client:
            return await SyncEngine(client, store, clock).poll_once()

    result = asyncio.run(restart())
    assert (result.already_applied, result.applied, result.acknowledged) == (1, 0, 1)
    assert world.pending_events(DEMO_KDS_TOKEN) == []
    assert count_rows(store, event["order_id"]) == 1
    assert kds_requests(world, "GET", f"/orders/{event['order_id']}").__len__() == 1


def test_connect_keeps_an_identical_passive_callback_and_replaces_a_different_one(
        world, server, store, clock):
    world.set_callback(DEMO_KDS_TOKEN, {"url": "https://example.org/hook",
                                        "events": {"order": ["create"]}})

    async def scenario() -> None:
        async with client_for(server.base_url, clock) as client:
            await SyncEngine(client, store, clock).connect()
            await SyncEngine(client, store, clock).connect()

    asyncio.run(scenario())
    callback = world.get_callback(DEMO_KDS_TOKEN)
    assert callback["url"] is None
    assert {k: sorted(v) for k, v in callback["events"].items()} == WANTED_EVENTS
    assert len(kds_requests(world, "POST", "/callback")) == 1  # the second connect kept it
    assert store.get_location_raw()["id"] == world.location["id"]


def test_first_connect_catches_up_on_the_last_24_hours_only_once(world, server, store, clock):
    old = world.create_order(DEMO_PLATFORM_TOKEN, order_body(1))
    clock.advance(25 * 3600)
    recent = world.create_order(DEMO_PLATFORM_TOKEN, order_body(2))
    clock.advance(600)

    async def scenario() -> None:
        async with client_for(server.base_url, clock) as client:
            await SyncEngine(client, store, clock).connect()
            await SyncEngine(client, store, clock).connect()

    asyncio.run(scenario())
    assert store.has_order(recent["id"])
    assert not store.has_order(old["id"])
    assert len(kds_requests(world, "GET", "/location/orders")) == 1


def test_kitchen_status_change_reaches_hubrise_and_the_response_updates_the_store(
        world, server, store, clock):
    async def scenario() -> str:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await engine.poll_once()
            store.set_order_status(order["id"], "accepted")
            assert store.get_order(order["id"]).sync_state == "pending"
            result = await engine.drain_outbox_once()
            assert len(result.sent) == 1
            assert engine.health().pending == 0
            return order["id"]

    order_id = asyncio.run(scenario())
    row = store.get_order(order_id)
    assert world.orders[order_id]["status"] == "accepted"
    assert (row.status, row.remote_status, row.sync_state) == ("accepted", "accepted", "ok")
    assert world.pending_events(DEMO_KDS_TOKEN) == []  # our own change made no event


def test_location_update_by_another_app_reaches_the_store(world, server, store, clock):
    news = Recorder()

    async def scenario() -> None:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock)
            engine.add_listener(news)
            await engine.connect()
            world.patch_location(DEMO_PLATFORM_TOKEN, {"preparation_time": 35})
            result = await engine.poll_once()
            assert result.location_changed

    asyncio.run(scenario())
    assert store.get_location_raw()["preparation_time"] == 35
    assert news.location >= 2  # connect + the event


def test_outbox_drains_in_order_when_the_network_comes_back(world, server, store, clock):
    async def scenario() -> tuple[str, str]:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            first = world.create_order(DEMO_PLATFORM_TOKEN, order_body(1))
            second = world.create_order(DEMO_PLATFORM_TOKEN, order_body(2))
            await engine.poll_once()
        # The network goes away: nothing listens on this port.
        async with client_for("http://127.0.0.1:9/v1", clock) as dead:
            engine = SyncEngine(dead, store, clock, auto_receive=False)
            promised = clock.now() + timedelta(minutes=20)
            for order_id in (first["id"], second["id"]):
                # accepted + confirmed time is never folded into a later tap (store policy).
                store.set_order_status(order_id, "accepted", confirmed_time=promised)
                store.set_order_status(order_id, "in_preparation")
            await engine.drain_outbox_once()
            health = engine.health()
            assert not health.online and health.offline_since == clock.now()
            assert health.pending >= 2 and "ConnectError" in (health.last_error or "")
        clock.advance(600)  # past any backoff
        async with client_for(server.base_url, clock) as client:
            sending = Faulty(client)
            engine = SyncEngine(sending, store, clock, auto_receive=False)
            for _ in range(6):
                await engine.drain_outbox_once()
            assert engine.health().online and engine.health().pending == 0
            sent = [(args[0], args[1]["status"]) for name, args in sending.calls
                    if name == "update_order"]
        for order_id in (first["id"], second["id"]):
            mine = [status for oid, status in sent if oid == order_id]
            assert mine == ["accepted", "in_preparation"]  # per order, as staff tapped
        return first["id"], second["id"]

    for order_id in asyncio.run(scenario()):
        assert world.orders[order_id]["status"] == "in_preparation"
        assert store.get_order(order_id).sync_state == "ok"


def test_429_storm_sends_nothing_into_a_closed_window(world, server, store, clock):
    async def scenario() -> datetime:
        limiter = RateLimiter(clock)
        async with client_for(server.base_url, clock, limiter=limiter) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await engine.poll_once()
            # Another screen on the same token uses up the minute: our limiter cannot see it.
            for _ in range(600):
                try:
                    world.check_rate_limit(DEMO_KDS_TOKEN)
                except SimError:
                    break
            store.set_order_status(order["id"], "accepted")
            store.set_order_status(order["id"], "in_preparation")
            await engine.drain_outbox_once()
            assert engine.health().pending == 1 and "429" in engine.health().last_error
            plan = engine.plan()
            assert "429" in plan.reason and plan.interval <= 60  # not "wait until midnight"
            for _ in range(5):  # the limiter now holds every request until the window ends
                await engine.poll_once()
                await engine.drain_outbox_once()
            window_end = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
            clock.set(window_end + timedelta(seconds=90))
            for _ in range(4):
                await engine.drain_outbox_once()
            assert world.orders[order["id"]]["status"] == "in_preparation"
            assert engine.plan().interval == 30.0  # back to normal once the window reopened
            return window_end

    asyncio.run(scenario())
    log = kds_requests(world)
    refused = [i for i, r in enumerate(log) if r.status == 429]
    assert len(refused) == 1  # one probe learnt the window was closed; nothing more was sent
    closed_until = log[refused[0]].at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    later = log[refused[0] + 1:]
    assert later and all(r.at >= closed_until for r in later)


def test_server_errors_are_retried_with_backoff_until_hubrise_answers(world, server, store, clock):
    async def scenario() -> str:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await engine.poll_once()
            flaky = Faulty(client, update_order=[ServerError(502, "internal_error", "down"),
                                                 ServerError(503, "internal_error", "down")])
            engine = SyncEngine(flaky, store, clock, auto_receive=False)
            store.set_order_status(order["id"], "accepted")
            await engine.drain_outbox_once()
            assert engine.health().pending == 1 and "502" in engine.health().last_error
            await engine.drain_outbox_once()  # not due yet: backoff holds it
            assert len([c for c in flaky.calls if c[0] == "update_order"]) == 1
            for _ in range(3):
                clock.advance(120)
                await engine.drain_outbox_once()
            assert len([c for c in flaky.calls if c[0] == "update_order"]) == 3
            assert engine.health().pending == 0
            return order["id"]

    order_id = asyncio.run(scenario())
    assert world.orders[order_id]["status"] == "accepted"


def test_revoked_token_stops_sending_and_reports_reconnect_needed(world, server, store, clock):
    async def scenario() -> str:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await engine.poll_once()
        world.remove_connection(DEMO_KDS_TOKEN)  # the connection was revoked
        async with client_for(server.base_url, clock) as client:
            news = Recorder()
            engine = SyncEngine(client, store, clock, auto_receive=False)
            engine.add_listener(news)
            store.set_order_status(order["id"], "accepted")
            await engine.drain_outbox_once()
            health = engine.health()
            assert health.reconnect_needed and news.health >= 1
            assert health.pending == 1  # kept for after the reconnect, never dropped
            before = len(world.request_log)
            clock.advance(600)
            await engine.drain_outbox_once()
            await engine.poll_once()
            assert len(world.request_log) == before  # stopped: nothing more is sent
        # Staff reconnect: a new token for a new connection.
        world.add_connection("new-kds-token", "kds", "demo-screen")
        async with client_for(server.base_url, clock, token="new-kds-token") as client:
            engine.reconnected(client)
            assert not engine.health().reconnect_needed and not engine.connected
            await engine.connect()
            await engine.drain_outbox_once()
            assert engine.health().pending == 0
        return order["id"]

    order_id = asyncio.run(scenario())
    assert world.orders[order_id]["status"] == "accepted"
    assert world.get_callback("new-kds-token")["url"] is None


def test_malformed_events_are_dead_lettered_and_the_rest_of_the_batch_is_applied(
        world, server, store, clock):
    async def scenario() -> Any:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            good = world.create_order(DEMO_PLATFORM_TOKEN, order_body(1))
            bad = world.create_order(DEMO_PLATFORM_TOKEN, order_body(2))
            conn = world.connection(DEMO_KDS_TOKEN)
            with world.lock:
                # An event naming no order, one of a type we never asked for, and an
                # order whose payload is broken (state and GET both answer garbage ids).
                seq = max(e["_seq"] for e in conn.events.values())
                conn.events["nooid"] = {"id": "nooid", "resource_type": "order",
                                        "event_type": "update", "created_at": world.now_local(),
                                        "_seq": seq + 1}
                conn.events["weird"] = {"id": "weird", "resource_type": "customer",
                                        "event_type": "update", "created_at": world.now_local(),
                                        "_seq": seq + 2}
                world.orders[bad["id"]]["total"] = "abc"
                world.orders[bad["id"]]["customer_notes"] = {"deep": [[[["x"]]]]}
            result = await engine.poll_once()
            return good, bad, result

    good, bad, result = asyncio.run(scenario())
    assert result.listed == 4 and result.acknowledged == 4
    assert (result.applied, result.dead_lettered) == (2, 2)
    assert store.has_order(good["id"])
    # The broken order is kept, with visible problem flags instead of its bad fields.
    problems = " ".join(store.get_order(bad["id"]).problems)
    assert "total" in problems and "customer_notes" in problems
    reasons = " ".join(d["reason"] for d in store.dead_letters())
    assert "order_id" in reasons and "customer" in reasons
    assert world.pending_events(DEMO_KDS_TOKEN) == []


def test_run_loop_polls_and_sends_staff_actions_until_stopped(world, server, store, clock):
    async def scenario() -> tuple[str, Any]:
        async with client_for(server.base_url, clock) as client:
            # The kitchen starts offline: run() keeps trying to connect until it works.
            flaky = Faulty(client, get_callback=[NetworkError("no route"), NetworkError("again")])
            engine = SyncEngine(flaky, store, clock)
            wakeups = watch_engine(engine)  # no real-time polling: woken by news and answers
            task = asyncio.ensure_future(engine.run())
            await wakeups.until(lambda: engine.connected)
            assert world.get_callback(DEMO_KDS_TOKEN)["url"] is None
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await wakeups.until(lambda: store.has_order(order["id"])
                                and world.orders[order["id"]]["status"] == "received")
            store.set_order_status(order["id"], "accepted")
            engine.kick()
            await wakeups.until(lambda: world.orders[order["id"]]["status"] == "accepted")
            engine.stop()
            await asyncio.wait_for(task, 5)
            return order["id"], engine.health()

    order_id, health = asyncio.run(scenario())
    assert world.orders[order_id]["status"] == "accepted"
    assert health.last_poll_at is not None and health.poll_interval is not None
    assert "open" in health.poll_reason
    assert health.requests_left_today is not None and health.requests_left_today < 10000


def test_rate_limiter_state_survives_a_restart_through_the_store(world, server, store, clock):
    async def scenario() -> dict[str, int]:
        limiter = make_limiter(store, clock)
        async with client_for(server.base_url, clock, limiter=limiter) as client:
            engine = SyncEngine(client, store, clock)
            await engine.connect()
            clock.advance(6)  # past the saver's coalescing delay
            await engine.poll_once()
        return limiter.remaining()

    left = asyncio.run(scenario())
    assert left["day"] < 10000
    # Not stopped cleanly: the restored counters may count the saver's reserve ahead of use,
    # never fewer requests than were made.
    from kds.sync.limiter_store import RESERVE

    restored = make_limiter(store, clock).remaining()
    for window, value in left.items():
        assert value - RESERVE[window] <= restored[window] <= value


def test_qt_bridge_turns_engine_news_into_signals(world, server, store, clock, qloop, qtbot):
    from kds.sync.qt_bridge import SyncBridge

    got: dict[str, list[Any]] = {"orders": [], "location": [], "health": []}

    async def scenario() -> str:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock)
            bridge = SyncBridge(engine)
            bridge.ordersChanged.connect(got["orders"].append)
            bridge.locationChanged.connect(lambda: got["location"].append(True))
            bridge.healthChanged.connect(lambda: got["health"].append(bridge.health()))
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await engine.poll_once()
            await engine.drain_outbox_once()
            bridge.detach()
            await engine.poll_once()
            return order["id"]

    order_id = qloop.run_until_complete(scenario())
    qtbot.waitUntil(lambda: [order_id] in got["orders"], timeout=2000)
    assert got["location"]
    assert any(h.pending == 1 for h in got["health"])   # auto-receive queued
    assert got["health"][-1].pending == 0 and got["health"][-1].last_poll_at is not None


def test_refused_change_is_marked_failed_with_hubrise_message_and_kept_visible(
        world, server, store, clock):
    ghost = {"id": "ghost1", "status": "new", "service_type": "collection",
             "created_at": "2026-11-24T12:00:00+01:00", "items": []}
    store.upsert_remote_order(ghost)  # an order HubRise does not know (any more)

    async def scenario() -> Any:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            store.set_order_status("ghost1", "accepted")
            result = await engine.drain_outbox_once()
            assert result.failed and not result.sent
            clock.advance(3600)
            await engine.drain_outbox_once()
            return engine.health()

    health = asyncio.run(scenario())
    assert health.failed == 1 and health.pending == 0
    assert "404" in health.failed_messages[0] and "not found" in health.failed_messages[0]
    row = store.get_order("ghost1")
    assert row.sync_state == "failed" and "404" in (row.sync_error or "")
    assert len(kds_requests(world, "PATCH")) == 1  # failed entries are not re-sent


def test_location_changes_go_out_and_invalid_ones_fail_with_the_field_message(
        world, server, store, clock):
    news = Recorder()

    async def scenario() -> Any:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock)
            engine.add_listener(news)
            await engine.connect()
            store.enqueue_location_patch(
                {"order_acceptance": {"mode": "busy", "extra_preparation_time": 20}},
                "order_acceptance")
            await engine.drain_outbox_once()
            store.enqueue_location_patch(
                {"opening_hours": {"monday": [{"from": "18:00", "to": "12:00"}]},
                 "cutoff_time": "00:00"}, "opening_hours")
            await engine.drain_outbox_once()
            return engine.health()

    health = asyncio.run(scenario())
    assert world.location["order_acceptance"]["mode"] == "busy"
    assert store.get_location_raw()["order_acceptance"]["mode"] == "busy"
    assert news.location >= 2
    assert health.failed == 1 and "422" in health.failed_messages[0]
    assert "opening_hours" in health.failed_messages[0]
    assert world.location["opening_hours"]["tuesday"]  # the bad edit changed nothing


def test_polling_while_offline_reports_offline_then_online_again(world, server, store, clock):
    async def scenario() -> tuple[Any, Any]:
        async with client_for("http://127.0.0.1:9/v1", clock) as dead:
            engine = SyncEngine(dead, store, clock)
            assert (await engine.poll_once()).listed == 0
            offline = engine.health()
        async with client_for(server.base_url, clock) as client:
            engine.set_client(client)
            clock.advance(30)
            await engine.poll_once()
            return offline, engine.health()

    offline, online = asyncio.run(scenario())
    assert not offline.online and offline.offline_since == START and offline.last_poll_at is None
    assert online.online and online.offline_since is None and online.last_poll_at is not None


def test_network_lost_half_way_through_a_batch_keeps_what_was_fetched(world, server, store, clock):
    async def scenario() -> tuple[list[str], Any, Any]:
        async with client_for(server.base_url, clock) as client:
            await SyncEngine(client, store, clock, auto_receive=False).connect()
            ids = [world.create_order(DEMO_PLATFORM_TOKEN, order_body(n))["id"] for n in (1, 2)]
            cut = Faulty(client, get_order=[None, NetworkError("connection reset")])
            engine = SyncEngine(cut, store, clock, auto_receive=False)
            first = await engine.poll_once()
            assert not engine.health().online
            engine.set_client(client)
            second = await engine.poll_once()
            return ids, first, second

    ids, first, second = asyncio.run(scenario())
    assert (first.applied, first.acknowledged) == (1, 0)
    assert first.order_ids == (ids[0],)
    assert (second.already_applied, second.applied, second.acknowledged) == (1, 1, 2)
    assert all(store.has_order(i) for i in ids)
    assert world.pending_events(DEMO_KDS_TOKEN) == []


def test_engine_saves_the_limiter_counters_of_a_client_built_without_persistence(
        world, server, store, clock):
    async def scenario() -> dict[str, int]:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock)
            await engine.connect()
            engine.save_limiter()  # as run() does when it stops
            return client.limiter.remaining()

    left = asyncio.run(scenario())
    assert RateLimiter(clock, state=store.load_limiter_state()).remaining() == left


def test_poll_interval_slows_down_while_the_restaurant_is_closed(world, store, clock):
    store.set_location(world.location)  # open Tue-Sun 11:30-14:30 and 18:00-23:30, Paris
    engine = SyncEngine(object(), store, clock, limiter=RateLimiter(clock))
    assert engine.plan().interval == 30.0           # Tuesday 12:00 in Paris
    clock.set(datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc))  # 16:00: between services
    plan = engine.plan()
    assert plan.interval == 60.0 and "closed" in plan.reason
    assert engine.health().poll_interval == 60.0 and engine.health().poll_reason == plan.reason
    clock.set(datetime(2026, 11, 24, 18, 0, tzinfo=timezone.utc))  # 19:00: open again
    engine.poll_floor = 3.0  # demo mode against the simulator
    assert engine.plan().interval == 3.0


def test_demo_floor_also_applies_while_the_restaurant_is_closed(world, store, clock):
    # Demo mode on a Monday (closed all day) must still show a new order within seconds.
    store.set_location(world.location)
    engine = SyncEngine(object(), store, clock, limiter=RateLimiter(clock))
    clock.set(datetime(2026, 11, 30, 17, 0, tzinfo=timezone.utc))  # Monday: closed
    assert engine.plan().interval == 60.0
    engine.poll_floor = 3.0
    assert engine.plan().interval < 5.0  # the floor, or a little more if the day budget says so


def test_an_order_arriving_while_closed_keeps_the_open_rate_for_a_while(world, server, store, clock):
    clock.set(datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc))  # 16:00 Paris: between services

    async def scenario() -> tuple[float, float, float]:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock)
            await engine.connect()
            await engine.poll_once()
            closed = engine.plan().interval
            world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            await engine.poll_once()
            working = engine.plan().interval
            clock.advance(21 * 60)
            return closed, working, engine.plan().interval

    closed, working, later = asyncio.run(scenario())
    assert (closed, working, later) == (60.0, 30.0, 60.0)


def test_limiter_counters_are_saved_ahead_so_a_kill_never_undercounts_and_a_hold_at_once(clock):
    from kds.sync.limiter_store import RESERVE, LimiterSaver

    class Saved:
        def __init__(self) -> None:
            self.states: list[dict[str, Any]] = []

        def save_limiter_state(self, state: dict[str, Any]) -> None:
            self.states.append(state)

    saved = Saved()
    limiter = RateLimiter(clock, on_change=LimiterSaver(saved, clock))

    async def requests(count: int) -> None:
        for _ in range(count):
            await limiter.acquire()
            # A SIGKILL now restores from the last save: never fewer requests than were made.
            restored = RateLimiter(clock, state=saved.states[-1])
            assert restored.remaining()["minute"] <= limiter.remaining()["minute"]

    asyncio.run(requests(12))
    writes = len(saved.states)
    assert writes <= 12 // RESERVE["minute"] + 1 and writes < 12  # fewer writes than requests
    limiter.note_429(30.0)
    assert saved.states[-1]["blocked_until"] is not None and len(saved.states) == writes + 1
    clock.advance(61)
    asyncio.run(requests(1))  # a new minute window: the next request saves again
    assert len(saved.states) >= 4


def test_update_events_use_the_event_state_unless_the_kitchen_changed_the_order_since(
        world, server, store, clock):
    async def scenario() -> str:
        async with client_for(server.base_url, clock) as client:
            engine = SyncEngine(client, store, clock, auto_receive=False)
            await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            clock.advance(5)
            await engine.poll_once()  # unknown order: fetched with GET order
            clock.advance(5)
            world.update_order(DEMO_PLATFORM_TOKEN, order["id"],
                               {"custom_fields": {"platform": {"rider": "Sam"}}})
            clock.advance(5)
            await engine.poll_once()  # known order, nothing newer here: the event's state
            assert store.get_order(order["id"]).raw["custom_fields"]["platform"]["rider"] == "Sam"
            clock.advance(5)
            world.update_order(DEMO_PLATFORM_TOKEN, order["id"],
                               {"custom_fields": {"platform": {"rider": "Ana"}}})
            clock.advance(5)
            store.set_order_status(order["id"], "accepted")  # after that event was created
            await engine.drain_outbox_once()
            clock.advance(5)
            await engine.poll_once()  # the event's snapshot says "new": fetch the order
            return order["id"]

    order_id = asyncio.run(scenario())
    gets = [r.path for r in kds_requests(world, "GET") if "/callback/events/" in r.path
            or f"/orders/{order_id}" in r.path]
    # The stale event is still read (one GET): a cancellation in it must be checked against
    # the order (see test_sync_cancellation); then the order itself is the truth.
    assert [p.rsplit("/", 2)[-2] for p in gets] == ["orders", "events", "events", "orders"]
    row = store.get_order(order_id)
    assert row.status == row.remote_status == world.orders[order_id]["status"] == "accepted"
    assert row.raw["custom_fields"]["platform"]["rider"] == "Ana"
