"""The strip at the top of the board: location, order acceptance, connection health, clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kds.ui.board.ticket import clean_text, format_clock


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


def _minutes_until(when: datetime, now: datetime) -> int:
    return max(0, int((when - now).total_seconds() + 59) // 60)


def acceptance_text(info: HeaderInfo, now: datetime, tz: tzinfo | None) -> str:
    mode = info.acceptance_mode
    if mode == "busy":
        extra = f" +{info.extra_preparation_time} min" if info.extra_preparation_time else ""
        text = f"◷ BUSY{extra}"
    elif mode == "paused":
        text = "❚❚ PAUSED — no new orders"
    else:
        return "✔ Taking orders"
    if info.resume_at is not None:
        minutes = _minutes_until(info.resume_at, now)
        text += f" · until {format_clock(info.resume_at, tz)} ({minutes} min)"
    return text


def health_text(info: HeaderInfo, now: datetime, tz: tzinfo | None) -> str:
    if info.reconnect_needed:
        text = "✖ RECONNECT NEEDED — HubRise refused this screen's access (see Connection)"
    elif info.online:
        text = "● Online"
        if info.last_poll_at is not None:
            seconds = max(0, int((now - info.last_poll_at).total_seconds()))
            text += f" · {seconds} s ago" if seconds < 120 else f" · {seconds // 60} min ago"
    else:
        since = format_clock(info.offline_since, tz)
        text = f"✖ OFFLINE since {since} — no new orders can arrive" if since else "✖ OFFLINE"
    if info.pending:
        text += f" · {info.pending} to send"
    if info.failed:
        text += f" · {info.failed} FAILED"
    return text


class HeaderBar(QWidget):
    def __init__(self, tz: tzinfo | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._tz = tz
        self.info = HeaderInfo()
        self.location = self._label("headerLocation")
        self.acceptance = self._label("acceptanceNormal")
        self.health = self._label("healthOnline")
        self.clock = self._label("headerClock")
        self.clock.setMinimumWidth(120)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(12)
        layout.addWidget(self.location)
        layout.addWidget(self.acceptance)
        layout.addStretch(1)
        layout.addWidget(self.health)
        layout.addWidget(self.clock)
        self.setMinimumHeight(72)

    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)   # the location name comes from HubRise
        label.setMinimumWidth(60)   # long texts are clipped instead of widening the window
        return label

    def set_info(self, info: HeaderInfo, now: datetime) -> None:
        self.info = info
        self.location.setText(clean_text(info.location_name, 60) or "—")
        self.refresh(now)

    def refresh(self, now: datetime) -> None:
        info = self.info
        self._restyle(self.acceptance, {"busy": "acceptanceBusy", "paused": "acceptancePaused"}
                      .get(info.acceptance_mode, "acceptanceNormal"))
        self.acceptance.setText(acceptance_text(info, now, self._tz))
        self._restyle(self.health, "healthOnline" if info.online and not info.failed
                      else "healthOffline")
        self.health.setText(health_text(info, now, self._tz))
        self.clock.setText(format_clock(now, self._tz))

    @staticmethod
    def _restyle(label: QLabel, name: str) -> None:
        if label.objectName() != name:
            label.setObjectName(name)
            label.style().unpolish(label)
            label.style().polish(label)
