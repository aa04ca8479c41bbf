"""Station bumps travel through the outbox into the order's custom_fields on HubRise; two
stations bumping at once both survive; the other screens read them back."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.ratelimit import RateLimiter
from kds.kitchen.station_progress import is_done
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine

START = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
TOKENS = {"grill": DEMO_KDS_TOKEN, "pizza": "pizza-token", "expo": "expo-token"}


def order_body() -> dict[str, Any]:
    return {"status": "new", "service_type": "collection", "ref": "R1",
            "custom_fields": {"restaurant": {"table_name": "4"}},
            "items": [{"product_name": "Margherita", "price": "9.50 EUR", "quantity": "1"},
                      {"product_name": "Burger", "price": "9.50 EUR", "quantity": "1"}]}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def stores(tmp_path, clock):
    opened = {name: Store.open(tmp_path / name / "kds.sqlite", clock) for name in TOKENS}
    yield opened
    for store in opened.values():
        store.close()


async def drain_all(engine: SyncEngine) -> None:
    """Send every waiting entry (one head per order per round, as the outbox loop does)."""
    while engine.store.outbox_counts().pending:
        result = await engine.drain_outbox_once()
        assert result.sent, "the outbox is stuck"


def custom_fields(store: Store, order_id: str) -> dict[str, Any]:
    return store.get_order(order_id).raw.get("custom_fields") or {}


def test_a_bump_shows_at_once_and_a_status_tap_never_folds_into_it(stores, clock):
    store = stores["grill"]
    store.upsert_remote_order({"id": "o1", "status": "accepted", "custom_fields": {"a": 1}})
    bump = store.set_station_done("o1", "Grill")
    assert is_done(custom_fields(store, "o1"), "Grill")
    assert custom_fields(store, "o1")["a"] == 1
    tap = store.set_order_status("o1", "in_preparation")
    assert tap != bump   # its own entry: the bump's body is not overwritten by the status
    undo = store.set_station_done("o1", "Grill", done=False)
    assert undo == bump and not is_done(custom_fields(store, "o1"), "Grill")
    bodies = [e.body for e in store.due_outbox(clock.now())]
    assert bodies == [{"custom_fields": {"kds_station_grill": None}}]
    # HubRise's answer (or an event) with an older status does not undo the waiting status tap,
    # and the waiting bump keeps showing over the stored payload.
    store.upsert_remote_order({"id": "o1", "status": "accepted",
                               "custom_fields": {"a": 1, "kds_station_grill": {"station": "G"}}})
    assert store.get_order("o1").status == "in_preparation"
    assert not is_done(custom_fields(store, "o1"), "Grill")


def test_a_bump_on_an_unknown_order_or_past_8_kb_is_refused(stores):
    store = stores["grill"]
    with pytest.raises(KeyError):
        store.set_station_done("nope", "Grill")
    store.upsert_remote_order({"id": "big", "status": "accepted",
                               "custom_fields": {"notes": "x" * 8170}})
    with pytest.raises(ValueError):
        store.set_station_done("big", "Grill")
    assert store.outbox_counts().pending == 0


@pytest.mark.parametrize("mode", ["per-client", "per-connection"])
def test_two_stations_bumping_at_once_both_reach_hubrise_and_every_screen(stores, clock, mode):
    world = World(clock, seed=9, exclude_own_events=mode)
    for name, token in TOKENS.items():
        if token != DEMO_KDS_TOKEN:
            world.add_connection(token, "kds", f"screen-{name}")
    server = serve_in_thread(world)

    async def scenario() -> str:
        clients = {name: HubRiseClient(server.base_url, token, clock=clock,
                                       limiter=RateLimiter(clock))
                   for name, token in TOKENS.items()}
        engines = {name: SyncEngine(clients[name], stores[name], clock) for name in TOKENS}
        try:
            for engine in engines.values():
                await engine.connect()
            order = world.create_order(DEMO_PLATFORM_TOKEN, order_body())
            for engine in engines.values():
                await engine.poll_once()
                await drain_all(engine)   # auto-receive
            stores["grill"].set_station_done(order["id"], "Grill")
            stores["pizza"].set_station_done(order["id"], "Pizza")
            for name in ("grill", "pizza"):   # both sent before either hears of the other
                await drain_all(engines[name])
            clock.advance(150)
            for engine in engines.values():
                await engine.poll_once()
                await engine.reconcile_once()
                await drain_all(engine)
            return str(order["id"])
        finally:
            for client in clients.values():
                await client.aclose()

    try:
        order_id = asyncio.run(scenario())
    finally:
        server.stop()
    on_hubrise = world.orders[order_id]["custom_fields"]
    assert is_done(on_hubrise, "Grill") and is_done(on_hubrise, "Pizza")
    assert on_hubrise["restaurant"] == {"table_name": "4"}
    for store in stores.values():
        fields = custom_fields(store, order_id)
        assert is_done(fields, "Grill") and is_done(fields, "Pizza")
        assert store.outbox_counts().pending == 0
