"""What went wrong, for staff: the connection, changes HubRise refused, orders set aside."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kds.sync.health import not_sent_line
from kds.store.set_aside import FailedChange, SetAside
from kds.ui.board.header import set_aside_text
from kds.ui.board.ticket import clean_text
from kds.ui.i18n import translate


class ProblemsDialog(QDialog):
    """Plain-text list; tapping a refused change opens that order's ticket."""

    orderChosen = Signal(str)

    def __init__(self, connection: str, failed: Sequence[FailedChange],
                 set_aside: Sequence[SetAside], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(translate("Problems", "What needs attention"))
        self.setModal(True)
        self.lines: list[str] = []   # every text shown, in order (what staff read)
        body = QWidget()
        column = QVBoxLayout(body)
        self._add(column, connection, bold=True)
        if failed:
            self._add(column, translate("Problems", "{count} change(s) HubRise did not take:")
                      .format(count=len(failed)), bold=True)
            for change in failed:
                self._failed_row(column, change)
        if set_aside:
            self._add(column, translate("Problems", "{orders} (last 24 h):").format(
                orders=set_aside_text(len(set_aside))), bold=True)
            for item in set_aside:
                self._add(column, f"{item.kind} {clean_text(item.reference, 40)} — "
                                  f"{clean_text(item.reason, 200)}")
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        close = QPushButton(translate("Problems", "Close"))
        close.setMinimumHeight(56)
        close.clicked.connect(self.accept)
        outer.addWidget(close)
        self.resize(760, 520)

    def _add(self, column: QVBoxLayout, text: str, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)   # reasons come from the network
        label.setWordWrap(True)
        label.setText(text)
        if bold:
            label.setStyleSheet("font-weight: bold;")
        column.addWidget(label)
        self.lines.append(text)
        return label

    def _failed_row(self, column: QVBoxLayout, change: FailedChange) -> None:
        reference = clean_text(change.reference, 40)
        self._add(column, f"{reference} — {clean_text(not_sent_line(change.reason), 200)}")
        if change.order_id is None:
            return
        # A short button: a long reason would be clipped on a button, so it sits on the label.
        button = QPushButton(translate("Problems", "Open order {reference}").format(
            reference=reference).replace("&", "&&"))  # "&": no shortcut
        button.setObjectName("problemOrderButton")
        button.setMinimumHeight(56)
        order_id = change.order_id
        button.clicked.connect(lambda: self._choose(order_id))
        column.addWidget(button)

    def _choose(self, order_id: str) -> None:
        self.accept()
        self.orderChosen.emit(order_id)
