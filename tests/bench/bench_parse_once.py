"""Time per stored event: N realistic orders (the simulator's generator) reach a real store
through the poller and the real client over the in-process simulator. Not a test.

Run: PYTHONPATH=$PWD .venv/bin/python tests/bench/bench_parse_once.py [--events 2000] [--runs 3]
Prints: events, whole poll (list + fetch + store + ack) per event, store step (_apply) per
event, both in CPU time of this process (the machine is shared: wall time is noisy), and how
many times parse_order ran per stored order.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from anywhere

from kds.clock import FakeClock
from kds.hubrise import order_model
from kds.hubrise.client import HubRiseClient
from kds.sim.app import create_app
from kds.sim.generator import OrderGenerator
from kds.sim.world import DEMO_KDS_TOKEN, World
from kds.store.store import Store
from kds.sync.poller import Poller

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


async def one_run(events: int, folder: Path) -> tuple[float, float, float, int]:
    clock = FakeClock(START)
    world = World(clock, seed=7, rate_limits=False)
    store = Store.open(folder / "kds.sqlite", clock)
    transport = httpx.ASGITransport(app=create_app(world))
    parses = 0
    real_parse = order_model.parse_order

    def counted(data: Any) -> Any:
        nonlocal parses
        parses += 1
        return real_parse(data)

    async with HubRiseClient("https://sim.test/v1", DEMO_KDS_TOKEN, transport=transport,
                             clock=clock) as client:
        poller = Poller(client, store, clock, auto_receive=False)
        await poller.ensure_callback()
        generator = OrderGenerator(world, clock, seed=11)
        while len(world.orders) < events:
            world.create_order(generator.token, generator.make_order_body())
        applying = 0.0
        real_apply = poller._apply

        def timed_apply(batch: Any) -> Any:
            nonlocal applying
            began = time.process_time()
            try:
                return real_apply(batch)
            finally:
                applying += time.process_time() - began

        poller._apply = timed_apply  # type: ignore[method-assign]
        patched = [module for name, module in list(sys.modules.items())
                   if name.startswith("kds") and getattr(module, "parse_order", None) is real_parse]
        for module in patched:
            module.parse_order = counted  # type: ignore[attr-defined]
        began = time.process_time()
        stored = 0
        try:
            while True:
                result = await poller.poll_once()
                stored += result.applied
                if result.listed == 0:
                    break
        finally:
            for module in patched:
                module.parse_order = real_parse  # type: ignore[attr-defined]
        whole = time.process_time() - began
    store.close()
    return whole / stored * 1000, applying / stored * 1000, parses / stored, stored


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    wholes, applies = [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            whole, apply, per_order, stored = asyncio.run(one_run(args.events, Path(folder)))
        wholes.append(whole)
        applies.append(apply)
        print(f"run {run + 1}: {stored} events stored, {whole:.3f} ms/event whole poll, "
              f"{apply:.3f} ms/event store step, {per_order:.2f} parses/order")
    print(f"median\t{statistics.median(wholes):.3f} ms/event whole poll\t"
          f"{statistics.median(applies):.3f} ms/event store step")


if __name__ == "__main__":
    main()
