"""The Figures screen: speed of service for today, yesterday or the last 7 days (issue 16).

The numbers come from kds.kitchen.figures (computed by the store); this page only lays them out
in big type and writes the CSV the kitchen rule produced where staff choose.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta, tzinfo
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
    QWidget,
)

from kds.kitchen.channels import channel_word
from kds.kitchen.figures import PERIOD_LABELS, PERIODS, Figures, Group, Period, Spread, to_csv
from kds.kitchen.formats import date_text, decimal_text, short_date_text
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.board.ticket import service_name
from kds.ui.connect.widgets import MUTED, big_button, plain_label
from kds.ui.figures.chart import HourChart
from kds.ui.i18n import translate

log = logging.getLogger(__name__)
Loader = Callable[[Period], Figures]
AskPath = Callable[[str], str | None]   # suggested file name → chosen path, None if cancelled
# kds.kitchen.figures.PERIOD_LABELS, marked here for lupdate (shown translated).
_PERIOD_WORDS = (QT_TRANSLATE_NOOP("Figures", "Today"), QT_TRANSLATE_NOOP("Figures", "Yesterday"),
                 QT_TRANSLATE_NOOP("Figures", "Last 7 days"))


def _minutes(value: Decimal | None) -> str:
    return "—" if value is None else decimal_text(value)   # "12,5" in French


def spread_text(spread: Spread) -> str:
    """ "12 / 20" = median / p90 minutes (the title says so; short enough for 1024 px)."""
    if spread.median is None:
        return "—"
    return f"{_minutes(spread.median)} / {_minutes(spread.p90)}"


def _group_lines(groups: tuple[Group, ...], services: bool = False) -> str:
    return "\n".join(translate("Figures", "{name}: {orders} · {late} late · {minutes} min").format(
        name=_group_name(g.name, services), orders=g.orders,
        late=g.late, minutes=_minutes(g.prep.median)) for g in groups[:5]) or "—"


def days_text(figures: Figures, zone: tzinfo) -> str:
    """The day (or days) the figures cover, as the screen's language writes dates."""
    first = figures.start.astimezone(zone).date()
    last = (figures.end.astimezone(zone) - timedelta(days=1)).date()
    if last <= first:
        return date_text(first)
    return f"{short_date_text(first)} – {short_date_text(last)}"


def _group_name(name: str, services: bool) -> str:
    if name == "—":
        return name
    return service_name(name) if services else channel_word(name)


