"""The simulator's in-memory HubRise: one account, one location, connections, orders, events.

Thread-safe: uvicorn may serve it from a thread while a test calls it directly.
"""

from __future__ import annotations

import copy
import random
import string
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kds.clock import Clock
from kds.hubrise import field_checks, order_rules, rules
from kds.hubrise.money import format_time, parse_time
from kds.sim import demo, menu, numbers
from kds.sim.deliveries import Deliveries
from kds.sim.errors import MAX_PAGE, SimError, cursor_seq, invalid, not_found
from kds.sim.event_queue import EXCLUSION_MODES, PER_CLIENT, CallbacksAndEvents
from kds.sim.events import Connection, LoggedRequest
from kds.sim.limits import RateLimits
from kds.sim.oauth import OAuthServer
from kds.sim.orders import (
    ELEMENT_KEYS,
    build_order,
    local_time,
    merge_custom_fields,
    new_element,
    private_ref_of,
    render,
    render_object,
    reprice,
    set_private_ref,
)
from kds.sim.scopes import KDS_GRANT, Grant

DEMO_KDS_TOKEN = "demo-kds-token"
DEMO_PLATFORM_TOKEN = "demo-platform-token"
UNAUTHORIZED_MESSAGE = "The access token is invalid or the connection has been revoked"


