"""One simulator, three KDS screens (grill, pizza, expo), each with its own data file, token
and device: the platform posts orders, each station sees only its items and bumps its part,
the expo sees the progress and hands the orders out. In both readings of HubRise's "no events
for your own changes", all three stores and HubRise end equal, with no 429."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NetworkError
from kds.hubrise.ratelimit import RateLimiter
from kds.kitchen.station_progress import progress_key, stations_done
from kds.kitchen.stations import ScreenRole, StationRule, make_routing
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World
from kds.store.store import Store
from kds.sync.engine import SyncEngine
from kds.ui.stations.lens import StationLens

START = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)   # noon in Paris, a Tuesday: open
ROUTING = make_routing([StationRule("Pizza", "name", "Margherita"),
                        StationRule("Pizza", "name", "Calzone")], default_station="Grill")
ROLES = {"grill": ScreenRole("Grill", "Grill"), "pizza": ScreenRole("Pizza", "Pizza"),
         "expo": ScreenRole("Expo", expo=True)}
TOKENS = {"grill": DEMO_KDS_TOKEN, "pizza": "pizza-screen-token", "expo": "expo-screen-token"}
MENUS = [["Margherita", "Burger"], ["Burger", "Fries"], ["Calzone"], ["Margherita", "Fries"]]

# Three engines and a simulator over loopback, a simulated service: the full suite, not the inner loop.
pytestmark = pytest.mark.slow


def order_body(n: int) -> dict[str, Any]:
    return {"status": "new", "service_type": "delivery" if n % 2 else "collection",
            "ref": f"R{n}", "items": [{"product_name": name, "price": "9.00 EUR",
                                       "quantity": "1"} for name in MENUS[n % len(MENUS)]]}


class Kitchen:
    def __init__(self, world: World, base_url: str, clock: FakeClock, tmp_path: Any) -> None:
        self.world, self.clock = world, clock
        self.stores = {name: Store.open(tmp_path / name / "kds.sqlite", clock) for name in TOKENS}
        self.clients = {name: HubRiseClient(base_url, token, clock=clock,
                                            limiter=RateLimiter(clock))
                        for name, token in TOKENS.items()}
        self.engines = {name: SyncEngine(self.clients[name], self.stores[name], clock)
                        for name in TOKENS}
        self.lenses = {name: StationLens(ROLES[name], ROUTING) for name in TOKENS}

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()
        for store in self.stores.values():
            store.close()

    async def round(self, seconds: float = 30) -> None:
        """Every screen's loop once: poll, reconcile when due, send what waits."""
        self.clock.advance(seconds)
        for engine in self.engines.values():
            await engine.poll_once()
            if engine.reconciler.due(is_open=True):
                await engine.reconcile_once()
            while engine.store.outbox_counts().pending:
                assert (await engine.drain_outbox_once()).sent

    def open_rows(self, name: str) -> list[Any]:
        return self.stores[name].active_orders(self.clock.now(), 60)

    def station_view(self, name: str) -> dict[str, list[str]]:
        todo, _ = self.lenses[name].station_rows(self.open_rows(name))
        return {row.id: [i["product_name"] for i in row.raw["items"]] for row in todo}


