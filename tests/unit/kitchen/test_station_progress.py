"""Station progress in custom_fields: one key per station, read tolerantly, all-done rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from kds.hubrise.order_model import parse_order
from kds.kitchen.station_progress import (
    all_stations_done,
    fits,
    progress_body,
    progress_key,
    progress_of,
    ready_status,
    stations_done,
)
from kds.kitchen.stations import StationRule, make_routing

AT = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ROUTING = make_routing([StationRule("Pizza", "name", "Margherita"),
                        StationRule("Grill", "name", "Burger")], default_station="Grill")


def order(custom_fields: dict | None = None, service_type: str = "collection"):
    return parse_order({"id": "o1", "status": "in_preparation", "service_type": service_type,
                        "custom_fields": custom_fields or {},
                        "items": [{"product_name": "Margherita", "price": "9.00 EUR",
                                   "quantity": "1"},
                                  {"product_name": "Burger", "price": "9.00 EUR",
                                   "quantity": "1"}]})


def test_each_station_writes_its_own_top_level_key_and_an_undo_removes_only_it():
    grill, pizza = progress_body("Grill", True, AT), progress_body("Pizza oven", True, AT)
    assert list(grill["custom_fields"]) == ["kds_station_grill"]
    assert list(pizza["custom_fields"]) == ["kds_station_pizza_oven"]
    assert progress_body("Grill", False, AT) == {"custom_fields": {"kds_station_grill": None}}
    assert progress_key(" GRILL ") == progress_key("grill")
    assert len(json.dumps(grill)) < 120   # far below HubRise's 8 KB for the whole object


def test_progress_is_read_back_and_all_done_needs_every_station_with_a_part():
    fields = {"restaurant": {"table_name": "4"},
              **progress_body("Pizza", True, AT)["custom_fields"]}
    assert progress_of(order(fields), ROUTING) == [("Pizza", True), ("Grill", False)]
    assert not all_stations_done(order(fields), ROUTING)
    fields.update(progress_body("Grill", True, AT)["custom_fields"])
    assert all_stations_done(order(fields), ROUTING)
    assert stations_done(fields)["kds_station_pizza"].at == AT


def test_other_apps_junk_under_the_prefix_or_elsewhere_is_ignored():
    fields = {"kds_station_x": "not an object", "kds_station_y": {"done_at": 3}, 7: {}}
    found = stations_done(fields)
    assert list(found) == ["kds_station_y"] and found["kds_station_y"].at is None


def test_the_ready_status_follows_the_service_type():
    assert ready_status("delivery") == "awaiting_shipment"
    assert ready_status("collection") == ready_status(None) == "awaiting_collection"


def test_a_change_that_would_pass_8_kb_does_not_fit():
    big = {"notes": "x" * 8150}
    assert fits({}, progress_body("Grill", True, AT)["custom_fields"])
    assert not fits(big, progress_body("Grill", True, AT)["custom_fields"])
    assert fits(big, {"notes": None, "kds_station_grill": {"station": "Grill"}})
