"""The channel badge's words and colours (kds.kitchen.channels)."""

from __future__ import annotations

import pytest

from kds.kitchen.channels import OTHER_COLOUR, channel_of


@pytest.mark.parametrize(("created_by", "ref", "name"), [
    ("deliveroo", None, "Deliveroo"),
    ("Uber Eats Bridge", None, "Uber Eats"),
    ("just-eat-takeaway-bridge", None, "Just Eat"),
    ("woocommerce", None, "Website"),
    ("lightspeed-pos", None, "Till"),
    (None, "Delivery by Uber Eats", "Uber Eats"),
])
def test_well_known_platforms_get_a_readable_name(created_by, ref, name) -> None:
    channel = channel_of(created_by, ref)
    assert channel is not None and channel.known and channel.name == name
    assert channel.colour != OTHER_COLOUR


def test_an_unknown_client_keeps_its_own_name_in_neutral_colours() -> None:
    channel = channel_of("pizza-app-42\u202e", None)
    assert channel is not None and not channel.known
    assert (channel.label, channel.colour) == ("pizza-app-42", OTHER_COLOUR)


def test_nothing_known_gives_no_badge() -> None:
    assert channel_of(None, None) is None
    assert channel_of("", "DEL") is None


@pytest.mark.parametrize(("ref", "brand"), [
    ("BURGER_CLUB_DELIVERY", "Burger Club"),
    ("Burger Club - Delivery by Deliveroo", "Burger Club"),
    ("Delivery by Uber Eats", ""), ("Delivery by the restaurant", ""), ("DEL", ""),
    ("collection", ""), ("eat-in", ""),
])
def test_brand_comes_from_the_service_type_ref(ref, brand) -> None:
    channel = channel_of("deliveroo", ref, "delivery")
    assert channel is not None and channel.brand == brand
    assert channel.label == ("Deliveroo · " + brand if brand else "Deliveroo")


def test_who_delivers_is_read_from_the_service_type_ref() -> None:
    assert channel_of("uber-eats", "Delivery by Uber Eats", "delivery").delivered_by == "platform"
    assert channel_of("uber-eats", "Delivery by the restaurant",
                      "delivery").delivered_by == "restaurant"
    assert channel_of("uber-eats", "Delivery by Uber Eats", "collection").delivered_by == ""


@pytest.mark.parametrize(("notes", "code"), [
    ("Access code: 123 45 678", "123 45 678"), ("PIN 12345678, ring twice", "12345678"),
    ("Call the hotline then 87654321", "87654321"), ("2nd floor, door 12", ""), (None, ""),
])
def test_uber_eats_access_code_is_found_in_the_delivery_notes(notes, code) -> None:
    from kds.kitchen.channels import phone_access_code
    assert phone_access_code(channel_of("uber-eats", None, "delivery"), notes) == code
    assert phone_access_code(channel_of("deliveroo", None, "delivery"), notes) == ""
