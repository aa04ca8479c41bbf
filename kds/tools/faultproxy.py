"""A fault-injecting HTTP proxy for loopback tests: it sits between the KDS and the simulator.

    python -m kds.tools.faultproxy --listen 8766 --upstream http://127.0.0.1:8765 --seed 7 --rate 0.2

Each request either passes through untouched or meets one fault, chosen by a seeded random
generator so that a failing run replays: connection reset before any answer, reset half-way
through the answer, a stall past the client's timeout, 500/502/503, 429 with or without
Retry-After, a truncated body, or a body that is not JSON. Faults that come after forwarding
(reset half-way, truncated) model the worst case for a client: HubRise applied the change but
the answer was lost.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

FAULTS = ("refuse", "reset_mid", "stall", "500", "502", "503", "429_retry_after", "429_bare",
          "truncated", "not_json")
# Hostile answers, never in the random mix: a test forces them one at a time (`force`).
HOSTILE = ("bad_json", "429_huge", "endless", "drip", "huge")
ENDLESS_CAP_S = 60.0   # an endless answer still ends (the proxy's own bound, not the client's)
FORWARDED_FAULTS = frozenset({"reset_mid", "truncated"})


@dataclass
class FaultProxy:
    upstream_host: str
    upstream_port: int
    seed: int = 0
    rate: float = 0.2                 # share of requests that meet a fault
    stall_s: float = 12.0             # longer than the KDS client's 10 s timeout
    faults: tuple[str, ...] = FAULTS
    counts: Counter[str] = field(default_factory=Counter)
    patch_delay_s: float = 0.0        # hold each PATCH this long before forwarding it
    force: str | None = None          # every request meets this fault (None: the random mix)
    patches_in_flight: list[str] = field(default_factory=list)   # their request lines

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def pick(self) -> str:
        """The fault for the next request ("pass" for none)."""
        if self.force is not None:
            return self.force
        if self.rate <= 0 or self._rng.random() >= self.rate:
            return "pass"
        return self._rng.choice(self.faults)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await read_request(reader)
            if request is None:
                return
            fault = self.pick()
            self.counts[fault] += 1
            if self.patch_delay_s and request.startswith(b"PATCH "):
                await self._held(request, writer)
                return
            await self._answer(fault, request, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _answer(self, fault: str, request: bytes, writer: asyncio.StreamWriter) -> None:
        if fault == "refuse":
            return  # closed with no answer at all
        if fault == "stall":
            await asyncio.sleep(self.stall_s)
            return
        if fault in ("endless", "drip", "huge"):
            await endless_answer(fault, writer)
            return
        if fault not in FORWARDED_FAULTS and fault != "pass":
            writer.write(canned_response(fault))
            await writer.drain()
            return
        response = await self._forward(request)
        if fault == "reset_mid":
            response = response[: len(response) // 2]
        elif fault == "truncated":
            response = truncate_body(response)
        writer.write(response)
        await writer.drain()

    async def _held(self, request: bytes, writer: asyncio.StreamWriter) -> None:
        """A staff change on a slow line: HubRise applies it only after the delay."""
        line = request.split(b"\r\n", 1)[0].decode("latin-1")
        self.patches_in_flight.append(line)
        try:
            await asyncio.sleep(self.patch_delay_s)
            writer.write(await self._forward(request))
            await writer.drain()
        finally:
            self.patches_in_flight.remove(line)

    async def _forward(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        try:
            writer.write(force_close(request))
            await writer.drain()
            return await reader.read(-1)
        finally:
            writer.close()


async def read_request(reader: asyncio.StreamReader) -> bytes | None:
    """One HTTP/1.1 request: headers, then Content-Length bytes of body."""
    head = await reader.readuntil(b"\r\n\r\n")
    if not head:
        return None
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    body = await reader.readexactly(length) if length else b""
    return head + body


def force_close(request: bytes) -> bytes:
    """Ask the upstream to close after answering, so its answer ends at EOF."""
    head, _, body = request.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join(lines + [b"Connection: close"]) + b"\r\n\r\n" + body


def truncate_body(response: bytes) -> bytes:
    head, _, body = response.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n" + body[: max(0, len(body) // 2)]


async def endless_answer(fault: str, writer: asyncio.StreamWriter) -> None:
    """A 200 whose body never ends (chunked), drips a byte at a time, or declares 100 MB.

    Bounded by ENDLESS_CAP_S and by the client hanging up, so a test never leaves it running.
    """
    loop = asyncio.get_running_loop()
    stop_at = loop.time() + ENDLESS_CAP_S
    if fault == "huge":
        head = "Content-Length: 100000000\r\n"
    else:
        head = "Transfer-Encoding: chunked\r\n"
    writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{head}\r\n".encode())
    chunk = b"[" + b'{"id": "x"},' * 8000
    while loop.time() < stop_at and not writer.is_closing():
        if fault == "drip":
            writer.write(b"1\r\n[\r\n")
            await writer.drain()
            await asyncio.sleep(2.0)
        else:
            writer.write(chunk if fault == "huge" else b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
            await asyncio.sleep(0)


def canned_response(fault: str) -> bytes:
    status, body, extra = {
        "500": ("500 Internal Server Error", b'{"error_type": "internal_error"}', ""),
        "502": ("502 Bad Gateway", b"<html><body>Bad gateway</body></html>", ""),
        "503": ("503 Service Unavailable", b"<html>down for maintenance</html>", ""),
        "429_retry_after": ("429 Too Many Requests", b'{"error_type": "too_many_requests"}',
                            "Retry-After: 1\r\n"),
        "429_bare": ("429 Too Many Requests", b'{"error_type": "too_many_requests"}', ""),
        "not_json": ("200 OK", b"<html>this is not JSON</html>", ""),
        "bad_json": ("200 OK", b'{"id": "x", "status": ', ""),
        "429_huge": ("429 Too Many Requests", b'{"error_type": "too_many_requests"}',
                     "Retry-After: 99999999\r\n"),
    }[fault]
    kind = "text/html" if body.startswith(b"<") else "application/json"
    return (f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
            f"{extra}Connection: close\r\n\r\n").encode() + body


@dataclass
class RunningProxy:
    proxy: FaultProxy
    port: int
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread
    server: asyncio.base_events.Server

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        async def shutdown() -> None:
            self.server.close()
            pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in pending:  # stalled answers and half-sent ones
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def serve_in_thread(proxy: FaultProxy, port: int = 0) -> RunningProxy:
    """Run the proxy on its own event loop in a background thread (for tests)."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, asyncio.base_events.Server] = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        holder["server"] = loop.run_until_complete(
            asyncio.start_server(proxy.handle, "127.0.0.1", port))
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="kds-faultproxy", daemon=True)
    thread.start()
    ready.wait(10)
    server = holder["server"]
    bound = server.sockets[0].getsockname()[1]
    return RunningProxy(proxy, bound, loop, thread, server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="faultproxy", description=__doc__.splitlines()[0])
    parser.add_argument("--listen", type=int, required=True, help="port to listen on")
    parser.add_argument("--upstream", required=True, help="e.g. http://127.0.0.1:8765")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rate", type=float, default=0.2, help="share of requests with a fault")
    args = parser.parse_args(argv)
    upstream = urlsplit(args.upstream)
    proxy = FaultProxy(upstream.hostname or "127.0.0.1", upstream.port or 80, args.seed, args.rate)

    async def serve() -> None:
        server = await asyncio.start_server(proxy.handle, "127.0.0.1", args.listen)
        print(f"fault proxy on http://127.0.0.1:{args.listen} → {args.upstream}", flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        print(dict(proxy.counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
