"""What every screenshot script does: an offscreen themed app, a board shown and settled, a PNG."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def themed_app() -> Any:
    """The QApplication (offscreen unless a display is set), with the kitchen's theme."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kds.ui import theme

    app = QApplication.instance() or QApplication([])
    theme.apply_theme(app)  # type: ignore[arg-type]
    return app


def shown_board(source: Any, clock: Any, width: int, height: int, config: Any = None) -> Any:
    """A BoardScreen over `source`, sized, shown, refreshed and ticked once."""
    from kds.ui.board.board import BoardScreen
    from kds.ui.sound import NullSoundPlayer

    board = BoardScreen(source, clock, config, player=NullSoundPlayer())
    board.resize(width, height)
    board.show()
    board.refresh()
    board.tick()
    settle()
    return board


def settle() -> None:
    app = themed_app()
    for _ in range(5):
        app.processEvents()


def save(widget: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def shoot_board(source: Any, clock: Any, width: int, height: int, path: Path,
                config: Any = None) -> Path:
    """shown_board, saved to `path`, closed."""
    board = shown_board(source, clock, width, height, config)
    save(board, path)
    board.close()
    return path


def main_for_sizes(argv: list[str], usage: str, render: Any, name: str) -> int:
    """`script FOLDER W H [W H ...]`: render(FOLDER / name.format(width=, height=), w, h) per size."""
    if len(argv) < 3:
        print(usage)
        return 2
    for width, height in zip(argv[1::2], argv[2::2], strict=False):
        print(render(Path(argv[0]) / name.format(width=width, height=height), int(width),
                     int(height)))
    return 0
