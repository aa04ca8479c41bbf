"""HubRise OAuth 2.0 for an installed app: authorize URL, code exchange (oob), token revoke."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import httpx

from kds.hubrise.answer import DEFAULT_DEADLINE, Answer, check_not_redirect, exchange
from kds.hubrise.client import is_in_process
from kds.hubrise.errors import HubRiseError, NetworkError, error_for
from kds.hubrise.urls import check_api_url

DEFAULT_OAUTH_URL = "https://manager.hubrise.com/oauth2/v1"
OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"  # HubRise shows the code; the user pastes it
_GRANT_NAMES = ("account_id", "location_id", "catalog_id", "customer_list_id", "account_name",
                "location_name", "catalog_name", "customer_list_name")


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What a code exchange gives: the connection's token and what the user connected it to."""

    access_token: str = field(repr=False)
    account_id: str | None = None
    location_id: str | None = None
    catalog_id: str | None = None
    customer_list_id: str | None = None
    account_name: str | None = None
    location_name: str | None = None
    catalog_name: str | None = None
    customer_list_name: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # without the token


class OAuthClient:
    def __init__(self, base_url: str = DEFAULT_OAUTH_URL, client_id: str = "",
                 client_secret: str = "", transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float = 15.0, deadline: float = DEFAULT_DEADLINE) -> None:
        # The client secret goes in Basic auth: the same URL rules as the API's token.
        self.base_url = check_api_url(base_url, in_process=is_in_process(transport))
        self.client_id = client_id
        self._secret = client_secret
        self._transport = transport
        self._timeout = timeout
        self._deadline = deadline

    def __repr__(self) -> str:
        return f"OAuthClient(base_url={self.base_url!r}, client_id={self.client_id!r})"

    def authorize_url(self, scope: str, state: str, device_id: str | None = None,
                      redirect_uri: str = OOB_REDIRECT_URI) -> str:
        """The page to open in the browser. `device_id` gives each screen its own connection."""
        params = {"redirect_uri": redirect_uri, "client_id": self.client_id, "scope": scope,
                  "state": state}
        if device_id:
            params["device_id"] = device_id
        return f"{self.base_url}/authorize?{urlencode(params, quote_via=quote)}"

    async def exchange_code(self, code: str) -> TokenGrant:
        """Trade the pasted code (single use, valid 10 minutes) for the connection's token."""
        body = await self._post("token", {"code": code.strip()})
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise HubRiseError(200, "invalid_response", "the token answer has no access_token")
        names = {k: body[k] if isinstance(body.get(k), str) else None for k in _GRANT_NAMES}
        raw = {k: v for k, v in body.items() if k != "access_token"}
        return TokenGrant(access_token=token, raw=raw, **names)

    async def revoke(self, token: str) -> None:
        """Disconnect: HubRise forgets the token (and so the connection's callback)."""
        await self._post("revoke", {"token": token})

    async def _post(self, path: str, form: dict[str, str]) -> Any:
        """POST a form with the client's credentials; only a 2xx answer is returned."""
        what = f"POST /{path}"
        async with httpx.AsyncClient(transport=self._transport, timeout=self._timeout,
                                     auth=httpx.BasicAuth(self.client_id, self._secret),
                                     verify=True, follow_redirects=False) as http:
            try:
                request = http.build_request("POST", f"{self.base_url}/{path}", data=form)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise NetworkError(f"{what}: {type(exc).__name__}") from exc
            answer = await exchange(http, request, what, deadline=self._deadline)
        body = _json_or_none(answer)
        if answer.status_code >= 400:
            raise error_for(answer.status_code, body)
        # A redirect is never a granted token nor a done revoke, whatever its body says.
        check_not_redirect(answer, what)
        return body


def oauth_error_in(pasted: str) -> str | None:
    """The OAuth error a pasted text carries instead of a code, e.g. `error=access_denied` from
    a refused consent (RFC 6749 §4.1.2.1), alone or in a redirect URL; None for a code."""
    text = pasted.strip()
    if text in ("access_denied", "invalid_scope"):
        return text
    query = text.split("?", 1)[1] if "?" in text else text
    if "error=" not in query:
        return None
    error = parse_qs(query.split("#", 1)[0]).get("error")
    return error[0] if error else None


def _json_or_none(answer: Answer) -> Any:
    try:
        return answer.json() if answer.content.strip() else None
    except (ValueError, RecursionError):
        return None
