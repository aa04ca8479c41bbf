"""The customer-facing "Preparing / Ready" board (issue 14), read from the kitchen's store.

What may be shown is decided in kds.kitchen.customer_display (codes or "First L.", never a
phone, an address or an item); this widget only lays those labels out large enough to read
across a room, and chimes once when an order becomes ready. Labels are drawn as plain text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kds.clock import Clock
from kds.kitchen.customer_display import CounterOrder, CustomerCall, customer_calls
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.store.rows import OrderRow
from kds.ui import theme
from kds.ui.board.source import BoardConfig
from kds.ui.i18n import translate
from kds.ui.sound import NullSoundPlayer, SoundPlayer

log = logging.getLogger(__name__)

CHIME = "order_ready"
REFRESH_MS = 5000   # collected orders leave on time even when the kitchen is quiet
PREPARING_TITLE = QT_TRANSLATE_NOOP("Customer", "Preparing")
READY_TITLE = QT_TRANSLATE_NOOP("Customer", "Ready")
READY_GREEN = "#2e7d32"
PREPARING_GREY = "#3b4148"


class CounterSource(Protocol):
    """What the display reads: the board's own queries on the same store."""

    def active_orders(self, now: datetime, lead_minutes: int) -> Sequence[OrderRow]: ...

    def done_today(self, now: datetime, tz: str | None) -> Sequence[OrderRow]: ...


def counter_orders(rows: Iterable[OrderRow]) -> list[CounterOrder]:
    return [CounterOrder(row.id, row.status, row.service_type, row.first_seen_at,
                         row.last_status_change_at, row.raw) for row in rows]


class CustomerDisplay(QWidget):
    """Two columns, Preparing and Ready, of the labels the kitchen rule allows."""

    def __init__(self, source: CounterSource, clock: Clock, *, player: SoundPlayer | None = None,
                 config: Callable[[], BoardConfig] = BoardConfig, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Customer", "Your order"))
        self.source, self.clock = source, clock
        self.player = player or NullSoundPlayer()
        self.config = config   # the board's: its "today" and which orders are active yet
        self.calls: list[CustomerCall] = []
        self._ready: set[str] | None = None   # None until the first read: no chime at start
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(theme.PALETTE.background))
        self.setPalette(palette)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self.refresh()

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the store; chime once for each order that has just become ready."""
        now = self.clock.now()
        try:
            config = self.config()
            rows = [*self.source.active_orders(now, config.lead_minutes),
                    *self.source.done_today(now, config.timezone_name)]
        except Exception:   # a locked store: keep showing what was there
            log.exception("customer display could not read orders")
            return
        calls = customer_calls(counter_orders(rows), now)
        ready = {call.order_id for call in calls if call.ready}
        if self._ready is not None and ready - self._ready:
            self.player.play(CHIME)   # one chime, even when two orders are ready at once
        self._ready = ready
        if calls != self.calls:
            self.calls = calls
            self.update()

    def preparing(self) -> list[str]:
        return [call.label for call in self.calls if not call.ready]

    def ready(self) -> list[str]:
        return [call.label for call in self.calls if call.ready]

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.paint_board(painter, self.rect())
        finally:
            painter.end()

    def paint_board(self, painter: QPainter, rect: QRect) -> None:
        """Everything the display shows, painted into `rect` (tests record these calls)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = max(8, rect.width() // 80)
        split = rect.left() + rect.width() * 2 // 5
        left = QRect(rect.left() + gap, rect.top() + gap, split - rect.left() - 2 * gap,
                     rect.height() - 2 * gap)
        right = QRect(split + gap, rect.top() + gap, rect.right() - split - 2 * gap,
                      rect.height() - 2 * gap)
        self._paint_column(painter, left, translate("Customer", PREPARING_TITLE),
                           self.preparing(), PREPARING_GREY, rect.height() // 14)
        self._paint_column(painter, right, "✔ " + translate("Customer", READY_TITLE),
                           self.ready(), READY_GREEN, rect.height() // 9)

    def _paint_column(self, painter: QPainter, area: QRect, title: str, labels: list[str],
                      fill: str, size: int) -> None:
        title_height = max(40, area.height() // 8)
        band = QRect(area.left(), area.top(), area.width(), title_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(band, 12, 12)
        painter.setPen(QColor(theme.PALETTE.text))
        _draw(painter, band, title, _font(title_height * 3 // 5, bold=True))
        body = QRect(area.left(), band.bottom() + 12, area.width(),
                     area.bottom() - band.bottom() - 12)
        self._paint_labels(painter, body, labels, max(18, size))

    @staticmethod
    def _paint_labels(painter: QPainter, body: QRect, labels: list[str], size: int) -> None:
        """Tiles in rows, as large as the room allows (down to 60 % when the queue is long); a
        label too wide is elided; still more labels than room: the last tile says how many."""
        if not labels:
            return
        grid = _grid(body, labels, size)
        for smaller in range(size * 9 // 10, size * 6 // 10, -max(1, size // 10)):
            if grid.capacity >= len(labels):
                break
            grid = _grid(body, labels, smaller)
        shown = labels if len(labels) <= grid.capacity else labels[: grid.capacity - 1]
        painter.setPen(QColor(theme.PALETTE.text))
        for position, label in enumerate(shown):
            _draw(painter, grid.tile(body, position), label, grid.font)
        if len(shown) < len(labels):
            _draw(painter, grid.tile(body, len(shown)), f"+{len(labels) - len(shown)}", grid.font)


@dataclass(frozen=True)
class _Grid:
    font: QFont
    columns: int
    rows: int
    tile_w: int
    tile_h: int

    @property
    def capacity(self) -> int:
        return self.columns * self.rows

    def tile(self, body: QRect, position: int) -> QRect:
        return QRect(body.left() + (position % self.columns) * self.tile_w,
                     body.top() + (position // self.columns) * self.tile_h,
                     self.tile_w, self.tile_h)


def _grid(body: QRect, labels: list[str], size: int) -> _Grid:
    font = _font(size, bold=True)
    widest = max(QFontMetrics(font).horizontalAdvance(label) for label in labels) + size // 2
    if widest > body.width():   # a long name: smaller letters rather than a cut-off initial
        size = max(14, size * body.width() // widest)
        font = _font(size, bold=True)
        widest = max(QFontMetrics(font).horizontalAdvance(label) for label in labels) + size // 2
    tile_h = QFontMetrics(font).height() + size // 3
    columns = max(1, min(body.width() // max(1, widest), len(labels)))
    return _Grid(font, columns, max(1, body.height() // tile_h), body.width() // columns, tile_h)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(max(8, pixels))
    font.setBold(bold)
    return font


def _draw(painter: QPainter, rect: QRect, text: str, font: QFont) -> None:
    painter.setFont(font)
    elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 8)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), elided)   # plain text, no markup
