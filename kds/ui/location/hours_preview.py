"""What a week of opening hours means right now: "Open now · closes at 14:30" or "Closed · opens …".

Shown above the editor for the draft being edited, so staff see the effect of a change
(and of a cutoff change) before they save it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from kds.kitchen.formats import clock_text
from kds.kitchen.hours import DAY_LABELS, business_date, day_label, day_opening_spans, normal_cutoff
from kds.kitchen.words import translate

Span = tuple[datetime, datetime]
_LOOKAHEAD_DAYS = 8  # one week ahead, plus the business day we are in


def upcoming_spans(hours: dict[str, Any], now: datetime, cutoff_time: str | None,
                   tz: tzinfo) -> list[Span]:
    """Open periods from the current business day on, sorted; touching slots are joined."""
    cutoff = normal_cutoff(cutoff_time)
    first = business_date(now, cutoff, tz)
    spans = sorted(span for offset in range(_LOOKAHEAD_DAYS)
                   for span in day_opening_spans(hours, first + timedelta(days=offset), cutoff, tz))
    return _joined([span for span in spans if span[1] > now])


def _joined(spans: list[Span]) -> list[Span]:
    """18:00–23:59 followed by 23:59–01:00 is one evening for the customer."""
    joined: list[Span] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def opening_preview(hours: dict[str, Any], now: datetime, cutoff_time: str | None,
                    tz: tzinfo) -> str:
    spans = upcoming_spans(hours, now, cutoff_time, tz)
    if not spans:
        return translate("Hours", "Closed all week: customers cannot order")
    start, end = spans[0]
    if start <= now:
        return translate("Hours", "Open now · closes {when}").format(when=_when(end, now, tz))
    return translate("Hours", "Closed now · opens {when}").format(when=_when(start, now, tz))


def open_now(hours: dict[str, Any], now: datetime, cutoff_time: str | None, tz: tzinfo) -> bool:
    spans = upcoming_spans(hours, now, cutoff_time, tz)
    return bool(spans) and spans[0][0] <= now


def _when(moment: datetime, now: datetime, tz: tzinfo) -> str:
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    return translate("Hours", "{day}at {clock}").format(day=_day_words(local.date(), today),
                                                       clock=clock_text(local))


def _day_words(day: date, today: date) -> str:
    if day == today:
        return ""
    if day == today + timedelta(days=1):
        return translate("Hours", "tomorrow ")
    return day_label(list(DAY_LABELS)[day.weekday()]) + " "   # not %A: that follows the C locale
