"""Board benchmark: model reset / row update / full paint with 50, 500 and 1,000 open tickets.

    .venv/bin/python tests/bench/bench_board.py

Prints `name<TAB>value<TAB>unit` lines. Offscreen; no network, no simulator.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from kds.clock import FakeClock  # noqa: E402
from kds.ui import theme  # noqa: E402
from kds.ui.board.board import BoardScreen  # noqa: E402
from tests.fakes.board_source import MemoryBoardSource  # noqa: E402
from kds.ui.board.model import TicketModel  # noqa: E402
from tests.fakes.samples import sample_order  # noqa: E402
from kds.ui.board.source import BoardConfig  # noqa: E402
from kds.ui.sound import NullSoundPlayer  # noqa: E402

START = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)
STATUSES = ("received", "accepted", "in_preparation")


def emit(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.2f}\t{unit}", flush=True)


def best_ms(action: Callable[[], None], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def filled_board(app: QApplication, count: int) -> tuple[BoardScreen, MemoryBoardSource]:
    clock = FakeClock(START)
    source = MemoryBoardSource(clock)
    for index in range(count):
        source.add_remote(sample_order(index, START, status=STATUSES[index % 3]), seen=True)
    config = BoardConfig(lead_minutes=24 * 60)
    board = BoardScreen(source, clock, config, player=NullSoundPlayer())
    board.resize(1920, 1080)
    board.show()
    app.processEvents()
    return board, source


def paint_ms(app: QApplication, board: BoardScreen) -> float:
    def paint() -> None:
        board.views["active"].viewport().repaint()
    return best_ms(paint)


def measure(app: QApplication, count: int) -> None:
    start = time.perf_counter()
    board, source = filled_board(app, count)
    emit(f"board_first_show_{count}", (time.perf_counter() - start) * 1000, "ms")
    model: TicketModel = board.models["active"]
    tickets = model.tickets()
    emit(f"model_reset_{count}", best_ms(lambda: model.reset(tickets)), "ms")
    view = board.views["active"]

    def reset_and_layout() -> None:
        model.reset(tickets)
        view.doItemsLayout()   # the view asks every ticket's size hint again
        view.viewport().repaint()
    emit(f"model_reset_layout_paint_{count}", best_ms(reset_and_layout), "ms")
    emit(f"paint_visible_board_{count}", paint_ms(app, board), "ms")
    emit(f"refresh_unchanged_{count}", best_ms(board.refresh), "ms")
    order_id = tickets[count // 2].order_id

    def status_change() -> None:
        row = source.rows[order_id]
        nxt = "in_preparation" if row.status != "in_preparation" else "accepted"
        source.set_order_status(order_id, nxt)
        board.refresh()
    emit(f"status_change_refresh_{count}", best_ms(status_change), "ms")
    emit(f"single_row_update_{count}",
         best_ms(lambda: model.update_ticket(tickets[count // 2].__class__(
             **{**_fields(tickets[count // 2]), "status_label": str(time.perf_counter())}))), "ms")
    new_index = [count + 10_000]

    def arrival_to_paint() -> None:
        new_index[0] += 1
        source.add_remote(sample_order(new_index[0], START, status="received"))
        board.refresh()
        board.views["active"].viewport().repaint()
    emit(f"new_order_to_painted_{count}", best_ms(arrival_to_paint), "ms")
    board.close()
    board.deleteLater()
    app.processEvents()


def _fields(ticket: object) -> dict[str, object]:
    return {name: getattr(ticket, name) for name in ticket.__slots__}  # type: ignore[attr-defined]


def store_arrival_to_paint(app: QApplication, count: int) -> None:
    """With the real SQLite store: upsert one order, refresh, paint."""
    import tempfile

    from kds.store import Store

    clock = FakeClock(START)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db", clock)
        for index in range(count):
            store.upsert_remote_order(sample_order(index, START, status=STATUSES[index % 3]))
        board = BoardScreen(store, clock, BoardConfig(lead_minutes=24 * 60),
                            player=NullSoundPlayer())
        board.resize(1920, 1080)
        board.show()
        app.processEvents()
        emit(f"store_refresh_unchanged_{count}", best_ms(board.refresh), "ms")
        new_index = [count + 20_000]

        def arrival() -> None:
            new_index[0] += 1
            store.upsert_remote_order(sample_order(new_index[0], START, status="received"))
            board.refresh()
            board.views["active"].viewport().repaint()
        emit(f"store_new_order_to_painted_{count}", best_ms(arrival), "ms")
        board.close()
        store_tap_to_paint(app, store, clock, count)
        store.close()


def store_tap_to_paint(app: QApplication, store: object, clock: FakeClock, count: int) -> None:
    """A staff tap through the app's path (store write + outbox entry, then repaint) with the
    real store: once as the app does it now (one refresh), once as it did before issue 12
    (the outbox kick and the engine's news each refreshed the whole board again)."""
    from kds.ui.sources import KitchenSource

    for label, refreshes in (("", 1), ("_before_three_refreshes", 3)):
        source = KitchenSource(store)  # type: ignore[arg-type]
        board = BoardScreen(source, clock, BoardConfig(lead_minutes=24 * 60),
                            player=NullSoundPlayer())
        board.resize(1920, 1080)
        board.show()
        app.processEvents()
        ids = [t.order_id for t in board.models["active"].tickets()
               if t.status in ("accepted", "in_preparation")][:20]
        turn = [0]

        def tap() -> None:
            order_id = ids[turn[0] % len(ids)]
            turn[0] += 1
            ticket = board.ticket(order_id)
            target = "in_preparation" if ticket.status == "accepted" else "accepted"
            board.set_status(order_id, target)
            for _ in range(refreshes - 1):
                board.refresh()
            board.views["active"].viewport().repaint()
        emit(f"store_tap_to_painted_{count}{label}", best_ms(tap), "ms")
        board.close()


def main() -> int:
    app = QApplication.instance() or QApplication([])
    theme.apply_theme(app)  # type: ignore[arg-type]
    for count in (50, 500, 1000):
        measure(app, count)
    store_arrival_to_paint(app, 1000)
    board, _ = filled_board(app, 1000)
    emit("max_rss_with_1000_open", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")
    board.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 can crash collecting Qt objects at exit, after the
    # figures are printed, which would make a good run look failed.
    os._exit(code)
