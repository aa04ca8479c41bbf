"""The customer-facing Preparing / Ready board (issue 14), on the kitchen's real store, moved by
the board's own action path; what it paints is recorded (default settings)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from kds.app.customer_display import CustomerDisplayHost, other_screen
from kds.clock import FakeClock
from kds.hubrise.money import format_time
from kds.store import Store
from kds.ui.board.board import BoardScreen
from kds.ui.customer.display import CHIME, CustomerDisplay
from kds.ui.sound import NullSoundPlayer
from kds.ui.sources import KitchenSource
from tests.fakes.samples import sample_order
from tests.ui.paint_probe import RecordingPainter

PHONE = "+33 6 12 34 56 78"
ADDRESS = "12 rue Oberkampf"


def collection(index: int, clock: FakeClock, **fields: Any) -> dict[str, Any]:
    raw = sample_order(index, clock.now(), status="in_preparation")
    raw.update(service_type="collection", collection_code=f"B{index}",
               expected_time=format_time(clock.now()), **fields)
    raw["customer"] = {"first_name": "Léa", "last_name": "Martin", "phone": PHONE,
                       "address_1": ADDRESS, "postal_code": "75011", "city": "Paris"}
    raw["customer_notes"] = "Ring twice, allergic to peanuts"
    return raw


def painted(display: CustomerDisplay, width: int = 1920, height: int = 1080) -> list[str]:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        display.paint_board(painter, QRect(0, 0, width, height))
    finally:
        painter.end()
    return [drawn.plain for drawn in painter.drawn]


@pytest.fixture
def kitchen(qtbot: Any, store: Store, clock: FakeClock) -> tuple[BoardScreen, CustomerDisplay,
                                                                 NullSoundPlayer]:
    source = KitchenSource(store)
    board = BoardScreen(source, clock, player=NullSoundPlayer())
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    player = NullSoundPlayer()
    host = CustomerDisplayHost()
    display = host.sync(True, board, clock, player, board)   # as the app root opens it
    assert display is not None
    qtbot.addWidget(display)
    return board, display, player


def test_the_display_goes_from_preparing_to_ready_when_the_kitchen_bumps_and_chimes_once(
        kitchen: Any, store: Store, clock: FakeClock) -> None:
    board, display, player = kitchen
    order_id = store.upsert_remote_order(collection(7, clock)).order_id
    store.mark_seen(order_id)
    board.refresh()
    assert display.isVisible()
    assert display.preparing() == ["B7"] and display.ready() == []
    assert "B7" in painted(display) and player.played == []
    board.press_main_button(order_id)   # the big button: "Ready" (awaiting_collection)
    assert store.get_order(order_id).status == "awaiting_collection"
    assert display.preparing() == [] and display.ready() == ["B7"]
    assert player.played == [CHIME]
    display.refresh()
    board.refresh()
    assert player.played == [CHIME]      # once, not on every re-read
    texts = painted(display)
    assert "B7" in texts and "✔ Ready" in texts and "Preparing" in texts


def test_nothing_but_the_code_or_first_name_is_painted(kitchen: Any, store: Store,
                                                        clock: FakeClock) -> None:
    board, display, _player = kitchen
    raw = collection(8, clock)
    del raw["collection_code"]
    store.upsert_remote_order(raw)
    board.refresh()
    texts = painted(display)
    assert "Léa M." in texts
    everything = " ".join(texts)
    item_names = [item["product_name"] for item in raw["items"]]
    for private in (PHONE, "12 34", ADDRESS, "Oberkampf", "75011", "Martin", "peanuts",
                    "Ring twice", *item_names, "EUR"):
        assert private not in everything, private


def test_long_and_hostile_names_are_cut_and_drawn_as_plain_text(
        kitchen: Any, store: Store, clock: FakeClock) -> None:
    board, display, _player = kitchen
    raw = collection(9, clock)
    del raw["collection_code"]
    raw["customer"] = {"first_name": "<b>Wolfeschlegelsteinhausen</b>\u202e\u0000",
                       "last_name": "<script>alert(1)</script>"}
    store.upsert_remote_order(raw)
    board.refresh()
    [label] = display.preparing()
    assert label == "<b>Wolfesch… S."   # cut at 12 characters, shown as the letters it has
    assert label in painted(display, 1024, 600)


def test_a_crowd_of_orders_never_runs_off_the_screen(kitchen: Any, store: Store,
                                                      clock: FakeClock) -> None:
    board, display, _player = kitchen
    for index in range(60):
        store.upsert_remote_order(collection(100 + index, clock))
    board.refresh()
    image = QImage(1024, 600, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        display.paint_board(painter, QRect(0, 0, 1024, 600))
    finally:
        painter.end()
    inside = QRect(0, 0, 1024, 600)
    assert all(inside.contains(drawn.rect) for drawn in painter.drawn)
    assert any(drawn.plain.startswith("+") for drawn in painter.drawn)   # "+N more" tile


def test_the_setting_closes_it_and_a_second_screen_is_chosen_when_there_is_one(
        kitchen: Any, clock: FakeClock) -> None:
    board, _display, player = kitchen
    host = CustomerDisplayHost()
    opened = host.sync(True, board, clock, player, board)
    assert opened is not None and opened.isVisible()
    host.sync(False, board, clock, player, board)
    assert host.display is None and not opened.isVisible()
    main, second = object(), object()
    assert other_screen([main, second], main) is second
    assert other_screen([main], main) is None


def test_the_command_line_and_settings_ask_for_it() -> None:
    from kds.app.config import parse_config
    from kds.store.settings import Settings

    assert parse_config(["--customer-display"], {}).customer_display
    assert not parse_config([], {}).customer_display
    assert Settings.from_dict({"customer_display": True}).customer_display
    assert not Settings.from_dict({"customer_display": "yes"}).customer_display
