"""The whole HubRise sign-in against the simulator: authorize, paste code, exchange, disconnect."""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import re
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import keyring
import pytest

from kds.clock import FakeClock
from kds.app.connection import SCOPE, ConnectError, ConnectionService
from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import Unauthorized
from kds.hubrise.oauth import OAuthClient
from kds.platform.logsetup import setup_logging
from kds.platform.secrets import KeyringSecretStore, open_secret_store
from kds.sim import demo
from kds.sim.server import RunningServer, serve_in_thread
from kds.sim.world import World

pytestmark = pytest.mark.slow  # serves the simulator over loopback HTTP: a server per test

CLIENT_ID, CLIENT_SECRET = "kds-sim", "kds-sim-secret"


def on_plain_asyncio(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run the service on a plain asyncio loop: it is Qt-free, and qasync's socket notifiers
    trip a PySide6 6.12 refcount bug (SignalInstance.disconnect() drops a ref to True)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def world(clock: FakeClock) -> World:
    world = World(clock, rate_limits=False)
    world.oauth.add_client(CLIENT_ID, CLIENT_SECRET)
    return world


@pytest.fixture
def sim(world: World) -> Iterator[RunningServer]:
    server = serve_in_thread(world)
    yield server
    server.stop()


def make_service(sim: RunningServer, data_dir: Path,
                 secret: str = CLIENT_SECRET) -> ConnectionService:
    return ConnectionService(
        api_url=sim.base_url, data_dir=data_dir, secrets=open_secret_store(data_dir),
        oauth=OAuthClient(sim.oauth_url, CLIENT_ID, secret))


async def code_from_sign_in_page(url: str) -> str:
    """What staff do in the browser: open the page, read the code it shows."""
    async with httpx.AsyncClient() as http:
        page = await http.get(url)
    page.raise_for_status()
    match = re.search(r"<code id='code'>([^<]+)</code>", page.text)
    assert match, page.text
    return html.unescape(match.group(1))


async def signed_in(sim: RunningServer, tmp_path: Path) -> tuple[ConnectionService, str]:
    service = make_service(sim, tmp_path)
    code = await code_from_sign_in_page(service.authorize_url())
    info = await service.connect_with_code(code)
    assert info.location_id == demo.LOCATION_ID
    token = service.stored_token()
    assert token
    return service, token


def test_authorize_url_asks_for_location_scope_with_state_and_device_id(tmp_path, sim):
    service = make_service(sim, tmp_path)
    url = service.authorize_url()
    assert url.startswith(sim.oauth_url + "/authorize?")
    query = parse_qs(urlsplit(url).query)
    assert query["scope"] == [SCOPE]
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"]
    assert query["device_id"] == [service.device_id]
    assert query["state"] == [service.pending_state]
    # A new state every time, the same device id for this screen even after a restart.
    assert parse_qs(urlsplit(service.authorize_url()).query)["state"] != query["state"]
    assert make_service(sim, tmp_path).device_id == service.device_id


def test_another_screen_gets_another_device_id(tmp_path, sim):
    first = make_service(sim, tmp_path / "screen1")
    second = make_service(sim, tmp_path / "screen2")
    assert first.device_id != second.device_id


@on_plain_asyncio
async def test_pasted_code_connects_and_shows_names_and_ids(tmp_path, sim):
    service = make_service(sim, tmp_path)
    code = await code_from_sign_in_page(service.authorize_url())
    info = await service.connect_with_code(code)
    assert (info.location_id, info.location_name) == (demo.LOCATION_ID, "Paris")
    assert (info.account_id, info.account_name) == (demo.ACCOUNT["id"], demo.ACCOUNT["name"])
    assert (info.catalog_id, info.catalog_name) == (demo.CATALOG["id"], demo.CATALOG["name"])
    assert (info.customer_list_id, info.customer_list_name) == (
        demo.CUSTOMER_LIST["id"], demo.CUSTOMER_LIST["name"])
    # The token sits in the (test) keyring, keyed by the API it belongs to, and works.
    assert isinstance(service.secrets, KeyringSecretStore)
    token = keyring.get_keyring().get_password("kds-hubrise", f"access-token {sim.base_url}")
    assert token and token == service.stored_token()
    async with HubRiseClient(sim.base_url, token) as client:
        assert (await client.get_location()).id == demo.LOCATION_ID
    # What the screen shows survives a restart, without the token.
    assert make_service(sim, tmp_path).stored_info() == info
    assert token not in (tmp_path / "connection.json").read_text()


@on_plain_asyncio
async def test_same_screen_signing_in_again_gets_the_same_token(tmp_path, sim):
    _, first = await signed_in(sim, tmp_path)
    _, second = await signed_in(sim, tmp_path)
    assert first == second


@on_plain_asyncio
async def test_reused_code_gives_a_clear_message(tmp_path, sim):
    service = make_service(sim, tmp_path)
    code = await code_from_sign_in_page(service.authorize_url())
    await service.connect_with_code(code)
    with pytest.raises(ConnectError, match="already used, or older than 10 minutes"):
        await service.connect_with_code(code)


@on_plain_asyncio
async def test_expired_code_gives_a_clear_message(tmp_path, sim, clock):
    service = make_service(sim, tmp_path)
    code = await code_from_sign_in_page(service.authorize_url())
    clock.advance(11 * 60)
    with pytest.raises(ConnectError, match="Open the HubRise sign-in page again"):
        await service.connect_with_code(code)
    assert service.stored_token() is None


@on_plain_asyncio
async def test_made_up_code_gives_a_clear_message(tmp_path, sim):
    with pytest.raises(ConnectError, match="did not accept this code"):
        await make_service(sim, tmp_path).connect_with_code("not-a-real-code")


@on_plain_asyncio
async def test_wrong_client_secret_is_reported_as_configuration_problem(tmp_path, sim):
    service = make_service(sim, tmp_path, secret="wrong")
    code = await code_from_sign_in_page(service.authorize_url())
    with pytest.raises(ConnectError, match="KDS_OAUTH_CLIENT_SECRET"):
        await service.connect_with_code(code)


@on_plain_asyncio
async def test_pasted_access_token_connects(tmp_path, sim, world):
    world.add_connection("integrator-token-1234", "kds", "bench")
    service = make_service(sim, tmp_path)
    info = await service.connect_with_token("  integrator-token-1234 ")
    assert info.location_id == demo.LOCATION_ID
    assert info.account_name == demo.ACCOUNT["name"]
    assert service.stored_token() == "integrator-token-1234"


@on_plain_asyncio
async def test_wrong_pasted_token_is_refused_and_not_stored(tmp_path, sim):
    service = make_service(sim, tmp_path)
    with pytest.raises(ConnectError, match="refused this access token"):
        await service.connect_with_token("wrong-token-000")
    assert service.stored_token() is None


@on_plain_asyncio
async def test_unreachable_hubrise_says_try_again(tmp_path):
    service = ConnectionService(api_url="http://127.0.0.1:9/v1", data_dir=tmp_path,
                                secrets=open_secret_store(tmp_path))
    with pytest.raises(ConnectError, match="Could not reach HubRise"):
        await service.connect_with_token("some-token-123")


@on_plain_asyncio
async def test_disconnect_deletes_callback_revokes_token_and_forgets_it(tmp_path, sim, world):
    service, token = await signed_in(sim, tmp_path)
    async with HubRiseClient(sim.base_url, token) as client:
        await client.set_callback({"order": ["create", "update"]})
    assert world.connections[token].callback is not None
    (tmp_path / "kds.sqlite3").write_text("cache")

    report = await service.disconnect(wipe_cache=False)

    deletes = [r for r in world.request_log if r.method == "DELETE" and r.path == "/v1/callback"]
    assert [r.status for r in deletes] == [200]
    assert report.callback_deleted and report.token_revoked and report.secret_removed
    assert report.problems == [] and not report.cache_wiped
    async with HubRiseClient(sim.base_url, token) as client:
        with pytest.raises(Unauthorized):
            await client.get_location()
    assert service.stored_token() is None
    assert service.stored_info() is None
    assert (tmp_path / "kds.sqlite3").exists()  # staff chose to keep the cache


@on_plain_asyncio
async def test_disconnect_and_wipe_removes_the_cache(tmp_path, sim):
    service, _ = await signed_in(sim, tmp_path)
    for name in ("kds.sqlite3", "kds.sqlite3-wal", "kds.sqlite3-shm"):
        (tmp_path / name).write_text("cache")
    report = await service.disconnect(wipe_cache=True)
    assert report.cache_wiped
    names = ("kds.sqlite3", "kds.sqlite3-wal", "kds.sqlite3-shm")
    assert not any((tmp_path / n).exists() for n in names)


@on_plain_asyncio
async def test_disconnect_after_token_was_revoked_elsewhere_still_forgets_it(tmp_path, sim, world):
    service, token = await signed_in(sim, tmp_path)
    world.remove_connection(token)  # revoked from the HubRise back office
    report = await service.disconnect(wipe_cache=False)
    assert report.secret_removed and report.callback_deleted
    assert service.stored_token() is None


@on_plain_asyncio
async def test_no_file_in_the_data_dir_and_no_log_line_holds_the_token(tmp_path, sim):
    log_path = setup_logging(tmp_path, level=logging.DEBUG)
    root = logging.getLogger()
    added = root.handlers[-2:]
    try:
        service, token = await signed_in(sim, tmp_path)
        logging.getLogger("kds.test").info("connected with access_token=%s", token)
        await service.disconnect(wipe_cache=False)
    finally:
        for handler in added:
            handler.flush()
            root.removeHandler(handler)
            handler.close()
        root.setLevel(logging.WARNING)
    assert "Connected to location" in log_path.read_text()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert token not in path.read_text(errors="ignore"), path
