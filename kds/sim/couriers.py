"""Couriers for the demo: the platform attaches a delivery to each of its delivery orders and
moves it along a timeline (courier assigned, picking up, on the way, delivered).

The timeline is ours (the docs only list the statuses); see docs/SIMULATOR.md.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from kds.hubrise.delivery_rules import FINAL_STATUSES, STATUSES
from kds.hubrise.money import format_time, parse_time
from kds.sim.world import World

# Minutes after the order was created -> the status the delivery should have reached.
TIMELINE = ((0, "pending"), (3, "pickup_enroute"), (9, "pickup_approaching"),
            (12, "pickup_waiting"), (15, "dropoff_enroute"), (25, "dropoff_approaching"),
            (28, "dropoff_waiting"), (30, "delivered"))
PICKUP_MINUTES, DROPOFF_MINUTES = 15, 30
DRIVERS = (("Karim B.", "+33176360000"), ("Julie M.", "+33176360001"),
           ("Ahmed S.", "+33176360002"), ("Marta K.", "+33176360003"))
SHOP = (48.8625, 2.3622)  # 13 rue du Chant des Oiseaux, roughly
CARRIER, CARRIER_REF = "Deliveroo", "deliveroo"


class Couriers:
    def __init__(self, world: World, token: str, seed: int | None = None) -> None:
        self.world, self.token = world, token
        self.rng = random.Random(seed)  # its own: the orders stay the same for a given seed

    def attach(self, order: dict[str, Any]) -> dict[str, Any]:
        """A pending delivery for a new delivery order, with the carrier's estimates."""
        created = parse_time(order["created_at"])
        ref = f"RD-{self.rng.randrange(10**6):06d}"
        return self.world.create_delivery(self.token, order["id"], {
            "carrier": CARRIER, "carrier_ref": CARRIER_REF, "ref": ref, "status": "pending",
            "fee": f"{self.rng.choice(('3.50', '4.20', '4.90'))} {self.world.currency}",
            "estimated_pickup_at": self._at(created, PICKUP_MINUTES),
            "estimated_dropoff_at": self._at(created, DROPOFF_MINUTES),
            "tracking_url": f"https://track.example.org/{ref}",
            "driver_pickup_url": f"https://driver.example.org/pickup/{ref}"})

    def advance(self, now: datetime) -> int:
        """Move every open delivery to where its timeline says; returns how many changed."""
        moved = 0
        for order_id, delivery, status, created in self._open_deliveries():
            target = "cancelled" if status == "cancelled" else self._due(created, now)
            if STATUSES.index(target) > STATUSES.index(delivery["status"]):
                self.world.update_delivery(self.token, order_id, self._change(delivery, target))
                moved += 1
            elif target not in FINAL_STATUSES and delivery["driver_name"]:
                self.world.update_delivery(self.token, order_id, self._position())  # GPS only
        return moved

    def _open_deliveries(self) -> list[tuple[str, dict[str, Any], str, datetime]]:
        with self.world.lock:
            return [(order["id"], dict(order["delivery"]), order["status"],
                     parse_time(order["created_at"]))
                    for order in self.world.orders.values()
                    if (order.get("delivery") or {}).get("carrier_ref") == CARRIER_REF
                    and order["delivery"]["status"] not in FINAL_STATUSES]

    @staticmethod
    def _due(created: datetime, now: datetime) -> str:
        minutes = (now - created).total_seconds() / 60
        return [status for at, status in TIMELINE if at <= minutes][-1]

    def _change(self, delivery: dict[str, Any], target: str) -> dict[str, Any]:
        change: dict[str, Any] = {"status": target}
        if target != "cancelled" and not delivery["driver_name"]:
            name, phone = self.rng.choice(DRIVERS)
            change.update({"driver_name": name, "driver_phone": phone,
                           "driver_phone_access_code": f"{self.rng.randrange(10**4):04d}"})
        if target not in FINAL_STATUSES:
            change.update(self._position())
        return change

    def _position(self) -> dict[str, str]:
        lat, lon = (value + self.rng.uniform(-0.01, 0.01) for value in SHOP)
        return {"driver_latitude": f"{lat:.6f}", "driver_longitude": f"{lon:.6f}"}

    def _at(self, start: datetime, minutes: int) -> str:
        return format_time((start + timedelta(minutes=minutes)).astimezone(self.world.tz))
