"""A HubRise connection as the screens show it: plain data, never the token (no HTTP here)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


class ConnectError(Exception):
    """Connecting failed; the message tells staff what to do next."""


@dataclass(frozen=True)
class ConnectionInfo:
    """What the connection screen shows (never the token)."""

    location_id: str | None = None
    location_name: str | None = None
    account_id: str | None = None
    account_name: str | None = None
    catalog_id: str | None = None
    catalog_name: str | None = None
    customer_list_id: str | None = None
    customer_list_name: str | None = None
    api_url: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConnectionInfo:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items()
                                  if k in known and (v is None or isinstance(v, str))}
        return cls(**values)


@dataclass
class DisconnectReport:
    callback_deleted: bool = False
    token_revoked: bool = False
    secret_removed: bool = False
    cache_wiped: bool = False
    problems: list[str] = field(default_factory=list)
