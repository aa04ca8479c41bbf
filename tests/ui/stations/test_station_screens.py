"""Station and expo screens on the real store: a station sees only its items and bumps its
part; the expo sees each station's progress and readies the order when all are done."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kds.clock import FakeClock
from kds.kitchen.station_progress import is_done
from kds.kitchen.stations import ScreenRole, StationRule, make_routing
from kds.store import Store
from kds.ui.board.board import BoardScreen
from kds.ui.board.delegate import TicketDelegate
from kds.ui.board.source import BoardConfig
from kds.ui.sources import KitchenSource
from kds.ui.stations.lens import StationLens

START = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
ROUTING = make_routing([StationRule("Pizza", "name", "Margherita")], default_station="Grill")


def line(name: str) -> dict[str, Any]:
    return {"product_name": name, "price": "9.00 EUR", "quantity": "1"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    opened = Store.open(tmp_path / "kds.db", clock)
    for order_id, names in (("mixed", ["Margherita", "Burger"]), ("grill", ["Burger"]),
                            ("pizza", ["Margherita"])):
        opened.upsert_remote_order({
            "id": order_id, "status": "in_preparation", "service_type": "collection",
            "ref": order_id, "created_at": START.isoformat(), "items": [line(n) for n in names]})
        opened.mark_seen(order_id)
    yield opened
    opened.close()


def screen(qtbot: Any, store: Store, clock: FakeClock, role: ScreenRole | None,
           kicks: list[int] | None = None) -> BoardScreen:
    lens = None if role is None else StationLens(role, ROUTING)
    noted = kicks if kicks is not None else []
    source = KitchenSource(store, kick=lambda: noted.append(1))
    board = BoardScreen(source, clock, BoardConfig(stations=lens))
    qtbot.addWidget(board)
    board.resize(1366, 768)
    return board


def ids(board: BoardScreen, tab: str) -> set[str]:
    return {t.order_id for t in board.models[tab].tickets()}


def names(board: BoardScreen, tab: str, order_id: str) -> list[str]:
    ticket = board.models[tab].ticket(order_id)
    assert ticket is not None
    return [item.name for item in ticket.items]


def test_a_station_sees_only_orders_with_its_items_and_only_those_items(qtbot, store, clock):
    grill = screen(qtbot, store, clock, ScreenRole("Grill", "Grill"))
    assert ids(grill, "active") == {"mixed", "grill"}
    assert names(grill, "active", "mixed") == ["Burger"]
    assert grill.models["active"].ticket("mixed").main_label == "Grill done"
    shown = [grill.all_day.list.item(i).text() for i in range(grill.all_day.list.count())]
    assert len(shown) == 1 and "Burger" in shown[0]   # the all-day panel counts its items
    pizza = screen(qtbot, store, clock, ScreenRole("Pizza", "Pizza"))
    assert ids(pizza, "active") == {"mixed", "pizza"}
    assert names(pizza, "active", "mixed") == ["Margherita"]


def test_the_single_screen_is_unchanged(qtbot, store, clock):
    board = screen(qtbot, store, clock, None)
    assert ids(board, "active") == {"mixed", "grill", "pizza"}
    assert names(board, "active", "mixed") == ["Margherita", "Burger"]
    assert board.models["active"].ticket("mixed").main_label == "Ready"


def test_grill_done_is_a_tap_through_the_outbox_and_moves_the_ticket_to_done(
        qtbot, store, clock):
    kicks: list[int] = []
    grill = screen(qtbot, store, clock, ScreenRole("Grill", "Grill"), kicks)
    grill.show()
    qtbot.waitExposed(grill)
    card = grill.card_geometry("mixed")
    qtbot.mouseClick(grill.views["active"].viewport(), Qt.MouseButton.LeftButton,
                     pos=TicketDelegate.button_rect(card).center())
    assert is_done(store.get_order("mixed").raw["custom_fields"], "Grill")
    assert store.get_order("mixed").status == "in_preparation"   # the status is the expo's
    [entry] = store.due_outbox(clock.now())
    assert entry.kind == "station_progress" and kicks
    grill.release_hold()   # tickets keep their places under a finger; then they move
    assert "mixed" not in ids(grill, "active") and "mixed" in ids(grill, "done")
    assert grill.models["done"].ticket("mixed").main_label == "Grill not done"
    grill.press_main_button("mixed")                                 # taken back
    grill.release_hold()
    assert not is_done(store.get_order("mixed").raw.get("custom_fields"), "Grill")
    assert "mixed" in ids(grill, "active")


def test_the_expo_shows_each_stations_progress_and_readies_when_all_are_done(
        qtbot, store, clock):
    expo = screen(qtbot, store, clock, ScreenRole("Expo", expo=True))
    assert ids(expo, "active") == {"mixed", "grill", "pizza"}
    assert names(expo, "active", "mixed") == ["Margherita", "Burger"]
    assert expo.models["active"].ticket("mixed").status_label.endswith("· 0/2 stations")
    assert expo.models["active"].ticket("grill").status_label.endswith("· 0/1 stations")
    store.set_station_done("mixed", "Grill")
    expo.refresh()
    assert expo.models["active"].ticket("mixed").status_label.endswith("· 1/2 stations")
    assert names(expo, "active", "mixed") == ["Margherita", "✓ Burger"]
    assert store.get_order("mixed").status == "in_preparation"
    store.set_station_done("mixed", "Pizza")
    expo.refresh()
    assert store.get_order("mixed").status == "awaiting_collection"
    assert store.get_order("grill").status == "in_preparation"


def test_a_station_ticket_follows_a_status_change_of_an_unchanged_payload(qtbot, store, clock):
    """The lens remembers rows between refreshes; a new status on the same payload shows."""
    grill = screen(qtbot, store, clock, ScreenRole("Grill", "Grill"))
    assert grill.models["active"].ticket("grill").status == "in_preparation"
    store.set_order_status("grill", "awaiting_collection")   # a tap on the expo's menu, say
    store.set_order_status("mixed", "awaiting_collection")
    grill.refresh()
    assert grill.models["active"].ticket("grill").status == "awaiting_collection"
    assert grill.models["active"].ticket("mixed").status == "awaiting_collection"
    assert names(grill, "active", "mixed") == ["Burger"]
