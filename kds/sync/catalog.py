"""The connected catalog, kept in the store for station routing (category/tag rules) and the
allergen marks (kds.kitchen.item_marks). HubRise order items carry neither category nor tags.

`GET /catalogs/:id` is a high-load call (10 per minute) and returns the whole menu, so it is
fetched once, cached, and fetched again only when:
- the cache is empty or holds another catalog (a new connection),
- HubRise sent a `catalog.update` event for it (then after SETTLE, a menu import fires several),
- it is older than MAX_AGE (an update may have happened while no callback was listening);
and never more than MAX_FETCHES_PER_DAY times in 24 h, never MIN_GAP after the last try, and
never from the day's last requests (the reconciler's reserve) or a busy high-load minute.
A fresh cache means no fetch at all at start; an order never causes one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Protocol

from kds.clock import Clock
from kds.hubrise.models import NamedResource
from kds.kitchen.stations import Catalog, catalog_facts, option_tags
from kds.store.catalog import FETCH_LOG, CatalogState
from kds.sync.connecting import is_hubrise_failure
from kds.sync.reconcile import DAY_RESERVE, HIGH_LOAD_KEEP
from kds.sync.retry import describe, is_disk_full

log = logging.getLogger(__name__)

MAX_AGE = timedelta(hours=8)          # unannounced changes are picked up three times a day
MAX_FETCHES_PER_DAY = 6               # whatever happens: events, restarts, failures
MIN_GAP = timedelta(minutes=10)       # between two tries (a failed one counts)
SETTLE = timedelta(seconds=60)        # after a catalog.update, for the burst to end


class CatalogSource(Protocol):
    async def get_catalog(self, catalog_id: str) -> NamedResource: ...


class CatalogMemory(Protocol):
    def catalog_state(self) -> CatalogState: ...

    def save_catalog(self, catalog_id: str, facts: Catalog, fetched_at: datetime,
                     options: Mapping[str, frozenset[str]] | None = None) -> None: ...

    def note_catalog_fetch_failed(self, at: datetime) -> None: ...

    def note_catalog_update(self, at: datetime) -> None: ...


def why_fetch(state: CatalogState, catalog_id: str, now: datetime) -> str:
    """Why the catalog should be fetched now ("" when the cache will do)."""
    if state.catalog_id != catalog_id or state.fetched_at is None:
        return "no cached copy of this catalog"
    if state.update_seen_at is not None:
        return "catalog.update" if now - state.update_seen_at >= SETTLE else ""
    return "older than 8 h" if now - state.fetched_at >= MAX_AGE else ""


def why_not_now(state: CatalogState, now: datetime, remaining: Mapping[str, int]) -> str:
    """What holds a wanted fetch back ("" when it may go)."""
    recent = [t for t in state.fetches if now - t < FETCH_LOG]
    if len(recent) >= MAX_FETCHES_PER_DAY:
        return f"{MAX_FETCHES_PER_DAY} catalog fetches in 24 h already"
    if recent and now - max(recent) < MIN_GAP:
        return "fetched less than 10 min ago"
    day, high = remaining.get("day"), remaining.get("high_load")
    if isinstance(day, int) and day < DAY_RESERVE:
        return "day budget kept for polls and staff taps"
    if isinstance(high, int) and high < HIGH_LOAD_KEEP:
        return "high-load class busy this minute"
    return ""


class CatalogKeeper:
    """Decides when the connection's catalog is fetched; the sync engine asks after each poll."""

    def __init__(self, store: CatalogMemory, clock: Clock, catalog_id: str) -> None:
        self.store, self.clock, self.catalog_id = store, clock, catalog_id
        self.fetches = 0   # this run's fetches (tests and the benchmark read it)

    def note_update(self, catalog_ids: tuple[str | None, ...]) -> None:
        """`catalog.update` events from a poll; another catalog of the account is not ours."""
        if any(found in (None, self.catalog_id) for found in catalog_ids):
            self.store.note_catalog_update(self.clock.now())

    def wanted(self, remaining: Mapping[str, int]) -> str:
        """Why a fetch would go now ("" when it should not)."""
        now = self.clock.now()
        state = self.store.catalog_state()
        why = why_fetch(state, self.catalog_id, now)
        if not why:
            return ""
        held = why_not_now(state, now, remaining)
        if held:
            log.debug("catalog fetch (%s) held back: %s", why, held)
            return ""
        return why

    async def refresh_if_due(self, client: CatalogSource,
                             remaining: Mapping[str, int]) -> bool:
        """Fetch and keep the catalog when due; True when a new copy was saved. A HubRise or
        disk failure is one log line and counts against the cap (failures cannot loop); the
        cached copy, or none, goes on serving. Anything else is a bug and is raised."""
        why = self.wanted(remaining)
        if not why:
            return False
        now = self.clock.now()
        self.fetches += 1
        try:
            catalog = await client.get_catalog(self.catalog_id)
            facts = catalog_facts(catalog.raw)
            self.store.save_catalog(self.catalog_id, facts, now, option_tags(catalog.raw))
        except Exception as exc:
            if not (is_hubrise_failure(exc) or is_disk_full(exc)):
                raise
            log.warning("catalog not fetched (%s): %s", why, describe(exc)[1])
            self.store.note_catalog_fetch_failed(now)
            return False
        log.info("catalog %s fetched (%s): %d skus", self.catalog_id[:40], why, len(facts))
        return True
