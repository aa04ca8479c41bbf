"""Shared by the language tests (test_french.py, test_french_formats.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from kds.platform.resources import resource_path
from kds.ui.i18n import install_language, remove_language


@pytest.fixture
def language(qapp: Any) -> Iterator[Any]:
    """Install a language as the app does at start; always back to English afterwards."""
    installed: list[Any] = []

    def use(setting: str, locale: QLocale | None = None) -> Any:
        translator = install_language(qapp, setting, resource_path("translations"), locale)
        installed.append(translator)
        return translator

    yield use
    for translator in installed:
        remove_language(qapp, translator)
