"""One bounded HTTP exchange with HubRise: an overall deadline, a body size cap, and checks that
what came back is the data asked for. Shared by the API client and the OAuth client.

httpx's `timeout` bounds each read, not the whole answer: a server that drips one byte every
8 s never trips a 10 s read timeout. The deadline bounds the exchange from sending the request
to the last byte. The body is streamed and dropped past the cap, so an endless or 100 MB body
cannot grow memory without limit.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx

from kds.hubrise.errors import AnswerTooLarge, AnswerTooSlow, NetworkError, NotData, Redirected

# Long enough for a 1 MB page over a poor kitchen Wi-Fi (~1 Mbit/s: 8 s) plus the connect and
# first-byte timeouts; short enough that a stuck poll recovers within a minute.
DEFAULT_DEADLINE = 30.0
# A page of 100 orders is typically 100-500 kB; one order with very long notes and many items
# can reach about 1 MB. 8 MB leaves room for a full page of such orders (or a big catalog)
# while an endless body is cut long before it hurts a small kitchen PC.
MAX_BODY_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Answer:
    """A complete, size-checked HTTP answer (the body already read)."""

    status_code: int
    headers: httpx.Headers
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


async def exchange(http: httpx.AsyncClient, request: httpx.Request, what: str, *,
                   deadline: float = DEFAULT_DEADLINE,
                   max_bytes: int = MAX_BODY_BYTES) -> Answer:
    """Send `request` and read the whole answer within `deadline` seconds and `max_bytes`.

    `what` names the call in messages ("GET /location"). Raises NetworkError (or a subclass).
    """
    try:
        async with asyncio.timeout(deadline):
            response = await http.send(request, stream=True)
            try:
                content = await _read_capped(response, max_bytes, what)
            finally:
                await response.aclose()
    except TimeoutError as exc:
        raise AnswerTooSlow(f"{what}: no complete answer within {deadline:g} s") from exc
    except httpx.TimeoutException as exc:
        raise NetworkError(f"{what}: timed out ({type(exc).__name__})") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise NetworkError(f"{what}: {type(exc).__name__}: {_one_line(str(exc))}") from exc
    return Answer(response.status_code, response.headers, content)


async def _read_capped(response: httpx.Response, max_bytes: int, what: str) -> bytes:
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and (len(declared) > 15 or int(declared) > max_bytes):
        raise AnswerTooLarge(f"{what}: answer of {_size(declared)} is over the "
                             f"{max_bytes // 1024} kB limit", response.status_code)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():  # decoded bytes: a gzip bomb is counted too
        size += len(chunk)
        if size > max_bytes:
            raise AnswerTooLarge(f"{what}: answer went past the {max_bytes // 1024} kB limit",
                                 response.status_code)
        chunks.append(chunk)
    return b"".join(chunks)


def check_not_redirect(answer: Answer, what: str) -> None:
    """A 3xx (or any non-final status below 200) is a failure, never data."""
    status = answer.status_code
    if 300 <= status < 400:
        host = _redirect_host(answer)
        where = f" to {host}" if host else ""
        raise Redirected(f"{what}: HubRise answered {status} (a redirect{where}), not followed; "
                         "captive portal or proxy?", status)
    if status < 200:
        raise NetworkError(f"{what}: unexpected HTTP {status}", status)


def decode(answer: Answer, what: str) -> Any:
    """The JSON body, or NotData saying in words what came instead."""
    status = answer.status_code
    if not answer.content.strip():
        raise NotData(f"{what}: HubRise answered with an empty body, not data", status)
    try:
        return answer.json()
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        if looks_like_web_page(answer):
            raise NotData(f"{what}: HubRise answered with a web page, not data "
                          "(captive portal or proxy?)", status) from exc
        raise NotData(f"{what}: HubRise answered with something that is not valid JSON",
                      status) from exc


def decode_as(answer: Answer, what: str, kind: type) -> Any:
    """`decode`, then check the top-level shape (dict for a resource, list for an index)."""
    value = decode(answer, what)
    if not isinstance(value, kind):
        raise NotData(f"{what}: HubRise answered with a JSON {_json_kind(value)} where "
                      f"{'an object' if kind is dict else 'a list'} was expected",
                      answer.status_code)
    return value


def looks_like_web_page(answer: Answer) -> bool:
    """HTML by its type or its first character (a body that parses as JSON is JSON)."""
    content_type = answer.headers.get("Content-Type", "").lower()
    return "html" in content_type or answer.content.lstrip()[:1] == b"<"


def _json_kind(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _size(declared: str) -> str:
    return f"{int(declared) // 1024} kB" if len(declared) <= 15 else "an absurd size"


def _redirect_host(answer: Answer) -> str:
    """Only the host of a redirect's target: its path or query could carry anything."""
    try:
        host = httpx.URL(answer.headers.get("Location", "")).host
    except (httpx.InvalidURL, ValueError):
        return ""
    return host[:80] if host.isprintable() else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
