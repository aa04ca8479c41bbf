"""Busy / Pause: the order-acceptance panel, one tap from the board.

Every change is queued through LocationSource.enqueue_location_patch (the outbox), shown at once
as "pending", and confirmed when the stored location reflects it. When resume_at passes, the
panel shows Normal by itself, without waiting for HubRise's event.
"""

from __future__ import annotations

import logging

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QStackedWidget,
    QVBoxLayout, QWidget,
)

from kds.clock import Clock
from kds.hubrise.models import OrderAcceptance
from kds.hubrise.rules import validate_order_acceptance
from kds.kitchen import acceptance as logic
from kds.kitchen.formats import clock_text
from kds.ui.location.mode_card import ModeCard
from kds.ui.location.prep_box import PreparationTimeBox
from kds.ui.location.source import LocationSource
from kds.ui.location.sync_state import PatchState, location_tz, patch_state
from kds.ui.location.time_picker import touch_button
from kds.ui.i18n import translate
from kds.ui.location.widgets import MinutesStepper, plain_label

PANEL_STYLE = """
QPushButton#reasonButton { font-size: 19px; padding: 0 10px; }
QLabel#modeTitle { font-size: 56px; font-weight: bold; background: transparent; }
QLabel#modeSubtitle, QLabel#modeResume { font-size: 26px; background: transparent; }
QLabel#modeReason { font-size: 22px; background: transparent; color: #f2f4f5; }
QLabel#pendingBadge { font-size: 22px; font-weight: bold; padding: 6px 12px; border-radius: 6px; }
QLabel#sectionTitle { font-size: 22px; color: #a6adb4; font-weight: bold; }
QLabel#stepperValue { font-size: 30px; font-weight: bold; }
QLabel#prepTotal { font-size: 20px; color: #a6adb4; }
QFrame#suggestion { background: #35a7ff; border-radius: 10px; }
QFrame#suggestion QLabel { color: #000000; font-size: 26px; font-weight: bold; background: transparent; }
QPushButton#modeButton { min-height: 84px; font-size: 30px; }
QPushButton#applyButton { min-height: 84px; font-size: 30px; background: #3a7bd5; border-color: #8fc1ff; }
QFrame#prepBox QLabel { background: transparent; }
QLabel#rowTitle { font-size: 22px; color: #a6adb4; font-weight: bold; }
QPushButton:disabled { color: #5d6670; border-color: #2c3138; }
QPushButton#applyButton:disabled { background: #2c3138; color: #6c7a89; }
"""


log = logging.getLogger(__name__)
# (line, column, lines, columns) of each resume choice: 30 min, 1 h, 2 h / end of service, manual
RESUME_CELLS = ((0, 1, 1, 1), (0, 2, 1, 1), (0, 3, 1, 1), (1, 1, 1, 2), (1, 3, 1, 1))


