"""What the app tells staff at start in the notice strip: gathered here, shown by start.py.

Qt-free: a list of notices the window's NoticeBar shows. Some are gathered before the app's
language is installed (the log and the token file are checked first), so a notice keeps how to
say it and says it when it is read: in the screen's language (kds.kitchen.words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kds.kitchen.words import translate
from kds.platform.files import readable_by_others
from kds.platform.secrets.base import SecretStore
from kds.platform.secrets.file_store import FileSecretStore
from kds.store.salvage import SalvageReport
from kds.store.store import Store


@dataclass(frozen=True)
class Notice:
    key: str
    words: Callable[[], str] = field(compare=False)
    level: str = "warning"

    @property
    def text(self) -> str:
        """The notice in the screen's language at the time it is read."""
        return self.words()


def store_notices(store: Store) -> list[Notice]:
    if store.read_only_reason is not None:
        return [read_only_notice(store)]
    report = store.salvage_report
    if report is not None:
        return [Notice("store-repaired", lambda: salvage_text(report), "error")]
    recovered = store.recovered_from
    if recovered is not None:
        return [Notice("store-repaired", lambda: translate(
            "Notices", "The local store was damaged and repaired; the damaged file is at "
            "{path}.").format(path=recovered), "error")]
    return []


def salvage_text(report: SalvageReport) -> str:
    changes = translate("Notices", "1 change waiting to be sent") if report.changes == 1 else \
        translate("Notices", "{count} changes waiting to be sent").format(count=report.changes)
    orders = translate("Notices", "1 order was kept") if report.orders == 1 else \
        translate("Notices", "{count} orders were kept").format(count=report.orders)
    return translate("Notices", "The local store was damaged and repaired: {changes} and "
                     "{orders}. The damaged file is at {path}.").format(
        changes=changes, orders=orders, path=report.damaged_file)


def secret_notices(secrets: SecretStore) -> list[Notice]:
    if not secrets.notice:
        return []
    if isinstance(secrets, FileSecretStore):
        path = secrets.path
        return [Notice("token-storage", lambda: translate(
            "Notices", "No OS keyring is available on this computer; the HubRise access token "
            "is stored in {path}, readable only by this user.").format(path=path))]
    notice = secrets.notice   # a keyring's own words (its name and file): kept as written
    return [Notice("token-storage", lambda: notice)]


def read_only_notice(store: Store) -> Notice:
    folder, reason, in_memory = store.path.parent, store.read_only_reason, store.in_memory

    def words() -> str:
        if in_memory:
            kept = translate("Notices", "No saved orders could be read, so the board starts "
                             "empty and nothing will be kept when KDS closes.")
        else:
            kept = translate("Notices", "The board shows the orders saved before; new orders "
                             "and taps cannot be saved, orders are waiting on HubRise.")
        return translate("Notices", "Nothing can be saved: {reason} ({folder}). {kept} Free "
                         "some space or fix the folder, then restart KDS.").format(
            reason=reason, folder=folder, kept=kept)

    return Notice("cannot-save", words, "error")


def log_notice(log_dir: object, reason: str) -> Notice:
    return Notice("no-log-file", lambda: translate(
        "Notices", "The log cannot be written to {folder} ({reason}); messages go to the "
        "terminal only.").format(folder=log_dir, reason=reason))


def token_file_notices(token_file: Path | None) -> list[Notice]:
    """A --token-file others can read: anyone logged in to this PC can copy the token."""
    mode = readable_by_others(token_file) if token_file is not None else None
    if mode is None:
        return []
    return [Notice("token-file-readable", lambda: translate(
        "Notices", "The token file {path} can be read by other users of this computer "
        "(mode {mode}): anyone logged in can copy the HubRise access token. Make it private "
        "(chmod 600 {path}).").format(path=token_file, mode=f"{mode:04o}"), "error")]
