"""World's deliveries: the delivery attached to an order (API reference, "Deliveries"), as a mixin.

The delivery lives inside its order (`order["delivery"]`), so the order's payload carries it.
Attaching or changing one sends `delivery.create` / `delivery.update` and `order.update`; a
driver position update alone sends `delivery.update` only (API-NOTES §1.3).
"""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kds.hubrise import delivery_rules
from kds.hubrise.rules import FieldError
from kds.sim import demo, numbers
from kds.sim.errors import SimError, invalid, not_found
from kds.sim.orders import local_time


class Deliveries:
    """create/get/update_delivery; World provides the lock, the orders, the ids and events."""

    lock: threading.RLock
    orders: dict[str, dict[str, Any]]
    tz: ZoneInfo
    currency: str

    if TYPE_CHECKING:
        from kds.sim.events import Connection

        def connection(self, token: str | None) -> Connection: ...
        def new_id(self) -> str: ...
        def now_local(self) -> str: ...
        def _record_event(self, author: str, resource: str, event_type: str,
                          ids: dict[str, str], new_state: Any,
                          previous_state: Any | None) -> None: ...
        def _record_order_event(self, token: str, event_type: str, order: dict[str, Any],
                                before: dict[str, Any] | None) -> None: ...

    def create_delivery(self, token: str, order_id: str, body: Any) -> dict[str, Any]:
        with self.lock:
            self.connection(token)
            order = self._order(order_id)
            errors = delivery_rules.validate_delivery_create(body, self.currency)
            if not errors and order.get("service_type") != "delivery":
                errors = [FieldError("service_type", "the order's service_type must be "
                                                     "'delivery' to attach a delivery")]
            if not errors and order.get("delivery") is not None:
                errors = [FieldError("delivery", "the order already has a delivery")]
            if errors:
                raise invalid(errors)
            numbers.check_size(body)
            delivery = {"id": self.new_id(), "order_id": order_id,
                        "location_id": demo.LOCATION_ID,
                        **dict.fromkeys(sorted(delivery_rules.FIELDS))}
            self._apply(delivery, body, status_changed=True)
            numbers.check_servable(delivery, "delivery")
            before = copy.deepcopy(order)
            order["delivery"] = delivery
            self._record_delivery_event(token, "create", order, None)
            self._record_order_event(token, "update", order, before)
            return copy.deepcopy(delivery)

    def get_delivery(self, token: str, order_id: str) -> dict[str, Any]:
        with self.lock:
            self.connection(token)
            return copy.deepcopy(self._delivery(self._order(order_id)))

    def update_delivery(self, token: str, order_id: str, body: Any) -> dict[str, Any]:
        with self.lock:
            self.connection(token)
            order = self._order(order_id)
            current = self._delivery(order)
            errors = delivery_rules.validate_delivery_update(body, self.currency)
            if errors:
                raise invalid(errors)
            numbers.check_size(body)
            updated = copy.deepcopy(current)
            changed = "status" in body and body["status"] != current["status"]
            self._apply(updated, body, status_changed=changed)
            numbers.check_servable(updated, "delivery")
            if updated == current:
                return copy.deepcopy(updated)  # nothing changed: no event
            before = copy.deepcopy(order)
            order["delivery"] = updated
            self._record_delivery_event(token, "update", order, current)
            if not delivery_rules.is_gps_only(body):
                self._record_order_event(token, "update", order, before)
            return copy.deepcopy(updated)

    # ------------------------------------------------------------ pieces

    def _order(self, order_id: str) -> dict[str, Any]:
        order = self.orders.get(order_id)
        if order is None:
            raise not_found("Order")
        return order

    @staticmethod
    def _delivery(order: dict[str, Any]) -> dict[str, Any]:
        delivery = order.get("delivery")
        if not isinstance(delivery, dict):
            raise SimError(404, "not_found", "This order has no delivery")
        return delivery

    def _apply(self, delivery: dict[str, Any], body: dict[str, Any], *,
               status_changed: bool) -> None:
        for key, value in body.items():
            delivery[key] = local_time(value, self.tz) \
                if key in delivery_rules.TIME_FIELDS else value
        auto = delivery_rules.STATUS_TIMES.get(delivery["status"])
        if status_changed and auto and auto not in body:
            delivery[auto] = self.now_local()

    def _record_delivery_event(self, token: str, event_type: str, order: dict[str, Any],
                               before: dict[str, Any] | None) -> None:
        delivery = copy.deepcopy(order["delivery"])
        ids = {"order_id": order["id"], "location_id": demo.LOCATION_ID,
               "delivery_id": delivery["id"]}
        previous = copy.deepcopy(before)
        self._record_event(token, "delivery", event_type, ids, lambda _: delivery,
                           (lambda _: previous) if before is not None else None)