class World(CallbacksAndEvents, Deliveries):
    """The demo account's state as HubRise would hold it; every public method takes the lock."""

    def __init__(self, clock: Clock, *, rate_limits: bool = True, seed: int | None = None,
                 demo_connections: bool = True, exclude_own_events: str = PER_CLIENT) -> None:
        if exclude_own_events not in EXCLUSION_MODES:
            raise ValueError(f"exclude_own_events must be one of {EXCLUSION_MODES}")
        self.exclude_own_events = exclude_own_events
        self.clock = clock
        self.rate_limits = rate_limits
        self.tz = ZoneInfo(demo.TIMEZONE)
        self.currency = demo.ACCOUNT["currency"]
        self.lock = threading.RLock()
        self.connections: dict[str, Connection] = {}
        self.orders: dict[str, dict[str, Any]] = {}
        self.request_log: list[LoggedRequest] = []
        self.oauth = OAuthServer(self)
        self._location = demo.initial_location()
        self._catalog_data = menu.catalog_data()
        self._limits = RateLimits()
        self._rng = random.Random(seed)
        self._ids: set[str] = set()
        self._seq = 0
        if demo_connections:
            self.add_connection(DEMO_KDS_TOKEN, "kds", "demo-screen")
            self.add_connection(DEMO_PLATFORM_TOKEN, "deliveroo-demo")

    # ------------------------------------------------------------ connections, ids, limits

    def add_connection(self, token: str, client_name: str, device_id: str | None = None,
                       grant: Grant = KDS_GRANT) -> None:
        """A connection; without a grant it has the scope the KDS asks for."""
        with self.lock:
            self.connections[token] = Connection(token, client_name, device_id, grant)

    def remove_connection(self, token: str) -> None:
        with self.lock:
            self.connections.pop(token, None)

    def connection(self, token: str | None) -> Connection:
        with self.lock:
            found = self.connections.get(token or "")
        if found is None:
            raise SimError(401, "unauthorized", UNAUTHORIZED_MESSAGE)
        return found

    def check_rate_limit(self, token: str, *, high_load: bool = False) -> None:
        if not self.rate_limits:
            return
        with self.lock:
            wait = self._limits.check(token, self.clock.now(), high_load=high_load)
        if wait is not None:
            raise SimError(429, "too_many_requests", "Rate limit exceeded", retry_after=wait)

    def log_request(self, token: str | None, method: str, path: str, status: int) -> None:
        with self.lock:
            self.request_log.append(LoggedRequest(token, method, path, status, self.clock.now()))

    def new_id(self) -> str:
        alphabet = string.ascii_lowercase + string.digits
        with self.lock:
            while True:
                candidate = "".join(self._rng.choice(alphabet) for _ in range(5))
                if candidate not in self._ids:
                    self._ids.add(candidate)
                    return candidate

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def now_local(self) -> str:
        return format_time(self.clock.now().astimezone(self.tz))

    # ------------------------------------------------------------ orders

    def create_order(self, token: str, body: Any) -> dict[str, Any]:
        with self.lock:
            conn = self.connection(token)
            errors = order_rules.validate_order_create(body, self.currency)
            if errors:
                raise invalid(errors)
            numbers.check_size(body)
            self._check_private_ref_free(token, body.get("private_ref"), None)
            customer = self._customer_for(body)
            try:
                order = build_order(
                    body, order_id=self.new_id(), token=token, created_by=conn.client_name,
                    created_at=self.clock.now(), tz=self.tz, location_id=demo.LOCATION_ID,
                    currency=self.currency, new_id=self.new_id, customer=customer)
            except numbers.ARITHMETIC_ERRORS as exc:
                raise invalid([rules.FieldError("total", "the amounts are too large")]) from exc
            numbers.check_servable(render(order, token), "order")
            order["_seq"] = self._next_seq()
            self.orders[order["id"]] = order
            self._record_order_event(token, "create", order, None)
            return render_object(order, token)

    def _customer_for(self, body: dict[str, Any]) -> dict[str, Any] | None:
        if body.get("customer_id") is not None:
            found = demo.CUSTOMERS.get(body["customer_id"])
            if found is None:
                raise invalid([rules.FieldError("customer_id", "no customer with this id")])
            return copy.deepcopy(found)
        if body.get("customer_list_id") is not None:
            for customer in demo.CUSTOMERS.values():
                if (customer["customer_list_id"], customer["private_ref"]) == (
                        body["customer_list_id"], body.get("customer_private_ref")):
                    return copy.deepcopy(customer)
            raise invalid([rules.FieldError(
                "customer_private_ref", "no customer with this private ref in this list")])
        if isinstance(body.get("customer"), dict):
            return {"id": None, "private_ref": None, "customer_list_id": None,
                    **copy.deepcopy(body["customer"])}
        return None

    def _check_private_ref_free(self, token: str, ref: str | None, order_id: str | None) -> None:
        """A connection's private ref must be unique among its orders (seed 001 §1.1)."""
        if ref is None:
            return
        for other in self.orders.values():
            if other["id"] != order_id and private_ref_of(other, token) == ref:
                raise invalid([rules.FieldError("private_ref", f"'{ref}' is already used")])

    def get_order(self, token: str, order_id: str) -> dict[str, Any]:
        with self.lock:
            self.connection(token)
            order = self.orders.get(order_id)
            if order is None:
                raise not_found("Order")
            return render_object(order, token)

    def update_order(self, token: str, order_id: str, body: Any) -> dict[str, Any]:
        with self.lock:
            self.connection(token)
            order = self.orders.get(order_id)
            if order is None:
                raise not_found("Order")
            errors = order_rules.validate_order_update(body, self.currency, set(order["deals"]))
            errors += self._missing_elements(order, body) if not errors else []
            if errors:
                raise invalid(errors)
            self._check_private_ref_free(token, body.get("private_ref"), order_id)
            if "custom_fields" in body:
                errors = field_checks.validate_custom_fields(
                    merge_custom_fields(order["custom_fields"], body["custom_fields"]))
                if errors:
                    raise invalid(errors)
            numbers.check_size(body)
            updated = copy.deepcopy(order)  # changed aside: a refused update stores nothing
            try:
                self._apply_order_update(token, updated, body)
            except numbers.ARITHMETIC_ERRORS as exc:
                raise invalid([rules.FieldError("total", "the amounts are too large")]) from exc
            numbers.check_servable(render(updated, token), "order")
            self.orders[order_id] = updated
            self._record_order_event(token, "update", updated, order)
            return render_object(updated, token)

    @staticmethod
    def _missing_elements(order: dict[str, Any], body: dict[str, Any]) -> list[rules.FieldError]:
        errors = []
        for key in ELEMENT_KEYS:
            known = {element["id"] for element in order[key]}
            for index, element in enumerate(body.get(key) or []):
                if "id" in element and element["id"] not in known:
                    errors.append(rules.FieldError(f"{key}[{index}].id", "no such element"))
        return errors

    def _apply_order_update(self, token: str, order: dict[str, Any], body: dict[str, Any]) -> None:
        for key in ("status", "seller_notes", "collection_code"):
            if key in body:
                order[key] = body[key]
        if "confirmed_time" in body:
            order["confirmed_time"] = local_time(body["confirmed_time"], self.tz)
        if "private_ref" in body:
            set_private_ref(order, token, body["private_ref"])
        if "custom_fields" in body:
            order["custom_fields"] = merge_custom_fields(order["custom_fields"],
                                                         body["custom_fields"])
        for key in ELEMENT_KEYS:
            self._apply_elements(token, order, key, body.get(key) or [])
        reprice(order, self.currency)

    def _apply_elements(self, token: str, order: dict[str, Any], key: str,
                        changes: list[dict[str, Any]]) -> None:
        by_id = {element["id"]: element for element in order[key]}
        for change in changes:
            if "id" not in change:
                order[key].append(new_element(key, change, token, self.new_id, {}))
                continue
            element = by_id[change["id"]]
            if change.get("deleted"):
                element["deleted"] = True  # irreversible (API-NOTES §3.1)
            if "private_ref" in change:
                set_private_ref(element, token, change["private_ref"])

    def list_orders(self, token: str, filters: dict[str, str], count: int = MAX_PAGE,
                    cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """Newest first. The cursor is the sequence number of the last order returned."""
        with self.lock:
            self.connection(token)
            matching = [o for o in sorted(self.orders.values(), key=lambda o: -o["_seq"])
                        if self._order_matches(token, o, filters)]
            if cursor is not None:
                matching = [o for o in matching if o["_seq"] < cursor_seq(cursor)]
            page = matching[:count]
            more = len(matching) > count
            next_cursor = f"c{page[-1]['_seq']}" if more and page else None
            return [render(order, token) for order in page], next_cursor

    def _order_matches(self, token: str, order: dict[str, Any], filters: dict[str, str]) -> bool:
        created = parse_time(order["created_at"])
        checks: dict[str, Callable[[str], bool]] = {
            "status": lambda v: order["status"] == v,
            "private_ref": lambda v: private_ref_of(order, token) == v,
            "created_by": lambda v: order["created_by"] == v,
            "customer_id": lambda v: (order.get("customer") or {}).get("id") == v,
            "after": lambda v: created >= self._filter_time(v),
            "before": lambda v: created < self._filter_time(v),
        }
        return all(checks[key](value) for key, value in filters.items() if key in checks)

    def _filter_time(self, text: str) -> datetime:
        """`after=2020-07-01T00:00` (no offset, as in the docs) is read in the location zone."""
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise invalid([rules.FieldError("after/before", f"'{text}' is not a valid time")]) \
                from exc
        return value if value.tzinfo else value.replace(tzinfo=self.tz)

    # ------------------------------------------------------------ catalog

    def catalog(self) -> dict[str, Any]:
        """`GET /catalogs/:id`: the demo catalog with its menu (kds.sim.menu)."""
        with self.lock:
            return {**demo.catalog(), "data": copy.deepcopy(self._catalog_data)}

    def update_catalog(self, data: dict[str, Any], author: str = "epos-demo") -> None:
        """The restaurant's till pushes a new menu (`PUT /catalogs/:id`): every subscribed
        connection gets a `catalog.update` event carrying the catalog id and no state."""
        with self.lock:
            self._catalog_data = copy.deepcopy(data)
            self._record_event(author, "catalog", "update",
                               {"catalog_id": demo.CATALOG["id"],
                                "location_id": demo.LOCATION_ID}, None, None)

    # ------------------------------------------------------------ location

    @property
    def location(self) -> dict[str, Any]:
        with self.lock:
            self._revert_acceptance_if_due()
            return copy.deepcopy(self._location)

    def get_location(self, token: str) -> dict[str, Any]:
        self.connection(token)
        return self.location

    def _revert_acceptance_if_due(self) -> None:
        """resume_at is evaluated on read: past it, the mode is normal again (no event sent)."""
        acceptance = self._location["order_acceptance"]
        resume_at = acceptance.get("resume_at")
        if acceptance.get("mode") != "normal" and resume_at \
                and parse_time(resume_at) <= self.clock.now():
            self._location["order_acceptance"] = {"mode": "normal"}

    def patch_location(self, token: str, body: Any) -> dict[str, Any]:
        with self.lock:
            self.connection(token)
            self._revert_acceptance_if_due()
            current = self._location
            errors = rules.validate_location_patch(
                body, current_cutoff_time=current["cutoff_time"],
                current_opening_hours=current["opening_hours"])
            if errors:
                raise invalid(errors)
            updated = self._patched(current, body)
            numbers.check_servable(updated, "location")
            self._location = updated
            self._revert_acceptance_if_due()  # a resume_at already past takes effect at once
            self._record_event(token, "location", "update", {"location_id": demo.LOCATION_ID},
                               lambda _: copy.deepcopy(updated), lambda _: current)
            return copy.deepcopy(updated)

    def _patched(self, current: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        """The location after a valid PATCH; custom_fields merge, order_acceptance is replaced."""
        updated = copy.deepcopy(current)
        for key in ("cutoff_time", "opening_hours", "preparation_time"):
            if key in body:
                updated[key] = copy.deepcopy(body[key])
        if "order_acceptance" in body:
            acceptance = dict(body["order_acceptance"])
            if acceptance.get("resume_at") is not None:
                acceptance["resume_at"] = local_time(acceptance["resume_at"], self.tz)
            updated["order_acceptance"] = acceptance
        if "custom_fields" in body:
            updated["custom_fields"] = merge_custom_fields(current["custom_fields"],
                                                           body["custom_fields"])
            errors = field_checks.validate_custom_fields(updated["custom_fields"])
            if errors:
                raise invalid(errors)
        return updated
