"""What a ticket says, computed without Qt from a stored row and its HubRise payload."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from kds.hubrise.order_model import parse_order
from kds.store.rows import OrderRow
from kds.kitchen.text import MAX_NOTE
from kds.ui.board.ticket import (
    Thresholds, build_ticket, clean_note, clean_text, format_quantity, main_action,
    ticket_timing,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def row_for(raw: dict[str, Any], **changes: Any) -> OrderRow:
    order = parse_order(raw)
    row = OrderRow(
        id=order.id, status=order.status, remote_status=order.status,
        service_type=order.service_type, created_at=order.created_at,
        expected_time=order.expected_time, confirmed_time=order.confirmed_time,
        first_seen_at=NOW - timedelta(minutes=30), last_status_change_at=NOW, raw=raw,
        problems=tuple(f"{p.field}: {p.message}" for p in order.problems))
    return dataclasses.replace(row, **changes)


def ticket_for(raw: dict[str, Any], **changes: Any):  # type: ignore[no-untyped-def]
    return build_ticket(row_for(raw, **changes), parse_order(raw))


def base(**fields: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": "abc123xyz", "status": "received", "service_type": "collection",
                           "created_at": "2026-11-24T12:50:00+01:00", "items": []}
    raw.update(fields)
    return raw


def test_reference_prefers_collection_code_then_ref_then_id_tail() -> None:
    assert ticket_for(base(collection_code="B12", ref="1042")).reference == "B12"
    assert ticket_for(base(ref="1042")).reference == "1042"
    assert ticket_for(base()).reference == "123XYZ"


def test_service_label_names_the_table_for_eat_in() -> None:
    raw = base(service_type="eat_in", custom_fields={"restaurant": {"table_name": "T4"}})
    assert ticket_for(raw).service_label == "Eat in · Table T4"
    for written in ("Table 6", "Terrasse 3"):   # already a name: not "Table Table 6"
        raw = base(service_type="eat_in", custom_fields={"restaurant": {"table_name": written}})
        assert ticket_for(raw).service_label == f"Eat in · {written}"
    assert ticket_for(base(service_type="delivery")).service_label == "Delivery"
    assert ticket_for(base(service_type=None)).service_label == "Order"


def test_customer_name_and_phone_are_shown() -> None:
    raw = base(customer={"first_name": "Léa", "last_name": "Martin", "phone": "+33612345678"})
    ticket = ticket_for(raw)
    assert "Léa" in ticket.customer_name and "Martin" in ticket.customer_name
    assert ticket.customer_phone == "+33612345678"


def test_due_time_is_confirmed_else_expected_else_created_plus_preparation() -> None:
    created = base()
    assert ticket_for(created).due_at == datetime(2026, 11, 24, 12, 5, tzinfo=timezone.utc)
    expected = base(expected_time="2026-11-24T13:30:00+01:00")
    assert ticket_for(expected).due_at == datetime(2026, 11, 24, 12, 30, tzinfo=timezone.utc)
    confirmed = base(expected_time="2026-11-24T13:30:00+01:00",
                     confirmed_time="2026-11-24T13:40:00+01:00")
    assert ticket_for(confirmed).due_at == datetime(2026, 11, 24, 12, 40, tzinfo=timezone.utc)


def test_due_time_uses_the_preparation_time_given() -> None:
    raw = base()
    ticket = build_ticket(row_for(raw), parse_order(raw), preparation_minutes=40)
    assert ticket.due_at == datetime(2026, 11, 24, 12, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("minutes_left", "urgency", "text"), [
    (20, "normal", "due in 20 min"),
    (5, "warning", "DUE 5 min"),
    (0.5, "warning", "DUE NOW"),
    (-3, "late", "LATE 3 min"),
])
def test_urgency_moves_from_normal_to_warning_to_late_with_words(
        minutes_left: float, urgency: str, text: str) -> None:
    ticket = ticket_for(base())
    now = ticket.due_at - timedelta(minutes=minutes_left)
    timing = ticket_timing(ticket, now, Thresholds(warning_before_due=5))
    assert (timing.urgency, timing.due_text) == (urgency, text)
    assert timing.icon   # never colour alone


def test_thresholds_are_configurable() -> None:
    ticket = ticket_for(base())
    now = ticket.due_at - timedelta(minutes=8)
    assert ticket_timing(ticket, now, Thresholds(warning_before_due=5)).urgency == "normal"
    assert ticket_timing(ticket, now, Thresholds(warning_before_due=10)).urgency == "warning"
    late = ticket.due_at + timedelta(minutes=2)
    assert ticket_timing(ticket, late, Thresholds(late_after_due=5)).urgency == "warning"


def test_age_counts_from_creation() -> None:
    ticket = ticket_for(base())
    assert ticket_timing(ticket, NOW + timedelta(minutes=7), Thresholds()).age_text == "17 min"


def test_items_show_quantity_sku_options_by_list_and_removed_options() -> None:
    raw = base(items=[{
        "product_name": "Margarita", "sku_name": "Large", "quantity": "2", "price": "9.00 EUR",
        "customer_notes": "well done",
        "options": [
            {"option_list_name": "Sauce", "name": "Barbecue"},
            {"option_list_name": "Toppings", "name": "Olives", "quantity": 2},
            {"option_list_name": "Toppings", "name": "Ham"},
            {"option_list_name": "Toppings", "name": "onions", "removed": True},
        ]}])
    (item,) = ticket_for(raw).items
    assert (item.quantity, item.name, item.notes) == ("2", "Margarita · Large", "well done")
    assert [(g.list_name, g.names) for g in item.groups] == [
        ("Sauce", ("Barbecue",)), ("Toppings", ("2× Olives", "Ham"))]
    assert item.removed == ("onions",)


def test_deal_items_carry_the_deal_name_and_line_label() -> None:
    raw = base(deals={"0": {"name": "Menu Midi"}}, items=[
        {"product_name": "Coke", "quantity": "1", "price": "0.00 EUR",
         "deal_line": {"deal_key": "0", "label": "Drink"}}])
    assert ticket_for(raw).items[0].deal_label == "Menu Midi · Drink"


def test_deleted_items_leave_the_ticket() -> None:
    raw = base(items=[{"product_name": "Coke", "quantity": "1", "deleted": True},
                      {"product_name": "Pizza", "quantity": "1"}])
    assert [item.name for item in ticket_for(raw).items] == ["Pizza"]


def test_fractional_quantities_stay_decimal() -> None:
    raw = base(items=[{"product_name": "Cheese", "quantity": "1.50"}])
    (item,) = ticket_for(raw).items
    assert item.quantity == "1.5" and item.quantity_value == Decimal("1.50")
    assert format_quantity(Decimal("10")) == "10"


def test_customer_and_seller_notes_are_kept_apart() -> None:
    ticket = ticket_for(base(customer_notes="Ring twice\nbaby sleeping", seller_notes="VIP"))
    assert ticket.customer_notes == "Ring twice\nbaby sleeping"
    assert ticket.seller_notes == "VIP"


def test_bad_fields_raise_the_problem_flag() -> None:
    ticket = ticket_for(base(items=[{"product_name": "Pizza", "quantity": "lots"}]))
    assert ticket.problem and "quantity" in ticket.problem_text
    assert not ticket_for(base()).problem


def test_sync_badge_shows_pending_and_failed_with_message() -> None:
    assert ticket_for(base()).sync_badge == "" and ticket_for(base()).confirmed
    assert not ticket_for(base(), status="accepted").confirmed   # local change not confirmed
    assert "sending" in ticket_for(base(), sync_state="pending").sync_badge
    failed = ticket_for(base(), sync_state="failed", sync_error="422 bad status")
    assert "Not sent" in failed.sync_badge and "422 bad status" in failed.sync_badge


@pytest.mark.parametrize(("status", "service", "target", "label"), [
    ("new", "collection", "received", "Receive"),
    ("received", "collection", "accepted", "Accept"),
    ("accepted", "collection", "in_preparation", "Start"),
    ("in_preparation", "collection", "awaiting_collection", "Ready"),
    ("in_preparation", "delivery", "awaiting_shipment", "Ready"),
    ("awaiting_shipment", "delivery", "in_delivery", "Out for delivery"),
    ("in_delivery", "delivery", "completed", "Complete"),
    ("awaiting_collection", "eat_in", "completed", "Complete"),
    ("completed", "collection", "awaiting_collection", "Recall"),
    ("cancelled", "delivery", "accepted", "Recall"),
])
def test_main_button_says_what_it_will_do(status: str, service: str, target: str,
                                          label: str) -> None:
    assert main_action(status, service) == (target, label)


def test_a_ticket_changed_by_hubrise_asks_to_be_acknowledged_first() -> None:
    ticket = ticket_for(base(status="cancelled"), remote_change="cancelled")
    assert ticket.main_action == "dismiss" and ticket.next_status is None
    assert "CANCELLED" in ticket.remote_label


def test_unseen_orders_are_new() -> None:
    assert ticket_for(base()).is_new
    assert not ticket_for(base(), seen=True).is_new


@pytest.mark.parametrize("hostile", [
    "<img src=x onerror=alert(1)>", "a\x00b\x1b[31mc\u202ed", "x" * 5000, "مرحبا 🍕 שלום",
])
def test_hostile_text_is_cleaned_but_kept_literal(hostile: str) -> None:
    text = clean_text(hostile)
    assert len(text) <= 300
    assert not any(ord(ch) < 32 or 0x202A <= ord(ch) <= 0x202E for ch in text)
    if hostile.startswith("<img"):
        assert text == hostile   # shown literally, never interpreted
    ticket = ticket_for(base(customer_notes=hostile, items=[{"product_name": hostile,
                                                             "quantity": "1"}]))
    assert ticket.items[0].name == clean_text(hostile, 120)
    assert len(ticket.customer_notes) <= MAX_NOTE   # kept whole (a card cuts, marked)


def test_notes_keep_lines_but_lose_controls() -> None:
    assert clean_note("one\r\ntwo\x07") == "one\ntwo"
    assert clean_note(None) == ""
