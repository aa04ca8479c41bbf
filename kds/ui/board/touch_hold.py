"""Keep tickets in place under a finger: while it is down, and for a moment after a tap.

A new cancellation jumping to the front, or a bumped ticket leaving, moved the next ticket
under the finger: three taps in a row landed on the wrong ticket. The board asks `holding()`
before it inserts, removes or reorders tickets, and re-reads when `released` fires.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

FINGER_DOWN = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                         QEvent.Type.TouchBegin})
FINGER_UP = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd,
                       QEvent.Type.TouchCancel})


class TouchHold(QObject):
    released = Signal()

    def __init__(self, hold_ms: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.down = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(self.release)

    def holding(self) -> bool:
        return self.down or self.timer.isActive()

    def watch(self, event: QEvent) -> None:
        """Feed it the events of the widgets fingers touch (the ticket views' viewports)."""
        if event.type() in FINGER_DOWN:
            self.down = True
            self.timer.stop()
        elif event.type() in FINGER_UP:
            self.down = False
            self.timer.start()

    def release(self) -> None:
        """The moment has passed (or a dialog took the finger): changes may apply."""
        self.timer.stop()
        if not self.down:
            self.released.emit()
