"""The opening-hours week editor: tap to add / change / remove slots, validate, save one PATCH.

Validation is kds.hubrise.rules (the simulator's own rules). Save queues one PATCH /location with
opening_hours and cutoff_time; the edit stays on screen until HubRise confirms it, and a 422 is
shown next to the slots it names without losing anything. A change made elsewhere while staff
are editing is announced, never silently applied over their edits.
"""

from __future__ import annotations

import logging

import copy
from datetime import timezone, tzinfo
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from kds.clock import Clock
from kds.hubrise.rules import DAYS, FieldError
from kds.ui.board.ticket import clean_text
from kds.kitchen import hours as hl
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.location.day_row import DayRow
from kds.ui.location.hours_preview import open_now, opening_preview
from kds.ui.location.slot_dialogs import CutoffEditor, SlotEditor
from kds.ui.location.source import LocationSource
from kds.ui.location.sync_state import field_errors_from_message, location_tz, patch_state
from kds.ui.location.time_picker import touch_button
from kds.ui.location.widgets import keep_words_whole, plain_label
from kds.ui.i18n import translate

EDITOR_STYLE = """
QLabel#editorTitle { font-size: 30px; font-weight: bold; }
QLabel#cutoffLabel { font-size: 22px; }
QLabel#editorStatus { font-size: 21px; color: #f2f4f5; }
QLabel#dayName { font-size: 24px; font-weight: bold; }
QLabel#closedLabel { font-size: 22px; color: #6c7a89; min-width: 170px; }
QLabel#slotErrors { font-size: 19px; color: #f39c12; padding-left: 178px; }
QLabel#generalErrors { font-size: 20px; color: #f39c12; }
QFrame#conflictBanner { background: #e84393; border-radius: 8px; }
QFrame#conflictBanner QLabel { background: transparent; font-size: 21px; font-weight: bold; }
QLabel#overlayTitle { font-size: 28px; font-weight: bold; background: transparent; }
QLabel#overlayHint { font-size: 21px; background: transparent; }
QLabel#pickerTitle { font-size: 20px; color: #a6adb4; background: transparent; }
QLabel#pickerValue { font-size: 44px; font-weight: bold; background: transparent; }
QWidget#timePicker { background: transparent; }
QPushButton:disabled { color: #5d6670; border-color: #2c3138; }
QPushButton#primaryButton:disabled { background: #2c3138; }
QLabel#legend { font-size: 18px; color: #a6adb4; }
QLabel#hoursPreview { font-size: 22px; font-weight: bold; color: #7bd88f; }
QLabel#hoursPreview[closed="true"] { color: #f5b041; }
"""


log = logging.getLogger(__name__)


LEGEND = QT_TRANSLATE_NOOP("Hours", "Each bar is one business day, from the cutoff to the next "
                           "cutoff; the yellow line is midnight. ☾ = closes after midnight but "
                           "before the cutoff, so it still counts as the day it opened.")
LEGEND_SHORT = QT_TRANSLATE_NOOP("Hours", "☾ = closes after midnight but before the cutoff: "
                                 "still the day it opened.")
# Editor widths (px) below which a day row drops its timeline, then puts its actions below.
FULL_ROW_FROM = 1300
ONE_LINE_FROM = 1000

