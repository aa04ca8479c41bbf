"""The settings screen: every kitchen preference as a big touch control, saved in one tap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QScroller, QSizePolicy, QVBoxLayout,
    QWidget,
)

from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.store.settings import _RANGES, Settings  # the ranges are defined once, by the store
from kds.ui.i18n import translate
from kds.ui.connect.widgets import MUTED, big_button, plain_label
from kds.ui.settings.controls import Choice, Stepper, TextList, Toggle

# (field, title, hint, step, unit) in screen order; toggles and choices have no step.
# Titles and hints are English source text, translated where the rows are built.
ROWS: tuple[tuple[str, str, str, int, str], ...] = (
    ("sound_on", QT_TRANSLATE_NOOP("Settings", "Sound"),
     QT_TRANSLATE_NOOP("Settings", "Chime when a new order arrives"), 0, ""),
    ("volume", QT_TRANSLATE_NOOP("Settings", "Volume"), "", 10, "%"),
    ("auto_receive", QT_TRANSLATE_NOOP("Settings", "Auto-receive"),
     QT_TRANSLATE_NOOP("Settings", "Mark new orders as received at once"), 0, ""),
    ("poll_mode", QT_TRANSLATE_NOOP("Settings", "Checking for orders"),
     QT_TRANSLATE_NOOP("Settings", "Fast uses more of the HubRise request budget"), 0, ""),
    ("scheduled_lead_minutes", QT_TRANSLATE_NOOP("Settings", "Scheduled orders"),
     QT_TRANSLATE_NOOP("Settings", "Show on the board this long before due"), 5, " min"),
    ("warn_minutes", QT_TRANSLATE_NOOP("Settings", "Warning (amber)"),
     QT_TRANSLATE_NOOP("Settings", "This long before the due time"), 1, " min"),
    ("late_after_minutes", QT_TRANSLATE_NOOP("Settings", "Late (red)"),
     QT_TRANSLATE_NOOP("Settings", "This long after the due time"), 1, " min"),
    ("font_scale_percent", QT_TRANSLATE_NOOP("Settings", "Text size"),
     QT_TRANSLATE_NOOP("Settings", "Applies at next start"), 10, "%"),
    ("language", QT_TRANSLATE_NOOP("Settings", "Language"),
     QT_TRANSLATE_NOOP("Settings", "Applies at next start"), 0, ""),
    ("busy_suggest_open_tickets", QT_TRANSLATE_NOOP("Settings", "Suggest busy"),
     QT_TRANSLATE_NOOP("Settings", "From this many open tickets"), 1, ""),
    ("busy_suggest_late_tickets", QT_TRANSLATE_NOOP("Settings", "…or late tickets"),
     QT_TRANSLATE_NOOP("Settings", "From this many late tickets"), 1, ""),
    ("kiosk", QT_TRANSLATE_NOOP("Settings", "Kiosk mode"),
     QT_TRANSLATE_NOOP("Settings", "Full screen, no window controls"), 0, ""),
    ("printers", QT_TRANSLATE_NOOP("Settings", "Printers"),
     QT_TRANSLATE_NOOP("Settings",
                       "tcp://HOST:PORT, file:///dev/usb/lp0 or qt:NAME; commas between"), 0, ""),
    ("print_on_arrival", QT_TRANSLATE_NOOP("Settings", "Print new orders"),
     QT_TRANSLATE_NOOP("Settings", "Once, when they arrive"), 0, ""),
    ("print_on_accept", QT_TRANSLATE_NOOP("Settings", "Print on accept"),
     QT_TRANSLATE_NOOP("Settings", "When the kitchen accepts an order"), 0, ""),
    ("print_on_station_done", QT_TRANSLATE_NOOP("Settings", "Print station done"),
     QT_TRANSLATE_NOOP("Settings", "When this station screen bumps its part"), 0, ""),
    ("print_copies", QT_TRANSLATE_NOOP("Settings", "Copies"),
     QT_TRANSLATE_NOOP("Settings", "Tickets printed each time"), 1, ""),
    ("paper_width_mm", QT_TRANSLATE_NOOP("Settings", "Paper width"),
     QT_TRANSLATE_NOOP("Settings", "58 or 80 mm roll"), 22, " mm"),
    ("header_figures", QT_TRANSLATE_NOOP("Settings", "Figures in the header"),
     QT_TRANSLATE_NOOP("Settings", "Average prep and late orders today"), 0, ""),
    ("customer_display", QT_TRANSLATE_NOOP("Settings", "Customer display"),
     QT_TRANSLATE_NOOP("Settings", "Preparing / Ready codes on a second screen"), 0, ""),
)
log = logging.getLogger(__name__)
TWO_COLUMNS_FROM = 1240


def _wrapping(label: QLabel) -> QLabel:
    """A label that wraps instead of setting the row's width (it overlapped below 1366 px)."""
    label.setWordWrap(True)
    label.setMinimumWidth(120)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label
