"""Simulator throughput (not a test). Prints `name<TAB>value<TAB>unit` lines.

Run: .venv/bin/python tests/bench/bench_sim.py [--orders N]
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx

from kds.clock import SystemClock
from kds.sim.generator import OrderGenerator
from kds.sim.server import serve_in_thread
from kds.sim.testing import asgi_client
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

PASSIVE = {"url": None, "events": {"order": ["create", "update"], "location": ["update"]}}


def fresh_world() -> World:
    world = World(SystemClock(), rate_limits=False, seed=1)
    world.set_callback(DEMO_KDS_TOKEN, PASSIVE)
    return world


def bodies(count: int) -> list[dict]:
    world = fresh_world()
    generator = OrderGenerator(world, world.clock, seed=1)
    return [generator.make_order_body() for _ in range(count)]


def report(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.1f}\t{unit}", flush=True)


def bench_world(orders: list[dict]) -> None:
    world = fresh_world()
    start = time.perf_counter()
    for body in orders:
        world.create_order(DEMO_PLATFORM_TOKEN, body)
    report("sim_world_orders_created", len(orders) / (time.perf_counter() - start), "orders/s")


async def bench_asgi(orders: list[dict]) -> None:
    world = fresh_world()
    async with asgi_client(world, DEMO_PLATFORM_TOKEN) as client:
        start = time.perf_counter()
        for body in orders:
            (await client.post("/v1/location/orders", json=body)).raise_for_status()
    report("sim_asgi_orders_created", len(orders) / (time.perf_counter() - start), "orders/s")


def bench_loopback(orders: list[dict]) -> None:
    world = fresh_world()
    server = serve_in_thread(world)
    try:
        platform = httpx.Client(base_url=server.base_url,
                                headers={"X-Access-Token": DEMO_PLATFORM_TOKEN})
        kds = httpx.Client(base_url=server.base_url, headers={"X-Access-Token": DEMO_KDS_TOKEN})
        with platform, kds:
            start = time.perf_counter()
            for body in orders:
                platform.post("/location/orders", json=body).raise_for_status()
            report("sim_loopback_orders_created", len(orders) / (time.perf_counter() - start),
                   "orders/s")
            start, handled = time.perf_counter(), 0
            while events := kds.get("/callback/events").json():
                for event in events:
                    kds.delete(f"/callback/events/{event['id']}").raise_for_status()
                    handled += 1
            report("sim_loopback_events_listed_and_acked", handled /
                   (time.perf_counter() - start), "events/s")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=500)
    args = parser.parse_args()
    orders = bodies(args.orders)
    bench_world(orders)
    asyncio.run(bench_asgi(orders))
    bench_loopback(orders)


if __name__ == "__main__":
    main()
