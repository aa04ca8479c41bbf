"""Drawing a printed kitchen ticket with Qt: for system printers (kds.app.qt_printing) and the
fake printer's images (kds.tools.fakeprinter). Black on white, monospace, large lines in double
width and height, the allergy warning white on black — as a thermal printer prints it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from kds.kitchen.print_ticket import PrintLine

FONT_PX = 20


def _font() -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(FONT_PX)
    return font


def natural_size(lines: list[PrintLine], columns: int) -> tuple[float, float]:
    """Width and height of the ticket at FONT_PX, before any scaling."""
    metrics = QFontMetrics(_font())
    height = sum(metrics.height() * (2 if line.large else 1) for line in lines)
    return columns * metrics.horizontalAdvance("M"), height


def draw_ticket(painter: QPainter, lines: list[PrintLine], columns: int, width: float,
                max_height: float | None = None) -> float:
    """Draw `lines` from the painter's origin, `columns` characters across `width`; shrink to
    fit `max_height` when given. Returns the height used."""
    natural_width, natural_height = natural_size(lines, columns)
    scale = width / natural_width
    if max_height is not None and natural_height * scale > max_height:
        scale = max_height / natural_height
    font = _font()
    metrics = QFontMetrics(font)
    painter.save()
    painter.scale(scale, scale)
    y = 0.0
    for line in lines:
        size = 2 if line.large else 1
        font.setBold(line.bold)
        painter.setFont(font)
        painter.save()
        painter.translate(0, y)
        painter.scale(size, size)
        if line.inverse:
            painter.fillRect(0, 0, metrics.horizontalAdvance(line.text), metrics.height(),
                             QColor("black"))
        painter.setPen(QColor("white" if line.inverse else "black"))
        painter.drawText(0, 0, int(natural_width), metrics.height(),
                         Qt.AlignmentFlag.AlignLeft, line.text)
        painter.restore()
        y += metrics.height() * size
    painter.restore()
    return y * scale
