"""The only Qt link of the sync layer: turns the engine's news into Qt signals for the widgets."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kds.sync.health import Health


class EngineNews(Protocol):
    """What the bridge uses of kds.sync.engine.SyncEngine."""

    def add_listener(self, listener: object) -> None: ...

    def remove_listener(self, listener: object) -> None: ...

    def health(self) -> Health: ...

    def kick(self) -> None: ...


class SyncBridge(QObject):
    """Registers itself as an engine listener; the engine runs on the qasync loop (GUI thread)."""

    ordersChanged = Signal(list)
    locationChanged = Signal()
    catalogChanged = Signal()
    healthChanged = Signal()

    def __init__(self, engine: EngineNews, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        engine.add_listener(self)

    def detach(self) -> None:
        self.engine.remove_listener(self)

    # Listener interface called by kds.sync.news.News.
    def orders_changed(self, ids: list[str]) -> None:
        self.ordersChanged.emit(list(ids))

    def location_changed(self) -> None:
        self.locationChanged.emit()

    def catalog_changed(self) -> None:
        self.catalogChanged.emit()

    def health_changed(self) -> None:
        self.healthChanged.emit()

    def health(self) -> Health:
        return self.engine.health()

    def kick(self) -> None:
        """The UI enqueued a staff action: send it now."""
        self.engine.kick()
