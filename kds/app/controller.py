"""Wires the pages of the main window to the runtime: which screen shows, and what feeds it."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kds.clock import Clock
from kds.app.config import AppConfig
from kds.app.customer_display import CustomerDisplayHost
from kds.app.connection import ConnectionInfo, ConnectionService, DisconnectReport, delete_cache_files
from kds.hubrise.oauth import OAuthClient
from kds.app.runtime import Runtime, open_store, start_demo_runtime
from kds.platform.secrets.choose import open_secret_store
from kds.store.settings import Settings
from kds.store.store import Store
from kds.sync.catalog import CatalogKeeper
from kds.sync.qt_bridge import SyncBridge
from kds.store.set_aside import failed_changes, recent
from kds.ui.board.board import BoardScreen
from kds.ui.board.header import connection_text, health_text, is_waiting
from kds.ui.board.source import BoardConfig
from kds.ui.board.ticket import Thresholds
from kds.ui.i18n import translate
from kds.ui.connect.info_screen import ConnectionInfoScreen
from kds.kitchen.acceptance import SuggestionThresholds
from kds.kitchen.due import base_preparation_minutes
from kds.kitchen.timezone import location_zone, zone_name
from kds.ui.location.acceptance_panel import AcceptancePanel
from kds.ui.location.hours_editor import OpeningHoursEditor
from kds.ui.main_window import MainWindow, header_info
from kds.ui.figures.header_line import HeaderFigures
from kds.ui.settings.screen import SettingsScreen
from kds.ui.sound import NullSoundPlayer, SoundPlayer, default_player
from kds.ui.sources import KitchenSource
from kds.ui.stations.lens import StationLens
from kds.ui.stations.setup import ScreenSetup
from kds.kitchen.stations import Routing, ScreenRole

if TYPE_CHECKING:  # imported where used: the first paint of the board needs none of them
    from kds.ui.board.problems import ProblemsDialog

log = logging.getLogger(__name__)
FIRST_PAINT_ENV = "KDS_BENCH_FIRST_PAINT"  # set by tests/bench/bench_app.py only


class _FirstPaint(QObject):
    """Prints one line when the board is first painted, for the cold-start benchmark."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            print("first_paint", flush=True)
            watched.removeEventFilter(self)
        return False


def report_first_paint(widget: QObject) -> None:
    widget.installEventFilter(_FirstPaint(widget))


class _Painted(QObject):
    def __init__(self, done: asyncio.Event) -> None:
        super().__init__()
        self.done = done

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.done.set()
        return False


async def _first_paint(widget: QWidget, at_most_s: float = 0.3) -> None:
    """Until `widget` has painted once, or `at_most_s` when it is not on screen to paint."""
    done = asyncio.Event()
    painted = _Painted(done)
    widget.installEventFilter(painted)
    widget.update()
    try:
        await asyncio.wait_for(done.wait(), at_most_s)
    except TimeoutError:
        log.debug("the board did not paint within %.1f s; building the other pages", at_most_s)
    finally:
        widget.removeEventFilter(painted)


