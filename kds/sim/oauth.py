"""HubRise's OAuth 2.0 endpoints, simulated (API-NOTES §2): authorize, token, revoke."""

from __future__ import annotations

import base64
import html
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kds.clock import Clock
from kds.sim import demo
from kds.sim.scopes import Grant, InvalidScope, parse_scope


class World(Protocol):
    """What the OAuth endpoints need of the simulated world (a Protocol: no import circle)."""

    lock: Any
    clock: Clock
    connections: dict[str, Any]
    oauth: OAuthServer

    def add_connection(self, token: str, client_name: str, device_id: str | None = None,
                       grant: Grant = ...) -> None: ...
    def remove_connection(self, token: str) -> Any: ...

OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
CODE_LIFETIME = timedelta(minutes=10)
DEMO_CLIENT_ID = "kds-demo.clients.hubrise.local"
DEMO_CLIENT_SECRET = "kds-demo-secret"


class OAuthError(Exception):
    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error_type, self.message = status, error_type, message

    def response(self) -> JSONResponse:
        return JSONResponse({"message": self.message, "error_type": self.error_type},
                            status_code=self.status)


@dataclass
class _Code:
    client_id: str
    device_id: str | None
    issued_at: datetime
    grant: Grant
    used: bool = False


@dataclass(frozen=True)
class _Client:
    secret: str
    name: str


