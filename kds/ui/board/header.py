"""The strip at the top of the board: location, order acceptance, connection health, clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kds.sync.health import DISK_FULL, DISK_FULL_TEXT
from kds.ui.board.ticket import clean_text, format_clock
from kds.ui.i18n import translate


@dataclass(frozen=True, slots=True)
class HeaderInfo:
    """Plain data the header shows; the sync bridge fills it from Location and Health."""

    location_name: str = ""
    acceptance_mode: str = "normal"       # normal / busy / paused
    resume_at: datetime | None = None
    extra_preparation_time: int | None = None
    online: bool = True
    offline_since: datetime | None = None
    last_poll_at: datetime | None = None
    pending: int = 0
    failed: int = 0
    reconnect_needed: bool = False        # HubRise answered 401: staff must connect again
    problem: str = ""                     # why orders may not arrive, in words (Health.problem)
    problem_kind: str = ""                # "network" | "failing" | "disk_full"
    waiting_until: datetime | None = None  # HubRise's 429 hold
    first_sync_problem: str = ""          # the last 24 h of orders could not be loaded (yet)
    set_aside: int = 0                    # orders HubRise sent that could not be shown
    failed_refs: tuple[str, ...] = ()     # which orders the FAILED changes belong to
    location_loaded: bool = True          # False: never loaded, acceptance unknown
    printer_problem: str = ""             # tickets do not print (Health.printer_problem)
    figures: str = ""                     # "avg prep 14 min · 3 late" when turned on, else ""


def _minutes_until(when: datetime, now: datetime) -> int:
    return max(0, int((when - now).total_seconds() + 59) // 60)


def acceptance_text(info: HeaderInfo, now: datetime, tz: tzinfo | None) -> str:
    if not info.location_loaded:
        return translate("Header", "Location not loaded yet")
    mode = info.acceptance_mode
    if mode == "busy":
        extra = f" +{info.extra_preparation_time} min" if info.extra_preparation_time else ""
        text = translate("Header", "◷ BUSY") + extra
    elif mode == "paused":
        text = translate("Header", "❚❚ PAUSED — no new orders")
    else:
        return translate("Header", "✔ Taking orders")
    if info.resume_at is not None:
        minutes = _minutes_until(info.resume_at, now)
        text += translate("Header", " · until {clock} ({minutes} min)").format(
            clock=format_clock(info.resume_at, tz), minutes=minutes)
    return text


def is_waiting(info: HeaderInfo, now: datetime) -> bool:
    return info.waiting_until is not None and info.waiting_until > now


def is_healthy(info: HeaderInfo, now: datetime) -> bool:
    """Green only while orders are arriving and nothing needs staff."""
    return (info.online and not info.reconnect_needed and not info.problem
            and not is_waiting(info, now) and not info.first_sync_problem
            and not info.failed and not info.set_aside and not info.printer_problem)


def connection_text(info: HeaderInfo, now: datetime, tz: tzinfo | None) -> str:
    """The connection state in one line, most urgent first."""
    if info.reconnect_needed:
        return translate("Header", "✖ RECONNECT NEEDED — HubRise refused this screen's access "
                                   "(see Connection)")
    if info.problem_kind == DISK_FULL:
        problem = info.problem or translate("Health", DISK_FULL_TEXT)
        return f"✖ {problem}"   # disk full or read-only folder
    if is_waiting(info, now):
        return translate("Header", "◷ HubRise asks us to wait until {clock}").format(
            clock=format_clock(info.waiting_until, tz))
    if info.online:
        text = translate("Header", "● Online")
        if info.last_poll_at is not None:
            seconds = max(0, int((now - info.last_poll_at).total_seconds()))
            text += (translate("Header", " · {seconds} s ago").format(seconds=seconds)
                     if seconds < 120 else
                     translate("Header", " · {minutes} min ago").format(minutes=seconds // 60))
        if info.first_sync_problem:
            text += translate("Header", " · earlier orders not loaded: {problem}").format(
                problem=info.first_sync_problem)
        return text
    since = format_clock(info.last_poll_at or info.offline_since, tz)
    if info.problem:
        return (translate("Header", "✖ No contact with HubRise since {clock} — {problem}")
                .format(clock=since, problem=info.problem) if since
                else translate("Header", "✖ No contact with HubRise — {problem}")
                .format(problem=info.problem))
    if since:
        return translate("Header", "✖ OFFLINE since {clock} — no new orders can arrive").format(
            clock=since)
    return translate("Header", "… Connecting to HubRise")


def health_text(info: HeaderInfo, now: datetime, tz: tzinfo | None) -> str:
    text = connection_text(info, now, tz)
    if info.pending:
        text += translate("Header", " · {count} to send").format(count=info.pending)
    if info.failed:
        text += translate("Header", " · {count} FAILED").format(count=info.failed)
        if info.failed_refs:
            more = len(info.failed_refs) - 2
            text += ": " + ", ".join(info.failed_refs[:2]) + (f" +{more}" if more > 0 else "")
    if info.set_aside:
        text += f" · {set_aside_text(info.set_aside)}"
    if info.printer_problem:
        text += f" · ✖ {info.printer_problem}"
    return text


def set_aside_text(count: int) -> str:
    if count == 1:
        return translate("Header", "1 order could not be shown")
    return translate("Header", "{count} orders could not be shown").format(count=count)


class TapLabel(QLabel):
    """A label staff can tap (the health line opens what went wrong)."""

    tapped = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit()
        super().mouseReleaseEvent(event)


class ElidedLabel(QLabel):
    """One line that ends in "…" when the room is short; the whole text is its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        # A tooltip takes anything that looks like HTML as rich text: the location's name comes
        # from HubRise, so it is escaped into a paragraph that shows it as written.
        self.setToolTip(QtGui.Qt.convertFromPlainText(text) if text else "")
        self._fit()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(0, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room))


