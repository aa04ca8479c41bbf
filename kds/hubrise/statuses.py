"""Order statuses and the kitchen's normal flow through them (seed 001 §3)."""

from __future__ import annotations

NORMAL_STATUSES = (
    "new", "received", "accepted", "in_preparation",
    "awaiting_shipment", "awaiting_collection", "in_delivery", "completed",
)
ANOMALY_STATUSES = ("rejected", "cancelled", "delivery_failed")
ORDER_STATUSES = NORMAL_STATUSES + ANOMALY_STATUSES
SERVICE_TYPES = ("delivery", "collection", "eat_in")

# Statuses after which the ticket leaves the active board.
DONE_STATUSES = frozenset({"completed", "rejected", "cancelled", "delivery_failed"})

_DELIVERY_FLOW = ("new", "received", "accepted", "in_preparation",
                  "awaiting_shipment", "in_delivery", "completed")
_COUNTER_FLOW = ("new", "received", "accepted", "in_preparation",
                 "awaiting_collection", "completed")


def flow_for(service_type: str | None) -> tuple[str, ...]:
    return _DELIVERY_FLOW if service_type == "delivery" else _COUNTER_FLOW


def next_status(status: str, service_type: str | None) -> str | None:
    """The status one tap moves an order to, or None when there is no next step."""
    flow = flow_for(service_type)
    if status not in flow:
        # Off-flow statuses (e.g. awaiting_shipment on a collection order) continue where they fit.
        if status in ("awaiting_shipment", "awaiting_collection"):
            return "in_delivery" if status == "awaiting_shipment" else "completed"
        if status == "in_delivery":
            return "completed"
        return None
    index = flow.index(status)
    return flow[index + 1] if index + 1 < len(flow) else None


def previous_status(status: str, service_type: str | None) -> str | None:
    """The status a recall brings an order back to."""
    flow = flow_for(service_type)
    if status in flow:
        index = flow.index(status)
        return flow[index - 1] if index > 0 else None
    return None
