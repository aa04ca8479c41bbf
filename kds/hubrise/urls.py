"""The one check of a HubRise API or OAuth base URL before any token or secret is sent to it.

The access token travels in a header and the OAuth client secret in Basic auth, so the base
URL decides who receives them. Refused:
- plain http, except to this computer's loopback (the simulator): the token would travel in clear;
- user:password@ (the password ends up in logs), a query or a fragment (never part of a base);
- a backslash, whitespace or control/invisible characters, or a host with characters no host
  name has: parsers disagree on such URLs (`https://api.hubrise.com\\@evil.com/v1` is
  api.hubrise.com to one and evil.com to another), so the token could go to another host.
Messages name the problem and never repeat the URL, which may hold a password.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

EXAMPLE = "https://api.hubrise.com/v1"
LOOPBACK_NAMES = frozenset({"localhost"})
_HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")


class UnsafeUrl(ValueError):
    """A base URL that would send the token or the client secret somewhere unsafe."""


def check_api_url(url: str, *, in_process: bool = False) -> str:
    """Return `url` without its trailing slash, or raise UnsafeUrl saying what is wrong.

    `in_process=True` when the HTTP transport never leaves the process (httpx's MockTransport
    or ASGITransport in tests): nothing travels, so plain http to any host name is fine there.
    """
    if not isinstance(url, str) or not url:
        raise UnsafeUrl("the address is empty")
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        raise UnsafeUrl("the address contains a space, a line break or an invisible character")
    if "\\" in url:
        raise UnsafeUrl("the address contains a backslash (\\), which programs read differently")
    try:
        parts = urlsplit(url)
    except ValueError:  # urllib checks bracketed hosts itself
        raise UnsafeUrl("the address has an invalid IPv6 host or stray brackets") from None
    if parts.scheme not in ("http", "https") or not url.lower().startswith(parts.scheme + "://"):
        raise UnsafeUrl(f"the address is not an http(s) URL like {EXAMPLE}")
    if "@" in parts.netloc:
        raise UnsafeUrl("the address contains a user name or password (user:password@); "
                        "remove it")
    if "?" in url:
        raise UnsafeUrl("the address contains a query (?...); give the base URL only")
    if "#" in url:
        raise UnsafeUrl("the address contains a fragment (#...); give the base URL only")
    host = _host(parts.netloc)
    if parts.scheme == "http" and not in_process and not is_loopback(host):
        raise UnsafeUrl(f"plain http would send the token in clear to {host}; it is only "
                        f"allowed to this computer (127.0.0.1, ::1, localhost): use https://")
    return url.rstrip("/")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost (`host` as `_host` returns it: lower case, no brackets)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host(netloc: str) -> str:
    """The host of `netloc` (checked: a plain host name or an IP address), port checked too."""
    if netloc.startswith("["):  # an IPv6 literal: [::1]:8080
        literal, _, rest = netloc[1:].partition("]")
        if rest and not _is_port(rest):
            raise UnsafeUrl("the address has an invalid port")
        try:
            return str(ipaddress.IPv6Address(literal))
        except ValueError:
            raise UnsafeUrl("the address has an invalid IPv6 host") from None
    host, colon, port = netloc.partition(":")
    if colon and not _is_port(colon + port):
        raise UnsafeUrl("the address has an invalid port")
    host = host.lower()
    if not host:
        raise UnsafeUrl("the address has no host name")
    if not _HOST_NAME.fullmatch(host):
        raise UnsafeUrl("the address's host name has characters no host name has")
    return host


def _is_port(text: str) -> bool:
    """':' followed by 1 to 5 digits, 1..65535."""
    digits = text[1:]
    return (text.startswith(":") and digits.isascii() and digits.isdigit() and len(digits) <= 5
            and 0 < int(digits) < 65536)
