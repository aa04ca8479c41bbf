"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

# JSON-shaped values with HubRise's key names and value shapes mixed in, so validators and
# parsers see near-misses of real payloads, not only random noise.
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["new", "09:00", "23:59", "1.00 EUR", "2", "busy", "monday", "0"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["status", "items", "price", "quantity", "options", "deal_line",
                         "deal_key", "deals", "monday", "from", "to", "mode", "opening_hours",
                         "order_acceptance", "customer", "custom_fields", "id", "x"]),
        inner, max_size=5),
    max_leaves=20)
