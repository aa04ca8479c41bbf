"""The connection page says why this screen reads the catalog (the `catalog.read` scope)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from kds.app.connection import SCOPE
from kds.hubrise.connection import ConnectionInfo
from kds.ui.connect.info_screen import ConnectionInfoScreen


class _NoDisconnect:
    async def disconnect(self, wipe_cache: bool) -> Any:
        raise AssertionError("not in this test")


def test_the_connection_page_says_the_catalog_is_read_for_allergens_and_stations(
        qtbot: Any) -> None:
    assert "catalog.read" in SCOPE
    screen = ConnectionInfoScreen(_NoDisconnect(), ConnectionInfo(
        api_url="https://api.hubrise.com/v1", catalog_id="psmlf", catalog_name="Bella Pizza"))
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    why = screen.findChild(QLabel, "catalogWhy")
    assert why is not None and why.isVisible()
    assert "catalog" in why.text() and "allergens" in why.text() and "stations" in why.text()
    assert why.textFormat().name == "PlainText"
