"""Small building blocks shared by the connect screens: plain-text labels, big touch buttons."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.theme import TOUCH, font

log = logging.getLogger(__name__)
# Why the connection asks for `catalog.read` (kds.app.connection.SCOPE), on the connection page
# beside the catalog's name (the sign-in page has no room left at 1024x600).
CATALOG_WHY = QT_TRANSLATE_NOOP(
    "Connection", "HubRise also lets this screen read your catalog: its tags mark allergens and "
                  "diets on tickets (nuts, gluten, vegan…) and send items to their stations.")
MUTED = "#a6adb4"
DISABLED_STYLE = ("QPushButton:disabled { background: #1f2328; color: #5d6670; "
                  "border: 2px dashed #3a4048; }")


def text_style(size: int, bold: bool = False, color: str | None = None) -> str:
    # A style sheet, not setFont(): the app's sheet sets QWidget font-size, which beats setFont.
    style = (f"background: transparent; font-size: {size}px;"
             f" font-weight: {'bold' if bold else 'normal'};")
    return style + (f" color: {color};" if color else "")


def plain_label(text: str = "", size: int = 22, bold: bool = False, wrap: bool = True,
                color: str | None = None) -> QLabel:
    """A label that never interprets rich text: names come from the network."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setFont(font(size, bold))
    label.setStyleSheet(text_style(size, bold, color))
    label.setWordWrap(wrap)
    return label


def big_button(text: str, role: str = "", height: int = TOUCH + 16, size: int = 24) -> QPushButton:
    button = QPushButton(text)
    if role:
        button.setObjectName(role)  # primaryButton / dangerButton come from the theme
    button.setMinimumHeight(height)
    button.setFont(font(size, bold=True))
    # Its own :disabled look: the theme's primary colour made a disabled button look tappable.
    button.setStyleSheet(f"QPushButton {{ font-size: {size}px; }} {DISABLED_STYLE}")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class TaskRunner:
    """Runs one coroutine at a time for a screen and hands the result back on the Qt thread.

    Keeps a reference to the task (asyncio only keeps weak ones) and reports errors instead of
    letting them vanish in the loop's exception handler.
    """

    def __init__(self) -> None:
        self.task: asyncio.Task[Any] | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done()

    def start(self, coro: Coroutine[Any, Any, Any], on_result: Callable[[Any], None],
              on_error: Callable[[Exception], None]) -> None:
        def finished(task: asyncio.Task[Any]) -> None:
            if task.cancelled():
                return
            exc = task.exception()
            if exc is None:
                on_result(task.result())
            elif isinstance(exc, Exception):
                # Type only: messages from lower layers are shown to staff, not logged twice.
                log.info("Connect screen task failed: %s", type(exc).__name__)
                on_error(exc)

        self.task = asyncio.ensure_future(coro)
        self.task.add_done_callback(finished)