class AcceptancePanel(QWidget):
    sent = Signal(int)  # outbox id of a queued PATCH /location

    def __init__(self, source: LocationSource, clock: Clock, *,
                 thresholds: logic.SuggestionThresholds | None = None, tick_ms: int = 1000,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source, self.clock = source, clock
        self.thresholds = thresholds or logic.SuggestionThresholds()
        self.setObjectName("acceptancePanel")
        self.setStyleSheet(PANEL_STYLE)
        self._raw: dict[str, Any] | None = None
        self._sent_id: int | None = None
        self._sent_acceptance: OrderAcceptance | None = None
        self._state = PatchState()
        self._load = (0, 0)
        self._suggestion_dismissed = False
        self.resume_key = "1h"
        self._build()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._tick_ms = tick_ms
        self.refresh()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(12)
        layout.addWidget(self._suggestion_bar())
        top = QHBoxLayout()
        self.card = ModeCard()
        self.title, self.subtitle = self.card.title, self.card.subtitle
        self.resume_label, self.reason_label = self.card.resume_label, self.card.reason_label
        self.pending_badge = self.card.pending_badge
        top.addWidget(self.card, 3)
        self.prep_box = PreparationTimeBox(self.source)
        self.prep_box.sent.connect(self._prep_sent)
        self.prep, self.prep_save = self.prep_box.stepper, self.prep_box.save_button
        self.prep_total = self.prep_box.total
        top.addWidget(self.prep_box, 2)
        layout.addLayout(top)
        layout.addLayout(self._mode_row())
        self.options = QStackedWidget()
        self.options.addWidget(self._busy_options())
        self.options.addWidget(self._paused_options())
        layout.addWidget(self.options)
        layout.addLayout(self._resume_row())
        self.apply_button = touch_button("", name="applyButton")
        self.apply_button.clicked.connect(self.apply_choice)
        layout.addWidget(self.apply_button)
        layout.addStretch(1)
        self.choose_mode("busy")

    def _suggestion_bar(self) -> QFrame:
        self.suggestion = QFrame()
        self.suggestion.setObjectName("suggestion")
        row = QHBoxLayout(self.suggestion)
        self.suggestion_label = plain_label()
        self.suggestion_yes = touch_button(translate("Acceptance", "Yes, go busy"),
                                           name="primaryButton")
        self.suggestion_no = touch_button(translate("Acceptance", "Not now"))
        self.suggestion_yes.clicked.connect(self._accept_suggestion)
        self.suggestion_no.clicked.connect(self._dismiss_suggestion)
        row.addWidget(self.suggestion_label, 1)
        row.addWidget(self.suggestion_yes)
        row.addWidget(self.suggestion_no)
        self.suggestion.hide()
        return self.suggestion

    def _mode_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.normal_button = touch_button(translate("Acceptance", "✔  Normal"), name="modeButton")
        self.busy_button = touch_button(translate("Acceptance", "◷  Busy"), checkable=True,
                                        name="modeButton")
        self.pause_button = touch_button(translate("Acceptance", "❚❚  Pause"), checkable=True,
                                         name="modeButton")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.busy_button)
        self.mode_group.addButton(self.pause_button)
        self.normal_button.clicked.connect(self.go_normal)
        self.busy_button.clicked.connect(lambda: self.choose_mode("busy"))
        self.pause_button.clicked.connect(lambda: self.choose_mode("paused"))
        for button in (self.normal_button, self.busy_button, self.pause_button):
            row.addWidget(button)
        return row

    def _busy_options(self) -> QWidget:
        # Presets on one line, the stepper under them: the pause reasons take two lines anyway
        # (the stack is as tall as its tallest page), and one line was 960 px wide.
        widget = QWidget()
        grid = QGridLayout(widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(_row_title(translate("Acceptance", "Extra time")), 0, 0)
        self.extra_group = QButtonGroup(self)
        self.extra_buttons: dict[int, QPushButton] = {}
        for index, minutes in enumerate(logic.BUSY_PRESETS):
            button = touch_button(f"+{minutes}", checkable=True)
            button.clicked.connect(lambda _=False, m=minutes: self.extra.set_value(m))
            self.extra_group.addButton(button)
            self.extra_buttons[minutes] = button
            grid.addWidget(button, 0, 1 + index)
        self.extra = MinutesStepper(15, step=5, minimum=5, maximum=logic.MAX_EXTRA_MINUTES)
        self.extra.changed.connect(self._extra_changed)
        grid.addWidget(self.extra, 1, 1, 1, len(logic.BUSY_PRESETS))
        grid.setColumnStretch(len(logic.BUSY_PRESETS) + 1, 1)
        self._extra_changed(self.extra.value())
        return widget

    def _paused_options(self) -> QWidget:
        widget = QWidget()
        # Two lines of reasons, the typed one beside the second: one line was 1,090 px wide.
        grid = QGridLayout(widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(_row_title(translate("Acceptance", "Reason")), 0, 0)
        self.reason_buttons: list[QPushButton] = []
        for index, preset in enumerate(logic.REASON_PRESETS):
            text = translate("Acceptance", preset)   # sent to HubRise as staff read it
            button = touch_button(text, checkable=True, name="reasonButton")
            button.clicked.connect(lambda checked, t=text: self._reason_preset(t, checked))
            self.reason_buttons.append(button)
            grid.addWidget(button, index // 2, 1 + index % 2)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(translate("Acceptance", "Other reason (optional)"))
        self.reason_edit.setMaxLength(logic.MAX_REASON_CHARS)
        self.reason_edit.setMinimumHeight(64)
        self.reason_edit.setMinimumWidth(120)
        self.reason_edit.textChanged.connect(self._reason_typed)
        grid.addWidget(self.reason_edit, 0, 3, 2, 1)
        grid.setColumnStretch(3, 1)
        return widget

    def _resume_row(self) -> QGridLayout:
        # Short times on the first line, the long choices on the second (one line: 1,025 px).
        row = QGridLayout()
        row.addWidget(_row_title(translate("Acceptance", "Resume")), 0, 0)
        self.resume_group = QButtonGroup(self)
        self.resume_buttons: dict[str, QPushButton] = {}
        for index, (key, label, _minutes) in enumerate(logic.RESUME_CHOICES):
            button = touch_button(translate("Acceptance", label), checkable=True)
            button.clicked.connect(lambda _=False, k=key: self.choose_resume(k))
            self.resume_group.addButton(button)
            self.resume_buttons[key] = button
            row.addWidget(button, *RESUME_CELLS[index])
        row.setColumnStretch(4, 1)
        self.resume_buttons[self.resume_key].setChecked(True)
        return row

    # -- choices -----------------------------------------------------------------------------
    def choose_mode(self, mode: str) -> None:
        self.chosen_mode = mode
        (self.busy_button if mode == "busy" else self.pause_button).setChecked(True)
        self.options.setCurrentIndex(0 if mode == "busy" else 1)
        self._update_apply()

    def choose_resume(self, key: str) -> None:
        self.resume_key = key
        self.resume_buttons[key].setChecked(True)
        self._update_apply()

    def choose_extra(self, minutes: int) -> None:
        self.extra.set_value(minutes)

    def choose_reason(self, text: str) -> None:
        for button in self.reason_buttons:
            button.setChecked(button.text() == text)
        self.reason_edit.setText(text)

    def _extra_changed(self, minutes: int) -> None:
        button = self.extra_buttons.get(minutes)
        self.extra_group.setExclusive(button is not None)
        for preset, other in self.extra_buttons.items():
            other.setChecked(preset == minutes)
        self._update_apply()

    def _reason_preset(self, text: str, checked: bool) -> None:
        for button in self.reason_buttons:
            button.setChecked(checked and button.text() == text)
        self.reason_edit.setText(text if checked else "")

    def _reason_typed(self, text: str) -> None:
        for button in self.reason_buttons:  # a preset stays lit only while its words are used
            button.setChecked(button.text() == text)
        self._update_apply()

    def _hours(self) -> tuple[object, str | None]:
        raw = self._raw or {}
        cutoff = raw.get("cutoff_time")
        return raw.get("opening_hours"), cutoff if isinstance(cutoff, str) else None

    def _resume_at(self, now: datetime) -> datetime | None:
        hours, cutoff = self._hours()
        return logic.resume_at_for(self.resume_key, now, hours, cutoff, location_tz(self._raw))

    def _update_apply(self) -> None:
        if not hasattr(self, "apply_button"):
            return
        now = self.clock.now()
        tz = location_tz(self._raw)
        hours, cutoff = self._hours()
        for choice in logic.resume_choices(now, hours, cutoff, tz):
            button = self.resume_buttons[choice.key]
            button.setEnabled(choice.available)
            if choice.key == "end_of_service":
                button.setText(
                    translate("Acceptance", "End of service {clock}").format(
                        clock=clock_text(choice.resume_at, tz))
                    if choice.resume_at
                    else translate("Acceptance", "End of service (closed now)"))
        if not self.resume_buttons[self.resume_key].isEnabled():
            self.choose_resume("manual")
            return
        verb = translate("Acceptance", "Go busy +{minutes} min").format(
            minutes=self.extra.value()) if self.chosen_mode == "busy" \
            else translate("Acceptance", "Pause new orders")
        try:
            until = self._resume_at(now)
        except ValueError:
            until = None
        text = (translate("Acceptance", "{action} until {clock}").format(
            action=verb, clock=clock_text(until, tz)) if until
            else translate("Acceptance", "{action} until I change it").format(action=verb))
        self.apply_button.setText(text)

    # -- actions -----------------------------------------------------------------------------
    def go_normal(self) -> None:
        self._send_acceptance(logic.normal_body())

    def apply_choice(self) -> None:
        now = self.clock.now()
        tz = location_tz(self._raw)
        resume_at = self._resume_at(now)
        if self.chosen_mode == "busy":
            self._send_acceptance(logic.busy_body(self.extra.value(), resume_at, tz))
        else:
            self._send_acceptance(logic.paused_body(self.reason_edit.text(), resume_at, tz))

    def go_busy(self, extra_minutes: int, resume_key: str) -> None:
        """Two taps in one call: used by the suggestion and by tests."""
        self.choose_mode("busy")
        self.choose_extra(extra_minutes)
        self.choose_resume(resume_key)
        self.apply_choice()

    def _send_acceptance(self, body: dict[str, Any]) -> None:
        if validate_order_acceptance(body["order_acceptance"]):
            return  # the templates are built here; this guards against our own bugs
        self._sent_id = self.source.enqueue_location_patch(body, "order_acceptance")
        self._sent_acceptance = logic.acceptance_from_body(body)
        self._state = PatchState("pending")
        self.sent.emit(self._sent_id)
        self.refresh()

    def save_preparation_time(self) -> None:
        self.prep_box.save()

    def _prep_sent(self, outbox_id: int) -> None:
        self.sent.emit(outbox_id)

    # -- the suggestion ----------------------------------------------------------------------
    def set_kitchen_load(self, open_tickets: int, late_tickets: int) -> None:
        """The board's counts; the lead calls this when the board refreshes."""
        self._load = (open_tickets, late_tickets)
        self._show_suggestion(self._displayed(self.clock.now()))

    def _show_suggestion(self, acceptance: OrderAcceptance) -> None:
        hint = logic.busy_suggestion(*self._load, self.thresholds, acceptance.mode)
        if hint is None:
            self._suggestion_dismissed = False  # the next rush may ask again
        visible = hint is not None and not self._suggestion_dismissed
        if hint is not None:
            self.suggestion_label.setText(f"{hint.why} — {hint.question}")
            self.suggestion_yes.setText(
                translate("Acceptance", "Yes, +{minutes} min").format(minutes=hint.extra_minutes))
        self.suggestion.setVisible(visible)

    def _accept_suggestion(self) -> None:
        self.go_busy(self.thresholds.extra_minutes, self.resume_key)
        self.suggestion.hide()

    def _dismiss_suggestion(self) -> None:
        self._suggestion_dismissed = True
        self.suggestion.hide()

    # -- refresh -----------------------------------------------------------------------------
    def on_location_changed(self) -> None:
        """HubRise's location changed (our PATCH answered, or a location.update event)."""
        self.refresh()

    def refresh(self) -> None:
        try:
            self._raw = self.source.get_location_raw()
        except Exception:  # a locked or closed database: keep showing the last known state
            log.exception("reading the stored location failed")
        now = self.clock.now()
        self._update_state()
        shown = self._displayed(now)
        self._show_mode(shown, now)
        self._show_suggestion(shown)
        self._show_prep()
        self._update_apply()

    def _update_state(self) -> None:
        stored = logic.stored_acceptance(self._raw)
        reflected = self._sent_acceptance is not None and \
            logic.same_acceptance(stored, self._sent_acceptance)
        state = patch_state(self._sent_id, self.source.failed_outbox(),
                            self.source.outbox_counts(), reflected)
        if state.state == "confirmed":
            self._sent_id, self._sent_acceptance = None, None
        # A refusal stays on screen (with HubRise's words) until the next change is sent.
        self._state = state if state.state != "confirmed" else PatchState()

    def _displayed(self, now: datetime) -> OrderAcceptance:
        """What staff asked for while it is on its way, else what HubRise holds; as of now."""
        wanted = self._sent_acceptance if self._state.state == "pending" else None
        return (wanted or logic.stored_acceptance(self._raw)).effective(now)

    def _show_mode(self, acceptance: OrderAcceptance, now: datetime) -> None:
        self.card.show_mode(acceptance, now, location_tz(self._raw))
        self.normal_button.setEnabled(acceptance.mode != "normal" or self._state.state != "idle")
        self.card.show_badge(self._state)

    def _show_prep(self) -> None:
        shown = self._displayed(self.clock.now())
        extra = (shown.extra_preparation_time or 0) if shown.mode == "busy" else 0
        self.prep_box.show_location(self._raw, extra)

    # The tick reads the store: only while the page is on screen (a hidden page in the
    # main window's stack, or a closed one, must not keep querying).
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()
        self._timer.start(self._tick_ms)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)


def _row_title(text: str) -> QLabel:
    """The same width on every option row, so the buttons line up in columns."""
    label = plain_label(text, "rowTitle", wrap=True)   # "Extra time" takes two lines if need be
    label.setFixedWidth(120)
    return label
