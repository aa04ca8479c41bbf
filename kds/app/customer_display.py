"""The app root's side of the customer display (issue 14): open it when `kds --customer-display`
or Settings → Customer display asks, on a second screen when there is one, fed by the board's
own store queries and refreshed each time the board re-reads the store (so a bump shows there
at once). Closed when the setting goes off or the connection ends.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kds.clock import Clock
from kds.ui.board.board import BoardScreen
from kds.ui.customer.display import CustomerDisplay
from kds.ui.sound import SoundPlayer

log = logging.getLogger(__name__)

ALONE_SIZE = (1024, 600)   # no second screen: a window of its own staff can drag


def other_screen(screens: Sequence[Any], main: Any) -> Any | None:
    """The screen the public sees: any screen but the kitchen's, None with only one."""
    return next((screen for screen in screens if screen is not main), None)


class CustomerDisplayHost:
    """Keeps at most one customer display open, following what was asked."""

    def __init__(self) -> None:
        self.display: CustomerDisplay | None = None

    def sync(self, wanted: bool, board: BoardScreen | None, clock: Clock, player: SoundPlayer,
             main: QWidget) -> CustomerDisplay | None:
        if not wanted or board is None:
            self.close()
            return None
        if self.display is None:
            self.display = self._open(board, clock, player, main)
        self.display.player = player   # Settings → sound off silences the chime too
        return self.display

    def close(self) -> None:
        if self.display is not None:
            self.display.close()
            self.display.deleteLater()
            self.display = None

    @staticmethod
    def _open(board: BoardScreen, clock: Clock, player: SoundPlayer,
              main: QWidget) -> CustomerDisplay:
        display = CustomerDisplay(board.source, clock, player=player,
                                  config=lambda: board.config)
        board.refreshed.connect(display.refresh)
        screen: QScreen | None = other_screen(QGuiApplication.screens(), main.screen())
        if screen is None:
            display.resize(*ALONE_SIZE)
            display.show()
        else:
            display.setScreen(screen)
            display.setGeometry(screen.geometry())
            display.showFullScreen()
        log.info("customer display opened (%s)", "second screen" if screen else "own window")
        return display
