"""The engine's connect steps: callback first; the location and the 24 h catch-up never block
polling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from kds.clock import Clock
from kds.hubrise.errors import HubRiseError
from kds.sync.news import News
from kds.sync.outbox import OutboxWorker
from kds.sync.poller import Poller
from kds.sync.retry import classify, describe

log = logging.getLogger(__name__)


class ConnectSteps:
    """Mixed into SyncEngine (which provides poller, clock, outbox, _news, _note_failure, ...)."""

    poller: Poller
    clock: Clock
    outbox: OutboxWorker
    _news: News
    connected: bool
    _location_loaded: bool
    _first_sync_failures: int
    _first_sync_at: datetime | None
    _first_sync_task: asyncio.Future[None] | None

    def _note_failure(self, exc: BaseException) -> None:
        raise NotImplementedError

    def refresh_counts(self) -> None:
        raise NotImplementedError

    def kick(self) -> None:
        raise NotImplementedError

    async def _connect(self, *, first_sync_aside: bool = False) -> None:
        """Only the callback is needed to poll events: the location and the 24 h catch-up are
        retried before later polls when they fail, so new orders never wait on them.

        `first_sync_aside` (the run loop): the catch-up runs beside the polls, not before them.
        """
        try:
            await self.poller.ensure_callback()
        except Exception as exc:
            self._note_failure(exc)
            raise
        self.connected = True
        await self._load_location()
        if first_sync_aside:
            self._start_first_sync()
        else:
            await self._first_sync()
        self.refresh_counts()

    def _start_first_sync(self) -> None:
        task = self._first_sync_task
        if task is None or task.done():
            self._first_sync_at = None
            self._first_sync_task = asyncio.ensure_future(self._first_sync_aside())

    async def _first_sync_aside(self) -> None:
        try:
            await self._first_sync()
        except Exception as exc:  # 401: noted by _first_sync; the poll loop waits for staff
            if not is_hubrise_failure(exc):
                log.exception("first sync failed")

    async def _stop_first_sync(self) -> None:
        task, self._first_sync_task = self._first_sync_task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _load_location(self) -> None:
        try:
            await self.poller.fetch_location()
        except Exception as exc:
            self._note_failure(exc)
            if classify(exc).verdict == "reconnect":
                raise
            return
        self._location_loaded = True
        self._news.location_changed()

    async def _first_sync(self) -> None:
        """The 24 h catch-up; a failure is shown, and tried again later with backoff."""
        try:
            new_ids = await self.poller.catch_up()
        except Exception as exc:
            self._note_failure(exc)
            if classify(exc).verdict == "reconnect":
                raise
            self._first_sync_failures += 1
            wait = self.outbox.backoff.delay(self._first_sync_failures)
            self._first_sync_at = self.clock.now() + timedelta(seconds=wait)
            self._news.update(first_sync_problem=describe(exc)[1])
            return
        self._first_sync_failures, self._first_sync_at = 0, None
        self._news.update(first_sync_problem="")
        self._news.online()
        self._news.orders_changed(new_ids)
        if new_ids:
            self.kick()

    async def _catch_up_if_due(self) -> None:
        """Before a poll: retry what a failed connect left (location; the first sync, aside)."""
        try:
            if not self._location_loaded:
                await self._load_location()
            due = self._first_sync_at
            if due is not None and self.clock.now() >= due:
                self._start_first_sync()
        except Exception as exc:
            if not is_hubrise_failure(exc):
                raise
            # 401, already noted: the loop waits for staff to reconnect



def is_hubrise_failure(exc: BaseException) -> bool:
    """HubRise's answer or its absence (network), as opposed to a bug of ours."""
    return isinstance(exc, (OSError, TimeoutError, HubRiseError))
