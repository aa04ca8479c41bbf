"""The hour chart of the Figures screen, drawn by Qt's own chart module (QtCharts): a bar per
hour for orders, a line for the median prep time on its own scale, type big enough to read
from 2 m. Imported only when the Figures screen opens, so the board's start does not pay for it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kds.ui.i18n import translate
from kds.ui.theme import PALETTE, font

BACKGROUND = QColor(PALETTE.card)
BAR = QColor(PALETTE.button)             # orders: the app's blue
LINE = QColor("#f5b041")                 # prep minutes: amber, apart from the bars
TEXT = QColor(PALETTE.text)
MUTED = QColor(PALETTE.muted)
LABEL_PX = 18
BAR_WIDTH = 0.7                          # of an hour's slot
AXES_WIDTH = 140                         # the two value axes and margins, about
HOURS = [f"{hour:02d}" for hour in range(24)]


def _axis(axis: QValueAxis | QBarCategoryAxis, color: QColor) -> None:
    axis.setLabelsFont(font(LABEL_PX, bold=True))
    axis.setLabelsColor(color)
    axis.setGridLineVisible(False)
    axis.setLinePen(QPen(MUTED, 1))


class HourChart(QChartView):
    """24 hours left to right; bars scale to the busiest hour, the line to the slowest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourChart")
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.counts: tuple[int, ...] = (0,) * 24
        self.prep: tuple[Decimal | None, ...] = (None,) * 24
        self.setChart(self._build_chart())

    def _build_chart(self) -> QChart:
        chart = QChart()
        chart.setBackgroundBrush(BACKGROUND)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.legend().setFont(font(LABEL_PX, bold=True))
        chart.legend().setLabelColor(TEXT)
        self.orders = QBarSet(translate("Figures", "orders"))
        self.orders.setColor(BAR)
        self.orders.setBorderColor(BAR)
        self.bars = QBarSeries()
        self.bars.setBarWidth(BAR_WIDTH)
        self.bars.append(self.orders)
        self.line = QLineSeries()
        self.line.setName(translate("Figures", "median prep, min"))
        self.line.setPen(QPen(LINE, 5))
        self.line.setPointsVisible(True)
        self.line.setMarkerSize(10)
        chart.addSeries(self.bars)
        chart.addSeries(self.line)
        self._add_axes(chart)
        return chart

    def _add_axes(self, chart: QChart) -> None:
        self.hours = QBarCategoryAxis()
        self.hours.append(HOURS)
        _axis(self.hours, MUTED)
        self.order_axis, self.prep_axis = QValueAxis(), QValueAxis()
        for axis, color in ((self.order_axis, BAR.lighter(140)), (self.prep_axis, LINE)):
            _axis(axis, color)
            axis.setLabelFormat("%d")
        chart.addAxis(self.hours, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.order_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.prep_axis, Qt.AlignmentFlag.AlignRight)
        for series, scale in ((self.bars, self.order_axis), (self.line, self.prep_axis)):
            series.attachAxis(self.hours)
            series.attachAxis(scale)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # QtCharts turns an hour label that does not fit its slot into "...": on a narrow chart
        # (1024 px at 130 % text) the hours get a smaller type instead of disappearing.
        slot = (self.width() - AXES_WIDTH) / 24
        size = LABEL_PX if slot >= 38 else max(10, int(slot * 0.42))
        if self.hours.labelsFont().pixelSize() != size:
            self.hours.setLabelsFont(font(size, bold=True))

    def sizeHint(self) -> QSize:  # noqa: N802
        # A graphics view asks for room for its whole scene; asking for little lets the page
        # give the chart what is left after the figures and the buttons, which must never
        # scroll out of sight at 1024x600 (the chart stretches on bigger screens).
        return QSize(600, 170)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, 170)

    def set_data(self, counts: tuple[int, ...], prep: tuple[Decimal | None, ...]) -> None:
        self.counts, self.prep = counts, prep
        self.orders.remove(0, self.orders.count())
        self.orders.append(list(counts))
        self._scale(self.order_axis, max(counts, default=0))
        # A screen coordinate, the one place a figure leaves Decimal: the minutes themselves
        # stay Decimal in the figures and the labels (kds.kitchen.figures).
        self.line.replace([QPointF(hour, float(value)) for hour, value in enumerate(prep)
                           if value is not None])
        slowest = max((value for value in prep if value is not None), default=Decimal(0))
        self._scale(self.prep_axis, int(slowest.to_integral_value(rounding="ROUND_CEILING")))

    @staticmethod
    def _scale(axis: QValueAxis, top: int) -> None:
        """From 0 to a round number at or above the top value, with round ticks (0, 10, 20, 30
        rather than 0, 7, 15, 23, 31): read from two metres, a tick is a number to compare."""
        axis.setRange(0, max(top, 1))
        axis.setTickCount(min(max(top, 1), 4) + 1)
        if top > 4:
            axis.applyNiceNumbers()

    def _to_view(self, value: QPointF, series: QBarSeries | QLineSeries) -> QPointF:
        chart = self.chart()
        return QPointF(self.mapFromScene(chart.mapToScene(chart.mapToPosition(value, series))))

    def bar_rect(self, hour: int) -> QRectF:
        """Where hour's bar is drawn, in this widget (empty for an hour without orders)."""
        top_left = self._to_view(QPointF(hour - BAR_WIDTH / 2, self.counts[hour]), self.bars)
        bottom_right = self._to_view(QPointF(hour + BAR_WIDTH / 2, 0), self.bars)
        return QRectF(top_left, bottom_right)

    def line_points(self) -> list[QPointF]:
        """The prep line's points in this widget, one per hour with a finished order."""
        return [self._to_view(point, self.line) for point in self.line.points()]