@pytest.mark.parametrize("mode", ["per-client", "per-connection"])
def test_three_screens_cook_and_hand_out_orders_and_end_equal(tmp_path, mode):
    clock = FakeClock(START)
    world = World(clock, seed=11, exclude_own_events=mode)
    for name, token in TOKENS.items():
        if token != DEMO_KDS_TOKEN:
            world.add_connection(token, "kds", f"{name}-screen")   # same app, own device
    server = serve_in_thread(world)
    kitchen = Kitchen(world, server.base_url, clock, tmp_path)

    async def service() -> list[str]:
        try:
            for engine in kitchen.engines.values():
                await engine.connect()
            ids = [world.create_order(DEMO_PLATFORM_TOKEN, order_body(n))["id"]
                   for n in range(6)]
            await kitchen.round()
            expo = kitchen.stores["expo"]
            for order_id in ids:                       # the pass takes the orders in
                expo.set_order_status(order_id, "accepted")
                expo.set_order_status(order_id, "in_preparation")
            for _ in range(6):
                await kitchen.round()
            # Each station sees only orders with its items, and only those items.
            grill, pizza = kitchen.station_view("grill"), kitchen.station_view("pizza")
            assert all(set(items) <= {"Burger", "Fries"} for items in grill.values())
            assert all(set(items) <= {"Margherita", "Calzone"} for items in pizza.values())
            assert set(grill) | set(pizza) == set(ids)
            assert {i for i in ids if i in grill and i in pizza} == {
                i for n, i in enumerate(ids) if len({"Margherita", "Calzone"}
                                                    & set(MENUS[n % 4])) and
                {"Burger", "Fries"} & set(MENUS[n % 4])}
            for name, view in (("grill", grill), ("pizza", pizza)):
                for order_id in view:
                    kitchen.stores[name].set_station_done(order_id, ROLES[name].station or "")
            for _ in range(6):
                await kitchen.round()
            # The expo sees every station done and readies each order on HubRise...
            readied: set[str] = set()
            for order_id, status in kitchen.lenses["expo"].to_ready(kitchen.open_rows("expo"),
                                                                    readied):
                expo.set_order_status(order_id, status)
                readied.add(order_id)
            assert readied == set(ids)
            for order_id in ids:                       # ...and hands them out
                expo.set_order_status(order_id, "in_delivery"
                                      if world.orders[order_id]["service_type"] == "delivery"
                                      else "completed")
            for _ in range(6):
                await kitchen.round()
            return ids
        finally:
            await kitchen.close()

    try:
        ids = asyncio.run(service())
    finally:
        server.stop()
    assert [r for r in world.request_log if r.status == 429] == []
    for order_id in ids:
        truth = world.orders[order_id]
        done_keys = set(stations_done(truth["custom_fields"]))
        assert done_keys and done_keys <= {progress_key("Grill"), progress_key("Pizza")}
        for name in TOKENS:
            store = Store.open(tmp_path / name / "kds.sqlite", clock)
            try:
                row = store.get_order(order_id)
                assert (name, row.status) == (name, truth["status"])
                assert row.raw["custom_fields"] == truth["custom_fields"]
            finally:
                store.close()


class Unplugged:
    """A screen's client with its network cable out: every call fails as the network would."""

    def __init__(self, inner: HubRiseClient) -> None:
        self._inner = inner
        self.offline = False

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._inner, name)
        if not callable(target) or name.startswith("_") or name == "limiter":
            return target
        if name in ("list_events", "list_orders"):
            return self._listing(target)

        async def call(*args: Any, **kwargs: Any) -> Any:
            if self.offline:
                raise NetworkError("cable out")
            return await target(*args, **kwargs)
        return call

    def _listing(self, target: Any) -> Any:
        async def listing(**filters: Any) -> Any:
            if self.offline:
                raise NetworkError("cable out")
            async for element in target(**filters):
                yield element
        return listing


def test_an_offline_station_keeps_its_bumps_and_the_others_carry_on(tmp_path):
    clock = FakeClock(START)
    world = World(clock, seed=12)                      # per-client: the default reading
    for name, token in TOKENS.items():
        if token != DEMO_KDS_TOKEN:
            world.add_connection(token, "kds", f"{name}-screen")
    server = serve_in_thread(world)
    kitchen = Kitchen(world, server.base_url, clock, tmp_path)
    cable = Unplugged(kitchen.clients["pizza"])
    kitchen.engines["pizza"] = SyncEngine(cable, kitchen.stores["pizza"], clock)  # type: ignore[arg-type]

    async def service() -> tuple[int, str, str]:
        try:
            for engine in kitchen.engines.values():
                await engine.connect()
            order_id = world.create_order(DEMO_PLATFORM_TOKEN, order_body(0))["id"]  # both
            await kitchen.round()
            kitchen.stores["expo"].set_order_status(order_id, "accepted")
            for _ in range(5):
                await kitchen.round()
            cable.offline = True
            kitchen.stores["pizza"].set_station_done(order_id, "Pizza")
            kitchen.stores["grill"].set_station_done(order_id, "Grill")
            for _ in range(5):
                kitchen.clock.advance(30)
                for name in ("grill", "expo"):
                    await kitchen.engines[name].poll_once()
                    await kitchen.engines[name].reconcile_if_due()
                    await kitchen.engines[name].drain_outbox_once()
                await kitchen.engines["pizza"].drain_outbox_once()   # tries, and keeps it
            waiting = kitchen.stores["pizza"].outbox_counts().pending
            grill_seen_by_expo = kitchen.stores["expo"].get_order(order_id).raw["custom_fields"]
            cable.offline = False
            for _ in range(6):
                await kitchen.round(60)
            return waiting, str(sorted(stations_done(grill_seen_by_expo))), order_id
        finally:
            await kitchen.close()

    try:
        waiting, seen_while_offline, order_id = asyncio.run(service())
    finally:
        server.stop()
    assert waiting == 1                                          # the bump waits in its outbox
    assert seen_while_offline == str([progress_key("Grill")])   # the others carried on
    truth = world.orders[order_id]["custom_fields"]
    assert set(stations_done(truth)) == {progress_key("Grill"), progress_key("Pizza")}
    assert [r for r in world.request_log if r.status == 429] == []
