"""Which status changes fit an order: the big button's step and the menu's choices (no Qt).

Seed 001 §3 lists the statuses; the kitchen only moves an order along the flow of its service
type. `new` is HubRise's starting point and is never set by the kitchen; a reject only means
something before acceptance (ordering platforms ignore a late reject); delivery statuses belong
to delivery orders only.
"""

from __future__ import annotations

from kds.hubrise.statuses import DONE_STATUSES, flow_for, next_status, previous_status
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate

# What the main button says, keyed by the status a tap moves the order to.
# English source text, translated when shown (main_action).
ACTION_LABELS = {
    "received": QT_TRANSLATE_NOOP("Action", "Receive"),
    "accepted": QT_TRANSLATE_NOOP("Action", "Accept"),
    "in_preparation": QT_TRANSLATE_NOOP("Action", "Start"),
    "awaiting_shipment": QT_TRANSLATE_NOOP("Action", "Ready"),
    "awaiting_collection": QT_TRANSLATE_NOOP("Action", "Ready"),
    "in_delivery": QT_TRANSLATE_NOOP("Action", "Out for delivery"),
    "completed": QT_TRANSLATE_NOOP("Action", "Complete"),
}

# A status in a sentence ("Order 1042 → in preparation"): HubRise's word, translated.
STATUS_WORDS = {
    "new": QT_TRANSLATE_NOOP("StatusWord", "new"),
    "received": QT_TRANSLATE_NOOP("StatusWord", "received"),
    "accepted": QT_TRANSLATE_NOOP("StatusWord", "accepted"),
    "in_preparation": QT_TRANSLATE_NOOP("StatusWord", "in preparation"),
    "awaiting_shipment": QT_TRANSLATE_NOOP("StatusWord", "awaiting shipment"),
    "awaiting_collection": QT_TRANSLATE_NOOP("StatusWord", "awaiting collection"),
    "in_delivery": QT_TRANSLATE_NOOP("StatusWord", "in delivery"),
    "completed": QT_TRANSLATE_NOOP("StatusWord", "completed"),
    "rejected": QT_TRANSLATE_NOOP("StatusWord", "rejected"),
    "cancelled": QT_TRANSLATE_NOOP("StatusWord", "cancelled"),
    "delivery_failed": QT_TRANSLATE_NOOP("StatusWord", "delivery failed"),
}


def status_words(status: str) -> str:
    """"in preparation" for in_preparation, in the screen's language."""
    word = STATUS_WORDS.get(status)
    return translate("StatusWord", word) if word else status.replace("_", " ")


BEFORE_ACCEPTANCE = frozenset({"new", "received"})
# Statuses that end an order without it being served: bringing one back tells HubRise (and the
# ordering platform) that the kitchen will make it after all, so the screen asks first.
REVIVE_ASKS = frozenset({"cancelled", "rejected", "delivery_failed"})
DELIVERY_ONLY = frozenset({"awaiting_shipment", "in_delivery", "delivery_failed"})


def recall_target(status: str, service_type: str | None) -> str | None:
    """Where a recall brings a done order back to (completed: one step; anomalies: accepted)."""
    if status == "completed":
        return previous_status(status, service_type)
    if status in DONE_STATUSES:
        return "accepted"
    return None


def forward_step(status: str, service_type: str | None) -> str | None:
    """The next status in the flow; an off-flow delivery status on a counter order completes."""
    target = next_status(status, service_type)
    if target in DELIVERY_ONLY and service_type != "delivery":
        return "completed"
    return target


def main_action(status: str, service_type: str | None) -> tuple[str | None, str]:
    """The status the big button sets and what it says (in the screen's language)."""
    if status in DONE_STATUSES:
        back = recall_target(status, service_type)
        return back, translate("Action", "Recall") if back else ""
    target = forward_step(status, service_type)
    if target is None or target not in allowed_transitions(status, service_type):
        return None, ""
    label = ACTION_LABELS.get(target)
    return target, translate("Action", label) if label else target.replace("_", " ").capitalize()


def allowed_transitions(status: str, service_type: str | None) -> list[str]:
    """Every status the kitchen may set from `status`, in flow order, anomalies last."""
    flow = [s for s in flow_for(service_type) if s != "new"]
    if service_type != "delivery":
        flow = [s for s in flow if s not in DELIVERY_ONLY]
    if status in DONE_STATUSES:
        back = recall_target(status, service_type)
        return [back] if back else []
    if status in BEFORE_ACCEPTANCE:
        steps = ["received", "accepted"] if status == "new" else ["accepted"]
        return [*steps, "rejected", "cancelled"]
    steps = [s for s in flow if s not in BEFORE_ACCEPTANCE and s != status]
    forward = forward_step(status, service_type)
    if forward is not None and forward not in steps:   # an off-flow status continues where it fits
        steps.append(forward)
    anomalies = ["cancelled"]
    if service_type == "delivery" and status in ("awaiting_shipment", "in_delivery"):
        anomalies.append("delivery_failed")
    return steps + anomalies


def revive_warning(status: str, target: str) -> str:
    """What a recall of an ended order will tell HubRise; "" when nothing needs saying."""
    if status not in REVIVE_ASKS or target in DONE_STATUSES:
        return ""
    return translate("Action", "This order was {status}. HubRise (and the ordering platform) "
                               "will be told it is '{target}' again: the kitchen will make it."
                     ).format(status=status_words(status), target=status_words(target))
