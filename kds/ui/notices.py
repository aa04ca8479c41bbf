"""A strip of notices above every page: things staff must know that are not about one order
(a repaired store, nothing can be saved, where the access token is kept).

Each notice is plain text (paths and messages may hold anything) with an OK button; showing the
same key again replaces its text instead of stacking a copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kds.ui.theme import TOUCH
from kds.ui.i18n import translate

LEVEL_COLOURS = {"warning": "#b9770e", "error": "#c0392b", "info": "#2c3e50"}


class NoticeBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[str, tuple[QWidget, QLabel]] = {}
        self.setVisible(False)

    def show_notice(self, key: str, text: str, level: str = "warning") -> None:
        if key in self._rows:
            self._rows[key][1].setText(text)
            return
        row = QWidget()
        row.setObjectName(f"notice-{key}")
        row.setStyleSheet(f"background: {LEVEL_COLOURS.get(level, LEVEL_COLOURS['warning'])};"
                          "color: #ffffff;")
        line = QHBoxLayout(row)
        line.setContentsMargins(12, 6, 6, 6)
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        line.addWidget(label, 1)
        ok = QPushButton(translate("Notices", "OK"))
        ok.setMinimumSize(TOUCH, TOUCH * 3 // 4)
        ok.clicked.connect(lambda: self.dismiss(key))
        line.addWidget(ok)
        self._layout.addWidget(row)
        self._rows[key] = (row, label)
        self.setVisible(True)

    def dismiss(self, key: str) -> None:
        row = self._rows.pop(key, None)
        if row is not None:
            self._layout.removeWidget(row[0])
            row[0].deleteLater()
        self.setVisible(bool(self._rows))

    def texts(self) -> dict[str, str]:
        """What is shown now, by key."""
        return {key: label.text() for key, (_row, label) in self._rows.items()}
