"""`kds --demo --self-test`: an order goes simulator → poll → store → outbox → simulator.

Integration-style: a real simulator on a loopback port, a real store in tmp_path, the real
client and sync engine. Each run takes well under a second.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from kds.app.selftest import run_self_test
from kds.sync.engine import SyncEngine


def test_self_test_sends_one_order_round_trip_and_reports_success(tmp_path: Path) -> None:
    result = asyncio.run(run_self_test(tmp_path))

    assert result.ok, result.summary
    assert result.summary.startswith("self-test OK: order ")
    assert "reached 'accepted' on the simulator" in result.summary
    assert "\n" not in result.summary
    assert list(tmp_path.iterdir()) == []  # its scratch database is gone afterwards


def test_self_test_fails_with_reason_when_the_outbox_never_sends(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def send_nothing(self: SyncEngine) -> None:
        return None

    monkeypatch.setattr(SyncEngine, "drain_outbox_once", send_nothing)
    result = asyncio.run(run_self_test(tmp_path))

    assert not result.ok
    assert result.summary.startswith("self-test FAILED at advance: ")
    assert "outbox still has entries" in result.summary


def test_self_test_fails_with_reason_when_orders_never_arrive(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def poll_nothing(self: SyncEngine) -> None:
        return None

    monkeypatch.setattr(SyncEngine, "poll_once", poll_nothing)
    result = asyncio.run(run_self_test(tmp_path))

    assert not result.ok
    assert result.summary.startswith("self-test FAILED at poll: ")
    assert "never arrived" in result.summary
