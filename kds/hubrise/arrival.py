"""An order as it arrives from HubRise: made safe to keep, then parsed, once.

Every order payload (an event's state, a GET, a page of a listing, the answer to our own
PATCH) goes through `read_order` exactly once on its way to the store. The store keeps the
cleaned payload as the order's raw JSON and takes the problems from this one parse, so it
never cleans or parses it again (issue 12: it was parsed two or three times per arrival).
"""

from __future__ import annotations

import dataclasses
import logging

from kds.hubrise import order_model
from kds.hubrise.order_model import Order
from kds.hubrise.reader import FieldProblem, NotAnOrder
from kds.hubrise.sanitize import Sanitized, sanitize

log = logging.getLogger(__name__)

UNREADABLE = FieldProblem("(payload)", "could not be fully read")


def read_order(data: object) -> Order:
    """The cleaned payload parsed into an Order with `sanitized` set and the cleaning's repairs.

    Raises NotAnOrder only for a payload that is not an order at all (not an object, no string
    id). The parser is tolerant by contract; should it fail anyway (a bug), the order still
    reaches the kitchen, with one problem saying it could not be fully read.
    """
    report = Sanitized()
    clean = sanitize(data, report)
    repairs = tuple(report.problems)
    try:
        # Looked up on the module, so a test can count the parses.
        parsed = order_model.parse_order(clean)
    except NotAnOrder:
        raise
    except Exception:  # see the docstring: the order is kept, marked unreadable
        log.exception("parse_order failed on order %s", _id_of(clean))
        return _unreadable(clean, repairs)
    return dataclasses.replace(parsed, sanitized=True, repairs=repairs)


def _unreadable(clean: object, repairs: tuple[str, ...]) -> Order:
    if not isinstance(clean, dict) or not isinstance(clean.get("id"), str) or not clean["id"]:
        raise NotAnOrder("an order needs a non-empty string id")
    status = clean.get("status")
    return Order(
        id=clean["id"], location_id=None, status=status if isinstance(status, str) else "new",
        service_type=None, service_type_ref=None, ref=None, private_ref=None,
        collection_code=None, expected_time=None, confirmed_time=None, created_at=None,
        created_by=None, customer_notes=None, seller_notes=None, coupon_codes=(), items=(),
        deals={}, discounts=(), charges=(), payments=(), loyalty_operations=(), customer=None,
        custom_fields={}, total=None, raw=clean, problems=(UNREADABLE,), sanitized=True,
        repairs=repairs)


def _id_of(clean: object) -> str:
    return str(clean.get("id"))[:40] if isinstance(clean, dict) else "?"
