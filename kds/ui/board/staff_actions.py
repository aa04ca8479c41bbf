"""What staff do to a ticket from the board: bump, accept with a time, recall, the menu, rush,
undo. A mixin of BoardScreen (kept apart so neither file grows past a screenful of reasons).

The rules come from kds.kitchen: which statuses fit (status_flow), which times to offer and
what confirmed_time to send (accept). Dialogs are opened with open(), never exec().
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import QDialog, QWidget

from kds.kitchen.accept import AcceptChoice, accept_plan, door_time_minutes
from kds.kitchen.status_flow import allowed_transitions, revive_warning, status_words
from kds.ui.board.dialogs import AcceptDialog, ConfirmDialog
from kds.ui.board.menu import TicketActions, TicketMenu
from kds.ui.board.order_view import OrderView
from kds.ui.board.ticket import TicketView
from kds.ui.board.undo import Bump
from kds.ui.i18n import translate

if TYPE_CHECKING:
    from kds.clock import Clock
    from kds.ui.board.alerts import Alerter
    from kds.ui.board.source import BoardConfig, BoardSource
    from kds.ui.board.undo import UndoBar

log = logging.getLogger(__name__)


class StaffActions:
    # Provided by BoardScreen.
    source: BoardSource
    clock: Clock
    config: BoardConfig
    alerter: Alerter
    undo_bar: UndoBar
    dialog: QDialog | None
    ticket: Callable[[str], TicketView | None]
    refresh: Callable[[], None]
    release_hold: Callable[[], None]
    touch: Callable[[str], None]
    toggle_item: Callable[[str, int], None]
    _call: Callable[..., bool]
    _say: Callable[[str], None]

    def press_main_button(self, order_id: str) -> QDialog | None:
        ticket = self.ticket(order_id)
        if ticket is None or not ticket.main_action:
            return None
        if ticket.next_status and ticket.next_status not in allowed_transitions(
                ticket.status, ticket.service_type):
            return None   # the keyboard and the button never set a status that cannot apply
        if ticket.main_action == "dismiss":
            self.dismiss_change(order_id)
        elif ticket.main_action == "recall":
            return self._recall(ticket, ticket.next_status or "accepted")
        elif ticket.next_status == "accepted" and self.config.ask_confirmed_time:
            return self._ask_accept_time(ticket)
        elif ticket.next_status:
            self.bump(ticket, ticket.next_status)
        return None

    def _recall(self, ticket: TicketView, target: str) -> ConfirmDialog | None:
        """A completed order comes back in one tap; a cancelled or rejected one is revived
        only after staff read what HubRise (and the platform) will be told."""
        warning = revive_warning(ticket.status, target)
        if not warning:
            self.set_status(ticket.order_id, target)
            return None
        dialog = ConfirmDialog(
            translate("Undo", "Recall order {reference}?").format(reference=ticket.reference),
            warning, translate("Undo", "Recall, tell HubRise '{status}'").format(
                status=status_words(target)), self)
        dialog.confirmed.connect(lambda: self.set_status(ticket.order_id, target))
        self._show_dialog(dialog)
        return dialog

    def bump(self, ticket: TicketView, status: str, confirmed_time: Any = None) -> None:
        if self.set_status(ticket.order_id, status, confirmed_time=confirmed_time):
            self.undo_bar.offer(
                Bump(ticket.order_id, ticket.reference, ticket.status, status,
                     self.clock.monotonic()),
                translate("Undo", "Order {reference} → {status}").format(
                    reference=ticket.reference, status=status_words(status)))

    def _ask_accept_time(self, ticket: TicketView) -> AcceptDialog:
        plan = accept_plan(self.clock.now(), ticket.expected_time, ticket.service_type,
                           door_time_minutes(self._location_raw()))
        dialog = AcceptDialog(ticket, plan, self.config.tz, self)
        dialog.picked.connect(self._accept_with_time)
        self._show_dialog(dialog)
        return dialog

    def _location_raw(self) -> dict[str, Any] | None:
        # The store's location (the delivery time lives there); a source without one has none.
        read = getattr(self.source, "get_location_raw", None)
        try:
            return read() if callable(read) else None
        except Exception:
            log.exception("location unavailable for the accept dialog")
            return None

    def _accept_with_time(self, order_id: str, choice: AcceptChoice | None) -> None:
        ticket = self.ticket(order_id)
        if ticket is None:
            return
        when = choice.confirmed_time if choice is not None else None
        self.bump(ticket, "accepted", confirmed_time=when)

    def _reprint(self) -> Callable[[str], Any] | None:
        # A printer is set up (kds.store.print_queue): a reprint is offered, queued there.
        reprint = getattr(self.source, "queue_reprint", None)
        ready = reprint is not None and getattr(self.source, "printer_ready", False) is True
        return reprint if ready else None

    def wire_actions(self, actions: TicketMenu | TicketActions, reference: str) -> None:
        """What each of the ticket's actions does, for the menu and the whole-order view alike."""
        reprint = self._reprint()
        if reprint is not None:
            said = translate("Undo", "🖶 Order {reference} reprinting").format(
                reference=reference)
            actions.reprintChosen.connect(
                lambda oid: self._say(said) if self._call(reprint, oid) else None)
        actions.chosen.connect(lambda oid, status, reason, send: self.set_status(
            oid, status, reason=reason or None, seller_notes=reason if send and reason else None))
        actions.dismissChange.connect(self.dismiss_change)
        actions.rushChosen.connect(self.set_rush)

    def open_menu(self, order_id: str) -> TicketMenu | None:
        ticket = self.ticket(order_id)
        if ticket is None:
            return None
        menu = TicketMenu(ticket, self, can_reprint=self._reprint() is not None)
        self.wire_actions(menu, ticket.reference)
        self._show_dialog(menu)
        return menu

    def open_details(self, order_id: str) -> OrderView | None:
        """The whole order, laid out like its ticket, with every action beside it."""
        ticket = self.ticket(order_id)
        if ticket is None:
            return None
        view = OrderView(ticket, now=self.clock.now(), tz=self.config.tz,
                         thresholds=self.config.thresholds,
                         can_reprint=self._reprint() is not None,
                         max_width=self._window_width(), parent=self)
        view.delegate.cardTouched.connect(self.touch)
        view.delegate.bumpClicked.connect(self.press_main_button)
        view.delegate.itemToggled.connect(self.toggle_item)
        self.wire_actions(view.panel, ticket.reference)
        self._show_dialog(view)
        return view

    def _window_width(self) -> int:
        return int(self.window().width())   # type: ignore[attr-defined]

    def follow_open_order(self) -> None:
        """The board changed: an open whole-order view shows its order as it is now."""
        view = self.dialog
        if isinstance(view, OrderView) and view.isVisible():
            ticket = self.ticket(view.order_id)
            if ticket is not None:
                view.set_ticket(ticket)
            view.set_now(self.clock.now())

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        # The finger is on the dialog now, not on a ticket: what waited may move.
        self.release_hold()
        _fit_on_window(dialog, self.window())   # type: ignore[attr-defined]
        dialog.open()   # never exec(): no nested loop

    def set_status(self, order_id: str, status: str, *, confirmed_time: Any = None,
                   reason: str | None = None, seller_notes: str | None = None) -> bool:
        extra = {"seller_notes": seller_notes} if seller_notes else {}
        ok = self._call(self.source.set_order_status, order_id, status,
                        confirmed_time=confirmed_time, reason=reason, **extra)
        self.alerter.acknowledge(order_id)
        self.refresh()
        return ok

    def toggle_rush(self, order_id: str) -> bool:
        """The P key: rush an open ticket, or take the rush off. A done ticket has nothing left
        to hurry (its flag is not shown), so it is left alone."""
        ticket = self.ticket(order_id)
        if ticket is None or ticket.done:
            return False
        return self.set_rush(order_id, not ticket.rush)

    def set_rush(self, order_id: str, rush: bool) -> bool:
        """A kitchen-only priority: stored locally, never sent to HubRise (no outbox entry)."""
        ok = self._call(self.source.set_rush, order_id, rush)
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
        self._say(translate("Undo", "↶ Order {reference} recalled").format(reference=bump.reference))



def _fit_on_window(dialog: QDialog, window: QWidget) -> None:
    """A dialog sized for 1366 px must not hang off a 1024x600 screen (or 130 % text), where
    without a window manager nobody moves it back: no larger than the window, over it."""
    area = window.geometry()
    width = min(dialog.width(), area.width())
    height = min(dialog.height(), area.height())
    width = max(width, dialog.minimumSizeHint().width())
    height = max(height, dialog.minimumSizeHint().height())
    # Centred inside the window (a dialog as wide as the window starts at its left edge).
    dialog.setGeometry(area.left() + max(0, area.width() - width) // 2,
                       area.top() + max(0, area.height() - height) // 2, width, height)
