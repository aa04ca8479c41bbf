"""Realistic demo orders, posted through the platform connection like an ordering platform would."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from kds.clock import Clock
from kds.hubrise.money import Money, format_time
from kds.sim.couriers import Couriers
from kds.sim.menu import OTHERS, PIZZAS, SIZES, TOPPINGS, other_ref, pizza_ref, topping_ref
from kds.sim.orders import item_subtotal
from kds.sim.world import DEMO_PLATFORM_TOKEN, World

EUR = "EUR"
# The menu (with its allergen and diet tags) is kds.sim.menu: every item ordered is in it.
REMOVABLE = ("Onions", "Basil", "Ham", "Garlic")
TRICKY_NOTES = (
    "Please " + "ring twice and leave it with the concierge if nobody answers, " * 12 + "thanks!",
    "🍕🔥 Extra crispy please 🙏 (birthday party 🎉)",
    "بدون بصل من فضلك، شكرا",
    "בלי בצל בבקשה",
    "<b>Ring the bell</b> <script>alert('hi')</script> &amp; knock",
)
PLAIN_NOTES = ("No cutlery please", "Gluten allergy in the house", "Call on arrival",
               "Extra napkins", "Well done please")
NAMES = (("Zoë", "Dupont"), ("José", "García"), ("Amira", "Haddad"), ("Li", "Wei"),
         ("Tom", "O'Brien"), ("Chloé", "Martin"))


# The demo's other channels: (client name, share of orders, service types, paid online share,
# service_type_ref). A kitchen sees Deliveroo, Uber Eats, its own website and the till at once.
Channel = tuple[str, float, tuple[str, ...], float, "str | None"]
DEMO_CHANNELS: tuple[Channel, ...] = (
    ("ubereats-demo", 0.25, ("delivery",), 1.0, "UBER_EATS_DELIVERY"),
    ("website-demo", 0.2, ("delivery", "collection"), 0.6, "RESTAURANT_DELIVERY"),
    ("till-demo", 0.15, ("eat_in", "collection"), 0.0, None),
)


class OrderGenerator:
    def __init__(self, world: World, clock: Clock, seed: int | None = None,
                 token: str = DEMO_PLATFORM_TOKEN, *, channels: bool = False) -> None:
        """`channels`: orders also come from the demo's other channels (DEMO_CHANNELS), each
        with its own connection; otherwise every order comes from `token` (tests rely on it)."""
        self.world, self.clock, self.token = world, clock, token
        self.rng = random.Random(seed)
        self.couriers = Couriers(world, token, None if seed is None else seed + 1)
        self._count = 0
        self._channels = self._connect_channels() if channels else ()

    # ------------------------------------------------------------ public

    def _connect_channels(self) -> tuple[Channel, ...]:
        for name, *_ in DEMO_CHANNELS:
            if f"{name}-token" not in self.world.connections:
                self.world.add_connection(f"{name}-token", name)
        return DEMO_CHANNELS

    def next_order(self) -> tuple[str, dict[str, Any]]:
        """The next order as (the creating connection's token, its create body), not sent: a
        channel's order (Deliveroo, Uber Eats, the website, the till) or the platform's own."""
        channel = self._pick_channel()
        if channel is not None:
            return f"{channel[0]}-token", self._channel_body(channel)
        return self.token, self.make_order_body()

    def step(self) -> dict[str, Any] | None:
        """Create one order (a delivery order gets its delivery); now and then the platform also
        cancels one of its open orders; every open delivery moves along its timeline."""
        token, body = self.next_order()
        if token != self.token:   # a channel's own connection
            self.world.create_order(token, body)
            self.couriers.advance(self.clock.now())
            return None
        created = self.world.create_order(token, body)
        if created["service_type"] == "delivery":
            created["delivery"] = self.couriers.attach(created)
        if self.rng.random() < 0.1:
            self.cancel_one()
        self.couriers.advance(self.clock.now())
        return created

    def _pick_channel(self) -> Channel | None:
        roll = self.rng.random() if self._channels else 1.0
        for channel in self._channels:
            if roll < channel[1]:
                return channel
            roll -= channel[1]
        return None

    def _channel_body(self, channel: Channel) -> dict[str, Any]:
        """An order as that channel sends it: its service types, its brand, paid or not."""
        _, _, services, paid_share, ref = channel
        body = self.make_order_body()
        service_type = self.rng.choice(services)
        body["service_type"], body["customer"] = service_type, self._customer(service_type)
        body.pop("charges", None)
        body.pop("custom_fields", None)
        self._extras(body, service_type)
        if ref is not None and service_type == "delivery":
            body["service_type_ref"] = ref
        body.pop("payments", None)
        self._maybe_pay(body)
        if self.rng.random() >= paid_share:
            body.pop("payments", None)   # to pay at the counter or on delivery
        return body

    def cancel_one(self) -> dict[str, Any] | None:
        """A customer cancellation, as platforms send it (seed 001 §3: cancelled)."""
        open_orders = [order for order in self.world.orders.values()
                       if order["created_by"] == self.world.connection(self.token).client_name
                       and order["status"] in ("new", "received", "accepted")]
        if not open_orders:
            return None
        order = self.rng.choice(open_orders)
        return self.world.update_order(self.token, order["id"], {
            "status": "cancelled", "seller_notes": "Cancelled by the customer"})

    def make_order_body(self) -> dict[str, Any]:
        self._count += 1
        service_type = self.rng.choice(("delivery", "delivery", "collection", "eat_in"))
        body: dict[str, Any] = {"status": "new", "service_type": service_type,
                                "ref": f"DLV-{1000 + self._count}",
                                "collection_code": f"{self.rng.randint(100, 999)}",
                                "expected_time": self._expected_time(),
                                "items": self._items(), "customer": self._customer(service_type)}
        self._maybe_deal(body)
        note = self._note()
        if note:
            body["customer_notes"] = note
        self._extras(body, service_type)
        self._maybe_pay(body)
        return body

    # ------------------------------------------------------------ pieces

    def _expected_time(self) -> str | None:
        roll = self.rng.random()
        if roll < 0.5:
            return None  # as soon as possible
        minutes = self.rng.randint(20, 45) if roll < 0.8 else self.rng.randint(90, 240)
        when = self.clock.now() + timedelta(minutes=minutes)
        return format_time(when.astimezone(self.world.tz))

    def _pizza(self) -> dict[str, Any]:
        name = self.rng.choice(list(PIZZAS))
        size = self.rng.randrange(3)
        options: list[dict[str, Any]] = [
            {"option_list_name": "Toppings", "name": top, "ref": topping_ref(top),
             "price": f"{price} {EUR}", "quantity": self.rng.choice((1, 1, 2))}
            for top, price in self.rng.sample(TOPPINGS, self.rng.randint(0, 2))]
        if self.rng.random() < 0.4:
            options.append({"option_list_name": "Ingredients",
                            "name": self.rng.choice(REMOVABLE), "removed": True})
        return {"product_name": name, "sku_name": SIZES[size],
                "sku_ref": pizza_ref(name, SIZES[size]),
                "price": f"{PIZZAS[name][size]} {EUR}", "quantity": self.rng.choice("1112"),
                "options": options}

    def _other(self, category: str | None = None) -> dict[str, Any]:
        names = [n for n, (_, c) in OTHERS.items() if category in (None, c)]
        name = self.rng.choice(names)
        item: dict[str, Any] = {"product_name": name, "sku_ref": other_ref(name),
                                "price": f"{OTHERS[name][0]} {EUR}",
                                "quantity": self.rng.choice("1112")}
        if OTHERS[name][1] == "burger":
            item["options"] = [{"option_list_name": "Cooking",
                                "name": self.rng.choice(("Medium", "Well done"))}]
            if self.rng.random() < 0.3:
                item["options"].append({"option_list_name": "Ingredients", "name": "Pickles",
                                        "removed": True})
        return item

    def _items(self) -> list[dict[str, Any]]:
        items = [self._pizza() if self.rng.random() < 0.6 else self._other("burger")]
        for _ in range(self.rng.randint(0, 3)):
            items.append(self._pizza() if self.rng.random() < 0.3 else self._other())
        if self.rng.random() < 0.15:
            items[0]["customer_notes"] = self.rng.choice(TRICKY_NOTES + PLAIN_NOTES)
        return items

    def _maybe_deal(self, body: dict[str, Any]) -> None:
        if self.rng.random() < 0.25:
            body["deals"] = {"lunch": {"name": "Pizza + drink for 14€", "ref": "PIZZADRINK"}}
            pizza = self._pizza()
            pizza["deal_line"] = {"deal_key": "lunch", "label": "Pizza"}
            drink = self._other("drink")
            drink["quantity"] = "1"
            drink["deal_line"] = {"deal_key": "lunch", "label": "Drink"}
            body["items"] += [pizza, drink]

    def _note(self) -> str | None:
        roll = self.rng.random()
        if roll < 0.15:
            return self.rng.choice(TRICKY_NOTES)
        return self.rng.choice(PLAIN_NOTES) if roll < 0.4 else None

    def _customer(self, service_type: str) -> dict[str, Any]:
        first, last = self.rng.choice(NAMES)
        customer: dict[str, Any] = {"first_name": first, "last_name": last,
                    "phone": f"+336{self.rng.randint(10000000, 99999999)}"}
        if service_type == "delivery":
            customer.update({"address_1": f"{self.rng.randint(1, 120)} rue de Bretagne",
                             "postal_code": "75003", "city": "Paris",
                             "delivery_notes": self.rng.choice(("Digicode 1234B", None))})
        return customer

    def _extras(self, body: dict[str, Any], service_type: str) -> None:
        if service_type == "delivery":
            body["charges"] = [{"name": "Delivery fee", "ref": "DEL", "price": f"2.50 {EUR}"}]
        if service_type == "eat_in":
            table = f"Table {self.rng.randint(1, 20)}"
            body["custom_fields"] = {"restaurant": {"table_name": table}}
        if self.rng.random() < 0.15:
            body["discounts"] = [{"name": "5€ off your order", "ref": "5OFF",
                                  "price_off": f"5.00 {EUR}"}]
            body["coupon_codes"] = ["WELCOME5"]

    def _maybe_pay(self, body: dict[str, Any]) -> None:
        """Most platform orders are paid online; the amount is the order total."""
        total = Money.zero(EUR)
        for item in body["items"]:
            total = total + item_subtotal(item, EUR)
        for charge in body.get("charges", []):
            total = total + Money.parse(charge["price"])
        for discount in body.get("discounts", []):
            total = total - Money.parse(discount["price_off"])
        total = Money(max(total.amount, Decimal("0")), EUR)
        body["total"] = str(total)
        if self.rng.random() < 0.75:
            body["payments"] = [{"name": "Online card", "ref": "CARD", "amount": str(total),
                                 "info": {"transaction_id": f"tx_{self.rng.randrange(10**8)}"}}]
