"""What the app tells staff at start in the notice strip: gathered here, shown by start.py.

Qt-free: a list of (key, text, level) the window's NoticeBar shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from kds.platform.secrets.base import SecretStore
from kds.store.store import Store


@dataclass(frozen=True)
class Notice:
    key: str
    text: str
    level: str = "warning"


def store_notices(store: Store) -> list[Notice]:
    report = store.salvage_report
    if report is not None:
        return [Notice("store-repaired", report.message(), "error")]
    if store.recovered_from is not None:
        return [Notice("store-repaired", "The local store was damaged and repaired; the damaged "
                       f"file is at {store.recovered_from}.", "error")]
    return []


def secret_notices(secrets: SecretStore) -> list[Notice]:
    return [Notice("token-storage", secrets.notice)] if secrets.notice else []
