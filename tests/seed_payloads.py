"""Example payloads copied verbatim from the HubRise seeds, shared by the tests."""

# Seed 001 §1.1, the create example as an ordering platform sends it.
SEED_001_CREATE_BODY = {
    "status": "new", "private_ref": "3345", "customer_id": "ve343",
    "items": [
        {"product_name": "Margarita", "sku_ref": "MAR-SM", "sku_name": "Small",
         "price": "9.00 EUR", "quantity": "2",
         "options": [{"option_list_name": "Sauce", "name": "Barbecue", "ref": "BBQ",
                      "price": "1.00 EUR"}]},
        {"product_name": "Brownie", "sku_ref": "BROWN", "price": "3.00 EUR", "quantity": "1",
         "deal_line": {"deal_key": "0", "label": "Dessert"}},
        {"product_name": "Coke", "sku_ref": "COK", "price": "1.00 EUR", "quantity": "1",
         "deal_line": {"deal_key": "0", "label": "Drink"}},
        {"product_name": "Wings BBQ", "sku_ref": "WBBQ", "price": "4.00 EUR", "quantity": "1",
         "points_used": "5.0"},
    ],
    "deals": {"0": {"name": "Buy a dessert, get a drink for 1€", "ref": "FREEDRINK"}},
    "discounts": [{"name": "5€ off your order", "ref": "5OFF", "price_off": "5.00 EUR"}],
    "charges": [{"name": "Delivery < 15 km", "ref": "DEL", "price": "1.50 EUR"}],
    "payments": [{"name": "PayPal", "ref": "PP", "amount": "23.50 EUR", "info": {"email": ""}}],
    "loyalty_operations": [{"name": None, "ref": "LOY", "delta": "-5",
                            "reason": "Points used on order", "new_balance": "1.5"}],
    "total": "23.50 EUR",
}

# Seed 004 §1.2, verbatim (comments removed).
SEED_004_PATCH = {
    "cutoff_time": "05:00",
    "opening_hours": {
        "monday": [{"from": "09:00", "to": "12:30"}, {"from": "14:00", "to": "23:30"}],
        "tuesday": [{"from": "09:00", "to": "12:30"}, {"from": "14:00", "to": "23:30"}],
        "wednesday": [{"from": "09:00", "to": "12:30"}, {"from": "14:00", "to": "01:30"}],
        "thursday": [],
        "friday": [{"from": "17:00", "to": "02:00"}],
        "saturday": [{"from": "18:00", "to": "02:00"}],
        "sunday": [{"from": "18:00", "to": "23:00"}],
    },
    "preparation_time": 20,
    "order_acceptance": {"mode": "busy", "resume_at": "2025-06-04T19:30:00+02:00",
                         "extra_preparation_time": 25},
    "custom_fields": {"delivery": {"door_time": "35"}},
}
