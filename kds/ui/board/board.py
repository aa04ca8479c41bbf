"""The kitchen board screen: header, Active / Scheduled / Done today tabs, all-day panel, undo bar.

Keyboard / bump-bar keys are documented in kds.ui.board.keys.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from typing import Any, Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kds.clock import Clock
from kds.hubrise.order_model import parse_order
from kds.kitchen.acceptance import busy_suggestion
from kds.kitchen.allday import all_day_totals
from kds.store.rows import OrderRow
from kds.ui.board.alerts import Alerter
from kds.ui.board.allday import AllDayPanel
from kds.ui.board.delegate import TicketDelegate
from kds.ui.board.header import HeaderBar, HeaderInfo
from kds.ui.board.keys import BoardKeys
from kds.ui.board.model import TicketModel, TicketRole
from kds.ui.board.source import BoardConfig, BoardSource
from kds.ui.board.feed import TicketFeed
from kds.ui.board.tabs import NARROW_BELOW, TABS, TabBar
from kds.ui.board.ticket import (
    TicketView, active_sort_key, sort_key, status_label, ticket_timing,
)
from kds.ui.board.touch_hold import TouchHold
from kds.ui.board.staff_actions import StaffActions
from kds.ui.board.undo import UndoBar
from kds.ui.board.view import TicketListView
from kds.ui.i18n import translate
from kds.ui.sound import NullSoundPlayer, SoundPlayer
from kds.ui.stations.lens import STATION_DONE, STATION_UNDO, StationBoard, station_board

log = logging.getLogger(__name__)

SILENCE_SECONDS = 300
MESSAGE_SECONDS = 10


class BoardScreen(StaffActions, QWidget):
    lateChanged = Signal(int)   # how many active tickets are past due (to suggest busy mode)
    refreshed = Signal()        # the board re-read the store (the customer display follows)

    def __init__(self, source: BoardSource, clock: Clock, config: BoardConfig | None = None,
                 player: SoundPlayer | None = None, parent: Any = None,
                 parse: Callable[[Any], Any] = parse_order) -> None:
        super().__init__(parent)
        self.source, self.clock = source, clock
        self.config = config or BoardConfig()
        self.player = player or NullSoundPlayer()
        self.feed = TicketFeed(self.config, parse)
        self._last_refresh = float("-inf")
        self._said_at = float("-inf")
        self.late_count = 0
        self.alerter = Alerter(clock, self.player, self.config.alert_repeat_seconds)
        self.models = {tab: TicketModel(self) for tab in TABS}
        # One delegate per view: each caches layouts for its own viewport height.
        self.delegates = {tab: self._delegate() for tab in TABS}
        self.delegate = self.delegates["active"]
        self.views = {tab: TicketListView(self.delegates[tab]) for tab in TABS}
        self.header = HeaderBar(self.config.tz)
        self.all_day = AllDayPanel()
        self.undo_bar = UndoBar(clock, self.config.undo_seconds, self)
        self.undo_bar.undoRequested.connect(self._undo)
        self.dialog: QDialog | None = None
        self.keys = BoardKeys(self)
        # While a finger is on the board, and for a moment after a tap, tickets keep their
        # places: a new cancellation jumping to the front made the next tap land on the wrong
        # ticket. Changes to tickets already shown apply in place; the rest waits for this.
        self.hold = TouchHold(self.config.touch_hold_ms, self)
        self.hold.released.connect(self._hold_over)
        self.hold_timer = self.hold.timer
        self._refresh_waiting = False
        self._part = StationBoard(None, None, None)
        self._readied: set[str] = set()   # orders the expo readied on HubRise this session
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
        delegate.itemToggled.connect(self.toggle_item)
        return delegate

    # -- layout -------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.stack = QStackedWidget()
        for tab in TABS:
            view = self.views[tab]
            view.setModel(self.models[tab])
            view.installEventFilter(self)
            view.viewport().installEventFilter(self)
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
        layout.addLayout(board, 1)
        # The undo bar lives in the tab row, which is always there: floating over the board it
        # covered the next button of the ticket just bumped, and a row of its own would cost
        # a small screen 72 px of tickets (or move every ticket when it appeared).
        self.tabs.undo_slot.addWidget(self.undo_bar)

    def _tab_bar(self) -> TabBar:
        self.tabs = TabBar()
        self.tabs.tabClicked.connect(self.show_tab)
        self.tabs.silence_button.clicked.connect(self.silence)
        self.tabs.find_button.clicked.connect(self.open_search)
        self.tab_group, self.tab_buttons = self.tabs.tab_group, self.tabs.tab_buttons
        self.alert_banner, self.change_banner = self.tabs.alert_banner, self.tabs.change_banner
        self.late_banner, self.message = self.tabs.late_banner, self.tabs.message
        self.silence_button = self.tabs.silence_button
        return self.tabs

    def open_search(self) -> Any:
        """Find an order by code, name or phone; the one chosen is shown and opened."""
        from kds.ui.board.search import open_search

        dialog = open_search(self)
        self.dialog = dialog
        return dialog

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.tabs.set_narrow(self.width() < NARROW_BELOW)

    def silence(self) -> None:
        """Mute alert sounds for a while; a second press un-mutes."""
        self.alerter.silence(0 if self.alerter.silenced else SILENCE_SECONDS)
        self._update_mute_label()

    def _update_mute_label(self) -> None:
        self.tabs.show_mute(self.alerter.silence_left())

    # -- data ---------------------------------------------------------------------------------
    def current_tab(self) -> str:
        return TABS[self.stack.currentIndex()]

    def show_tab(self, tab: str) -> None:
        self.stack.setCurrentIndex(TABS.index(tab))
        self.tab_buttons[tab].setChecked(True)
        self.views[tab].setFocus()

    def apply_config(self, config: BoardConfig) -> None:
        """Settings or the location changed: apply them to the live board, no rebuild, so ticked-off
        items, the selection and the alert state stay."""
        self.config = config
        self.feed.reconfigure(config)
        for delegate in self.delegates.values():
            delegate.reconfigure(width=config.card_width, tz=config.tz,
                                 thresholds=config.thresholds)
        self.header.set_timezone(config.tz)
        self.alerter.repeat_seconds = config.alert_repeat_seconds
        self.undo_bar.seconds = config.undo_seconds
        self.refresh()
        for view in self.views.values():
            view.scheduleDelayedItemsLayout()

    def set_header(self, info: HeaderInfo) -> None:
        self.header.set_info(info, self.clock.now())

    def refresh(self) -> None:
        """Re-read the store and apply the differences to the three boards.

        A query that fails (locked database...) leaves its part of the screen as it was:
        stale tickets beat an empty board in the middle of service.
        """
        now, lead = self.clock.now(), self.config.lead_minutes
        self._last_refresh = self.clock.monotonic()
        active = self._query(self.source.active_orders, now, lead)
        scheduled = self._query(self.source.scheduled_orders, now, lead)
        done = self._query(self.source.done_today, now, self.config.timezone_name)
        counts = None if self._station() else self._query(self.source.all_day_counts, now, lead)
        # A station screen: its orders, narrowed to its items (kds.ui.stations.lens).
        part = station_board(self.config.stations, active, scheduled, done)
        active, scheduled, done = part.active, part.scheduled, part.done
        if self._station() and active is not None:
            counts = all_day_totals(row.raw for row in active)
        self._part = part
        held = self.holding()
        self._refresh_waiting = held
        if active is not None and done is not None:
            # Cancelled-by-HubRise tickets stay on the active board until someone dismisses them.
            pinned = [row for row in done if row.remote_change]
            self._show("active", sorted(self._tickets(active + pinned), key=active_sort_key),
                       held)
        if scheduled is not None:
            self._show("scheduled", sorted(self._tickets(scheduled), key=sort_key), held)
        if done is not None:
            self._show("done", self._tickets(done), held)
        if counts is not None:
            self.all_day.set_counts(counts)
        if active is not None and scheduled is not None and done is not None:
            self.feed.forget_all_but({row.id for row in active + scheduled + done})
        self._update_alerts(self.models["active"].tickets() + self.models["scheduled"].tickets())
        self._update_tab_labels()
        self._update_sync_counts()
        self._update_late(now)
        if active is not None:
            self._expo_ready(active)
        self.follow_open_order()
        self.refreshed.emit()

    # -- several screens (kds.ui.stations) ----------------------------------------------------
    def _station(self) -> str | None:
        lens = self.config.stations
        return None if lens is None else lens.station

    def _tickets(self, rows: list[OrderRow]) -> list[TicketView]:
        lens = self.config.stations
        tickets = self.feed.tickets(rows)
        if lens is None or not lens.active:
            return tickets
        by_id = {row.id: row for row in rows}
        bumped = self._part.bumped
        return [lens.adorn(t, by_id[t.order_id], bumped=t.order_id in bumped) for t in tickets]

    def _expo_ready(self, rows: list[OrderRow]) -> None:
        """The expo readies on HubRise an order every station has finished (once per order)."""
        lens = self.config.stations
        if lens is None:
            return
        for order_id, status in lens.to_ready(rows, self._readied):
            self._readied.add(order_id)
            if self._call(self.source.set_order_status, order_id, status):
                self._say(translate("Board", "All stations done: {status}").format(
                    status=status_label(status)))
                QTimer.singleShot(0, self.refresh)

    def press_main_button(self, order_id: str) -> QDialog | None:
        """On a station screen the big button bumps (or takes back) the station's part."""
        ticket, station = self.ticket(order_id), self._station()
        if ticket is None or station is None or ticket.main_action not in (STATION_DONE,
                                                                         STATION_UNDO):
            return super().press_main_button(order_id)
        done = ticket.main_action == STATION_DONE
        if self._call(self.source.set_station_done, order_id, station, done):
            said = translate("Board", "Order {reference}: {station} done") if done \
                else translate("Board", "Order {reference}: {station} not done")
            self._say(said.format(reference=ticket.reference, station=station))
            self.refresh()
        return None

    def _show(self, tab: str, tickets: list[TicketView], held: bool) -> None:
        model = self.models[tab]
        if not held:
            model.set_tickets(tickets)
            return
        for ticket in tickets:   # no insert, removal or reorder under a finger
            model.update_ticket(ticket)

    def holding(self) -> bool:
        """True while a finger is down on the tickets or just lifted from a tap."""
        return self.hold.holding()

    def release_hold(self) -> None:
        """End the hold now: apply what waited (new, removed and reordered tickets)."""
        self.hold.release()

    def _hold_over(self) -> None:
        if self._refresh_waiting:
            self.refresh()

    def _query(self, query: Callable[..., Sequence[Any]], *args: Any) -> list[Any] | None:
        """One board query, or None (and a word on screen) when the store could not answer."""
        try:
            return list(query(*args))
        except Exception:   # a locked or broken database must not close the board
            log.exception("board query %s failed", getattr(query, "__name__", "?"))
            self._say(translate("Board", "⚠ Could not read orders; showing the last known "
                                         "tickets"))
            return None

    def _update_alerts(self, tickets: list[TicketView]) -> None:
        unseen = [t.order_id for t in tickets if t.is_new and not t.done]
        changed = [t.order_id for t in tickets if t.remote_change]
        self.alerter.update(unseen, changed)
        self.tabs.show_alerts(len(unseen), [t.reference + " " + t.remote_label.split(" ")[1]
                                            for t in tickets if t.remote_change])

    def _update_late(self, now: datetime) -> None:
        thresholds = self.config.thresholds
        late = sum(1 for ticket in self.models["active"].tickets()
                   if not ticket.done and ticket_timing(ticket, now, thresholds).urgency == "late")
        if late != self.late_count:
            self.late_count = late
            self.lateChanged.emit(late)
        open_tickets = self.models["active"].rowCount()
        hint = busy_suggestion(open_tickets, late, self.config.busy, self.header.info.acceptance_mode)
        self.tabs.show_late(late, suggest_busy=hint is not None)

    def _update_tab_labels(self) -> None:
        self.tabs.set_counts({tab: model.rowCount() for tab, model in self.models.items()})

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
        self._update_mute_label()
        self._update_late(now)
        if self.message.text() and self.clock.monotonic() - self._said_at >= MESSAGE_SECONDS:
            self._say("")
        self.undo_bar.tick()
        self.follow_open_order()
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

    def card_geometry(self, order_id: str) -> QRect | None:
        """Where a ticket's card is drawn, in its view's viewport coordinates (current tab)."""
        model = self.models[self.current_tab()]
        ticket, row = model.ticket(order_id), model.row_of(order_id)
        if ticket is None:
            return None
        item = self.views[self.current_tab()].visualRect(model.index(row, 0))
        return self.delegates[self.current_tab()].card_rect(item, ticket)

    def touch(self, order_id: str) -> None:
        """Any tap on a ticket acknowledges it: the highlight and the sound stop."""
        ticket = self.ticket(order_id)
        self.alerter.acknowledge(order_id)
        if ticket is not None and ticket.is_new:
            self._call(self.source.mark_seen, order_id)
            self.refresh()

    def toggle_item(self, order_id: str, item: int) -> None:
        """Tick an item off (tap again to undo); the card dims it and strikes it through."""
        updated = self.feed.toggle(order_id, item)
        for model in self.models.values():
            ticket = model.ticket(order_id)
            if ticket is not None:
                model.update_ticket(dataclasses.replace(ticket, checked=updated))
        self.follow_open_order()

    def _call(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            action(*args, **kwargs)
        except Exception as exc:   # show it; a failed tap must never close the board
            log.exception("board action failed")
            self._say(f"⚠ {type(exc).__name__}: {str(exc)[:80]}")
            return False
        return True

    def _say(self, text: str) -> None:
        self._said_at = self.clock.monotonic()
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- keyboard (see kds.ui.board.keys) -----------------------------------------------------
    def selected_order_id(self) -> str | None:
        view = self.views[self.current_tab()]
        index: QModelIndex = view.currentIndex()
        ticket = index.data(TicketRole) if index.isValid() else None
        return ticket.order_id if isinstance(ticket, TicketView) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.keys.handle(event.key())
        self.hold.watch(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.keys.handle(event.key()):
            super().keyPressEvent(event)

    def handle_key(self, key: int) -> bool:
        return self.keys.handle(key)
