"""What a delegate actually paints: every drawText call with its rectangle, font and string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem


@dataclass
class Drawn:
    text: str
    rect: QRect
    pixel_size: int
    bold: bool

    @property
    def plain(self) -> str:
        """The text without the direction isolates (U+2068/U+2069) that wrap network fields."""
        return self.text.replace("\u2068", "").replace("\u2069", "")


class RecordingPainter(QPainter):
    """A real painter (onto an image) that also keeps what drawText was asked to draw."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.drawn: list[Drawn] = []

    def drawText(self, *args: Any) -> Any:  # noqa: N802 (Qt name)
        text = next((arg for arg in reversed(args) if isinstance(arg, str)), "")
        rect = next((QRect(arg) for arg in args if isinstance(arg, QRect)), QRect())
        font = self.font()
        self.drawn.append(Drawn(text, rect, font.pixelSize(), font.bold()))
        return super().drawText(*args)

    def drawTextLayout(self, layout: Any, left: int, top: int, width: int) -> None:
        """Called by the delegate for notes laid out with QTextLayout (highlighted words)."""
        self.drawn.append(Drawn(layout.text(), QRect(left, top, width, int(
            layout.boundingRect().height())), layout.font().pixelSize(), layout.font().bold()))


def paint_index(delegate: Any, index: Any, width: int | None = None) -> list[Drawn]:
    """Paint one model row the way the view would, at the size the delegate asks for."""
    option = QStyleOptionViewItem()
    hint = delegate.sizeHint(option, index)
    option.rect = QRect(0, 0, hint.width() if width is None else width, hint.height())
    image = QImage(option.rect.width() + 2, option.rect.height() + 2, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        delegate.paint(painter, option, index)
    finally:
        painter.end()
    return painter.drawn


def paint_order_view(view: Any) -> list[Drawn]:
    """What a whole-order view (kds.ui.board.order_view) paints on its card, as its canvas's
    paintEvent does: the view's delegate over the canvas's own rectangle."""
    canvas = view.canvas
    image = QImage(canvas.width(), canvas.height(), QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        canvas.delegate.paint(painter, canvas.option(), canvas.model.index(0, 0))
    finally:
        painter.end()
    return painter.drawn


def order_view_text(view: Any) -> str:
    """Every line the whole-order view paints, one a line, without direction isolates."""
    return "\n".join(drawn.plain for drawn in paint_order_view(view))
