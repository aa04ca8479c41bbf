"""The acceptance panel's status card: the mode shown big, when it ends, why, and the sync badge."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kds.hubrise.models import OrderAcceptance
from kds.ui.board.ticket import clean_text
from kds.kitchen import acceptance as logic
from kds.ui.location.sync_state import PatchState
from kds.ui.location.widgets import keep_words_whole, plain_label
from kds.ui.i18n import translate

CARD_STYLE = {
    "normal": "background: #1f4d36; border: 3px solid #2f6f4f;",
    "busy": "background: #7a4f0a; border: 3px solid #f5b041;",
    "paused": "background: #6e1f17; border: 3px solid #e74c3c;",
}


class ModeCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeCard")
        box = QVBoxLayout(self)
        box.setContentsMargins(20, 12, 20, 12)
        self.title = plain_label("", "modeTitle")
        self.subtitle = plain_label("", "modeSubtitle")
        self.resume_label = plain_label("", "modeResume")
        self.reason_label = plain_label("", "modeReason", wrap=True)
        self.pending_badge = plain_label("", "pendingBadge", wrap=True)
        for widget in (self.title, self.subtitle, self.resume_label, self.reason_label,
                       self.pending_badge):
            # Wrap, never widen: the card shares a row with the preparation box at 1024 px.
            widget.setWordWrap(True)
            widget.setMinimumWidth(200)
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            box.addWidget(widget)

    def show_mode(self, acceptance: OrderAcceptance, now: datetime, tz: tzinfo) -> None:
        self.title.setText(logic.mode_title(acceptance))
        keep_words_whole(self.title, 200)
        self.subtitle.setText(logic.mode_subtitle(acceptance))
        self.resume_label.setText(logic.resume_text(acceptance, now, tz))
        self.resume_label.setVisible(acceptance.mode != "normal")
        reason = clean_text(acceptance.reason) if acceptance.mode == "paused" else ""
        self.reason_label.setText(
            translate("Acceptance", "Reason: {reason}").format(reason=reason) if reason else "")
        self.reason_label.setVisible(bool(reason))
        self.setStyleSheet(f"QFrame#modeCard {{ {CARD_STYLE[acceptance.mode]} "
                           "border-radius: 12px; }")

    def show_badge(self, state: PatchState) -> None:
        if state.state == "pending":
            self.pending_badge.setText(
                translate("Acceptance", "↻ Pending — waiting for HubRise to confirm"))
            self.pending_badge.setStyleSheet("background: #6c7a89; color: #ffffff;")
        elif state.state == "failed":
            self.pending_badge.setText(translate("Acceptance", "✖ HubRise refused the change: ")
                                       + clean_text(state.message))
            self.pending_badge.setStyleSheet("background: #c0392b; color: #ffffff;")
        self.pending_badge.setVisible(state.state in ("pending", "failed"))