class OAuthServer:
    """Codes, clients and issued tokens. Tokens become World connections."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._clients: dict[str, _Client] = {}
        self._codes: dict[str, _Code] = {}
        # (client, location, device_id) -> token: re-authorising gives the same token back.
        self._tokens: dict[tuple[str, str, str | None], str] = {}
        self.add_client(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)

    def add_client(self, client_id: str, secret: str, name: str = "kds") -> None:
        with self._world.lock:
            self._clients[client_id] = _Client(secret, name)

    def authorize(self, client_id: str | None, redirect_uri: str | None, scope: str | None,
                  device_id: str | None) -> str:
        """Auto-approve and return a fresh single-use code."""
        if not client_id or client_id not in self._clients:
            raise OAuthError(400, "invalid_client", "Unknown client_id")
        if not redirect_uri or not scope:
            raise OAuthError(400, "invalid_request", "redirect_uri and scope are required")
        try:
            grant = parse_scope(scope)
        except InvalidScope as exc:
            raise OAuthError(400, "invalid_scope", f"Invalid scope: {exc}") from exc
        code = secrets.token_urlsafe(24)
        with self._world.lock:
            self._codes[code] = _Code(client_id, device_id, self._world.clock.now(), grant)
        return code

    def forget_code(self, code: str) -> None:
        """A denied consent issues no code."""
        with self._world.lock:
            self._codes.pop(code, None)

    def authenticate_client(self, client_id: str | None, secret: str | None) -> str:
        client = self._clients.get(client_id or "")
        if client is None or not secrets.compare_digest(client.secret, secret or ""):
            raise OAuthError(401, "unauthorized", "Invalid client credentials")
        assert client_id is not None
        return client_id

    def exchange(self, client_id: str, code: str | None) -> dict[str, Any]:
        with self._world.lock:
            grant = self._codes.get(code or "")
            if grant is None or grant.client_id != client_id:
                raise OAuthError(400, "invalid_grant", "The authorization code is invalid")
            if grant.used:
                raise OAuthError(400, "invalid_grant", "The authorization code was already used")
            if self._world.clock.now() - grant.issued_at > CODE_LIFETIME:
                raise OAuthError(400, "invalid_grant", "The authorization code has expired")
            grant.used = True
            token = self._token_for(client_id, grant.device_id, grant.grant)
        return grant_body(token)

    def _token_for(self, client_id: str, device_id: str | None, grant: Grant) -> str:
        key = (client_id, demo.LOCATION_ID, device_id)
        token = self._tokens.get(key)
        if token is None or token not in self._world.connections:
            token = secrets.token_hex(16)
            self._tokens[key] = token
            self._world.add_connection(token, self._clients[client_id].name, device_id, grant)
        else:  # re-authorising keeps the token; the scope is the one approved last
            self._world.connections[token].grant = grant
        return token

    def revoke(self, client_id: str, token: str | None) -> None:
        with self._world.lock:
            issued_to = {t: key[0] for key, t in self._tokens.items()}
            owner = issued_to.get(token or "")
            if owner is None or owner == client_id:
                self._world.remove_connection(token or "")


def grant_body(token: str) -> dict[str, Any]:
    """The token response of API-NOTES §2.4."""
    return {"access_token": token, "token_type": "Bearer",
            "account_id": demo.ACCOUNT["id"], "location_id": demo.LOCATION_ID,
            "catalog_id": demo.CATALOG["id"], "customer_list_id": demo.CUSTOMER_LIST["id"],
            "account_name": demo.ACCOUNT["name"], "location_name": "Paris",
            "catalog_name": demo.CATALOG["name"],
            "customer_list_name": demo.CUSTOMER_LIST["name"]}


def _basic_credentials(request: Request, form: dict[str, str]) -> tuple[str | None, str | None]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except ValueError:
            return None, None
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    # Legacy: credentials in the body (API-NOTES §2.4 says it still works).
    return form.get("client_id"), form.get("client_secret")


async def _form(request: Request) -> dict[str, str]:
    """The token/revoke body: a form (parsed by hand, so no multipart library is needed) or a
    JSON object (what HubRise's Ruby SDK sends). Only string values count."""
    raw = await request.body()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json" or (media_type == "" and raw.lstrip()[:1] == b"{"):
        try:
            body = json.loads(raw or b"{}")
        except ValueError as exc:
            raise OAuthError(400, "invalid_request", "The body is not valid JSON") from exc
        if not isinstance(body, dict):
            raise OAuthError(400, "invalid_request", "The body must be a JSON object")
        return {key: value for key, value in body.items() if isinstance(value, str)}
    parsed = parse_qs(raw.decode("utf-8", "replace"))
    return {key: values[0] for key, values in parsed.items()}


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(part for part in (parts.query, urlencode(params)) if part)
    return urlunsplit(parts._replace(query=query))


def _code_page(code: str) -> str:
    safe = html.escape(code)
    return ("<!doctype html><html><head><meta charset='utf-8'><title>HubRise simulator"
            "</title></head><body><h1>Authorization code</h1><p>Copy this code into KDS:</p>"
            f"<p><code id='code'>{safe}</code></p></body></html>")


def _denied_page() -> str:
    return ("<!doctype html><html><head><meta charset='utf-8'><title>HubRise simulator"
            "</title></head><body><h1>Access denied</h1><p>You refused the connection; "
            "nothing was connected.</p><p><code id='error'>error=access_denied</code></p>"
            "</body></html>")


def routes(world: World) -> list[Route]:
    async def authorize(request: Request) -> Response:
        params = request.query_params
        redirect_uri = params.get("redirect_uri")
        try:
            code = world.oauth.authorize(params.get("client_id"), redirect_uri,
                                         params.get("scope"), params.get("device_id"))
        except OAuthError as err:
            return HTMLResponse(f"<p>{html.escape(err.message)}</p>", status_code=err.status)
        state = {"state": params["state"]} if "state" in params else {}
        if params.get("deny") in ("1", "true"):  # the user clicked "Deny" (RFC 6749 §4.1.2.1)
            world.oauth.forget_code(code)
            if redirect_uri == OOB_REDIRECT:
                return HTMLResponse(_denied_page())
            assert redirect_uri is not None
            return RedirectResponse(_with_query(redirect_uri, {"error": "access_denied",
                                                               **state}), status_code=302)
        if redirect_uri == OOB_REDIRECT:
            return HTMLResponse(_code_page(code))
        assert redirect_uri is not None
        return RedirectResponse(_with_query(redirect_uri, {"code": code, **state}),
                                status_code=302)

    async def token(request: Request) -> Response:
        try:
            form = await _form(request)
            client_id = world.oauth.authenticate_client(*_basic_credentials(request, form))
            return JSONResponse(world.oauth.exchange(client_id, form.get("code")))
        except OAuthError as err:
            return err.response()

    async def revoke(request: Request) -> Response:
        try:
            form = await _form(request)
            client_id = world.oauth.authenticate_client(*_basic_credentials(request, form))
        except OAuthError as err:
            return err.response()
        world.oauth.revoke(client_id, form.get("token"))
        return JSONResponse({})

    return [Route("/oauth2/v1/authorize", authorize, methods=["GET"]),
            Route("/oauth2/v1/token", token, methods=["POST"]),
            Route("/oauth2/v1/revoke", revoke, methods=["POST"])]
