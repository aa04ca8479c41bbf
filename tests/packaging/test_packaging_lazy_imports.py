"""Start-up imports only what the first paint of the board needs: the problems dialog and the
simulator are imported when they are opened. (The first-run and sign-in screens are imported
where used too, but kds/ui/connect/__init__.py still imports them with the info screen.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LATER = ("kds.ui.board.problems", "kds.sim.server", "kds.sim.world", "kds.sim.generator")


@pytest.mark.slow  # starts a Python/app process
def test_starting_the_board_does_not_import_screens_opened_later() -> None:
    code = ("import sys, kds.app.start, kds.app.controller; "
            f"print(','.join(m for m in {LATER!r} if m in sys.modules))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    assert done.stdout.strip() == ""
