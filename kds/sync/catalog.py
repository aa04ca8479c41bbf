"""The catalog facts station routing needs: each sku's category and tags (HubRise order items
carry neither). Fetched once when the screen's rules route by category or tag, and again when
staff ask; `GET /catalogs/:id` is a high-load call, so never on a timer."""

from __future__ import annotations

import logging
from typing import Protocol

from kds.hubrise.models import NamedResource
from kds.kitchen.stations import ItemFacts, catalog_facts

log = logging.getLogger(__name__)


class CatalogSource(Protocol):
    async def get_catalog(self, catalog_id: str) -> NamedResource: ...


class CatalogMemory(Protocol):
    def save_catalog_facts(self, facts: dict[str, ItemFacts]) -> None: ...


async def refresh_catalog_facts(client: CatalogSource, store: CatalogMemory,
                                catalog_id: str) -> int:
    """Fetch the catalog and keep its facts; returns how many skus are known. Raises what the
    call raises (the caller shows it); an unreadable catalog keeps no facts rather than old
    ones, so rules never route by a category the menu no longer has."""
    catalog = await client.get_catalog(catalog_id)
    facts = catalog_facts(catalog.raw)
    store.save_catalog_facts(facts)
    log.info("catalog %s: %d skus known for station routing", catalog_id[:40], len(facts))
    return len(facts)
