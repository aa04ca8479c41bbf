"""OAuth scopes and access levels, as the simulator enforces them (API-NOTES §2.3, seed 004).

A scope is `<level>[<perm>,...]` and/or the general permissions `profile`,
`profile_with_email`, comma-separated; level is `location` or `account`, a permission is
`<resource>.<read|write>`. A write permission includes the read one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kds.sim.errors import SimError

LEVELS = frozenset({"location", "account"})
RESOURCES = frozenset({"orders", "customer_list", "catalog", "inventory", "all_customer_lists",
                       "all_catalogs"})
GENERAL = frozenset({"profile", "profile_with_email"})
# What the KDS asks for (kds.app.connection.SCOPE; a test keeps the two equal): the demo tokens
# and connections added without a scope get it, so demo mode works as a real connection would.
KDS_SCOPE = "location[orders.write,customer_list.read,catalog.read]"
_PART = re.compile(r"\s*(?:(\w+)\[([^\]]*)\]|(\w+))\s*(?:,|$)")


class InvalidScope(ValueError):
    """The authorize page refuses a scope it does not know."""


@dataclass(frozen=True)
class Grant:
    """What one connection may do."""

    level: str | None = None
    permissions: frozenset[str] = frozenset()
    general: frozenset[str] = frozenset()

    def can(self, resource: str, write: bool = False) -> bool:
        wanted = {f"{resource}.write"} if write else {f"{resource}.read", f"{resource}.write"}
        return self.level is not None and bool(wanted & self.permissions)


def parse_scope(text: str) -> Grant:
    """The grant a scope string asks for; InvalidScope if any part is unknown."""
    level: str | None = None
    permissions: set[str] = set()
    general: set[str] = set()
    position, text = 0, text.strip()
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or match.end() == position:
            raise InvalidScope(f"cannot read the scope at '{text[position:]}'")
        position = match.end()
        name, perms, word = match.groups()
        if word is not None:
            if word not in GENERAL:
                raise InvalidScope(f"unknown scope '{word}'")
            general.add(word)
            continue
        if name not in LEVELS or (level is not None and level != name):
            raise InvalidScope(f"unknown or second access level '{name}'")
        level = name
        permissions |= _permissions(perms)
    if level is None and not general:
        raise InvalidScope("the scope is empty")
    return Grant(level, frozenset(permissions), frozenset(general))


def _permissions(text: str) -> set[str]:
    found = set()
    for perm in (part.strip() for part in text.split(",")):
        resource, _, access = perm.partition(".")
        if resource not in RESOURCES or access not in ("read", "write"):
            raise InvalidScope(f"unknown permission '{perm}'")
        found.add(perm)
    return found


KDS_GRANT = parse_scope(KDS_SCOPE)


def forbidden(what: str) -> SimError:
    """403 with the documented error body (seed 002 §7)."""
    return SimError(403, "forbidden", f"This connection's scope does not allow {what}")


def require(grant: Grant, resource: str, *, write: bool = False, what: str) -> None:
    if not grant.can(resource, write):
        raise forbidden(what)


def require_level(grant: Grant, level: str | None, what: str) -> None:
    """`location` accepts both levels (an account connection reaches its locations)."""
    if grant.level is None or (level == "account" and grant.level != "account"):
        raise forbidden(what)


def require_profile(grant: Grant) -> None:
    if not grant.general & GENERAL:
        raise forbidden("reading the user (needs profile or profile_with_email)")
