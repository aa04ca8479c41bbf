"""A hostile server on 127.0.0.1 (slow drip, endless chunked body, huge body, endless pages)
cannot hang the client or grow its memory: each ends with a retryable NetworkError."""

import asyncio
import contextlib

import httpx
import pytest

from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NetworkError

pytestmark = pytest.mark.slow  # hostile servers on loopback, timed out on real time

HEAD_CHUNKED = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n")
GUARD_S = 10.0  # the test's own guard: the old client hangs for good on these servers


async def drip(writer: asyncio.StreamWriter) -> None:
    """1 byte at a time, each well inside the client's per-read timeout, never ending."""
    writer.write(HEAD_CHUNKED)
    while True:
        writer.write(b"1\r\n \r\n")
        await writer.drain()
        await asyncio.sleep(0.05)


async def endless(writer: asyncio.StreamWriter) -> None:
    """A chunked body that never ends, as fast as the client reads."""
    writer.write(HEAD_CHUNKED + b"1\r\n[\r\n")
    chunk = b"%x\r\n%s\r\n" % (65536, b"0," * 32768)
    while True:
        writer.write(chunk)
        await writer.drain()


async def huge_declared(writer: asyncio.StreamWriter) -> None:
    """Declares 100 MB, then sends nothing: the client must not wait for it."""
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 104857600\r\n\r\n[")
    await writer.drain()
    await asyncio.sleep(3600)


async def call_hostile(behaviour, **client_args):
    tasks: set[asyncio.Task] = set()

    async def handle(reader, writer):
        tasks.add(asyncio.current_task())
        # Swallowing the cancel at the end keeps Python 3.11's stream callback quiet.
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await reader.readuntil(b"\r\n\r\n")
            await behaviour(writer)
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with HubRiseClient(f"http://127.0.0.1:{port}/v1", "tok", **client_args) as client:
            return await asyncio.wait_for(client.get_location(), GUARD_S)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        server.close()
        await server.wait_closed()


def run_hostile(behaviour, **client_args):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(call_hostile(behaviour, **client_args))
    finally:
        loop.close()


def test_a_slow_drip_fails_at_the_overall_deadline_not_never():
    loop = asyncio.new_event_loop()
    try:
        started = loop.time()
        with pytest.raises(NetworkError, match="no complete answer within 0.5 s") as info:
            loop.run_until_complete(call_hostile(drip, timeout=2.0, deadline=0.5))
        elapsed = loop.time() - started
    finally:
        loop.close()
    assert info.value.retryable
    assert elapsed < 3.0  # the deadline, not the guard, ended it
    assert "\n" not in str(info.value)


def test_an_endless_chunked_body_is_cut_at_the_size_limit():
    with pytest.raises(NetworkError, match="past the 256 kB limit") as info:
        run_hostile(endless, deadline=5.0, max_body_bytes=256 * 1024)
    assert info.value.retryable and info.value.status == 200


def test_a_declared_huge_body_is_refused_before_reading_it():
    with pytest.raises(NetworkError, match="102400 kB is over the 8192 kB limit"):
        run_hostile(huge_declared, deadline=5.0)


def test_a_big_body_over_the_limit_is_refused_and_one_under_it_is_read():
    filler = "x" * 300_000

    def handler(request):
        return httpx.Response(200, json={"id": "L1", "name": filler})

    async def main(limit):
        async with HubRiseClient("https://api.test/v1", "tok", max_body_bytes=limit,
                                 transport=httpx.MockTransport(handler)) as client:
            return await client.get_location()

    assert asyncio.run(main(400_000)).name == filler
    with pytest.raises(NetworkError, match="limit"):
        asyncio.run(main(200_000))


def endless_pages(seen):
    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=[{"id": f"e{len(seen)}", "resource_type": "order"}],
                              headers={"X-Cursor-Next": f"c{len(seen)}"})
    return handler


@pytest.mark.parametrize("method", ["list_orders", "list_events"])
def test_endless_cursors_end_with_a_clear_error_after_the_page_limit(method):
    seen = []

    async def main():
        async with HubRiseClient("https://api.test/v1", "tok", max_pages=5,
                                 transport=httpx.MockTransport(endless_pages(seen))) as client:
            return [x async for x in getattr(client, method)()]

    with pytest.raises(NetworkError, match="more than 5 pages") as info:
        asyncio.run(asyncio.wait_for(main(), GUARD_S))
    assert info.value.retryable
    assert len(seen) == 5


def test_the_default_page_limit_allows_a_long_but_finite_list():
    seen = []

    def handler(request):
        seen.append(request)
        n = len(seen)
        headers = {"X-Cursor-Next": f"c{n}"} if n < 60 else {}
        return httpx.Response(200, json=[{"id": f"o{n}", "status": "new"}], headers=headers)

    async def main():
        async with HubRiseClient("https://api.test/v1", "tok",
                                 transport=httpx.MockTransport(handler)) as client:
            return [o.id async for o in client.list_orders()]

    assert len(asyncio.run(main())) == 60
