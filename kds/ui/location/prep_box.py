"""Base preparation time: a touch stepper and Save, queued as its own PATCH /location."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kds.hubrise.rules import validate_preparation_time
from kds.kitchen.due import stored_preparation_minutes
from kds.ui.location.source import LocationSource
from kds.ui.location.sync_state import patch_state
from kds.ui.location.time_picker import touch_button
from kds.ui.location.widgets import MinutesStepper, plain_label
from kds.ui.i18n import translate


class PreparationTimeBox(QFrame):
    sent = Signal(int)

    def __init__(self, source: LocationSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("prepBox")
        self.setStyleSheet("QFrame#prepBox { background: #1d2126; border-radius: 10px; }")
        self._sent: tuple[int, int] | None = None  # (outbox id, minutes)
        self._dirty = False
        self._busy_extra = 0
        box = QVBoxLayout(self)
        box.addWidget(plain_label(translate("Acceptance", "Base preparation time"), "sectionTitle"))
        row = QHBoxLayout()
        self.stepper = MinutesStepper(15, step=5, minimum=0, maximum=120)
        self.stepper.changed.connect(self._changed)
        row.addWidget(self.stepper)
        self.save_button = touch_button(translate("Acceptance", "Save"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        box.addLayout(row)
        self.total = plain_label("", "prepTotal", wrap=True)
        box.addWidget(self.total)

    def save(self) -> None:
        minutes = self.stepper.value()
        if validate_preparation_time(minutes):
            return
        outbox_id = self.source.enqueue_location_patch({"preparation_time": minutes},
                                                       "preparation_time")
        self._sent, self._dirty = (outbox_id, minutes), False
        self.sent.emit(outbox_id)
        self._show_total()

    def _changed(self, _minutes: int) -> None:
        self._dirty = True
        self._show_total()

    def show_location(self, raw: dict[str, Any] | None, busy_extra: int) -> None:
        """What HubRise holds; staff's unsaved or unconfirmed value stays on the stepper."""
        self._busy_extra = busy_extra
        stored = stored_preparation_minutes(raw)   # 10**300 or -5 from HubRise: clamped
        if self._sent is not None:
            outbox_id, minutes = self._sent
            state = patch_state(outbox_id, self.source.failed_outbox(),
                                self.source.outbox_counts(), stored == minutes)
            if state.state != "pending":
                self._sent = None
        if not self._dirty and self._sent is None and isinstance(stored, int):
            self.stepper.set_value(stored, emit=False)
        self._show_total()

    def _show_total(self) -> None:
        extra = self._busy_extra
        text = translate("Acceptance", "Customers see {minutes} min").format(
            minutes=self.stepper.value() + extra)
        if extra:
            text += translate("Acceptance", " (base + {minutes} busy)").format(minutes=extra)
        if self._sent is not None:
            text += translate("Acceptance", " · ↻ pending")
        elif self._dirty:
            text += translate("Acceptance", " · not saved")
        self.total.setText(text)
        self.save_button.setEnabled(self._dirty)
