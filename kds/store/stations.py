"""This screen's station set-up: the routing rules and its role, kept in the local file."""

from __future__ import annotations

import json
import logging

from kds.kitchen.station_progress import fits, progress_body
from kds.kitchen.stations import (
    BadRules,
    Routing,
    ScreenRole,
    StationRule,
    make_routing,
)
from kds.store.orders import STATION_PROGRESS, OrdersMixin, order_resource
from kds.store.sanitize import to_json

log = logging.getLogger(__name__)


class StationsMixin(OrdersMixin):
    def set_station_done(self, order_id: str, station: str, done: bool = True) -> int:
        """A station bumps (or un-bumps) its part of an order: one outbox entry that writes the
        station's own custom_fields key, nothing else. The screen shows it at once (the read
        lays waiting bumps over HubRise's custom_fields); the order's status is untouched.

        A waiting, unclaimed bump of the same station is rewritten instead of queued again, so
        bump + undo + bump sends one change. Returns the outbox entry's id.
        """
        body = progress_body(station, done, self._now())
        with self.transaction():
            row = self.get_order(order_id)  # with the bumps still waiting laid over
            if row is None:
                raise KeyError(f"no order {order_id!r} in the store")
            if done:   # the pass's ticket for this station's part, once (Settings → Printing)
                self._queue_on("station_done", order_id, row.status, f"station:{station}")
            current = row.raw.get("custom_fields")
            if not fits(current if isinstance(current, dict) else {}, body["custom_fields"]):
                raise ValueError("the order's custom fields would pass HubRise's 8 KB limit")
            resource = order_resource(order_id)
            for entry_id, text in self.db.execute(
                    "SELECT id, body FROM outbox WHERE resource = ? AND state = 'pending' "
                    "AND kind = ? AND claimed_at IS NULL ORDER BY id DESC",
                    [resource, STATION_PROGRESS]).fetchall():
                if set(json.loads(text).get("custom_fields") or {}) == set(body["custom_fields"]):
                    self.db.execute("UPDATE outbox SET body = ? WHERE id = ?",
                                    [to_json(body), entry_id])
                    return int(entry_id)
            return self._insert_outbox(resource, STATION_PROGRESS, body, None)

    def get_routing(self) -> Routing:
        """The stored rules; a row that no longer passes the checks is dropped with a warning
        (the kitchen keeps working on the rest) rather than blocking the board."""
        rows = self.db.execute("SELECT station, kind, value FROM station_rules "
                               "ORDER BY position, id").fetchall()
        rules: list[StationRule] = []
        for station, kind, value in rows:
            try:
                rules.extend(make_routing([StationRule(station, kind, value)]).rules)
            except BadRules as exc:
                log.warning("a stored station rule was skipped: %s", exc)
        config = self._station_config()
        try:
            return make_routing(rules, config.get("default_station"),
                                json.loads(config.get("stations") or "[]"))
        except (BadRules, ValueError) as exc:
            log.warning("stored station list unusable (%s); rules kept", exc)
            return make_routing(rules)

    def save_routing(self, routing: Routing) -> None:
        """Replace the rules as a whole (an edit on the screen or an imported file)."""
        checked = make_routing(routing.rules, routing.default_station, routing.stations)
        with self.transaction():
            self.db.execute("DELETE FROM station_rules")
            for position, rule in enumerate(checked.rules):
                self.db.execute("INSERT INTO station_rules (position, station, kind, value) "
                                "VALUES (?, ?, ?, ?)",
                                [position, rule.station, rule.kind, rule.value])
            self._set_station_config("default_station", checked.default_station or "")
            self._set_station_config("stations", json.dumps(list(checked.stations)))

    def import_routing(self, text: str) -> Routing:
        """Take another screen's rules file; BadRules (nothing changed) when it is not one."""
        routing = Routing.from_json(text)
        self.save_routing(routing)
        return routing

    def export_routing(self) -> str:
        return self.get_routing().to_json()

    def get_screen_role(self) -> ScreenRole:
        config = self._station_config()
        station = config.get("screen_station") or None
        return ScreenRole(name=config.get("screen_name") or "", station=station,
                          expo=config.get("screen_expo") == "1")

    def save_screen_role(self, role: ScreenRole) -> None:
        name = role.name.strip()[:30]
        if role.station is not None:
            make_routing([], role.station)  # the same name checks as the rules
        with self.transaction():
            self._set_station_config("screen_name", name)
            self._set_station_config("screen_station", role.station or "")
            self._set_station_config("screen_expo", "1" if role.expo else "")

    def _station_config(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in
                self.db.execute("SELECT key, value FROM station_config").fetchall()}

    def _set_station_config(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO station_config (key, value) VALUES (?, ?)",
                        [key, value])