def _ask_path(suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(None, translate("Figures", "Export the figures"),
                                          suggested, "CSV (*.csv)")
    return path or None


class FiguresScreen(QWidget):
    closed = Signal()

    def __init__(self, load: Loader, zone: Callable[[], tzinfo], ask_path: AskPath = _ask_path,
                 parent: QWidget | None = None, *, load_rows: Loader) -> None:
        """`load` gives a period's figures (fast, counted); `load_rows` the same with one row
        per order, which only the CSV export needs."""
        super().__init__(parent)
        self.setObjectName("figuresScreen")
        self._load, self._load_rows = load, load_rows
        self._zone, self._ask_path = zone, ask_path
        self.period: Period = "today"
        self.figures: Figures | None = None
        self.values: dict[str, QLabel] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 10, 20, 10)
        column.addLayout(self._top_row())
        column.addLayout(self._summary())
        column.addWidget(plain_label(
            translate("Figures", "Times from arrival: median / slowest 10 %"), 16, color=MUTED,
            wrap=False))
        self.chart = HourChart()
        column.addWidget(self.chart, 1)
        column.addLayout(self._details())
        column.addLayout(self._buttons())

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(plain_label(translate("Figures", "Figures"), size=32, bold=True,
                                  wrap=False))
        self.days_label = plain_label("", 18, color=MUTED, wrap=False)   # "mardi 24 novembre…"
        row.addSpacing(16)
        row.addWidget(self.days_label)
        row.addStretch(1)
        self.period_group = QButtonGroup(self)
        self.period_buttons: dict[Period, QPushButton] = {}
        for period in PERIODS:
            button = big_button(translate("Figures", PERIOD_LABELS[period]), height=64, size=22)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, p=period: self.show_period(p))
            self.period_group.addButton(button)
            self.period_buttons[period] = button
            row.addWidget(button)
        return row

    def _summary(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        titles = (("orders", translate("Figures", "Orders")),
                  ("accepted", translate("Figures", "To accepted, min")),
                  ("ready", translate("Figures", "To ready, min")),
                  ("completed", translate("Figures", "To completed, min")),
                  ("late", translate("Figures", "Late")))
        for index, (key, title) in enumerate(titles):
            grid.addWidget(plain_label(title, 18, color=MUTED, wrap=False), 0, index)
            self.values[key] = plain_label("—", 30, bold=True, wrap=False)
            grid.addWidget(self.values[key], 1, index)
        return grid

    def _details(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for key, title in (("service", translate("Figures", "By service")),
                           ("channel", translate("Figures", "By channel")),
                           ("slowest", translate("Figures", "Slowest products"))):
            box = QVBoxLayout()
            box.addWidget(plain_label(title, 18, color=MUTED, wrap=False))
            # 17 px: a line per group even in French at 1024 px ("Uber Eats : 1 · 1 en retard ·
            # 20 min" wrapped at 20 px and pushed the buttons off a 600 px screen); the headline
            # figures above stay 30 px for reading from two metres.
            self.values[key] = plain_label("—", 17)
            box.addWidget(self.values[key])
            box.addStretch(1)
            row.addLayout(box, 1)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.close_button = big_button(translate("Figures", "Close"))
        self.export_button = big_button(translate("Figures", "Export CSV"), role="primaryButton")
        self.status_label = plain_label("", 18, wrap=False)
        row.addWidget(self.close_button)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.export_button)
        self.close_button.clicked.connect(self.closed.emit)
        self.export_button.clicked.connect(self.export_csv)
        return row

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_period(self.period)

    def show_period(self, period: Period) -> None:
        self.period = period
        self.period_buttons[period].setChecked(True)
        self.figures = figures = self._load(period)
        self.days_label.setText(days_text(figures, self._zone()))
        self.values["orders"].setText(str(figures.orders))
        self.values["accepted"].setText(spread_text(figures.to_accepted))
        self.values["ready"].setText(spread_text(figures.to_ready))
        self.values["completed"].setText(spread_text(figures.to_completed))
        self.values["late"].setText(f"{figures.late} ({_minutes(figures.late_percent)} %)")
        self.values["service"].setText(_group_lines(figures.by_service, services=True))
        self.values["channel"].setText(_group_lines(figures.by_channel))
        self.values["slowest"].setText("\n".join(
            translate("Figures", "{name}: {minutes} min ({orders})").format(
                name=p.name, minutes=_minutes(p.median_prep), orders=p.orders)
            for p in figures.slowest) or "—")
        self.chart.set_data(figures.per_hour, figures.prep_by_hour)
        self.status_label.setText("")

    def showEvent(self, event: object) -> None:  # noqa: N802 - fresh numbers each visit
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()

    def export_csv(self) -> None:
        shown = self.figures or self._load(self.period)
        zone = self._zone()
        name = f"kds-figures-{shown.start.astimezone(zone).date().isoformat()}-{self.period}.csv"
        path = self._ask_path(name)
        if path is None:
            return
        try:   # one row per order: read only now that staff chose where it goes
            Path(path).write_text(to_csv(self._load_rows(self.period), zone), encoding="utf-8")
        except OSError as exc:
            log.warning("figures CSV not written: %s", exc)
            self.status_label.setText(translate("Figures", "Not saved: {reason}").format(
                reason=exc.strerror or exc))
            return
        self.status_label.setText(translate("Figures", "Saved {file}").format(
            file=Path(path).name))
