"""The printed kitchen ticket's words (kds.kitchen.print_ticket), for 58 and 80 mm rolls."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kds.hubrise.order_model import parse_order
from kds.kitchen.print_ticket import (
    columns_for,
    mark_allergens,
    ticket_lines,
    ticket_text,
)

PARIS = ZoneInfo("Europe/Paris")


def order_payload(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "o-5x9r2", "status": "new", "service_type": "delivery",
        "created_by": "Uber Eats", "collection_code": "R42",
        "created_at": "2026-11-30T18:02:00+01:00",
        "customer_notes": "Peanut allergy, please be careful",
        "seller_notes": "Bag twice",
        "items": [
            {"product_name": "Margherita", "sku_name": "Large", "price": "12.50 EUR",
             "quantity": "2",
             "options": [
                 {"option_list_name": "Extras", "name": "Extra cheese", "quantity": 2},
                 {"option_list_name": "Toppings", "name": "Onions", "removed": True},
             ],
             "customer_notes": "well done, no nuts"},
            {"product_name": "Olive oil", "price": "1.00 EUR", "quantity": "0.333"},
            {"product_name": "Cake", "price": "3.00 EUR", "quantity": "100.00"},
            {"product_name": "Gone", "price": "1.00 EUR", "quantity": "1", "deleted": True},
        ],
        "customer": {"first_name": "Amira", "last_name": "Haddad",
                     "delivery_notes": "Ring twice"},
        "delivery": {"driver_name": "Paul"},
    }
    data.update(extra)
    return data


def lines_for(paper_mm: int = 80, **extra: Any) -> list[Any]:
    due = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 18:30 in Paris
    return ticket_lines(parse_order(order_payload(**extra)), paper_mm=paper_mm, due_at=due,
                        tz=PARIS)


def test_the_ticket_carries_channel_service_number_and_due_time() -> None:
    text = ticket_text(lines_for())
    assert "UBER EATS · DELIVERY" in text
    assert "#R42" in text
    assert "DUE 18:30" in text          # in the location's zone, not UTC
    assert "Ordered 18:02" in text


def test_items_show_their_quantity_in_full_with_options_and_removed_options() -> None:
    text = ticket_text(lines_for())
    assert "2 x Margherita · Large" in text
    assert "0.333 x Olive oil" in text   # never rounded
    assert "100 x Cake" in text          # never in exponent form (100.00 normalizes to 1E+2)
    assert "+ 2 x Extra cheese" in text
    assert "NO Onions" in text
    assert "Gone" not in text            # a deleted line is not cooked


def test_notes_mark_allergy_words_and_a_warning_heads_the_ticket() -> None:
    lines = lines_for()
    text = ticket_text(lines)
    assert "*PEANUT* *ALLERGY*, please be careful" in text
    assert "> well done, no *NUTS*" in text
    warning = [line for line in lines if line.inverse]
    assert warning and "PEANUTS" in warning[0].text and "NUTS" in warning[0].text
    # The warning comes before the first item.
    assert lines.index(warning[0]) < next(
        i for i, line in enumerate(lines) if "Margherita" in line.text)
    assert "Kitchen: Bag twice" in text
    assert "Delivery: Ring twice" in text


def test_mark_allergens_keeps_words_that_only_look_alike() -> None:
    assert mark_allergens("Nutella and eggplant") == "Nutella and eggplant"
    assert mark_allergens("sans gluten svp") == "*SANS GLUTEN* svp"


def test_table_and_rider_are_printed() -> None:
    text = ticket_text(lines_for(custom_fields={"restaurant": {"table_name": "12"}},
                                 service_type="eat_in"))
    assert "Table 12" in text
    written = ticket_text(lines_for(custom_fields={"restaurant": {"table_name": "Terrasse 3"}}))
    assert "Terrasse 3" in written and "Table Terrasse" not in written
    assert "Rider: Paul" in text
    assert "Customer: Amira Haddad" in text


def test_the_number_and_items_are_large() -> None:
    lines = lines_for()
    large = {line.text for line in lines if line.large}
    assert "#R42" in large
    assert any("Margherita" in text for text in large)
    assert not any(line.large for line in lines if "Extra cheese" in line.text)


@pytest.mark.parametrize("paper_mm, columns", [(58, 32), (80, 48)])
def test_every_line_fits_the_roll(paper_mm: int, columns: int) -> None:
    long_name = "Pizza " + "quattro formaggi " * 6
    lines = lines_for(paper_mm, items=[{"product_name": long_name, "price": "1.00 EUR",
                                        "quantity": "1"}])
    assert columns_for(paper_mm) == columns
    for line in lines:
        assert len(line.text) <= (columns // 2 if line.large else columns), line
    # The long name is wrapped, not cut: every word is still there.
    assert ticket_text(lines).split().count("formaggi") == 6


def test_an_unknown_paper_width_is_refused() -> None:
    with pytest.raises(ValueError):
        columns_for(76)


def test_a_reprint_says_so() -> None:
    lines = ticket_lines(parse_order(order_payload()), kind="reprint:3")
    assert "** REPRINT **" in ticket_text(lines)


def test_a_stations_ready_ticket_names_the_station_as_plain_text() -> None:
    order = parse_order(order_payload())
    assert "** GRILL READY **" in ticket_text(ticket_lines(order, kind="station:Grill"))
    hostile = ticket_text(ticket_lines(order, kind="station:\u202ePizza\x1b[2J"))
    assert "\x1b" not in hostile and "\u202e" not in hostile and "PIZZA" in hostile


def test_catalog_tagged_items_are_printed_marked_like_allergy_words() -> None:
    from kds.kitchen.item_marks import MenuMarks
    from kds.kitchen.stations import catalog_facts
    from kds.sim import demo

    order = parse_order({"id": "ord1", "status": "new", "service_type": "collection",
                         "items": [{"product_name": "Brownie", "sku_ref": "BROW",
                                    "quantity": "1"},
                                   {"product_name": "Coke 33cl", "sku_ref": "COKE",
                                    "quantity": "1"}]})
    marks = MenuMarks.of(catalog_facts(demo.catalog()))
    lines = ticket_lines(order, paper_mm=58, marks=marks)
    text = [line.text for line in lines]
    # No customer declared an allergy: no inverse warning; the brownie's tags are under it.
    assert not any(line.inverse for line in lines)
    brownie = next(i for i, t in enumerate(text) if "Brownie" in t)
    assert text[brownie + 1].startswith("  ! *GLUTEN* *NUTS*")
    assert not any("*" in t for t in text[brownie + 2:] if "Coke" in t)
    assert all(len(t) <= 32 for t in text)
    assert not any(line.inverse for line in ticket_lines(order, paper_mm=58))   # no catalog