class OpeningHoursEditor(QWidget):
    sent = Signal(int)  # outbox id of the queued PATCH /location

    def __init__(self, source: LocationSource, clock: Clock, *, tick_ms: int = 1000,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source, self.clock = source, clock
        self.setObjectName("hoursEditor")
        self.setStyleSheet(EDITOR_STYLE)
        self.remote_week: hl.Week = hl.week_from_raw(None)
        self.remote_cutoff = "06:00"
        self.week: hl.Week = hl.week_from_raw(None)
        self.cutoff = "06:00"
        self._pending: tuple[int, dict[str, Any]] | None = None  # (outbox id, body sent)
        self._server_errors: list[dict[str, str]] = []
        self._status = ""
        self.tz: tzinfo = timezone.utc
        self._build()
        self.load_from_source()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._tick_ms = tick_ms

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(self._top_bar())
        # What the week on screen (not the saved one) means now, before staff save it.
        self.preview_label = plain_label("", "hoursPreview")
        layout.addWidget(self.preview_label)
        self.status_label = plain_label("", "editorStatus", wrap=True)
        layout.addWidget(self.status_label)
        layout.addWidget(self._conflict_banner())
        self.general_errors = plain_label("", "generalErrors", wrap=True)
        self.general_errors.hide()
        layout.addWidget(self.general_errors)
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.setSpacing(4)
        self.rows: dict[str, DayRow] = {}
        for day in DAYS:
            row = DayRow(day)
            row.slotTapped.connect(self.open_slot_editor)
            row.addTapped.connect(self.add_slot)
            row.copyTapped.connect(self.copy_to_all)
            row.closeTapped.connect(self.close_day)
            self.rows[day] = row
            rows_layout.addWidget(row)
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows)
        layout.addWidget(scroll, 1)
        self.legend = plain_label(translate("Hours", LEGEND), "legend", wrap=True)
        layout.addWidget(self.legend)
        self.slot_editor = SlotEditor(self)
        self.slot_editor.done.connect(self.set_slot)
        self.slot_editor.removed.connect(self.remove_slot)
        self.cutoff_editor = CutoffEditor(self)
        self.cutoff_editor.done.connect(self.set_cutoff)

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.title = plain_label(translate("Hours", "Opening hours"), "editorTitle", wrap=True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(110)
        bar.addWidget(self.title, 1)
        bar.addSpacing(12)
        self.cutoff_label = plain_label("", "cutoffLabel", wrap=True)
        # It wraps rather than pushing Save off a small screen.
        self.cutoff_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.cutoff_label, 2)
        self.cutoff_button = touch_button(translate("Hours", "Change cutoff"))
        self.cutoff_button.clicked.connect(self.open_cutoff_editor)
        bar.addWidget(self.cutoff_button)
        bar.addStretch(1)
        self.cancel_button = touch_button(translate("Hours", "Cancel"))
        self.save_button = touch_button(translate("Hours", "Save"), name="primaryButton")
        self.save_button.setMinimumWidth(140)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.save_button)
        return bar

    def _conflict_banner(self) -> QFrame:
        self.conflict = QFrame()
        self.conflict.setObjectName("conflictBanner")
        row = QHBoxLayout(self.conflict)
        self.conflict_label = plain_label(
            translate("Hours", "The opening hours were changed elsewhere while you were editing. "
                               "Your edits are kept; saving replaces the other change."),
            wrap=True)
        row.addWidget(self.conflict_label, 1)
        self.conflict_theirs = touch_button(translate("Hours", "Show theirs"))
        self.conflict_mine = touch_button(translate("Hours", "Keep mine"))
        self.conflict_theirs.clicked.connect(self.cancel)
        self.conflict_mine.clicked.connect(self.conflict_hide)
        row.addWidget(self.conflict_theirs)
        row.addWidget(self.conflict_mine)
        self.conflict.hide()
        return self.conflict

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = event.size().width()
        level = 0 if width >= FULL_ROW_FROM else 1 if width >= ONE_LINE_FROM else 2
        for row in self.rows.values():
            row.set_compact(level)
        # Without the bars only the ☾ needs explaining; a narrow title fits on one line.
        self.legend.setText(translate("Hours", LEGEND if level == 0 else LEGEND_SHORT))
        self.title.setText(translate("Hours", "Opening hours") if level < 2
                           else translate("Hours", "Hours"))
        keep_words_whole(self.title, 110)
        for overlay in (self.slot_editor, self.cutoff_editor):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())

    def conflict_hide(self) -> None:
        self.conflict.hide()

    # -- state -------------------------------------------------------------------------------
    def _remote(self) -> tuple[hl.Week, str]:
        try:
            raw = self.source.get_location_raw() or {}
        except Exception:  # a locked or closed database: keep what the editor shows
            log.exception("reading the stored location failed")
            return self.remote_week, self.remote_cutoff
        self.tz = location_tz(raw)
        return hl.week_from_raw(raw.get("opening_hours")), hl.normal_cutoff(raw.get("cutoff_time"))

    def load_from_source(self) -> None:
        self.remote_week, self.remote_cutoff = self._remote()
        self.week, self.cutoff = copy.deepcopy(self.remote_week), self.remote_cutoff
        self._server_errors = []
        self.conflict.hide()
        self._render()

    def is_dirty(self) -> bool:
        return (self.week, self.cutoff) != (self.remote_week, self.remote_cutoff)

    def validation_errors(self) -> list[FieldError]:
        return hl.validate_week(self.week, self.cutoff)

    def _edited(self) -> None:
        self._server_errors = []  # the staff changed something: HubRise's old verdict is stale
        self._status = ""
        self._render()

    # -- edits -------------------------------------------------------------------------------
    def set_slot(self, day: str, index: int, start: str, end: str) -> None:
        slots = self.week[day]
        if 0 <= index < len(slots):
            slots[index] = {"from": start, "to": end}
            self._edited()

    def add_slot(self, day: str) -> None:
        self.week[day].append(hl.new_slot(self.week[day], self.cutoff))
        self._edited()
        self.open_slot_editor(day, len(self.week[day]) - 1)

    def remove_slot(self, day: str, index: int) -> None:
        if 0 <= index < len(self.week[day]):
            del self.week[day][index]
            self._edited()

    def close_day(self, day: str) -> None:
        self.week[day] = []
        self._edited()

    def copy_to_all(self, day: str) -> None:
        self.week = hl.copy_day_to_all(self.week, day)
        self._edited()

    def set_cutoff(self, value: str) -> None:
        self.cutoff = value
        self._edited()

    def open_slot_editor(self, day: str, index: int) -> None:
        self.slot_editor.edit(day, index, self.week[day], self.cutoff)

    def open_cutoff_editor(self) -> None:
        self.cutoff_editor.edit(self.cutoff, self.week)

    def cancel(self) -> None:
        """Back to what HubRise holds now."""
        self._status = ""
        self.load_from_source()

    # -- save and what HubRise says ----------------------------------------------------------
    def save(self) -> int | None:
        if self.validation_errors() or not self.is_dirty() or self._pending is not None:
            return None
        body = hl.week_body(self.week, self.cutoff)
        outbox_id = self.source.enqueue_location_patch(body, "opening_hours")
        self._pending = (outbox_id, body)
        self._server_errors = []
        self._status = translate("Hours", "Saved here — waiting for HubRise to confirm…")
        self.sent.emit(outbox_id)
        self._render()
        return outbox_id

    def show_server_errors(self, errors: list[dict[str, str]]) -> None:
        """HubRise refused the save (422): show each field's problem; keep every edit."""
        self._pending = None
        self._server_errors = [e for e in errors if isinstance(e, dict)]
        self._status = translate(
            "Hours", "HubRise refused these hours — see below. Your edits are kept.")
        self._render()

    def show_preview(self) -> None:
        preview = opening_preview(self.week, self.clock.now(), self.cutoff, self.tz)
        self.preview_label.setText(translate("Hours", "With these hours: ") + preview)
        closed = not open_now(self.week, self.clock.now(), self.cutoff, self.tz)
        if self.preview_label.property("closed") != closed:
            self.preview_label.setProperty("closed", closed)  # amber, not green: not only words
            self.preview_label.style().polish(self.preview_label)

    def _tick(self) -> None:
        self.show_preview()  # "opens at 18:00" turns into "open now" without a tap
        self.check_pending()

    def check_pending(self) -> None:
        if self._pending is None:
            return
        outbox_id, body = self._pending
        remote_week, remote_cutoff = self._remote()
        reflected = (remote_week, remote_cutoff) == \
            (hl.week_from_raw(body["opening_hours"]), body["cutoff_time"])
        state = patch_state(outbox_id, self.source.failed_outbox(), self.source.outbox_counts(),
                            reflected)
        if state.state == "failed":
            self.show_server_errors(field_errors_from_message(state.message))
        elif state.state == "confirmed":
            self._pending = None
            self._status = translate("Hours", "✔ Saved on HubRise")
            self.remote_week, self.remote_cutoff = remote_week, remote_cutoff
            self._render()

    def on_location_changed(self) -> None:
        """A location.update (or our own PATCH's answer) was stored."""
        self.check_pending()
        remote = self._remote()
        if remote == (self.remote_week, self.remote_cutoff):
            return  # something else changed (acceptance, preparation time)
        if not self.is_dirty() or remote == (self.week, self.cutoff):
            self.load_from_source()
            return
        self.remote_week, self.remote_cutoff = remote
        if self._pending is None:
            self.conflict.show()
        self._render()

    # -- render ------------------------------------------------------------------------------
    def _render(self) -> None:
        local = hl.place_errors(self.validation_errors())
        server = hl.place_errors(self._server_errors)
        for day, row in self.rows.items():
            slot_errors: dict[int, list[str]] = {}
            for placed in (local, server):
                for (err_day, index), messages in placed.by_slot.items():
                    if err_day == day:
                        slot_errors.setdefault(index, []).extend(messages)
            day_errors = local.by_day.get(day, []) + server.by_day.get(day, [])
            row.show_day(self.week[day], self.cutoff, slot_errors, day_errors)
        general = local.general + local.cutoff + server.general + server.cutoff
        self.general_errors.setText("\n".join(f"⚠ {clean_text(g, 300)}" for g in general))
        self.general_errors.setVisible(bool(general))
        was = translate("Hours", " (was {cutoff})").format(cutoff=self.remote_cutoff) \
            if self.cutoff != self.remote_cutoff else ""
        self.cutoff_label.setText(
            translate("Hours", "Business day starts at {cutoff}").format(cutoff=self.cutoff) + was)
        keep_words_whole(self.cutoff_label, 60)   # wraps to its longest word, leaves Save room
        invalid = bool(local)
        self.save_button.setEnabled(self.is_dirty() and not invalid and self._pending is None)
        self.cancel_button.setEnabled(self.is_dirty() or bool(self._server_errors))
        self.status_label.setText(self._status_text(invalid))
        self.status_label.setVisible(bool(self.status_label.text()))
        self.show_preview()

    def _status_text(self, invalid: bool) -> str:
        if self._status:
            return self._status
        if invalid:
            return translate("Hours", "Fix the problems shown in orange to save.")
        return translate("Hours", "Unsaved changes") if self.is_dirty() else ""

    # The tick reads the store: only while the page is on screen (a hidden page in the
    # main window's stack, or a closed one, must not keep querying).
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._tick()
        self._timer.start(self._tick_ms)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)
