"""The simulator's ASGI application: HubRise's REST API on /v1 and OAuth on /oauth2/v1."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kds.hubrise.rules import FieldError
from kds.sim import demo, oauth, scopes
from kds.sim.cors import Cors
from kds.sim.errors import MAX_PAGE, SimError, invalid, not_found
from kds.sim.numbers import load_json
from kds.sim.scopes import Grant
from kds.sim.world import World

log = logging.getLogger(__name__)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
Result = Any  # a JSON value, or (JSON value, extra headers)
Handler = Callable[[Request, str, Any], Result]
Needs = Callable[[Grant, str], None]  # (the connection's grant, the method): raises 403
Spec = tuple[str, Handler, list[str], Needs]


def _error(err: SimError) -> JSONResponse:
    headers = {"Retry-After": str(int(err.retry_after))} if err.retry_after is not None else None
    return JSONResponse(err.body(), status_code=err.status, headers=headers)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw:
        return None
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise SimError(415, "unsupported_media_type",
                       f"Content-Type '{media_type or 'none'}' is not supported; "
                       "send application/json")
    return load_json(raw)


def _page_args(request: Request) -> tuple[int, str | None]:
    """count defaults to, and is capped at, 100 (seed 002 §2)."""
    text = request.query_params.get("count")
    if text is None:
        return MAX_PAGE, request.query_params.get("cursor")
    if not text.isdigit() or int(text) < 1:
        raise invalid([FieldError("count", "must be a positive integer")])
    return min(int(text), MAX_PAGE), request.query_params.get("cursor")


def _paged(items: list[dict[str, Any]], cursor: str | None) -> Result:
    return items, ({"X-Cursor-Next": cursor} if cursor else {})


def _check_location_id(request: Request) -> None:
    location_id = request.path_params.get("location_id")
    if location_id is not None and location_id != demo.LOCATION_ID:
        raise not_found("Location")


def _endpoint(world: World, handler: Handler, needs: Needs, *,
              high_load: Callable[[Request], bool] = lambda _: False
              ) -> Callable[[Request], Awaitable[Response]]:
    async def run(request: Request) -> Response:
        token = request.headers.get("x-access-token")
        try:
            grant = request.state.grant = world.connection(token).grant
            assert token is not None
            world.check_rate_limit(token, high_load=high_load(request))
            needs(grant, request.method)
            body = await _json_body(request) if request.method in BODY_METHODS else None
            _check_location_id(request)
            result = handler(request, token, body)
        except SimError as err:
            return _error(err)
        except Exception:  # a simulator bug must still answer like HubRise does
            log.exception("simulator error on %s %s", request.method, request.url.path)
            return JSONResponse({"error_type": "internal_error"}, status_code=500)
        data, headers = result if isinstance(result, tuple) else (result, {})
        return JSONResponse(data, headers=headers)
    return run


def _order_routes(world: World) -> list[Spec]:
    def orders(request: Request, token: str, body: Any) -> Result:
        if request.method == "POST":
            return world.create_order(token, body)
        count, cursor = _page_args(request)
        return _paged(*world.list_orders(token, dict(request.query_params), count, cursor))

    def one_order(request: Request, token: str, body: Any) -> Result:
        order_id = request.path_params["order_id"]
        if request.method == "GET":
            return world.get_order(token, order_id)
        return world.update_order(token, order_id, body)  # PATCH, or PUT as in seed 001

    def delivery(request: Request, token: str, body: Any) -> Result:
        order_id = request.path_params["order_id"]
        if request.method == "POST":
            return world.create_delivery(token, order_id, body)
        if request.method == "PATCH":
            return world.update_delivery(token, order_id, body)
        return world.get_delivery(token, order_id)

    return [("/location/orders", orders, ["GET", "POST"], _orders_access),
            ("/location/orders/{order_id}", one_order, ["GET", "PATCH", "PUT"], _orders_access),
            ("/location/orders/{order_id}/delivery", delivery, ["GET", "POST", "PATCH"],
             _orders_access)]


def _location_routes(world: World) -> list[Spec]:
    def location(request: Request, token: str, body: Any) -> Result:
        if request.method == "PATCH":
            return world.patch_location(token, body)
        return world.get_location(token)

    return [("/location", location, ["GET", "PATCH"], _location_access)]


def _callback_routes(world: World) -> list[Spec]:
    def callback(request: Request, token: str, body: Any) -> Result:
        if request.method == "POST":
            return world.set_callback(token, body)
        if request.method == "DELETE":
            return world.delete_callback(token)
        return world.get_callback(token)

    def events(request: Request, token: str, body: Any) -> Result:
        return _paged(*world.list_events(token, *_page_args(request)))

    def event(request: Request, token: str, body: Any) -> Result:
        event_id = request.path_params["event_id"]
        if request.method == "DELETE":
            return world.delete_event(token, event_id)
        return world.get_event(token, event_id)

    return [("/callback", callback, ["GET", "POST", "DELETE"], _any_level),
            ("/callback/events", events, ["GET"], _any_level),
            ("/callback/events/{event_id}", event, ["GET", "DELETE"], _any_level)]


def _directory_routes(world: World) -> list[Spec]:
    """Names and ids for the connection screen."""
    def by_id(expected: str, value: Callable[[], Any]) -> Handler:
        def handler(request: Request, token: str, body: Any) -> Result:
            if request.path_params.get("id", expected) != expected:
                raise not_found("Resource")
            return value()
        return handler

    account = by_id(demo.ACCOUNT["id"], lambda: dict(demo.ACCOUNT))
    return [("/account", account, ["GET"], _account_level),
            ("/accounts/{id}", account, ["GET"], _account_level),
            ("/user", _user, ["GET"], lambda grant, _: scopes.require_profile(grant)),
            ("/catalogs/{id}", _catalog(by_id, world), ["GET"],
             _reads("catalog", "all_catalogs")),
            ("/customer_lists/{id}", by_id(demo.CUSTOMER_LIST["id"], demo.customer_list),
             ["GET"], _reads("customer_list", "all_customer_lists"))]


def _catalog(by_id: Callable[[str, Callable[[], Any]], Handler], world: World) -> Handler:
    """The menu with its tags (kds.sim.menu); `hide_data` present (any value): the catalog
    without its data (seed 004)."""
    def handler(request: Request, token: str, body: Any) -> Result:
        found = by_id(demo.CATALOG["id"], world.catalog)(request, token, body)
        if "hide_data" in request.query_params:
            found.pop("data", None)
        return found
    return handler


def _user(request: Request, token: str, body: Any) -> Result:
    return demo.user(with_email="profile_with_email" in request.state.grant.general)


# -- who may call what (API-NOTES §2.3, seed 004 "Access level"); each raises a 403 --------

def _orders_access(grant: Grant, method: str) -> None:
    write = method != "GET"
    scopes.require(grant, "orders", write=write,
                   what="changing orders" if write else "reading orders")


def _location_access(grant: Grant, method: str) -> None:
    if method == "GET":
        scopes.require_level(grant, "location", "reading the location")
    else:  # the docs do not say which scope: ours is orders.write (order taking)
        scopes.require(grant, "orders", write=True, what="changing the location")


def _any_level(grant: Grant, method: str) -> None:
    scopes.require_level(grant, "location", "callbacks and events")


def _account_level(grant: Grant, method: str) -> None:
    scopes.require_level(grant, "account", "reading the account (needs account-level access)")


def _reads(*resources: str) -> Needs:
    def check(grant: Grant, method: str) -> None:
        if not any(grant.can(resource) for resource in resources):
            raise scopes.forbidden(f"reading {resources[0].replace('_', ' ')}s")
    return check


def _is_high_load(request: Request) -> bool:
    # The documented 10/min class: the orders index and GET /catalogs/:id (seed 002 §3).
    return request.method == "GET" and (
        request.url.path.endswith("/orders") or "/catalogs/" in request.url.path)


def _api_routes(world: World) -> list[Route]:
    specs = (_order_routes(world) + _location_routes(world) + _callback_routes(world)
             + _directory_routes(world))
    routes = []
    for path, handler, methods, needs in specs:
        endpoint = _endpoint(world, handler, needs, high_load=_is_high_load)
        routes.append(Route("/v1" + path, endpoint, methods=methods))
        if path.startswith("/location"):  # long form: /locations/:location_id/...
            long_path = "/v1/locations/{location_id}" + path.removeprefix("/location")
            routes.append(Route(long_path, endpoint, methods=methods))
    return routes


async def _routing_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and exc.status_code not in (404, 405):
        return JSONResponse({"error_type": "internal_error"}, status_code=exc.status_code)
    return JSONResponse({"message": f"No route matches {request.method} {request.url.path}",
                         "error_type": "routing_error"}, status_code=404)


class _Frontdoor:
    """X-Http-Method-Override (POST only, refused on GET) and the request log."""

    def __init__(self, app: ASGIApp, world: World) -> None:
        self.app, self.world = app, world

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        token = headers.get("x-access-token")
        logged = {"done": False}

        def log_once(method: str, status: int) -> None:
            if not logged["done"]:
                logged["done"] = True
                self.world.log_request(token, method, scope["path"], status)

        override = headers.get("x-http-method-override")
        method = scope["method"]
        if override and method == "POST":
            method = override.upper()

        async def logging_send(message: Message) -> None:
            # Logged before the response leaves: a client holding the response finds it logged.
            if message["type"] == "http.response.start":
                log_once(method, message["status"])
            await send(message)

        try:
            if override and scope["method"] == "GET":
                response = JSONResponse({"message": "X-Http-Method-Override is not accepted "
                                                    "on GET", "error_type": "routing_error"},
                                        status_code=400)
                await response(scope, receive, logging_send)
            else:
                await self.app({**scope, "method": method}, receive, logging_send)
        finally:
            log_once(method, 500)  # no response started: the server answers 500


def create_app(world: World) -> Starlette:
    return Starlette(routes=_api_routes(world) + oauth.routes(world),
                     middleware=[Middleware(_Frontdoor, world=world), Middleware(Cors)],
                     exception_handlers={404: _routing_error, 405: _routing_error})
