"""World's callback endpoints and per-connection event queues, as a mixin class."""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING, Any

from kds.sim import demo
from kds.sim.errors import MAX_PAGE, cursor_seq, invalid, not_found
from kds.sim.events import Connection, validate_callback, without_state
from kds.sim.orders import render, render_object

PER_CLIENT, PER_CONNECTION = "per-client", "per-connection"
EXCLUSION_MODES = (PER_CLIENT, PER_CONNECTION)


class CallbacksAndEvents:
    """World's callbacks and events; World provides the lock, the connections and the ids."""

    lock: threading.RLock
    connections: dict[str, Connection]
    exclude_own_events: str

    if TYPE_CHECKING:
        def connection(self, token: str | None) -> Connection: ...
        def new_id(self) -> str: ...
        def _next_seq(self) -> int: ...
        def now_local(self) -> str: ...

    def get_callback(self, token: str) -> dict[str, Any]:
        with self.lock:
            callback = self.connection(token).callback
            return copy.deepcopy(callback) if callback else {"url": None, "events": {}}

    def set_callback(self, token: str, body: Any) -> dict[str, Any]:
        with self.lock:
            conn = self.connection(token)
            errors = validate_callback(body)
            if errors:
                raise invalid(errors)
            conn.callback = {"url": body.get("url"), "events": copy.deepcopy(body["events"])}
            return copy.deepcopy(conn.callback)

    def delete_callback(self, token: str) -> dict[str, Any]:
        with self.lock:
            conn = self.connection(token)
            conn.callback = None
            conn.events.clear()  # no callback: nothing is recorded or kept (API-NOTES §1.2)
            return {"url": None, "events": {}}

    def _record_order_event(self, token: str, event_type: str, order: dict[str, Any],
                            before: dict[str, Any] | None) -> None:
        ids = {"order_id": order["id"], "location_id": demo.LOCATION_ID}
        self._record_event(token, "order", event_type, ids, lambda t: render(order, t),
                           (lambda t: render(before, t)) if before is not None else None)

    def _record_event(self, author: str, resource: str, event_type: str, ids: dict[str, str],
                      new_state: Any, previous_state: Any | None) -> None:
        """One event per subscribed connection that is not the author's (see `_is_own`).
        Catalog events never carry state (API-NOTES §1.4): pass None for both."""
        created_at = self.now_local()
        for conn in self.connections.values():
            subscribed = (conn.callback or {}).get("events", {}).get(resource, [])
            if self._is_own(conn, author) or event_type not in subscribed:
                continue
            stateless = new_state is None   # a catalog event: its ids only
            new = None if stateless else new_state(conn.token)
            old = previous_state(conn.token) if previous_state else None
            if event_type == "update" and new == old and not stateless:
                continue  # nothing this connection can see has changed
            event: dict[str, Any] = {"id": self.new_id(), "resource_type": resource,
                                     "event_type": event_type, "created_at": created_at, **ids,
                                     "_seq": self._next_seq()}
            if not stateless:
                if event_type == "update":
                    event["previous_state"] = old
                event["new_state"] = new
            conn.events[event["id"]] = event

    def _is_own(self, conn: Connection, author: str) -> bool:
        """HubRise: "a client does not receive notifications for the events it generated".
        per-client (the literal reading): no connection of the author's client gets it, so
        two KDS screens never see each other's taps as events; per-connection: only the
        author's own connection is skipped."""
        if conn.token == author:
            return True
        if self.exclude_own_events == PER_CONNECTION:
            return False
        author_conn = self.connections.get(author)
        return author_conn is not None and author_conn.client_name == conn.client_name

    def pending_events(self, token: str) -> list[dict[str, Any]]:
        with self.lock:
            return [render(event, None) for event in self.connection(token).events.values()]

    def list_events(self, token: str, count: int = MAX_PAGE, cursor: str | None = None
                    ) -> tuple[list[dict[str, Any]], str | None]:
        """Oldest first, without state (API-NOTES §1.4)."""
        with self.lock:
            events = list(self.connection(token).events.values())
            if cursor is not None:
                events = [e for e in events if e["_seq"] > cursor_seq(cursor)]
            page = events[:count]
            next_cursor = f"c{page[-1]['_seq']}" if len(events) > count and page else None
            return [without_state(event) for event in page], next_cursor

    def get_event(self, token: str, event_id: str) -> dict[str, Any]:
        with self.lock:
            event = self.connection(token).events.get(event_id)
            if event is None:
                raise not_found("Event")
            return render_object(event, None)

    def delete_event(self, token: str, event_id: str) -> dict[str, Any]:
        with self.lock:
            event = self.connection(token).events.pop(event_id, None)
            if event is None:
                raise not_found("Event")
            return without_state(event)
