"""The hour chart of the Figures screen, drawn with QPainter (no QtCharts in the bundle): a bar
per hour for orders, a line for the median prep time, labels big enough to read from 2 m."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kds.ui.theme import PALETTE, font

BACKGROUND = QColor(PALETTE.card)
BAR = QColor(PALETTE.button)             # orders: the app's blue
LINE = QColor("#f5b041")                 # prep minutes: amber, apart from the bars
TEXT = QColor(PALETTE.text)
MUTED = QColor(PALETTE.muted)
LABEL_PX = 20
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 64, 36, 34


class HourChart(QWidget):
    """24 hours left to right; bars scale to the busiest hour, the line to the slowest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourChart")
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.counts: tuple[int, ...] = (0,) * 24
        self.prep: tuple[Decimal | None, ...] = (None,) * 24

    def set_data(self, counts: tuple[int, ...], prep: tuple[Decimal | None, ...]) -> None:
        self.counts, self.prep = counts, prep
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(1, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(1, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def bar_rect(self, hour: int) -> QRectF:
        """Where hour's bar is drawn (empty for an hour without orders)."""
        plot = self._plot()
        slot = plot.width() / 24
        top = max(self.counts) or 1
        height = plot.height() * self.counts[hour] / top
        return QRectF(plot.left() + hour * slot + slot * 0.15, plot.bottom() - height,
                      slot * 0.7, height)

    def line_points(self) -> list[QPointF]:
        """The prep line's points, one per hour with a finished order."""
        plot = self._plot()
        slot = plot.width() / 24
        top = max((p for p in self.prep if p is not None), default=Decimal(1)) or Decimal(1)
        return [QPointF(plot.left() + hour * slot + slot / 2,
                        plot.bottom() - plot.height() * float(value / top))
                for hour, value in enumerate(self.prep) if value is not None]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        self._paint_bars(painter)
        self._paint_line(painter)
        self._paint_labels(painter)
        painter.end()

    def _paint_bars(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAR)
        for hour in range(24):
            if self.counts[hour]:
                painter.drawRect(self.bar_rect(hour))

    def _paint_line(self, painter: QPainter) -> None:
        points = self.line_points()
        if not points:
            return
        painter.setPen(QPen(LINE, 5))
        painter.drawPolyline(points)
        painter.setBrush(LINE)
        for point in points:
            painter.drawEllipse(point, 7, 7)

    def _paint_labels(self, painter: QPainter) -> None:
        plot = self._plot()
        slot = plot.width() / 24
        painter.setFont(font(LABEL_PX, bold=True))
        painter.setPen(MUTED)
        for hour in range(0, 24, 3):
            painter.drawText(QRectF(plot.left() + hour * slot - 10, plot.bottom() + 4, 60, 28),
                             Qt.AlignmentFlag.AlignLeft, f"{hour:02d}h")
        painter.setPen(BAR.lighter(140))
        painter.drawText(QRectF(4, 4, 300, 28), Qt.AlignmentFlag.AlignLeft,
                         f"orders (max {max(self.counts)})")
        painter.setPen(LINE)
        slowest = max((p for p in self.prep if p is not None), default=None)
        prep_text = "prep, min" if slowest is None else \
            f"median prep (max {slowest.normalize():f} min)"
        half = self.width() / 2   # each legend gets its half: 300 px cut "median" to "edian"
        painter.drawText(QRectF(half, 4, half - 4, 28), Qt.AlignmentFlag.AlignRight, prep_text)
