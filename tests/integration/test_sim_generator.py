"""The demo order generator makes realistic, valid orders through the platform connection."""

from __future__ import annotations

from collections import Counter

from kds.clock import FakeClock
from kds.hubrise.money import parse_time
from kds.hubrise.order_rules import validate_order_create
from kds.sim.generator import TRICKY_NOTES, OrderGenerator
from kds.sim.world import DEMO_KDS_TOKEN, World


def generate(count: int, seed: int = 11) -> tuple[World, list[dict]]:
    world = World(FakeClock(), seed=seed)
    generator = OrderGenerator(world, world.clock, seed=seed)
    return world, [generator.step() for _ in range(count)]


def test_generated_bodies_pass_the_documented_rules():
    world = World(FakeClock())
    generator = OrderGenerator(world, world.clock, seed=5)
    for _ in range(200):
        assert validate_order_create(generator.make_order_body(), "EUR") == []


def test_generated_orders_cover_the_menu_and_service_types():
    world, orders = generate(150)
    assert Counter(o["service_type"] for o in orders).keys() == {"delivery", "collection",
                                                                 "eat_in"}
    items = [item for o in orders for item in o["items"]]
    options = [opt for item in items for opt in item["options"]]
    assert any(item["sku_name"] == "Large" for item in items)
    assert any(opt["removed"] for opt in options)
    assert any(item.get("deal_line") for item in items)
    assert any(o["discounts"] for o in orders) and any(o["payments"] for o in orders)
    assert any(c["name"] == "Delivery fee" for o in orders for c in o["charges"])
    assert all(o["custom_fields"]["restaurant"]["table_name"].startswith("Table ")
               for o in orders if o["service_type"] == "eat_in")
    assert all(o["created_by"] == "deliveroo-demo" for o in orders)
    assert all(o["payment_discrepancy"] == "0.00 EUR" for o in orders if o["payments"])


def test_some_orders_are_scheduled_and_some_notes_are_tricky():
    world, orders = generate(150)
    now = world.clock.now()
    later = [parse_time(o["expected_time"]) for o in orders if o["expected_time"]]
    assert any((t - now).total_seconds() > 3600 for t in later)
    assert all(t > now for t in later)
    notes = {o["customer_notes"] for o in orders} | {
        i.get("customer_notes") for o in orders for i in o["items"]}
    assert len(notes & set(TRICKY_NOTES)) >= 3


def test_platform_cancels_an_order_now_and_then_and_the_kds_hears_of_it():
    world = World(FakeClock(), seed=2)
    world.set_callback(DEMO_KDS_TOKEN, {"url": None, "events": {"order": ["create", "update"]}})
    generator = OrderGenerator(world, world.clock, seed=2)
    for _ in range(60):
        generator.step()
    cancelled = [o for o in world.orders.values() if o["status"] == "cancelled"]
    assert cancelled
    updates = [e for e in world.pending_events(DEMO_KDS_TOKEN) if e["event_type"] == "update"]
    # Attaching a delivery also sends order.update: the cancellations are the status changes.
    cancellations = [e for e in updates if e["new_state"]["status"] == "cancelled"
                     and e["previous_state"]["status"] != "cancelled"]
    assert {e["order_id"] for e in cancellations} == {o["id"] for o in cancelled}


def test_same_seed_same_orders():
    _, first = generate(10, seed=9)
    _, second = generate(10, seed=9)
    assert [o["items"] for o in first] == [o["items"] for o in second]


def test_the_demo_generator_brings_several_channels_some_unpaid() -> None:
    # The demo kitchen sees Deliveroo, Uber Eats, its website and its till at once (issue 14),
    # so the channel badge and PAID / TO PAY show what they are for.
    from kds.clock import FakeClock
    from kds.kitchen.channels import channel_of

    world = World(FakeClock(), rate_limits=False, seed=3)
    generator = OrderGenerator(world, world.clock, seed=3, channels=True)
    for _ in range(60):
        generator.step()
        world.clock.advance(30)
    orders = list(world.orders.values())
    names = {channel.name for channel in (
        channel_of(o.get("created_by"), o.get("service_type_ref"), o["service_type"])
        for o in orders) if channel is not None}
    assert {"Deliveroo", "Uber Eats", "Website", "Till"} <= names
    assert any(not o.get("payments") for o in orders) and any(o.get("payments") for o in orders)
    till = [o for o in orders if o["created_by"] == "till-demo"]
    assert till and all(o["service_type"] in ("eat_in", "collection") for o in till)
