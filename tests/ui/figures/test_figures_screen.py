"""The Figures screen: what it lays out and paints for the known day (tests/figures_seed.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor

from kds.store import Store
from kds.ui.figures.chart import BACKGROUND, BAR, LINE
from kds.ui.figures.screen import FiguresScreen
from tests.figures_seed import NOW, PARIS, open_day_store


@pytest.fixture
def day_store(tmp_path: Path) -> Iterator[Store]:
    store = open_day_store(tmp_path / "kds.sqlite")
    yield store
    store.close()


def _screen(qtbot: Any, store: Store, ask: Any = None) -> FiguresScreen:
    screen = FiguresScreen(lambda period: store.figures(period, NOW), lambda: PARIS,
                           ask_path=ask or (lambda name: None),
                           load_rows=lambda period: store.figures(period, NOW, rows=True))
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_today_summary_is_laid_out_in_big_type(qtbot: Any, day_store: Store) -> None:
    screen = _screen(qtbot, day_store)
    texts = {key: label.text() for key, label in screen.values.items()}
    assert texts["orders"] == "5"
    assert texts["accepted"] == "2 / 4"
    assert texts["ready"] == "10 / 20"
    assert texts["completed"] == "25 / 40"
    assert texts["late"] == "2 (40 %)"
    assert texts["slowest"].splitlines()[0] == "Pizza: 18 min (2)"
    assert "Delivery: 2 · 1 late · 15 min" in texts["service"]   # the ticket's word for it
    assert "Uber Eats: 1 · 1 late · 20 min" in texts["channel"]
    # Readable from two metres: the figures themselves are 30 px and bold, and visible.
    for key in ("orders", "ready", "late"):
        label = screen.values[key]
        assert label.isVisible() and label.font().pixelSize() >= 28 and label.font().bold()
        assert label.width() >= label.sizeHint().width()


@pytest.mark.parametrize("width", [1024, 1366])
def test_summary_figures_never_touch_each_other(qtbot: Any, day_store: Store, width: int) -> None:
    screen = _screen(qtbot, day_store)
    screen.resize(width, 600)
    qtbot.wait(1)   # let the layout settle at the new width (events only, no timing luck)
    keys = ("orders", "accepted", "ready", "completed", "late")
    spans = []
    for key in keys:
        label = screen.values[key]
        text_width = label.fontMetrics().horizontalAdvance(label.text())
        left = label.mapTo(screen, label.rect().topLeft()).x()
        spans.append((left, left + text_width))
    assert all(spans[i][1] + 12 <= spans[i + 1][0] for i in range(len(spans) - 1)), spans


def _pixel(image: Any, x: float, y: float) -> QColor:
    return image.pixelColor(int(x), int(y))


def test_chart_paints_a_bar_per_hour_and_the_prep_line(qtbot: Any, day_store: Store) -> None:
    screen = _screen(qtbot, day_store)
    chart = screen.chart
    image = chart.grab().toImage()
    noon, one_pm, midnight = chart.bar_rect(12), chart.bar_rect(13), chart.bar_rect(0)
    # QtCharts snaps bar edges to whole pixels: 3 orders stand three times as tall as 1, give or take them.
    assert noon.height() == pytest.approx(3 * midnight.height(), abs=2)
    assert one_pm.height() == 0
    # Low in the noon bar, away from the line: the bar's blue; the same spot at 13h: background.
    spot_y = noon.bottom() - 4
    assert _pixel(image, noon.center().x(), spot_y) == BAR
    assert _pixel(image, one_pm.center().x(), spot_y) == BACKGROUND
    points = chart.line_points()
    assert len(points) == 3   # hours 0, 12 and 19 have finished orders
    assert _pixel(image, points[1].x(), points[1].y()) == LINE
    # The slowest hour (12h, 16 min) is the line's top.
    assert points[1].y() == min(p.y() for p in points)


def test_period_buttons_switch_the_figures(qtbot: Any, day_store: Store) -> None:
    screen = _screen(qtbot, day_store)
    screen.period_buttons["yesterday"].click()
    assert screen.values["orders"].text() == "1"
    assert screen.chart.counts[20] == 1 and sum(screen.chart.counts) == 1
    screen.period_buttons["week"].click()
    assert screen.values["orders"].text() == "6"
    assert screen.period_buttons["week"].isChecked()


def test_export_writes_the_days_csv_where_staff_choose(qtbot: Any, day_store: Store,
                                                      tmp_path: Path) -> None:
    asked: list[str] = []
    target = tmp_path / "out.csv"

    def ask(name: str) -> str:
        asked.append(name)
        return str(target)

    screen = _screen(qtbot, day_store, ask)
    screen.export_button.click()
    assert asked == ["kds-figures-2026-11-24-today.csv"]
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and lines[1].startswith("E,2026-11-24 00:30:00")
    assert screen.status_label.text() == "Saved out.csv"


def test_export_cancelled_writes_nothing(qtbot: Any, day_store: Store, tmp_path: Path) -> None:
    screen = _screen(qtbot, day_store)
    screen.export_button.click()
    assert screen.status_label.text() == "" and not list(tmp_path.glob("*.csv"))


@pytest.mark.parametrize("width", [600, 1880])
def test_the_legend_names_both_series_whole_inside_the_chart(qtbot: Any, width: int) -> None:
    """At 1920 px the old hand-drawn legend was cut to "edian prep": QtCharts' legend holds
    both names whole, inside the chart, at any width."""
    from decimal import Decimal

    from PySide6.QtGui import QFontMetrics

    from kds.ui.figures.chart import LABEL_PX, HourChart
    from kds.ui.theme import font

    chart = HourChart()
    qtbot.addWidget(chart)
    chart.resize(width, 400)
    chart.set_data((10,) * 24, (Decimal("15.8"),) * 24)
    chart.show()
    qtbot.waitExposed(chart)
    legend = chart.chart().legend()
    labels = [marker.label() for marker in legend.markers()]
    assert labels == ["orders", "median prep, min"]
    box = legend.geometry()
    metrics = QFontMetrics(font(LABEL_PX, bold=True))
    assert box.width() >= sum(metrics.horizontalAdvance(label) for label in labels)
    assert chart.rect().contains(box.toRect())


@pytest.mark.parametrize("width", [700, 940, 1880])
def test_every_hour_label_fits_its_slot(qtbot: Any, width: int) -> None:
    """QtCharts shows a label wider than its slot as "...": at 1024 px and 130 % text every
    hour read "..." until the hours took a smaller type on narrow charts."""
    from decimal import Decimal

    from PySide6.QtGui import QFontMetrics

    from kds.ui.figures.chart import HourChart

    chart = HourChart()
    qtbot.addWidget(chart)
    chart.resize(width, 300)
    chart.set_data((1,) * 24, (Decimal(5),) * 24)
    chart.show()
    qtbot.waitExposed(chart)
    slot = chart.chart().plotArea().width() / 24
    assert QFontMetrics(chart.hours.labelsFont()).horizontalAdvance("00") < slot * 0.75
