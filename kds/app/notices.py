"""What the app tells staff at start in the notice strip: gathered here, shown by start.py.

Qt-free: a list of (key, text, level) the window's NoticeBar shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kds.platform.files import readable_by_others
from kds.platform.secrets.base import SecretStore
from kds.store.store import Store


@dataclass(frozen=True)
class Notice:
    key: str
    text: str
    level: str = "warning"


def store_notices(store: Store) -> list[Notice]:
    if store.read_only_reason is not None:
        return [read_only_notice(store)]
    report = store.salvage_report
    if report is not None:
        return [Notice("store-repaired", report.message(), "error")]
    if store.recovered_from is not None:
        return [Notice("store-repaired", "The local store was damaged and repaired; the damaged "
                       f"file is at {store.recovered_from}.", "error")]
    return []


def secret_notices(secrets: SecretStore) -> list[Notice]:
    return [Notice("token-storage", secrets.notice)] if secrets.notice else []


def read_only_notice(store: Store) -> Notice:
    folder = store.path.parent
    if store.in_memory:
        kept = ("no saved orders could be read, so the board starts empty and nothing will be "
                "kept when KDS closes")
    else:
        kept = ("the board shows the orders saved before; new orders and taps cannot be saved, "
                "orders are waiting on HubRise")
    return Notice("cannot-save", f"Nothing can be saved: {store.read_only_reason} ({folder}). "
                  f"{kept[0].upper()}{kept[1:]}. Free some space or fix the folder, then restart KDS.",
                  "error")


def log_notice(log_dir: object, reason: str) -> Notice:
    return Notice("no-log-file", f"The log cannot be written to {log_dir} ({reason}); "
                  "messages go to the terminal only.")


def token_file_notices(token_file: Path | None) -> list[Notice]:
    """A --token-file others can read: anyone logged in to this PC can copy the token."""
    mode = readable_by_others(token_file) if token_file is not None else None
    if mode is None:
        return []
    return [Notice("token-file-readable",
                   f"The token file {token_file} can be read by other users of this computer "
                   f"(mode {mode:04o}): anyone logged in can copy the HubRise access token. "
                   f"Make it private (chmod 600 {token_file}).", "error")]
