"""Throughput of the HubRise client against the simulator over loopback (not a test).

Run: .venv/bin/python tests/bench/bench_client.py [--orders 300] [--concurrency 8]
Prints one line per figure: name<TAB>value<TAB>unit.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from kds.clock import SystemClock
from kds.hubrise.client import HubRiseClient
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

ORDER_BODY = {
    "status": "new", "service_type": "delivery",
    "items": [{"product_name": "Margarita", "sku_name": "Small", "price": "9.00 EUR",
               "quantity": "2", "options": [{"option_list_name": "Sauce", "name": "Barbecue",
                                             "price": "1.00 EUR"}]},
              {"product_name": "Coke", "price": "2.50 EUR", "quantity": "1"}],
    "charges": [{"name": "Delivery", "price": "1.50 EUR"}],
}


def line(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.1f}\t{unit}", flush=True)


async def create_orders(platform: HubRiseClient, count: int, concurrency: int) -> float:
    """Seconds taken to create `count` orders with `concurrency` requests in flight."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await platform.create_order(ORDER_BODY)

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(count)))
    return time.perf_counter() - started


async def drain_events(kitchen: HubRiseClient) -> tuple[int, float]:
    """List every pending event and acknowledge each, as the sync loop does; (count, seconds)."""
    started = time.perf_counter()
    handled = 0
    while True:
        events = [e async for e in kitchen.list_events()]
        if not events:
            break
        for event in events:
            if event.id is not None:
                await kitchen.delete_event(event.id)
                handled += 1
    return handled, time.perf_counter() - started


async def bench(base_url: str, orders: int, concurrency: int) -> None:
    async with HubRiseClient(base_url, DEMO_KDS_TOKEN) as kitchen, \
            HubRiseClient(base_url, DEMO_PLATFORM_TOKEN) as platform:
        await kitchen.set_callback({"order": ["create", "update"]})
        seconds = await create_orders(platform, orders, 1)
        line("orders_created_sequential", orders / seconds, "orders/s")
        seconds = await create_orders(platform, orders, concurrency)
        line(f"orders_created_concurrency_{concurrency}", orders / seconds, "orders/s")
        handled, seconds = await drain_events(kitchen)
        line("events_listed_and_acknowledged", handled / seconds, "events/s")
        started = time.perf_counter()
        listed = [o async for o in kitchen.list_orders()]
        line("orders_listed", len(listed) / (time.perf_counter() - started), "orders/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    world = World(SystemClock(), rate_limits=False)  # measure throughput, not HubRise's limits
    server = serve_in_thread(world)
    try:
        asyncio.run(bench(server.base_url, args.orders, args.concurrency))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