FIGURES_MAX_WIDTH = 300   # px: the speed-of-service line never takes more of the header


class HeaderBar(QWidget):
    healthTapped = Signal()  # staff want to see what is wrong (failed changes, orders set aside)

    def __init__(self, tz: tzinfo | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._tz = tz
        self.info = HeaderInfo()
        self.location = self._label("headerLocation", ElidedLabel())
        self.acceptance = self._label("acceptanceNormal")
        self.health = self._label("healthOnline", TapLabel())
        self.health.tapped.connect(self.healthTapped)
        self.clock = self._label("headerClock")
        self.clock.setMinimumWidth(120)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # What staff must read whole wraps instead of being clipped: the health line (it may
        # name failed orders and orders set aside). The order acceptance keeps its full width.
        # The location's name gives way first: one line, elided, whole in its tooltip.
        self.health.setWordWrap(True)
        self.location.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.health.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.acceptance.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.health.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Speed of service on demand: one line that gives way (elided) before anything else
        # and is hidden when off, so the header never grows because of it.
        self.figures = ElidedLabel()
        self._label("headerFigures", self.figures)
        self.figures.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.figures.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(12)
        layout.addWidget(self.location, 2)
        layout.addWidget(self.acceptance)
        layout.addWidget(self.figures, 2)
        layout.addWidget(self.health, 3)
        layout.addWidget(self.clock)
        self.setMinimumHeight(72)

    @staticmethod
    def _label(name: str, label: QLabel | None = None) -> QLabel:
        label = label if label is not None else QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)   # the location name comes from HubRise
        label.setMinimumWidth(60)   # long texts are clipped instead of widening the window
        return label

    def set_info(self, info: HeaderInfo, now: datetime) -> None:
        self.info = info
        self.location.set_full_text(clean_text(info.location_name, 60) or "—")
        self.refresh(now)

    def refresh(self, now: datetime) -> None:
        info = self.info
        style = {"busy": "acceptanceBusy", "paused": "acceptancePaused"}.get(
            info.acceptance_mode, "acceptanceNormal")
        # Not green while unknown: "Taking orders" is only said from a loaded location.
        self._restyle(self.acceptance, style if info.location_loaded else "acceptanceUnknown")
        self.acceptance.setText(acceptance_text(info, now, self._tz))
        self._restyle(self.health, "healthOnline" if is_healthy(info, now) else "healthOffline")
        self.health.setText(health_text(info, now, self._tz))
        self.clock.setText(format_clock(now, self._tz))
        if self.figures.full_text() != info.figures:
            # Whole if it can be: the location's name gives way first (it is elided, whole in
            # its tooltip); past FIGURES_MAX_WIDTH the line itself is elided.
            self.figures.setMinimumWidth(min(FIGURES_MAX_WIDTH, self.figures.fontMetrics()
                                             .horizontalAdvance(info.figures) + 4))
            self.figures.set_full_text(info.figures)
        self.figures.setVisible(bool(info.figures))

    @staticmethod
    def _restyle(label: QLabel, name: str) -> None:
        if label.objectName() != name:
            label.setObjectName(name)
            label.style().unpolish(label)
            label.style().polish(label)

    def set_timezone(self, tz: tzinfo | None) -> None:
        """The location's timezone became known (or changed): clock times follow it."""
        self._tz = tz
