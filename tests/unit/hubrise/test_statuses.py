from kds.hubrise.statuses import next_status, previous_status


def test_tap_advances_collection_order_to_awaiting_collection():
    assert next_status("in_preparation", "collection") == "awaiting_collection"
    assert next_status("in_preparation", "eat_in") == "awaiting_collection"
    assert next_status("awaiting_collection", "collection") == "completed"


def test_delivery_orders_go_through_shipment_and_delivery():
    steps = ["new"]
    while (nxt := next_status(steps[-1], "delivery")) is not None:
        steps.append(nxt)
    assert steps == ["new", "received", "accepted", "in_preparation",
                     "awaiting_shipment", "in_delivery", "completed"]


def test_anomalies_have_no_next_step_and_recall_goes_back_one():
    assert next_status("cancelled", "delivery") is None
    assert previous_status("completed", "collection") == "awaiting_collection"
    assert previous_status("new", "collection") is None
