"""HubRise down during disconnect: the screen still forgets the token and says what is left."""

from __future__ import annotations

import asyncio

import httpx

from kds.app.connection import ConnectionService
from kds.hubrise.client import HubRiseClient
from kds.hubrise.oauth import OAuthClient
from kds.platform.secrets import open_secret_store


def _down(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503, json={"message": "maintenance", "error_type": "server_error"})


def test_disconnect_while_hubrise_is_down_forgets_token_and_lists_what_failed(tmp_path):
    transport = httpx.MockTransport(_down)
    service = ConnectionService(
        api_url="https://api.example.test/v1", data_dir=tmp_path,
        secrets=open_secret_store(tmp_path),
        oauth=OAuthClient("https://oauth.example.test/oauth2/v1", "cid", "csec",
                          transport=transport),
        client_factory=lambda token: HubRiseClient("https://api.example.test/v1", token,
                                                   transport=transport))
    service.secrets.set_token(service.secret_key, "down-token-4242")

    report = asyncio.run(service.disconnect(wipe_cache=False))

    assert not report.callback_deleted and not report.token_revoked
    assert report.secret_removed and service.stored_token() is None
    assert any("callback could not be deleted" in p for p in report.problems)
    assert any("HubRise back office" in p for p in report.problems)
    assert all("down-token-4242" not in p for p in report.problems)


def test_disconnect_without_oauth_client_says_to_revoke_in_back_office(tmp_path):
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    service = ConnectionService(
        api_url="https://api.example.test/v1", data_dir=tmp_path,
        secrets=open_secret_store(tmp_path),
        client_factory=lambda token: HubRiseClient("https://api.example.test/v1", token,
                                                   transport=transport))
    service.secrets.set_token(service.secret_key, "pasted-token-99")
    report = asyncio.run(service.disconnect(wipe_cache=False))
    assert report.callback_deleted and not report.token_revoked and report.secret_removed
    assert any("not revoked" in p for p in report.problems)
