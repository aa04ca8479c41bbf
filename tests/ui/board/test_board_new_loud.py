"""A new order is loud with the default settings, through the real store and auto-receive."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator

from kds.clock import FakeClock
from kds.hubrise.order_model import parse_order
from kds.store import Store
from kds.store.settings import Settings
from kds.sync.poller import Poller
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import TicketDelegate
from kds.ui.board.source import BoardConfig
from kds.ui.sound import NullSoundPlayer
from tests.fakes.samples import sample_order
from tests.ui.paint_probe import paint_index

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


class OneOrderHubRise:
    """Just enough HubRise for the first-run catch-up: one order, status new."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    async def list_orders(self, after: datetime) -> AsyncIterator[Any]:
        yield parse_order(self.raw)   # as HubRiseClient.list_orders does: parsed, raw kept


def test_auto_received_order_stays_new_and_chimes_until_touched(qtbot: Any,
                                                                 tmp_path: Path) -> None:
    clock = FakeClock(START)
    store = Store.open(tmp_path / "kds.db", clock)
    try:
        settings = Settings()
        assert settings.auto_receive   # the default this test is about
        raw = sample_order(1, clock.now(), status="new")
        poller = Poller(OneOrderHubRise(raw), store, clock, auto_receive=settings.auto_receive)
        (order_id,) = asyncio.run(poller.catch_up())
        row = store.get_order(order_id)
        assert row is not None and row.status == "received"   # HubRise is told at once
        assert store.due_outbox(clock.now(), 10)[0].body == {"status": "received"}

        player = NullSoundPlayer()
        board = BoardScreen(store, clock, BoardConfig(), player=player)
        qtbot.addWidget(board)
        board.resize(1366, 768)
        board.show()
        qtbot.waitExposed(board)
        board.refresh()
        model = board.models["active"]
        ticket = model.ticket(order_id)
        assert ticket is not None and ticket.is_new
        drawn = [d.text for d in paint_index(board.delegate, model.index(0, 0))]
        assert any(text.startswith("NEW · ") for text in drawn)
        assert any(text.startswith("★ ") for text in drawn)
        assert player.played == ["new_order"]
        clock.advance(board.alerter.repeat_seconds)
        board.tick()
        assert player.played == ["new_order", "new_order"]   # repeats: nobody touched it

        board.touch(order_id)
        board.refresh()
        assert not model.ticket(order_id).is_new
        clock.advance(board.alerter.repeat_seconds)
        board.tick()
        assert player.played == ["new_order", "new_order"]
        assert isinstance(board.delegate, TicketDelegate)
    finally:
        store.close()
