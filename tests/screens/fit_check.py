"""What a page shows at a given window size: buttons out of the window or squeezed below their
text, after scrolling each into view as a finger would. Used by tests and by hand:

    QT_SCALE_FACTOR=1.3 python -m tests.screens.fit_check 1024 600
    KDS_SCREEN_LANG=fr python -m tests.screens.fit_check 1024 600
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _scroller(widget: Any) -> Any:
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def page_problems(window: Any, key: str) -> list[str]:
    """Every visible button of the page (and the navigation) must be reachable: inside the
    window once scrolled into view, fully visible there, and as wide as its text needs."""
    from PySide6.QtWidgets import QApplication

    window.show_page(key)
    QApplication.processEvents()
    return button_problems(window, window, key)


def order_view_problems(window: Any) -> list[str]:
    """The whole-order view (issue 14) opened over the board: the same rules for its buttons,
    inside the window it opens over."""
    from PySide6.QtWidgets import QApplication

    window.show_page("board")
    board = window.pages["board"]
    view = board.open_details(board.models["active"].tickets()[0].order_id)
    QApplication.processEvents()
    problems = button_problems(view, window, "order view")
    from PySide6.QtCore import QPoint, QRect

    if not QRect(window.mapToGlobal(QPoint(0, 0)), window.size()).contains(view.geometry()):
        problems.append(f"order view: {view.geometry().getRect()} hangs off the window")
    if view.card_area.viewport().width() < view.canvas.width():
        problems.append(f"order view: card {view.canvas.width()} wider than its area")
    view.close()
    return problems


def button_problems(root: Any, window: Any, key: str) -> list[str]:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QApplication

    # Global coordinates: a dialog is a window of its own, over the main one.
    inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    problems = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        area = _scroller(button)
        if area is not None:
            area.ensureWidgetVisible(button, 0, 0)
            QApplication.processEvents()
        rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        seen = button.visibleRegion().boundingRect().size()
        name = button.text().replace("\n", " ")[:30] or button.objectName()
        if not inside.contains(rect):
            problems.append(f"{key}: '{name}' {rect.getRect()} outside {inside.size().toTuple()}")
        elif seen != button.size():
            problems.append(f"{key}: '{name}' partly hidden {seen.toTuple()}")
        elif button.width() < button.sizeHint().width():
            problems.append(f"{key}: '{name}' squeezed {button.width()} < "
                            f"{button.sizeHint().width()}")
    return problems


def check(width: int, height: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kds.ui.theme import apply_theme
    from tests.screens.all_screens import PAGES, build_window, use_language

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    translator = use_language(os.environ.get("KDS_SCREEN_LANG", "en"))  # noqa: F841 - kept alive
    window = build_window()
    hint = window.minimumSizeHint()
    window.resize(width, height)
    window.show()
    app.processEvents()
    problems = [p for key in PAGES for p in page_problems(window, key)]
    problems += order_view_problems(window)
    result = {"size": window.size().toTuple(), "minimum": hint.toTuple(), "problems": problems}
    window.close()
    return result


if __name__ == "__main__":
    w, h = (int(v) for v in sys.argv[1:3])
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    print(json.dumps(check(int(w / scale), int(h / scale))))
