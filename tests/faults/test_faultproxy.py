"""The fault proxy itself: each fault reaches the client as the failure it stands for."""

from __future__ import annotations

import asyncio

import pytest

from kds.clock import SystemClock
from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NetworkError, RateLimited, ServerError
from kds.sim.server import serve_in_thread as serve_sim
from kds.sim.world import DEMO_KDS_TOKEN, World
from kds.tools.faultproxy import FAULTS, FaultProxy, serve_in_thread


@pytest.fixture(scope="module")
def sim():
    running = serve_sim(World(SystemClock(), rate_limits=False, seed=1))
    yield running
    running.stop()


def call_through(sim, fault: str, timeout: float = 2.0):
    proxy = FaultProxy("127.0.0.1", sim.port, seed=1, rate=1.0, stall_s=timeout + 1,
                       faults=(fault,))
    running = serve_in_thread(proxy)

    async def get_location():
        async with HubRiseClient(running.base_url, DEMO_KDS_TOKEN, timeout=timeout) as client:
            return await client.get_location()
    try:
        return asyncio.run(get_location())
    finally:
        running.stop()
        assert proxy.counts[fault] == 1


@pytest.mark.parametrize("fault", ["refuse", "reset_mid", "truncated", "not_json", "stall"])
def test_transport_faults_are_retryable_network_errors(sim, fault):
    with pytest.raises(NetworkError) as caught:
        call_through(sim, fault, timeout=0.5)
    assert caught.value.retryable


@pytest.mark.parametrize("fault", ["500", "502", "503"])
def test_server_faults_are_retryable_server_errors(sim, fault):
    with pytest.raises(ServerError) as caught:
        call_through(sim, fault)
    assert caught.value.retryable


def test_429_with_retry_after_tells_the_client_how_long_to_wait(sim):
    with pytest.raises(RateLimited) as caught:
        call_through(sim, "429_retry_after")
    assert caught.value.retry_after == 1


def test_429_without_retry_after_leaves_the_wait_to_the_client(sim):
    with pytest.raises(RateLimited) as caught:
        call_through(sim, "429_bare")
    assert caught.value.retry_after is None


def test_no_fault_passes_the_answer_through(sim):
    proxy = FaultProxy("127.0.0.1", sim.port, rate=0.0)
    running = serve_in_thread(proxy)

    async def get_location():
        async with HubRiseClient(running.base_url, DEMO_KDS_TOKEN) as client:
            return await client.get_location()
    try:
        assert asyncio.run(get_location()).id == "3r4s3-1"
    finally:
        running.stop()


def test_the_same_seed_replays_the_same_faults():
    first = FaultProxy("h", 1, seed=42, rate=0.5)
    second = FaultProxy("h", 1, seed=42, rate=0.5)
    picks = [first.pick() for _ in range(200)]
    assert picks == [second.pick() for _ in range(200)]
    assert set(picks) - {"pass"} == set(FAULTS)   # every fault kind comes up
