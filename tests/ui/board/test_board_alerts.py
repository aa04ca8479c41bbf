"""New orders and HubRise changes are impossible to miss: highlight, repeating sound, marks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from kds.clock import FakeClock
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import TicketDelegate
from kds.ui.board.header import HeaderInfo
from kds.ui.board.source import BoardConfig
from tests.fakes.board_source import MemoryBoardSource
from tests.fakes.samples import sample_order
from kds.ui.sound import NullSoundPlayer, QtSoundPlayer, SoundPlayer, default_player


@pytest.fixture
def player() -> NullSoundPlayer:
    return NullSoundPlayer()


@pytest.fixture
def board(qtbot: Any, source: MemoryBoardSource, clock: FakeClock,
          player: NullSoundPlayer) -> BoardScreen:
    screen = BoardScreen(source, clock, BoardConfig(timezone_name="Europe/Paris"), player=player)
    qtbot.addWidget(screen)
    screen.resize(1600, 900)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def tap_body(qtbot: Any, board: BoardScreen, order_id: str) -> None:
    view = board.views["active"]
    index = board.models["active"].index(board.models["active"].row_of(order_id), 0)
    card = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(card.center().x(), card.top() + 120))


def test_new_order_is_highlighted_and_sound_repeats_until_touched(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock,
        player: NullSoundPlayer) -> None:
    order_id = source.add_remote(sample_order(1, clock.now(), status="received")).id
    board.refresh()
    assert board.ticket(order_id).is_new
    assert board.alert_banner.isVisible() and "1 NEW" in board.alert_banner.text()
    assert player.played == ["new_order"]
    clock.advance(board.config.alert_repeat_seconds)
    board.tick()
    clock.advance(board.config.alert_repeat_seconds)
    board.tick()
    assert player.played == ["new_order"] * 3
    tap_body(qtbot, board, order_id)
    assert source.rows[order_id].seen
    assert not board.ticket(order_id).is_new
    assert not board.alert_banner.isVisible()
    clock.advance(board.config.alert_repeat_seconds * 3)
    board.tick()
    assert player.played == ["new_order"] * 3


def test_mute_silences_the_repeat_but_keeps_the_highlight(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock,
        player: NullSoundPlayer) -> None:
    order_id = source.add_remote(sample_order(2, clock.now(), status="received")).id
    board.refresh()
    qtbot.mouseClick(board.silence_button, Qt.MouseButton.LeftButton)
    clock.advance(60)
    board.tick()
    assert player.played == ["new_order"]
    assert board.ticket(order_id).is_new
    assert board.silence_button.text() == "♪ Muted 4 min"
    clock.advance(300)
    board.tick()
    assert player.played == ["new_order", "new_order"]
    assert board.silence_button.text() == "♪ Mute 5 min"


def test_escape_mutes_and_a_second_press_unmutes(
        board: BoardScreen, source: MemoryBoardSource, clock: FakeClock,
        player: NullSoundPlayer) -> None:
    source.add_remote(sample_order(7, clock.now(), status="received"))
    board.refresh()
    assert board.handle_key(Qt.Key.Key_Escape)
    clock.advance(board.config.alert_repeat_seconds)
    board.tick()
    assert player.played == ["new_order"]
    board.handle_key(Qt.Key.Key_Escape)
    clock.advance(board.config.alert_repeat_seconds)
    board.tick()
    assert player.played == ["new_order", "new_order"]


def test_order_cancelled_by_hubrise_stays_until_dismissed(
        qtbot: Any, board: BoardScreen, source: MemoryBoardSource, clock: FakeClock,
        player: NullSoundPlayer) -> None:
    raw = sample_order(3, clock.now(), status="in_preparation")
    order_id = source.add_remote(raw, seen=True).id
    board.refresh()
    source.add_remote(dict(raw, status="cancelled"))
    board.refresh()
    ticket = board.models["active"].ticket(order_id)
    assert ticket is not None and "CANCELLED" in ticket.remote_label
    assert ticket.main_label == "✔ Got it"
    assert board.change_banner.isVisible() and "CANCELLED" in board.change_banner.text()
    assert player.played[-1] == "order_changed"
    clock.advance(board.config.refresh_seconds * 4)
    board.tick()
    assert board.models["active"].row_of(order_id) == 0   # still there, first in line
    view = board.views["active"]
    card = board.card_geometry(board.models["active"].tickets()[0].order_id)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=TicketDelegate.button_rect(card).center())
    assert source.rows[order_id].remote_change is None
    board.release_hold()   # a moment after the tap: the acknowledged ticket leaves
    assert board.models["active"].row_of(order_id) == -1
    assert board.models["done"].row_of(order_id) >= 0
    assert not board.change_banner.isVisible()


def test_long_press_opens_the_ticket_menu(
        board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    order_id = source.add_remote(sample_order(4, clock.now(), status="accepted"), seen=True).id
    board.refresh()
    opened: list[str] = []
    board.delegate.menuClicked.connect(opened.append)
    ticket = board.ticket(order_id)
    board.delegate.handle_tap(ticket, board.views["active"].visualRect(
        board.models["active"].index(0, 0)), QPoint(100, 150), long_press=True)
    assert opened == [order_id]


def test_header_shows_acceptance_countdown_and_offline_state(
        board: BoardScreen, clock: FakeClock, source: MemoryBoardSource) -> None:
    board.set_header(HeaderInfo(location_name="Bella <b>Pizza</b>", acceptance_mode="paused",
                                resume_at=clock.now() + timedelta(minutes=20), online=False,
                                offline_since=clock.now() - timedelta(minutes=3)))
    assert board.header.location.text() == "Bella <b>Pizza</b>"
    assert board.header.location.textFormat() == Qt.TextFormat.PlainText
    assert "PAUSED" in board.header.acceptance.text()
    assert "(20 min)" in board.header.acceptance.text()
    assert "OFFLINE since 11:57" in board.header.health.text()   # Paris time
    clock.advance(5 * 60)
    board.tick()
    assert "(15 min)" in board.header.acceptance.text()
    assert board.header.clock.text() == "12:05"


def test_header_counts_changes_waiting_to_be_sent(
        board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    order_id = source.add_remote(sample_order(5, clock.now(), status="accepted"), seen=True).id
    source.set_sync(order_id, "failed", "422")
    board.refresh()
    assert "1 FAILED" in board.header.health.text()


class ExplodingPlayer(SoundPlayer):
    def _play(self, name: str) -> None:
        raise RuntimeError("no audio device")


def test_a_broken_speaker_never_crashes_the_board(
        qtbot: Any, source: MemoryBoardSource, clock: FakeClock) -> None:
    screen = BoardScreen(source, clock, player=ExplodingPlayer())
    qtbot.addWidget(screen)
    source.add_remote(sample_order(6, clock.now(), status="received"))
    screen.refresh()
    assert screen.models["active"].rowCount() == 1


def test_qt_sound_player_tolerates_missing_files(tmp_path: Path) -> None:
    player = QtSoundPlayer(tmp_path)
    player.play("new_order")   # logged, not raised
    assert isinstance(default_player(), SoundPlayer)


def test_alert_sounds_are_shipped_as_wav_files() -> None:
    import wave

    from kds.ui.sound import SOUND_NAMES, SOUNDS_DIR
    for name in SOUND_NAMES:
        with wave.open(str(SOUNDS_DIR / f"{name}.wav")) as sound:
            assert 0.3 < sound.getnframes() / sound.getframerate() < 3.0


def test_late_tickets_are_counted_and_busy_mode_suggested(
        board: BoardScreen, source: MemoryBoardSource, clock: FakeClock) -> None:
    counts: list[int] = []
    board.lateChanged.connect(counts.append)
    for index in range(3):
        raw = sample_order(10 + index, clock.now(), status="in_preparation")
        raw["expected_time"] = (clock.now() + timedelta(minutes=10 + index)).isoformat()
        source.add_remote(raw, seen=True)
    board.refresh()
    assert not board.late_banner.isVisible()
    clock.advance(11 * 60)
    board.tick()
    assert board.late_banner.text() == "■ 1 LATE"
    clock.advance(2 * 60)
    board.tick()
    assert board.late_banner.text() == "■ 3 LATE — Busy mode?"
    assert counts == [1, 3]
