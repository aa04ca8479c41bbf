"""When the catalog is fetched: the keeper's rule, on the store's cache and the kitchen's clock."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from kds.clock import FakeClock
from kds.hubrise.errors import ServerError
from kds.hubrise.models import NamedResource
from kds.store.store import Store
from kds.sync.catalog import MIN_GAP, CatalogKeeper

BODY = {"data": {"products": [{"ref": "P", "tags": ["nuts"], "skus": [{"ref": "S"}]}]}}


class Menu:
    def __init__(self, *failures: BaseException) -> None:
        self.failures = list(failures)
        self.calls = 0

    async def get_catalog(self, catalog_id: str) -> NamedResource:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return NamedResource(catalog_id, "Menu", BODY)


def refresh(keeper: CatalogKeeper, menu: Menu, **remaining: int) -> bool:
    return asyncio.run(keeper.refresh_if_due(menu, remaining))


def test_a_failed_fetch_is_tried_again_after_the_gap_and_keeps_nothing_wrong(
        store: Store, clock: FakeClock) -> None:
    keeper, menu = CatalogKeeper(store, clock, "cat1"), Menu(ServerError(503))
    assert not refresh(keeper, menu)                  # logged, not raised
    assert store.get_catalog_facts() == {} and menu.calls == 1
    clock.advance(60)
    assert not refresh(keeper, menu) and menu.calls == 1     # not again at once
    clock.advance(MIN_GAP.total_seconds())
    assert refresh(keeper, menu) and store.menu_marks().by_ref == {"S": ("NUTS",)}


def test_a_bug_is_raised_not_hidden(store: Store, clock: FakeClock) -> None:
    with pytest.raises(ZeroDivisionError):
        refresh(CatalogKeeper(store, clock, "cat1"), Menu(ZeroDivisionError()))


@pytest.mark.parametrize("remaining", [{"day": 2000}, {"high_load": 1}])
def test_the_days_last_requests_and_a_busy_minute_are_not_spent_on_it(
        store: Store, clock: FakeClock, remaining: dict[str, Any]) -> None:
    menu = Menu()
    assert not refresh(CatalogKeeper(store, clock, "cat1"), menu, **remaining)
    assert menu.calls == 0


def test_another_catalogs_update_or_a_new_connection(store: Store, clock: FakeClock) -> None:
    keeper, menu = CatalogKeeper(store, clock, "cat1"), Menu()
    assert refresh(keeper, menu)
    clock.advance(timedelta(hours=1).total_seconds())
    keeper.note_update(("other-catalog",))            # the account's other menu
    assert not refresh(keeper, menu)
    keeper.note_update((None,))                       # an event that names none: ours
    clock.advance(60)
    assert refresh(keeper, menu) and menu.calls == 2
    clock.advance(3600)
    assert refresh(CatalogKeeper(store, clock, "cat2"), menu)   # connected to another catalog
