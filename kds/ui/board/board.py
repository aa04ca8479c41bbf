"""The kitchen board screen: header, Active / Scheduled / Done today tabs, all-day panel, undo bar.

Keyboard and bump bar (a bump bar is a keyboard):
    ← → ↑ ↓       move the selection between tickets
    Enter, Space  bump the selected ticket (its main button: next status, recall, or "got it")
    Backspace, R  recall: undo the last bump while the undo bar shows, otherwise recall the
                  selected ticket on the Done today tab
    M             open the selected ticket's menu (reject, cancel, any status)
    1 / 2 / 3     show Active / Scheduled / Done today
    Esc           silence the alert sound for 5 minutes (tickets stay highlighted)
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta
from typing import Any, Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QDialog, QHBoxLayout, QLabel, QListView, QPushButton, QScroller,
    QStackedWidget, QVBoxLayout, QWidget,
)

from kds.clock import Clock
from kds.hubrise.models import NotAnOrder, parse_order
from kds.store.rows import OrderRow
from kds.ui.board.alerts import Alerter
from kds.ui.board.allday import AllDayPanel
from kds.ui.board.delegate import TicketDelegate, ticket_lines
from kds.ui.board.dialogs import AcceptDialog, TicketDetails, TicketMenu
from kds.ui.board.header import HeaderBar, HeaderInfo
from kds.ui.board.model import TicketModel
from kds.ui.board.source import BoardConfig, BoardSource
from kds.ui.board.ticket import TicketView, build_ticket, sort_key
from kds.ui.board.undo import Bump, UndoBar
from kds.ui.sound import NullSoundPlayer, SoundPlayer

log = logging.getLogger(__name__)

TABS = ("active", "scheduled", "done")
SILENCE_SECONDS = 300


class TicketListView(QListView):
    """Tickets flow top to bottom in columns, columns left to right; scrolls sideways."""

    def __init__(self, delegate: TicketDelegate, parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(6)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        delegate = self.itemDelegate()
        if isinstance(delegate, TicketDelegate):
            # The viewport is not resized yet here; derive its height from the new size.
            bar = self.horizontalScrollBar().sizeHint().height()
            usable = event.size().height() - bar - 2 * self.frameWidth()
            delegate.set_max_height(usable - 2 * self.spacing() - 4)
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class BoardScreen(QWidget):
    def __init__(self, source: BoardSource, clock: Clock, config: BoardConfig | None = None,
                 player: SoundPlayer | None = None, parent: Any = None,
                 parse: Callable[[Any], Any] = parse_order) -> None:
        super().__init__(parent)
        self.source, self.clock = source, clock
        self.config = config or BoardConfig()
        self.player = player or NullSoundPlayer()
        self._parse = parse
        self._cache: dict[str, tuple[OrderRow, TicketView]] = {}
        self._last_refresh = float("-inf")
        self.alerter = Alerter(clock, self.player, self.config.alert_repeat_seconds)
        self.models = {tab: TicketModel(self) for tab in TABS}
        # One delegate per view: each caches layouts for its own viewport height.
        self.delegates = {tab: self._delegate() for tab in TABS}
        self.delegate = self.delegates["active"]
        self.views = {tab: TicketListView(self.delegates[tab]) for tab in TABS}
        self.header = HeaderBar(self.config.tz)
        self.all_day = AllDayPanel()
        self.undo_bar = UndoBar(clock, self.config.undo_seconds)
        self.undo_bar.undoRequested.connect(self._undo)
        self.dialog: QDialog | None = None
        self._build_layout()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(1000)
        self.refresh()

    def _delegate(self) -> TicketDelegate:
        delegate = TicketDelegate(self, width=self.config.card_width, tz=self.config.tz,
                                  thresholds=self.config.thresholds)
        delegate.now = self.clock.now()
        delegate.bumpClicked.connect(self.press_main_button)
        delegate.menuClicked.connect(self.open_menu)
        delegate.cardTouched.connect(self.touch)
        delegate.moreClicked.connect(self.open_details)
        return delegate

    # -- layout -------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.stack = QStackedWidget()
        for tab in TABS:
            view = self.views[tab]
            view.setModel(self.models[tab])
            view.installEventFilter(self)
            self.stack.addWidget(view)
        board = QHBoxLayout()
        board.setContentsMargins(0, 0, 0, 0)
        board.addWidget(self.stack, 1)
        board.addWidget(self.all_day)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self._tab_bar())
        banners = QHBoxLayout()
        banners.setSpacing(0)
        banners.addWidget(self._banner("alertBanner"), 1)
        banners.addWidget(self._banner("changeBanner"), 1)
        layout.addLayout(banners)
        layout.addLayout(board, 1)
        layout.addWidget(self.undo_bar)

    def _tab_bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 12, 6)
        self.tab_group = QButtonGroup(self)
        self.tab_buttons: dict[str, QPushButton] = {}
        for position, tab in enumerate(TABS):
            button = QPushButton()
            button.setCheckable(True)
            button.setMinimumSize(220, 64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, t=tab: self.show_tab(t))
            self.tab_group.addButton(button, position)
            self.tab_buttons[tab] = button
            row.addWidget(button)
        self.tab_buttons["active"].setChecked(True)
        row.addStretch(1)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.message)
        self.silence_button = QPushButton("♪ Mute 5 min")
        self.silence_button.setMinimumSize(220, 64)
        self.silence_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.silence_button.clicked.connect(lambda: self.alerter.silence(SILENCE_SECONDS))
        row.addWidget(self.silence_button)
        return bar

    def _banner(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setMinimumHeight(48)
        label.setMinimumWidth(100)
        label.setContentsMargins(16, 0, 16, 0)
        label.hide()
        setattr(self, name.replace("Banner", "_banner"), label)
        return label

    # -- data ---------------------------------------------------------------------------------
    def current_tab(self) -> str:
        return TABS[self.stack.currentIndex()]

    def show_tab(self, tab: str) -> None:
        self.stack.setCurrentIndex(TABS.index(tab))
        self.tab_buttons[tab].setChecked(True)
        self.views[tab].setFocus()

    def set_header(self, info: HeaderInfo) -> None:
        self.header.set_info(info, self.clock.now())

    def refresh(self) -> None:
        """Re-read the store and apply the differences to the three boards."""
        now, lead = self.clock.now(), self.config.lead_minutes
        self._last_refresh = self.clock.monotonic()
        try:
            active = list(self.source.active_orders(now, lead))
            scheduled = list(self.source.scheduled_orders(now, lead))
            done = list(self.source.done_today(now, self.config.timezone_name))
            counts = list(self.source.all_day_counts(now, lead))
        except Exception:   # a locked or broken database must not blank the screen
            log.exception("board refresh failed")
            self._say("⚠ Could not read orders; retrying")
            return
        # Cancelled-by-HubRise tickets stay on the active board until someone dismisses them.
        pinned = [row for row in done if row.remote_change]
        # HubRise changes go first: nobody should have to scroll to find a cancellation.
        active_tickets = sorted(self._tickets(active + pinned),
                                key=lambda t: (t.remote_change is None, sort_key(t)))
        self.models["active"].set_tickets(active_tickets)
        self.models["scheduled"].set_tickets(sorted(self._tickets(scheduled), key=sort_key))
        self.models["done"].set_tickets(self._tickets(done))
        self.all_day.set_counts(counts)
        self._forget(active + scheduled + done)
        self._update_alerts(active_tickets + self.models["scheduled"].tickets())
        self._update_tab_labels()
        self._update_sync_counts()

    def _tickets(self, rows: Sequence[OrderRow]) -> list[TicketView]:
        seen: set[str] = set()
        tickets = []
        for row in rows:
            if row.id in seen:
                continue
            seen.add(row.id)
            ticket = self._ticket(row)
            if ticket is not None:
                tickets.append(ticket)
        return tickets

    def _ticket(self, row: OrderRow) -> TicketView | None:
        cached = self._cache.get(row.id)
        if cached is not None and cached[0] == row:
            return cached[1]
        try:
            order = self._parse(row.raw)
        except NotAnOrder:
            log.warning("order %s has an unreadable payload", row.id[:40])
            return None
        ticket = build_ticket(row, order, self.config.thresholds, self.config.preparation_minutes)
        self._cache[row.id] = (row, ticket)
        return ticket

    def _forget(self, rows: Sequence[OrderRow]) -> None:
        keep = {row.id for row in rows}
        for order_id in [key for key in self._cache if key not in keep]:
            del self._cache[order_id]

    def _update_alerts(self, tickets: list[TicketView]) -> None:
        unseen = [t.order_id for t in tickets if t.is_new and not t.done]
        changed = [t.order_id for t in tickets if t.remote_change]
        self.alerter.update(unseen, changed)
        self.alert_banner.setVisible(bool(unseen))
        self.alert_banner.setText(f"★ {len(unseen)} NEW ORDER{'S' if len(unseen) > 1 else ''}"
                                  " — tap to acknowledge")
        self.change_banner.setVisible(bool(changed))
        refs = ", ".join(t.reference + " " + t.remote_label.split(" ")[1]
                         for t in tickets if t.remote_change)
        self.change_banner.setText(f"✖ HubRise: {refs}")

    def _update_tab_labels(self) -> None:
        names = {"active": "Active", "scheduled": "Scheduled", "done": "Done today"}
        for tab, button in self.tab_buttons.items():
            button.setText(f"{names[tab]} ({self.models[tab].rowCount()})")

    def _update_sync_counts(self) -> None:
        try:
            counts = self.source.outbox_counts()
        except Exception:
            log.exception("outbox counts unavailable")
            return
        info = dataclasses.replace(self.header.info, pending=counts.pending, failed=counts.failed)
        self.header.set_info(info, self.clock.now())

    def tick(self) -> None:
        """Once a second: timers and colours, alert repeats, undo expiry, periodic re-read."""
        now = self.clock.now()
        for delegate in self.delegates.values():
            delegate.now = now
        self.header.refresh(now)
        self.alerter.tick()
        self.undo_bar.tick()
        if self.clock.monotonic() - self._last_refresh >= self.config.refresh_seconds:
            self.refresh()
        else:
            self.stack.currentWidget().viewport().update()

    # -- actions ------------------------------------------------------------------------------
    def ticket(self, order_id: str) -> TicketView | None:
        for model in self.models.values():
            found = model.ticket(order_id)
            if found is not None:
                return found
        return None

    def touch(self, order_id: str) -> None:
        """Any tap on a ticket acknowledges it: the highlight and the sound stop."""
        ticket = self.ticket(order_id)
        self.alerter.acknowledge(order_id)
        if ticket is not None and ticket.is_new:
            self._call(self.source.mark_seen, order_id)
            self.refresh()

    def press_main_button(self, order_id: str) -> AcceptDialog | None:
        ticket = self.ticket(order_id)
        if ticket is None or not ticket.main_action:
            return None
        if ticket.main_action == "dismiss":
            self.dismiss_change(order_id)
        elif ticket.main_action == "recall":
            self.set_status(order_id, ticket.next_status or "accepted")
        elif ticket.next_status == "accepted" and self.config.ask_confirmed_time:
            return self._ask_accept_time(ticket)
        elif ticket.next_status:
            self.bump(ticket, ticket.next_status)
        return None

    def bump(self, ticket: TicketView, status: str, confirmed_time: Any = None) -> None:
        if self.set_status(ticket.order_id, status, confirmed_time=confirmed_time):
            self.undo_bar.offer(
                Bump(ticket.order_id, ticket.reference, ticket.status, status,
                     self.clock.monotonic()),
                f"Order {ticket.reference} → {status.replace('_', ' ')}")

    def _ask_accept_time(self, ticket: TicketView) -> AcceptDialog:
        dialog = AcceptDialog(ticket, self)
        dialog.picked.connect(self._accept_with_time)
        self._show_dialog(dialog)
        return dialog

    def _accept_with_time(self, order_id: str, minutes: int) -> None:
        ticket = self.ticket(order_id)
        if ticket is None:
            return
        when = self.clock.now() + timedelta(minutes=minutes) if minutes else None
        self.bump(ticket, "accepted", confirmed_time=when)

    def open_menu(self, order_id: str) -> TicketMenu | None:
        ticket = self.ticket(order_id)
        if ticket is None:
            return None
        menu = TicketMenu(ticket, self)
        menu.chosen.connect(lambda oid, status, reason: self.set_status(
            oid, status, reason=reason or None))
        menu.dismissChange.connect(self.dismiss_change)
        self._show_dialog(menu)
        return menu

    def open_details(self, order_id: str) -> TicketDetails | None:
        ticket = self.ticket(order_id)
        if ticket is None:
            return None
        dialog = TicketDetails(f"Order {ticket.reference}", ticket_lines(ticket, self.config.tz),
                               self)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.open()   # never exec(): no nested loop

    def set_status(self, order_id: str, status: str, *, confirmed_time: Any = None,
                   reason: str | None = None) -> bool:
        ok = self._call(self.source.set_order_status, order_id, status,
                        confirmed_time=confirmed_time, reason=reason)
        self.alerter.acknowledge(order_id)
        self.refresh()
        return ok

    def dismiss_change(self, order_id: str) -> None:
        self._call(self.source.dismiss_remote_change, order_id)
        self.refresh()

    def recall_last(self) -> bool:
        if self.undo_bar.bump is None:
            return False
        self.undo_bar.undo()
        return True

    def _undo(self, bump: Bump) -> None:
        self.set_status(bump.order_id, bump.previous_status)
        self._say(f"↶ Order {bump.reference} recalled")

    def _call(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            action(*args, **kwargs)
        except Exception as exc:   # show it; a failed tap must never close the board
            log.exception("board action failed")
            self._say(f"⚠ {type(exc).__name__}: {str(exc)[:80]}")
            return False
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # -- keyboard -----------------------------------------------------------------------------
    def selected_order_id(self) -> str | None:
        view = self.views[self.current_tab()]
        index: QModelIndex = view.currentIndex()
        ticket = index.data(int(Qt.ItemDataRole.UserRole) + 1) if index.isValid() else None
        return ticket.order_id if isinstance(ticket, TicketView) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.handle_key(event.key())
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.handle_key(event.key()):
            super().keyPressEvent(event)

    def handle_key(self, key: int) -> bool:
        """Board keys (see the module docstring); arrows are left to the list view."""
        view = self.views[self.current_tab()]
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
                return True
            return False
        tabs = {Qt.Key.Key_1: "active", Qt.Key.Key_2: "scheduled", Qt.Key.Key_3: "done"}
        if key in tabs:
            self.show_tab(tabs[Qt.Key(key)])
            return True
        if key == Qt.Key.Key_Escape:
            self.alerter.silence(SILENCE_SECONDS)
            return True
        return self._ticket_key(key)

    def _ticket_key(self, key: int) -> bool:
        order_id = self.selected_order_id()
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_R):
            if self.recall_last():
                return True
            ticket = self.ticket(order_id) if order_id else None
            if ticket is not None and ticket.main_action == "recall":
                self.press_main_button(ticket.order_id)
            return True
        if order_id is None:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.touch(order_id)
            self.press_main_button(order_id)
            self._reselect(order_id)
            return True
        if key == Qt.Key.Key_M:
            self.open_menu(order_id)
            return True
        return False

    def _reselect(self, order_id: str) -> None:
        """After a bump the ticket may leave; keep the selection near where it was."""
        view = self.views[self.current_tab()]
        model = self.models[self.current_tab()]
        row = model.row_of(order_id)
        if row < 0:
            row = min(view.currentIndex().row(), model.rowCount() - 1)
        if row >= 0:
            view.setCurrentIndex(model.index(row, 0))