class AppController:
    def __init__(self, config: AppConfig, clock: Clock, *, player: SoundPlayer | None = None,
                 store: Store | None = None) -> None:
        self.config, self.clock = config, clock
        self.store = store or open_store(config.data_dir, clock)
        self.secrets = open_secret_store(config.data_dir)
        self.service = self._connection_service(config.api_url)
        self.window = MainWindow(clock)
        self.runtime: Runtime | None = None
        self.bridge: SyncBridge | None = None
        self.board: BoardScreen | None = None
        self.acceptance: AcceptancePanel | None = None
        self._player = player
        self._figures_store: Store | None = None   # whose figures the Figures page shows
        self.problems: ProblemsDialog | None = None
        self.customer = CustomerDisplayHost()   # the public Preparing / Ready board
        self.finished = asyncio.Event()
        self.window.closing.connect(self.finished.set)
        self.window.location_source = self.store.get_location_raw
        self._add_settings_page()

    # -- start ----------------------------------------------------------------------------------
    async def start(self) -> None:
        """Open the right first screen: demo, a known connection, or the first-run choice."""
        if self.config.kiosk or self.store.get_settings().kiosk:
            self.window.enter_kiosk()
        else:
            self.window.show_on_screen()
        if self.config.demo:
            await self.start_demo()
            return
        token = self.config.access_token or self.service.stored_token()
        if token:
            await self.start_connected(self.config.api_url, token)
        else:
            self.show_first_run()

    async def start_demo(self) -> None:
        runtime = start_demo_runtime(self.config.data_dir / "demo", self.clock)
        self.service = self._connection_service(runtime.demo.base_url if runtime.demo else "")
        assert runtime.demo is not None
        info = runtime.demo.connection_info()
        await self._run(runtime, info)

    async def start_connected(self, api_url: str, token: str) -> None:
        runtime = Runtime(self.store, self.clock)
        runtime.build_sync(api_url, token)
        info = self.service.stored_info() or ConnectionInfo(api_url=api_url)
        await self._run(runtime, info)

    async def _run(self, runtime: Runtime, info: ConnectionInfo) -> None:
        self.runtime = runtime
        assert runtime.engine is not None
        # Settings live in the main store, also in demo mode (whose orders have their own file).
        runtime.engine.apply_settings(self.store.get_settings())
        self.bridge = SyncBridge(runtime.engine, self.window)
        self.window.health_source = runtime.engine.health
        self.window.location_source = runtime.store.get_location_raw
        self._add_board_page(runtime)
        self.window.show_page("board")
        # Staff see their tickets first; the pages behind the other buttons are built the
        # moment after (a nav tap before then finds no page and does nothing).
        assert self.board is not None
        await _first_paint(self.board.views["active"].viewport())
        self._show_customer_display()
        self._add_location_pages(runtime)
        self._add_connection_page(info)
        self._add_figures_page(runtime)
        if info.catalog_id:   # allergen marks and station routing read its tags
            runtime.engine.catalog = CatalogKeeper(runtime.store, self.clock, info.catalog_id)
        self.bridge.catalogChanged.connect(lambda: self._apply_board_config())
        self.bridge.ordersChanged.connect(lambda _ids: self._refresh_board())
        self.bridge.healthChanged.connect(self._on_health)
        self.bridge.locationChanged.connect(self._on_location)
        runtime.print_settings = self.store.get_settings()   # printers print from the first poll
        await runtime.start_sync()

    # -- pages ----------------------------------------------------------------------------------
    def _add_board_page(self, runtime: Runtime) -> None:
        settings = self.store.get_settings()
        source = KitchenSource(runtime.store, kick=self._kick)
        self.board = BoardScreen(source, self.clock, self._board_config(settings, runtime),
                                 player=self._sound_player(settings))
        self.board.header.healthTapped.connect(self.show_problems)
        self.window.set_page("board", self.board)
        self.window.update_header()
        if os.environ.get(FIRST_PAINT_ENV):
            report_first_paint(self.board.views["active"].viewport())

    def _add_location_pages(self, runtime: Runtime) -> None:
        source = KitchenSource(runtime.store, kick=self._kick)
        settings = self.store.get_settings()
        self.acceptance = AcceptancePanel(source, self.clock,
                                          thresholds=self._busy_thresholds(settings))
        self.window.set_page("acceptance", self.acceptance)
        self.window.set_page("hours", OpeningHoursEditor(source, self.clock))
        if self.board is not None:
            self.board.lateChanged.connect(lambda _late: self._update_kitchen_load())

    def _update_kitchen_load(self) -> None:
        """Feed the busy suggestion and flag it on the nav button, where staff will see it."""
        if self.board is None or self.acceptance is None:
            return
        open_tickets = self.board.models["active"].rowCount()
        self.acceptance.set_kitchen_load(open_tickets, self.board.late_count)
        suggested = self.acceptance.suggestion.isVisibleTo(self.acceptance)
        # In the screen's language: this runs on every refresh (it showed English in French).
        self.window.nav_buttons["acceptance"].setText(
            translate("Nav", "Busy / Pause  ⚠ suggested") if suggested
            else translate("Nav", "Busy / Pause"))

    def _board_config(self, settings: Settings, runtime: Runtime) -> BoardConfig:
        location = runtime.store.get_location_raw()
        prep = base_preparation_minutes(location)
        return BoardConfig(
            timezone_name=zone_name(location),
            lead_minutes=settings.scheduled_lead_minutes,
            thresholds=Thresholds(warning_before_due=settings.warn_minutes,
                                  late_after_due=settings.late_after_minutes,
                                  default_preparation_minutes=prep),
            preparation_minutes=prep,
            busy=self._busy_thresholds(settings),
            stations=self._station_lens(runtime),
            marks=runtime.store.menu_marks(),
        )

    def _station_lens(self, runtime: Runtime) -> StationLens | None:
        """This screen's station or expo role; None for the single screen (nothing changes).
        The catalog is the connection's (the demo's own file in demo mode), like the location."""
        role = self.store.get_screen_role()
        if role.single:   # the catalog's 6,000 rows are read only when a station needs them
            return None
        lens = StationLens(role, self.store.get_routing(), runtime.store.get_catalog_facts())
        return lens if lens.active else None

    @staticmethod
    def _busy_thresholds(settings: Settings) -> SuggestionThresholds:
        return SuggestionThresholds(open_tickets=settings.busy_suggest_open_tickets,
                                    late_tickets=settings.busy_suggest_late_tickets)

    def _sound_player(self, settings: Settings) -> SoundPlayer:
        if not settings.sound_on:
            return NullSoundPlayer()
        player = self._player or default_player()
        player.set_volume(settings.volume / 100)
        return player

    def _add_settings_page(self) -> None:
        screen = SettingsScreen(self.store.get_settings(), on_save=self._save_settings)
        screen.closed.connect(lambda: self.window.show_page("board"))
        screen.figuresRequested.connect(self._open_figures)
        self.window.set_page("settings", screen)

    def _add_figures_page(self, runtime: Runtime) -> None:
        self._figures_store = runtime.store   # the orders' store (the demo's own file in demo mode)
        store = runtime.store
        self.window.header_figures = HeaderFigures(
            lambda: store.figures("today"), self.clock, on=self.store.get_settings().header_figures)
        settings = self.window.pages.get("settings")
        if isinstance(settings, SettingsScreen):
            settings.set_figures_available(True)

    def _open_figures(self) -> None:
        """Built on first use: the chart module costs ~150 ms to load, which the board's first
        paint should not wait for."""
        if "figures" not in self.window.pages and self._figures_store is not None:
            from kds.ui.figures.screen import FiguresScreen
            store = self._figures_store
            page = FiguresScreen(store.figures, lambda: location_zone(store.get_location_raw()),
                                 load_rows=lambda period: store.figures(period, rows=True))
            page.closed.connect(lambda: self.window.show_page("settings"))
            self.window.set_page("figures", page)
        self.window.show_page("figures")

    def _add_connection_page(self, info: ConnectionInfo) -> None:
        screen = ConnectionInfoScreen(_StopThenDisconnect(self), info)
        screen.closed.connect(lambda: self.window.show_page("board"))
        screen.reconnectRequested.connect(self.show_connect)
        screen.problemsRequested.connect(self.show_problems)
        screen.setupRequested.connect(self.show_screen_setup)
        screen.set_screen_role(self.store.get_screen_role())
        screen.disconnected.connect(lambda wiped: asyncio.ensure_future(self._disconnected(wiped)))
        self.window.set_page("connection", screen)
        self._on_health()

    def show_first_run(self) -> None:
        from kds.ui.connect.first_run import FirstRunScreen

        first = FirstRunScreen()
        first.demoChosen.connect(lambda: asyncio.ensure_future(self.start_demo()))
        first.connectChosen.connect(self.show_connect)
        self.window.set_page("first_run", first)
        self.window.show_page("first_run")

    def show_connect(self) -> None:
        from kds.ui.connect.oauth_screen import OAuthConnectScreen

        screen = OAuthConnectScreen(self.service)
        screen.connected.connect(lambda info: asyncio.ensure_future(self._connected(info)))
        screen.cancelled.connect(self.show_first_run)
        self.window.set_page("connect", screen)
        self.window.show_page("connect")

    # -- events ---------------------------------------------------------------------------------
    async def _connected(self, info: ConnectionInfo) -> None:
        token = self.service.stored_token()
        if token:
            await self.start_connected(self.config.api_url, token)

    async def _disconnected(self, wiped: bool) -> None:
        await self.stop_runtime()
        if wiped:
            self.store = open_store(self.config.data_dir, self.clock)
        self.board = self.acceptance = None
        self.customer.close()
        self.window.remove_connected_pages()
        self._figures_store = None
        self.show_first_run()

    def _kick(self) -> None:
        """A staff action was stored: send it now. The screen that took the tap has already
        repainted what it touched (one refresh per tap, not three); the header counts change."""
        if self.runtime is not None and self.runtime.engine is not None:
            self.runtime.engine.kick()
        self.window.update_header()

    def _refresh_board(self) -> None:
        if self.board is not None:
            self.board.refresh()
            self._update_kitchen_load()
        self.window.update_header()

    def _on_health(self) -> None:
        self.window.update_header()
        page = self.window.pages.get("connection")
        if isinstance(page, ConnectionInfoScreen) and self.runtime and self.runtime.engine:
            health = self.runtime.engine.health()
            page.set_reconnect_needed(health.reconnect_needed)
            now = self.clock.now()
            info = header_info(self.runtime.store.get_location_raw(), health, now)
            connected = (info.online and not info.reconnect_needed and not info.problem
                         and not is_waiting(info, now))
            page.set_health(connected, health_text(info, now, self._tz()),
                            attention=bool(info.failed or info.set_aside or info.problem))

    def _tz(self) -> Any:
        return self.board.config.tz if self.board is not None else None

    def show_problems(self) -> ProblemsDialog | None:
        """The header's health line (or the Connection page) was tapped: list what is wrong."""
        if self.runtime is None or self.runtime.engine is None:
            return None
        store, now = self.runtime.store, self.clock.now()
        info = header_info(store.get_location_raw(), self.runtime.engine.health(), now)
        from kds.ui.board.problems import ProblemsDialog

        dialog = ProblemsDialog(connection_text(info, now, self._tz()), failed_changes(store),
                                recent(store, now), self.window)
        dialog.orderChosen.connect(self._open_order)
        if self.problems is not None:
            self.problems.close()
        self.problems = dialog
        dialog.open()   # never exec(): no nested loop
        return dialog

    def _open_order(self, order_id: str) -> None:
        self.window.show_page("board")
        if self.board is not None:
            self.board.open_details(order_id)

    def _on_location(self) -> None:
        self._apply_board_config()   # timezone and preparation time come from the location
        self.window.update_header()
        for key in ("acceptance", "hours"):
            page = self.window.pages.get(key)
            if page is not None and hasattr(page, "on_location_changed"):
                page.on_location_changed()

    def _save_settings(self, settings: Settings) -> None:
        """Settings apply to the live board: no rebuild, so ticked-off items and alerts stay."""
        self.store.save_settings(settings)
        if self.runtime is not None and self.runtime.engine is not None:
            self.runtime.engine.apply_settings(settings)
            self.runtime.start_printing(settings)
        self._apply_board_config(settings)
        if self.board is not None:
            player = self._sound_player(settings)
            self.board.player = player
            self.board.alerter.set_player(player)
        self._show_customer_display(settings)
        if self.acceptance is not None:
            self.acceptance.thresholds = self._busy_thresholds(settings)
            self._update_kitchen_load()
        self.window.apply_settings(settings)

    def show_screen_setup(self) -> ScreenSetup:
        setup = ScreenSetup(self.store.get_screen_role(), self.store.get_routing())
        setup.saved.connect(self._save_screen)
        setup.closed.connect(lambda: self.window.show_page("connection"))
        self.window.set_page("screen_setup", setup)
        self.window.show_page("screen_setup")
        return setup

    def _save_screen(self, role: ScreenRole, routing: Routing) -> None:
        """Name, station and rules are this screen's own (the main store, like settings)."""
        self.store.save_routing(routing)
        self.store.save_screen_role(role)
        page = self.window.pages.get("connection")
        if isinstance(page, ConnectionInfoScreen):
            page.set_screen_role(role)
        self._apply_board_config()
        self.window.show_page("board")

    def _show_customer_display(self, settings: Settings | None = None) -> None:
        settings = settings or self.store.get_settings()
        self.customer.sync(self.config.customer_display or settings.customer_display,
                           self.board, self.clock, self._sound_player(settings), self.window)

    def _apply_board_config(self, settings: Settings | None = None) -> None:
        if self.board is not None and self.runtime is not None:
            settings = settings or self.store.get_settings()
            self.board.apply_config(self._board_config(settings, self.runtime))

    # -- stop -----------------------------------------------------------------------------------
    def _connection_service(self, api_url: str) -> ConnectionService:
        oauth = None
        if self.config.has_oauth_client:
            oauth = OAuthClient(self.config.oauth_url, self.config.oauth_client_id or "",
                                self.config.oauth_client_secret or "")
        return ConnectionService(api_url=api_url or self.config.api_url,
                                 data_dir=self.config.data_dir, secrets=self.secrets, oauth=oauth,
                                 wipe_cache=self._wipe_cache)

    def _wipe_cache(self) -> None:
        # Close first: Windows refuses to delete a file that is still open.
        self.store.close()
        delete_cache_files(self.config.data_dir)

    async def stop_runtime(self) -> None:
        if self.bridge is not None:
            self.bridge.detach()
            self.bridge = None
        if self.runtime is not None:
            await self.runtime.stop()
            self.runtime = None

    def finish_after(self, milliseconds: int, screenshot: Any = None) -> None:
        def finish() -> None:
            if screenshot is not None:
                self.window.grab().save(str(screenshot))
            self.finished.set()
        QTimer.singleShot(milliseconds, finish)

    async def run_until_finished(self) -> int:
        await self.start()
        if self.config.exit_after_ms:
            self.finish_after(self.config.exit_after_ms, self.config.screenshot)
        await self.finished.wait()
        await self.stop_runtime()
        self.window.hide()
        return 0


class _StopThenDisconnect:
    """Disconnect for the connection screen: stop syncing first, so nothing polls a dead token."""

    def __init__(self, controller: AppController) -> None:
        self.controller = controller

    async def disconnect(self, wipe_cache: bool) -> DisconnectReport:
        await self.controller.stop_runtime()
        return await self.controller.service.disconnect(wipe_cache)
