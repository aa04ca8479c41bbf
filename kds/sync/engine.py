"""SyncEngine: connect, poll the passive callback, drain the outbox, plan the poll rate, health."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from decimal import Decimal

from kds.clock import Clock
from kds.kitchen.hours import is_open_now
from kds.store.set_aside import count_recent, failed_changes
from kds.store.settings import Settings
from kds.sync.catalog import CatalogKeeper
from kds.sync.connecting import ConnectSteps, is_hubrise_failure
from kds.sync.health import DISK_FULL, Health, PollResult
from kds.sync.limiter_store import persist_limiter
from kds.sync.news import News
from kds.sync.outbox import DrainResult, OutboxWorker
from kds.sync.planner import (
    DEFAULT_FLOOR_S,
    FAST_FLOOR_S,
    PollCost,
    PollMode,
    PollPlan,
    budget_from_limiter,
    plan_interval,
)
from kds.sync.poller import CAUGHT_UP_META, Poller
from kds.sync.ports import HubRiseApi, RateBudget, SyncStore
from kds.sync.reconcile import Reconciler, ReconcileResult
from kds.sync.retry import FAILING, Backoff, classify, describe, is_disk_full

log = logging.getLogger(__name__)

IDLE_RETRY_S = 5.0   # outbox pause when pending entries have no noted retry time
# Orders arriving outside the published hours mean the kitchen is working anyway (hours not
# kept up to date, an early start): keep the open rate for this long after the last one.
ACTIVE_WHILE_CLOSED_S = 20 * 60


class SyncEngine(ConnectSteps):
    def __init__(
        self,
        client: HubRiseApi,
        store: SyncStore,
        clock: Clock,
        *,
        auto_receive: bool = True,
        poll_mode: PollMode = "default",
        limiter: RateBudget | None = None,
        backoff: Backoff | None = None,
        reserve: dict[str, int] | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self.poll_mode: PollMode = poll_mode
        self.reserve = reserve
        self.limiter: RateBudget | None = limiter if limiter is not None else client.limiter
        self._saver = persist_limiter(self.limiter, store, clock)
        self.poller = Poller(client, store, clock, auto_receive=auto_receive)
        self.outbox = OutboxWorker(client, store, clock, backoff or Backoff())
        # Other screens' taps come through no event (HubRise: none for a client's own changes).
        self.reconciler = Reconciler(client, store, clock, self.poller)
        self._news = News(clock)
        self._cost = PollCost()
        self.connected = False  # connect() has succeeded once
        # None: HubRise's 30 s floor. Demo mode (simulator) may set a lower floor.
        self.poll_floor: float | Decimal | None = None  # the app passes its config's Decimal
        self._connect_lock = asyncio.Lock()
        self._last_order_news: datetime | None = None  # last poll that changed an order
        self._stopping = False
        self._stop_event: asyncio.Event | None = None
        self._kick_event: asyncio.Event | None = None
        self._location_loaded = False
        self._first_sync_failures = 0
        self._first_sync_at: datetime | None = None  # next try of a failed first sync
        self._first_sync_task: asyncio.Future[None] | None = None
        # The connection's catalog (allergen marks, station routing); None: no catalog granted.
        self.catalog: CatalogKeeper | None = None

    # -- listeners and health ----------------------------------------------------------------

    def add_listener(self, listener: object) -> None:
        self._news.add_listener(listener)

    def remove_listener(self, listener: object) -> None:
        self._news.remove_listener(listener)

    def health(self) -> Health:
        return self._news.health

    def report_printer(self, problem: str) -> None:
        """The printer worker (kds.printing) says why tickets do not print ("" = they do)."""
        self._news.update(printer_problem=problem)

    def refresh_counts(self) -> None:
        counts = self.store.outbox_counts()
        left = self._remaining().get("day")
        self._news.update(pending=counts.pending, failed=counts.failed,
                          failed_messages=tuple(counts.failed_messages),
                          requests_left_today=int(left) if isinstance(left, (int, float)) else None,
                          set_aside=count_recent(self.store, self.clock.now()),
                          failed_refs=tuple(c.reference for c in failed_changes(self.store))
                          if counts.failed else (),
                          waiting_until=self._waiting_until())

    # -- one-shot operations -----------------------------------------------------------------

    @property
    def auto_receive(self) -> bool:
        return self.poller.auto_receive

    @auto_receive.setter
    def auto_receive(self, value: bool) -> None:
        self.poller.auto_receive = value

    def apply_settings(self, settings: Settings) -> None:
        """Take the kitchen's auto_receive and poll_mode settings."""
        self.auto_receive = settings.auto_receive
        self.poll_mode = settings.poll_mode  # Settings refuses any other value

    async def connect(self) -> None:
        """Passive callback for our events, the location, and (first run) a 24 h catch-up."""
        async with self._connect_lock:
            await self._connect()

    async def poll_once(self) -> PollResult:
        """One poll. HubRise/network failures are reported in health and return an empty result."""
        if self._news.health.reconnect_needed:
            return PollResult()
        try:
            result = await self.poller.poll_once()
        except Exception as exc:
            if not (is_hubrise_failure(exc) or is_disk_full(exc)):
                raise
            self._note_failure(exc)
            return PollResult()
        self._cost.note(result.requests)
        if result.failure is not None:
            self._note_failure(result.failure)
        elif result.applied or self._disk_writable():
            self._news.contact_ok()
        self._news.orders_changed(result.order_ids)
        if result.order_ids:
            self._last_order_news = self.clock.now()
        if result.location_changed:
            self._news.location_changed()
        if result.catalog_ids and self.catalog is not None:
            self.catalog.note_update(result.catalog_ids)
        self.refresh_counts()
        if self._news.health.pending:
            self.kick()  # auto-receive may have queued acknowledgements
        return result

    async def refresh_catalog_if_due(self) -> bool:
        """The poll loop's catalog check (kds.sync.catalog decides and logs a failure); True
        when a new copy was kept: the board re-reads its marks."""
        if self.catalog is None or self._news.health.reconnect_needed:
            return False
        fetched = await self.catalog.refresh_if_due(self.client, self._remaining())
        if fetched:
            self._news.catalog_changed()
        return fetched

    async def reconcile_if_due(self) -> ReconcileResult | None:
        """The poll loop's reconcile: every couple of minutes while open, less when closed."""
        if not self.reconciler.due(is_open=self._recently_busy() or self._is_open()):
            return None
        return await self.reconcile_once()

    async def reconcile_once(self) -> ReconcileResult:
        """List the recent orders and apply what other screens (or anyone) changed on them."""
        if self._news.health.reconnect_needed:
            return ReconcileResult()
        try:
            result = await self.reconciler.reconcile_once(self._remaining())
        except Exception as exc:
            if not (is_hubrise_failure(exc) or is_disk_full(exc)):
                raise
            self.reconciler.last_at = self.clock.now()  # not again at once: at the next round
            self._note_failure(exc)
            return ReconcileResult()
        if result.order_ids:
            self._news.orders_changed(result.order_ids)
            self.refresh_counts()
            self.kick()  # auto-receive may have queued acknowledgements
        return result

    async def drain_outbox_once(self) -> DrainResult:
        if self._news.health.reconnect_needed:
            return DrainResult()
        try:
            result = await self.outbox.drain_once()
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            self._note_failure(exc)  # HubRise took the change; the store will catch up
            return DrainResult()
        if result.reconnect_needed:
            self._news.update(reconnect_needed=True, last_error=result.last_error)
        elif result.offline_error:
            self._news.offline(result.offline_error)
        elif result.sent:
            self._news.online()
        if result.last_error and not result.reconnect_needed:
            self._news.update(last_error=result.last_error)
        self._news.orders_changed(result.order_ids)
        if result.location_changed:
            self._news.location_changed()
        self.refresh_counts()
        return result

    def set_client(self, client: HubRiseApi) -> None:
        """Use another HubRise client from now on (new token, or the network path changed)."""
        self.client = self.poller.client = self.outbox.client = self.reconciler.client = client
        self.limiter = client.limiter or self.limiter
        self._saver = persist_limiter(self.limiter, self.store, self.clock)

    def reconnected(self, client: HubRiseApi | None = None) -> None:
        """Staff connected again: resume sending and polling.

        With a new client (new token, maybe a new connection) the callback is set up again
        and the 24 h catch-up re-runs, since events of the revoked connection may be gone.
        """
        if client is not None:
            self.set_client(client)
            self.connected = False
            self.store.set_meta(CAUGHT_UP_META, "")
        self._news.update(reconnect_needed=False, last_error=None)
        self.kick()  # wakes the outbox loop and a connect loop waiting for this

    # -- planning ----------------------------------------------------------------------------

    def plan(self) -> PollPlan:
        now = self.clock.now()
        plan = plan_interval(
            budget_from_limiter(self._remaining(), now),
            is_open=self._recently_busy() or self._is_open(),  # cheap check first
            mode=self.poll_mode,
            reserve=self.reserve,
            cost_per_poll=self._cost.value,
            blocked_for=self._blocked_for(),
            **self._floors(),
        )
        self._news.update(poll_interval=plan.interval, poll_reason=plan.reason)
        return plan

    def _floors(self) -> dict[str, float]:
        if self.poll_floor is None:
            return {}
        floor = max(0.1, float(self.poll_floor))
        # A floor is set by demo mode and test harnesses, which must not wait for "closed".
        return {"default_floor": floor, "fast_floor": min(floor, FAST_FLOOR_S),
                "closed_interval": floor}

    def _recently_busy(self) -> bool:
        if self._last_order_news is None:
            return False
        return (self.clock.now() - self._last_order_news).total_seconds() < ACTIVE_WHILE_CLOSED_S

    def _is_open(self) -> bool:
        return is_open_now(self.store.get_location_raw(), self.clock.now())

    def _waiting_until(self) -> datetime | None:
        """End of HubRise's 429 hold, to the second (the limiter counts in float seconds)."""
        blocked = self._blocked_for()
        if blocked <= 0:
            return None
        return (self.clock.now() + timedelta(seconds=blocked)).replace(microsecond=0)

    def _disk_writable(self) -> bool:
        """After "disk full", a poll with nothing to write proves nothing: try one small write."""
        if self._news.health.problem_kind != DISK_FULL:
            return True
        try:
            self.store.set_meta("sync.write_check", self.clock.now().isoformat())
        except Exception as exc:
            if is_disk_full(exc):
                return False
            raise
        return True

    def _blocked_for(self) -> float:
        return 0.0 if self.limiter is None else float(self.limiter.blocked_for())

    def _remaining(self) -> dict[str, int]:
        if self.limiter is None:
            return {}
        try:
            return dict(self.limiter.remaining())
        except Exception:
            log.exception("rate limiter remaining() failed")
            return {}

    # -- loops -------------------------------------------------------------------------------

    def kick(self) -> None:
        """Wake the outbox loop now (a staff action was enqueued)."""
        if self._kick_event is not None:
            self._kick_event.set()

    def save_limiter(self) -> None:
        """Write the limiter's latest counters now (at stop, before the app quits)."""
        if self._saver is not None:
            self._saver.flush()

    def stop(self) -> None:
        self._stopping = True
        if self._stop_event is not None:
            self._stop_event.set()
        self.kick()

    async def run(self) -> None:
        """Poll loop and outbox loop until stop()."""
        self._stopping = False
        self._stop_event = asyncio.Event()
        self._kick_event = asyncio.Event()
        self.refresh_counts()
        try:
            await asyncio.gather(self._poll_loop(), self._outbox_loop())
        finally:
            await self._stop_first_sync()
            self.save_limiter()

    async def _connect_until_done(self) -> None:
        """The kitchen may start offline: keep trying to connect, backing off, until stop()."""
        failures = 0
        while not self._stopping and not self.connected:
            if self._news.health.reconnect_needed:
                await self._wait(None, wake_on_kick=True)  # stop() or reconnected() wake it
                continue
            try:
                async with self._connect_lock:  # the app may be connecting at the same time
                    if self.connected:
                        break
                    await self._connect(first_sync_aside=True)
            except Exception as exc:  # noqa: BLE001 - noted below; the kitchen keeps trying
                failures += 1
                if not (is_hubrise_failure(exc) or is_disk_full(exc)):
                    self._note_bug("connect", exc)  # HubRise failures are noted (one line)
                log.debug("connect failed (%d), retrying", failures)
                await self._wait(self.outbox.backoff.delay(failures), wake_on_kick=False)

    async def _poll_loop(self) -> None:
        while not self._stopping:
            await self._connect_until_done()
            if self._stopping:
                break
            try:
                if not self._news.health.reconnect_needed:
                    self.refresh_counts()  # a 429 hold shows before the poll waits it out
                    await self._catch_up_if_due()
                    await self.poll_once()
                    await self.reconcile_if_due()
                    await self.refresh_catalog_if_due()
            except Exception as exc:  # noqa: BLE001 - a bug in one poll must not stop the orders
                self._note_bug("poll", exc)
            await self._wait(self._planned_wait(), wake_on_kick=False)

    def _planned_wait(self) -> float:
        try:
            return self.plan().interval
        except Exception:
            log.exception("planning the next poll failed")
            return DEFAULT_FLOOR_S

    async def _outbox_loop(self) -> None:
        while not self._stopping:
            result: DrainResult | None = None
            try:
                result = await self.drain_outbox_once()
            except Exception:
                log.exception("outbox drain failed")
            progress = result is not None and bool(result.sent or result.failed)
            if progress and self._news.health.pending:
                continue  # the next entry of each resource is now the head: send it
            await self._wait(self._next_retry_in(), wake_on_kick=True)

    def _next_retry_in(self) -> float | None:
        """Seconds until a pending entry may be tried again; None: only a kick wakes us."""
        if self._news.health.reconnect_needed or not self._news.health.pending:
            return None
        noted = self.outbox.next_retry_in()
        return IDLE_RETRY_S if noted is None else max(0.5, noted)

    async def _wait(self, seconds: float | None, *, wake_on_kick: bool) -> None:
        """Sleep on the engine's clock, ending early on stop() (and on kick() if asked)."""
        assert self._stop_event is not None and self._kick_event is not None
        if wake_on_kick and self._kick_event.is_set():
            self._kick_event.clear()
            return
        waiters: list[asyncio.Future[object]] = [asyncio.ensure_future(self._stop_event.wait())]
        if wake_on_kick:
            waiters.append(asyncio.ensure_future(self._kick_event.wait()))
        if seconds is not None:
            waiters.append(asyncio.ensure_future(self.clock.sleep(seconds)))
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        if wake_on_kick:
            self._kick_event.clear()

    # -- failures ----------------------------------------------------------------------------

    def _note_failure(self, exc: BaseException) -> None:
        outcome = classify(exc)
        if outcome.verdict == "reconnect":
            if not self._news.health.reconnect_needed:
                log.warning("HubRise refused this screen's access: %s", outcome.message)
            self._news.update(reconnect_needed=True, last_error=outcome.message)
        else:
            kind, reason = describe(exc)
            self._news.no_contact(kind, reason, outcome.message, exc)
        self.refresh_counts()

    def _note_bug(self, where: str, exc: BaseException) -> None:
        """A failure that is no HubRise answer: traceback once per new reason, then one line."""
        reason = f"sync error ({type(exc).__name__})"
        if self._news.health.problem != reason:
            log.error("%s failed", where, exc_info=exc)
        self._news.no_contact(FAILING, reason, f"{where} failed: {type(exc).__name__}: {exc}")
