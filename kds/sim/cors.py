"""CORS on the API (HubRise: "from any origin", Access-Control-Allow-Origin `*`).

Only paths under /v1 get these headers: the OAuth endpoints keep their strict rules
(API-NOTES §2.7: token and revoke calls are made server-side), so they send none.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_PREFIX = "/v1/"
ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE"
ALLOW_HEADERS = "X-Access-Token, Content-Type, Accept, X-Http-Method-Override"
# Without these a browser script cannot read the paging cursor nor a 429's wait.
EXPOSE_HEADERS = "X-Cursor-Next, X-Cursor-Prev, Retry-After"
MAX_AGE = "86400"


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIX) or path == API_PREFIX.rstrip("/")


def preflight_response() -> Response:
    """204 for any OPTIONS under /v1: no token needed, not rate limited (the browser sends it)."""
    return Response(status_code=204, headers={
        "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS, "Access-Control-Max-Age": MAX_AGE})


class Cors:
    """Answers /v1 preflights and adds the CORS headers to every /v1 response, errors too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_api_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await preflight_response()(scope, receive, send)
            return

        async def cors_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = "*"
                headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
            await send(message)

        await self.app(scope, receive, cors_send)
