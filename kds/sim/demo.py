"""The demo account the simulator serves: Bella Pizza (EUR, Europe/Paris), location Paris."""

from __future__ import annotations

import copy
from typing import Any

from kds.sim.menu import catalog_data

ACCOUNT = {"id": "3r4s3", "name": "Bella Pizza", "currency": "EUR"}
LOCATION_ID = "3r4s3-1"
TIMEZONE = "Europe/Paris"
CATALOG = {"id": "psmlf", "name": "Bella Pizza"}
CUSTOMER_LIST = {"id": "xab66", "name": "Bella Pizza"}
USER = {"id": "v6ap7", "first_name": "Tom", "last_name": "Jones",
        "email": "tom.jones@dummy-mail.org", "timezone": {"name": TIMEZONE},
        "locales": ["en-GB", "fr-FR"]}

# Customers that `customer_id` / `customer_list_id` + `customer_private_ref` can attach to.
CUSTOMERS: dict[str, dict[str, Any]] = {
    "ve343": {"id": "ve343", "private_ref": "C-343", "customer_list_id": CUSTOMER_LIST["id"],
              "first_name": "Charles", "last_name": "Martin", "email": "charles@example.org",
              "phone": "+33612345678", "address_1": "5 rue de Turenne", "postal_code": "75004",
              "city": "Paris", "delivery_notes": None},
    "k2p9q": {"id": "k2p9q", "private_ref": "C-77", "customer_list_id": CUSTOMER_LIST["id"],
              "first_name": "Amira", "last_name": "Haddad", "email": None,
              "phone": "+33698765432", "address_1": "22 rue Oberkampf", "postal_code": "75011",
              "city": "Paris", "delivery_notes": "Code 4B12, 3rd floor"},
}

_WEEK_HOURS = [{"from": "11:30", "to": "14:30"}, {"from": "18:00", "to": "23:30"}]


def initial_location() -> dict[str, Any]:
    return {
        "id": LOCATION_ID,
        "name": "Paris",
        "account": dict(ACCOUNT),
        "address": "13 rue du Chant des Oiseaux",
        "postal_code": "75003",
        "city": "Paris",
        "country": "FR",
        "timezone": {"name": TIMEZONE},
        "cutoff_time": "06:00",
        "opening_hours": {day: copy.deepcopy(_WEEK_HOURS) for day in (
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")},
        "preparation_time": 15,
        "order_acceptance": {"mode": "normal"},
        "custom_fields": {},
    }


def user(*, with_email: bool) -> dict[str, Any]:
    """Seed 004 §3.1: the email only for profile_with_email."""
    return {key: value for key, value in USER.items() if with_email or key != "email"}


def catalog() -> dict[str, Any]:
    """The catalog as first served; the world keeps the current menu (World.catalog)."""
    return {"id": CATALOG["id"], "account_id": ACCOUNT["id"], "location_id": LOCATION_ID,
            "name": CATALOG["name"], "data": catalog_data()}


def customer_list() -> dict[str, Any]:
    return {"id": CUSTOMER_LIST["id"], "account_id": ACCOUNT["id"], "name": CUSTOMER_LIST["name"]}
