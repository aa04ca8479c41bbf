"""Painting one line of a ticket card's body (items, options, notes, badges); plain text only.

Split from kds.ui.board.delegate, which places the lines (kds.ui.board.layout) and the parts.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from kds.ui import theme
from kds.ui.board.layout import (
    GAP,
    NOTE_KINDS,
    WRAP,
    Block,
    allergen_rects,
    font_for,
    font_key,
    pill_width,
    prefix_width,
)

ALLERGEN_MARK = "#e53935"           # the ⚠ line and the frame of each allergy word in a note
ALLERGEN_MARK_FILL = {"cnote": "#ff8a80"}   # behind black-on-yellow; else dark red
ALLERGEN_MARK_DARK = "#b71c1c"

_TEXT_COLOURS = {
    "customer": theme.PALETTE.muted, "cnote": theme.PALETTE.note_text,
    "deal": theme.PALETTE.option_list, "option": theme.PALETTE.option_list,
    "inote": theme.PALETTE.note_bg, "snote": theme.PALETTE.muted, "more": theme.PALETTE.problem,
    "problem": "#1b1b1b", "allergy": "#ffffff", "dnote": theme.PALETTE.text,
    "ids": theme.PALETTE.muted, "imark": "#ffffff",
}


def paint_block(painter: QPainter, line: QRect, block: Block, checked: bool) -> None:
    rect = line.adjusted(block.indent, 0, 0, 0)
    painter.setFont(font_for(font_key(block.kind)))
    flags = WRAP | int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if checked:
        _paint_checked(painter, line, rect, block, flags)
        return
    if block.kind in ("item", "charge"):
        painter.setPen(QColor(theme.PALETTE.text))
        painter.drawText(QRect(line.left(), rect.top(), block.indent - 4, block.height),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                         block.prefix)
    elif block.kind == "removed":
        _paint_removed(painter, rect, block, flags)
        return
    elif block.kind == "cnote":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PALETTE.note_bg))
        painter.drawRoundedRect(rect, 6, 6)
        rect = rect.adjusted(6, 4, -6, -4)
    elif block.kind in ("service", "channel") and block.prefix:
        rect = _paint_pill(painter, rect, block)
    elif block.kind in ("remote", "problem", "sync", "allergy") or block.fill:
        _paint_badge_fill(painter, rect, block.kind, block.fill)
        flags = WRAP | int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if block.kind in NOTE_KINDS or block.kind == "imark":
        paint_allergen_marks(painter, block, rect)
    if block.kind == "channel":
        return   # the pill is the whole line
    ink = "" if block.kind == "service" else block.ink   # the channel's ink is for its pill
    painter.setPen(QColor(ink or _TEXT_COLOURS.get(block.kind, theme.PALETTE.text)))
    painter.drawText(rect, flags, block.text)

def paint_allergen_marks(painter: QPainter, block: Block, rect: QRect) -> list[QRectF]:
    """A red box behind each allergy word of a note (the ⚠ line names them in words)."""
    marks = allergen_rects(block.text, block.kind, rect)
    if marks:
        painter.setPen(QPen(QColor(ALLERGEN_MARK), 2))
        painter.setBrush(QColor(ALLERGEN_MARK_FILL.get(block.kind, ALLERGEN_MARK_DARK)))
        for mark in marks:
            painter.drawRoundedRect(mark.adjusted(-2, 0, 2, 0), 3, 3)
    return marks

def _paint_checked(painter: QPainter, line: QRect, rect: QRect, block: Block,
                   flags: int) -> None:
    """A ticked-off item: dimmed and struck through, with a tick in the quantity column."""
    painter.setPen(QColor(theme.PALETTE.done_item))
    if block.kind == "item":
        painter.drawText(QRect(line.left(), rect.top(), block.indent - 4, block.height),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                         "✔")
    font = QFont(painter.font())
    font.setStrikeOut(block.kind == "item")
    painter.setFont(font)
    text = f"{block.prefix} {block.text}" if block.kind == "removed" else block.text
    painter.drawText(rect, flags, text)

def _paint_removed(painter: QPainter, rect: QRect, block: Block, flags: int) -> None:
    # "NO" stays readable; the option name itself is struck out.
    painter.setPen(QColor(theme.PALETTE.removed))
    offset = prefix_width(block.prefix)
    painter.drawText(rect, flags, block.prefix)
    struck = QFont(font_for("item"))
    struck.setStrikeOut(True)
    struck.setBold(False)
    painter.setFont(struck)
    painter.drawText(rect.adjusted(offset, 0, 0, 0), flags, block.text)

def _paint_pill(painter: QPainter, rect: QRect, block: Block) -> QRect:
    """The channel badge (block.prefix) on the channel's colour with its words: in front of the
    service line (one line, elided) or on a line of its own (wrapped, never cut). Returns
    where the service words go."""
    own_line = block.kind == "channel"
    height = rect.height() if own_line else QFontMetrics(painter.font()).height()
    pill = QRect(rect.left(), rect.top(), pill_width(block.prefix, rect.width(), block.kind),
                 height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(block.fill or theme.PALETTE.badge_pending))
    painter.drawRoundedRect(pill, 8, 8)
    font = font_for("channel")
    painter.setFont(font)
    painter.setPen(QColor(block.ink or theme.PALETTE.text))
    words = pill.adjusted(8, 0, -8, 0)
    label = block.prefix if own_line else QFontMetrics(font).elidedText(
        block.prefix, Qt.TextElideMode.ElideRight, words.width() + 1)
    painter.drawText(words, WRAP | int(Qt.AlignmentFlag.AlignLeft
                                       | Qt.AlignmentFlag.AlignVCenter), label)
    painter.setFont(font_for(font_key(block.kind)))
    return rect.adjusted(pill.width() + GAP, 0, 0, 0)

def _paint_badge_fill(painter: QPainter, rect: QRect, kind: str, fill: str = "") -> None:
    colour = fill or {"remote": theme.PALETTE.remote, "problem": theme.PALETTE.problem,
                      "sync": theme.PALETTE.badge_pending, "allergy": ALLERGEN_MARK}[kind]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(rect.adjusted(-4, 0, 4, 0), 5, 5)

