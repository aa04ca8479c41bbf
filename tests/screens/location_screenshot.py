"""Render the location panels to PNGs (no simulator, no network).

    python -m tests.screens.location_screenshot shots/ [WIDTH HEIGHT]
writes acceptance.png, acceptance-busy.png, acceptance-paused.png, hours.png and hours-slot.png into the folder.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path


def render(folder: Path, width: int = 1366, height: int = 768) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from kds.clock import FakeClock
    from kds.ui.location.acceptance_panel import AcceptancePanel
    from kds.ui.location.hours_editor import OpeningHoursEditor
    from tests.fakes.location_source import MemoryLocationSource
    from kds.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    clock = FakeClock(datetime(2026, 11, 27, 18, 40, tzinfo=timezone.utc))  # Fri 19:40 Paris
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shoot(widget: QWidget, name: str) -> None:
        widget.resize(width, height)
        widget.show()
        app.processEvents()
        path = folder / name
        widget.grab().save(str(path))
        written.append(path)

    panel = AcceptancePanel(MemoryLocationSource(), clock)
    panel.set_kitchen_load(14, 2)
    shoot(panel, "acceptance.png")
    busy = AcceptancePanel(MemoryLocationSource(), clock)
    busy.go_busy(15, "30min")
    shoot(busy, "acceptance-busy.png")
    paused_source = MemoryLocationSource()
    paused_source.remote_update({"order_acceptance": {
        "mode": "paused", "reason": "<b>Oven</b> broken — back soon",
        "resume_at": "2026-11-27T21:10:00+01:00"}})
    paused = AcceptancePanel(paused_source, clock)
    paused.choose_mode("paused")
    paused.choose_reason("Out of ingredients")
    shoot(paused, "acceptance-paused.png")
    editor = OpeningHoursEditor(MemoryLocationSource(), clock)
    editor.set_slot("tuesday", 1, "13:00", "22:00")
    shoot(editor, "hours.png")
    editor.open_slot_editor("friday", 1)
    shoot(editor, "hours-slot.png")
    for widget in (panel, busy, paused, editor):
        widget.close()
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    size = (int(args[1]), int(args[2])) if len(args) >= 3 else (1366, 768)
    for written_path in render(Path(args[0] if args else "shots"), *size):
        print(written_path)