POLL_OPTIONS = (("default", QT_TRANSLATE_NOOP("Settings", "Normal")),
                ("fast", QT_TRANSLATE_NOOP("Settings", "Fast")))
# Each language in its own words, so staff who cannot read the current one find theirs.
LANGUAGE_OPTIONS = (("auto", QT_TRANSLATE_NOOP("Settings", "Auto")), ("en", "English"),
                    ("fr", "Français"))


class SettingsScreen(QWidget):
    saved = Signal(object)  # Settings
    closed = Signal()
    figuresRequested = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, settings: Settings, on_save: Callable[[Settings], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self._on_save = on_save
        self.settings = settings
        self.controls: dict[str, Toggle | Stepper | Choice | TextList] = {}
        self._build()
        self._check_every_setting_has_a_row()

    def _check_every_setting_has_a_row(self) -> None:
        missing = {f.name for f in fields(Settings)} - set(self.controls)
        if missing:  # a new setting added by the store must get a control here
            raise RuntimeError(f"settings without a control: {sorted(missing)}")

    def _control(self, name: str, step: int, unit: str) -> Toggle | Stepper | Choice | TextList:
        value: Any = getattr(self.settings, name)
        if name == "poll_mode":
            return Choice(value, [(key, translate("Settings", text))
                                  for key, text in POLL_OPTIONS])
        if name == "language":
            return Choice(value, [(key, translate("Settings", text))
                                  for key, text in LANGUAGE_OPTIONS])
        if name == "printers":
            return TextList(value, "tcp://192.168.1.50:9100")
        if isinstance(value, bool):
            return Toggle(value)
        low, high = _RANGES[name]
        return Stepper(value, low, high, step, unit)

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 12, 24, 12)
        column.addWidget(plain_label(translate("Settings", "Settings"), size=32, bold=True))
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(6)
        self.rows: list[QWidget] = []
        for name, title, hint, step, unit in ROWS:
            control = self._control(name, step, unit)
            self.controls[name] = control
            self.rows.append(self._row(translate("Settings", title),
                                       translate("Settings", hint) if hint else "", control))
        self._columns = 0
        self._place_rows(2)
        # The rows scroll on a small screen; the title and Save stay in view.
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(grid_host)
        QScroller.grabGesture(self.form_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        column.addWidget(self.form_scroll, 1)
        self.status_label = plain_label("", 20)
        column.addWidget(self.status_label)
        column.addLayout(self._buttons())

    def _place_rows(self, columns: int) -> None:
        """Two columns on a wide screen, one below TWO_COLUMNS_FROM px (texts must not overlap)."""
        if columns == self._columns:
            return
        self._columns = columns
        for row in self.rows:
            self.grid.removeWidget(row)
        per_column = (len(self.rows) + columns - 1) // columns
        for index, row in enumerate(self.rows):
            self.grid.addWidget(row, index % per_column, index // per_column)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_rows(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)

    @staticmethod
    def _row(title: str, hint: str, control: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(_wrapping(plain_label(title, 22, bold=True)))
        if hint:
            text.addWidget(_wrapping(plain_label(hint, 15, color=MUTED)))
        layout.addLayout(text, 1)
        layout.addWidget(control)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.cancel_button = big_button(translate("Settings", "Cancel"))
        self.defaults_button = big_button(translate("Settings", "Defaults"))
        self.save_button = big_button(translate("Settings", "Save"), role="primaryButton")
        # Speed of service lives here: the navigation row is full at 1024 px and 130 % text.
        self.figures_button = big_button(translate("Settings", "Figures"))
        self.figures_button.setVisible(False)   # until a connection brings orders
        row.addWidget(self.cancel_button)
        row.addWidget(self.defaults_button)
        row.addWidget(self.figures_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        self.cancel_button.clicked.connect(self.cancel)
        self.defaults_button.clicked.connect(lambda: self.show_settings(Settings()))
        self.save_button.clicked.connect(self.save)
        self.figures_button.clicked.connect(self.figuresRequested.emit)
        return row

    def set_figures_available(self, available: bool) -> None:
        self.figures_button.setVisible(available)

    # ----- values -----
    def show_settings(self, settings: Settings) -> None:
        for name, control in self.controls.items():
            control.set_value(getattr(settings, name))

    def edited(self) -> Settings:
        """The settings as the controls show them now (validated by Settings itself)."""
        return replace(self.settings, **{n: c.value() for n, c in self.controls.items()})

    def save(self) -> None:
        try:
            settings = self.edited()
            if self._on_save is not None:
                self._on_save(settings)
        except Exception as exc:  # noqa: BLE001 - a bad value or a disk error: say so, keep editing
            log.warning("Settings not saved: %s", exc)
            not_saved = translate("Settings", "Not saved: {reason}")
            self.status_label.setText(not_saved.format(reason=exc))
            return
        self.settings = settings
        self.status_label.setText(translate("Settings", "Saved."))
        self.saved.emit(settings)

    def cancel(self) -> None:
        self.show_settings(self.settings)
        self.status_label.setText("")
        self.closed.emit()
