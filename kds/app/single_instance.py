"""The second start of KDS on one data dir: bring the running window to the front, then exit.

The lock itself is kds.platform.instance; this is the Qt side: a local socket named from the
data dir, on which the running app listens for "raise".
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

RAISE = b"raise\n"
RAISED = b"raised\n"
WAIT_MS = 2000
ALREADY_RUNNING_EXIT = 0  # the kitchen's KDS is up, which is what the person starting it wanted


def server_name(data_dir: Path) -> str:
    """One name per user and data dir (the socket lives in a shared temp dir on POSIX)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    key = f"{user}:{Path(data_dir).resolve()}".encode()
    return f"kds-{hashlib.sha256(key).hexdigest()[:20]}"


def ask_running_to_raise(data_dir: Path) -> bool:
    """True when the running app answered that its window is now in front."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(WAIT_MS)
    answered = socket.waitForReadyRead(WAIT_MS) and bytes(socket.readAll().data()) == RAISED
    socket.disconnectFromServer()
    return answered


class RaiseServer(QObject):
    """Listens while the app runs; each "raise" shows the window and brings it to the front."""

    def __init__(self, data_dir: Path, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(data_dir)
        # We hold the instance lock, so a socket left by a killed app is stale: remove it.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("Cannot listen for a second start (%s)", self.server.errorString())
        else:
            log.info("Listening for a second start on this data dir")
        self.server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda: self._on_request(socket))

    def _on_request(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.bring_to_front()
            socket.write(RAISED)
            socket.flush()
        socket.disconnectFromServer()

    def bring_to_front(self) -> None:
        log.info("KDS was started again on this data dir: bringing this window to the front")
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
