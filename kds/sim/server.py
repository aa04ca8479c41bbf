"""Run the simulator with uvicorn in a background thread, on a real loopback socket."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from dataclasses import dataclass

import uvicorn

from kds.sim.app import create_app
from kds.sim.world import World


class _Server(uvicorn.Server):
    """uvicorn's server, stopped at once: its main loop looks at `should_exit` every 100 ms,
    which made each stop cost a test, a self-test or a demo exit up to 0.1 s of idle waiting."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000   # on_tick refreshes the Date header every 10
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    def stop_soon(self) -> None:
        """From any thread: exit at once rather than at the next tick."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            # RuntimeError: the loop closed meanwhile, nothing left to wake.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake.set)


@dataclass
class RunningServer:
    host: str
    port: int
    _server: _Server
    _thread: threading.Thread

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"

    @property
    def oauth_url(self) -> str:
        return f"{self.root_url}/oauth2/v1"

    def wait(self) -> None:
        """Block until the server stops; Ctrl+C reaches the caller between short joins."""
        while self._thread.is_alive():
            self._thread.join(0.5)

    def stop(self) -> None:
        self._server.stop_soon()
        self._thread.join(timeout=10)


def serve_in_thread(world: World, host: str = "127.0.0.1", port: int = 0,
                    timeout: float = 10.0) -> RunningServer:
    """Serve (port 0 = a free port); returns once uvicorn is accepting.

    uvicorn binds the socket itself: handing it a pre-bound socket made every loopback
    request take ~40 ms (measured), while its own listening socket answers in ~2 ms.
    """
    config = uvicorn.Config(create_app(world), host=host, port=port, log_level="warning",
                            lifespan="off", access_log=False)
    server = _Server(config)
    thread = threading.Thread(target=server.run, name="kds-sim", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the simulator did not start")
        time.sleep(0.01)
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    return RunningServer(host, bound_port, server, thread)
