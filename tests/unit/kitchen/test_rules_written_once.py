"""Each kitchen rule is written once: the store, the in-memory board source, the board and the
planner get the same answers (issue 12: the copies had started to disagree)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any


from kds.clock import FakeClock
from kds.kitchen import due
from kds.kitchen.timezone import FALLBACK_ZONE, location_zone
from kds.store.settings import Settings
from kds.store.store import Store
from kds.ui.board.source import BoardConfig
from kds.ui.location.sync_state import location_tz
from tests.fakes.board_source import MemoryBoardSource
from tests.fakes.samples import sample_order

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
BUSY = {"id": "l1", "name": "Paris", "preparation_time": 20, "timezone": {"name": "Europe/Paris"},
        "order_acceptance": {"mode": "busy", "extra_preparation_time": 15}}


def bare_order(order_id: str, created: datetime) -> dict[str, Any]:
    return {"id": order_id, "status": "new", "service_type": "collection",
            "created_at": created.isoformat(), "items": [
                {"product_name": "Margherita", "sku_name": "Large", "quantity": "2",
                 "price": "9.00 EUR"}]}


def test_busy_extra_time_is_added_to_the_due_time(store: Store) -> None:
    # Seed 004: while busy, extra_preparation_time is added to the base preparation_time.
    store.set_location(BUSY)
    store.upsert_remote_order(bare_order("o1", T0))
    [row] = store.active_orders(T0, 60)
    assert row.due_at == T0 + timedelta(minutes=35)
    assert store.due_time(row) == T0 + timedelta(minutes=35)


def test_busy_extra_time_ends_with_the_busy_mode(store: Store) -> None:
    resume = T0 + timedelta(minutes=10)
    store.set_location({**BUSY, "order_acceptance": {
        "mode": "busy", "extra_preparation_time": 15, "resume_at": resume.isoformat()}})
    assert store.preparation_minutes(T0) == 35
    assert store.preparation_minutes(resume) == 20


def test_absurd_preparation_times_never_crash_the_due_time() -> None:
    for value in (10**300, -5, "12", None, True):
        minutes = due.preparation_minutes({"preparation_time": value}, T0)
        assert 0 <= minutes <= 24 * 60


def test_one_timezone_fallback_everywhere() -> None:
    unusable = {"timezone": {"name": "Not/AZone"}}
    assert location_zone(None) is FALLBACK_ZONE
    assert location_zone(unusable) is FALLBACK_ZONE
    assert location_tz(unusable) is FALLBACK_ZONE
    assert BoardConfig().tz is FALLBACK_ZONE           # the board's default was Europe/Paris
    assert BoardConfig(timezone_name="Not/AZone").tz is FALLBACK_ZONE


def test_busy_suggestion_defaults_are_one_setting() -> None:
    from kds.kitchen.acceptance import SuggestionThresholds

    settings, rule = Settings(), SuggestionThresholds()
    assert (settings.busy_suggest_open_tickets, settings.busy_suggest_late_tickets) == \
        (rule.open_tickets, rule.late_tickets)


def test_the_store_and_the_in_memory_source_agree(store: Store) -> None:
    clock = FakeClock(T0)
    fake = MemoryBoardSource(clock, preparation_minutes=store.preparation_minutes(T0))
    payloads = [sample_order(i, T0) for i in range(12)]
    payloads.append({**bare_order("dup-sku", T0), "items": [
        {"product_name": "Tiramisu", "quantity": "1.5", "price": "5.00 EUR"},
        {"product_name": "Margherita", "sku_name": "Large", "quantity": "0.333",
         "price": "9.00 EUR"}]})
    for raw in payloads:
        store.upsert_remote_order(raw)
        fake.add_remote(raw)
    for lead in (0, 30, 240):
        ours = [(r.id, r.due_at) for r in store.active_orders(T0, lead)]
        theirs = [(r.id, r.due_at) for r in fake.active_orders(T0, lead)]
        assert ours == theirs
        assert [r.id for r in store.scheduled_orders(T0, lead)] == \
            [r.id for r in fake.scheduled_orders(T0, lead)]
        assert store.all_day_counts(T0, lead) == fake.all_day_counts(T0, lead)
    assert any("·" in label for label, _ in store.all_day_counts(T0, 240))


def test_a_delivery_is_due_in_the_kitchen_before_it_is_due_at_the_door(store: Store) -> None:
    # confirmed_time / expected_time are when the customer receives the order (seed 001); with
    # the location's door time (seed 004's custom_fields example) the kitchen is due earlier.
    store.set_location({**BUSY, "order_acceptance": {"mode": "normal"},
                        "custom_fields": {"delivery": {"door_time": 20}}})
    at_door = T0 + timedelta(minutes=45)
    for order_id, service, field in [("d1", "delivery", "confirmed_time"),
                                     ("d2", "delivery", "expected_time"),
                                     ("c1", "collection", "confirmed_time")]:
        store.upsert_remote_order({**bare_order(order_id, T0), "service_type": service,
                                   field: at_door.isoformat()})
    due_at = {row.id: row.due_at for row in store.active_orders(T0, 240)}
    assert due_at == {"d1": at_door - timedelta(minutes=20), "d2": at_door - timedelta(minutes=20),
                      "c1": at_door}
