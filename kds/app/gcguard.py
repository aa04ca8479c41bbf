"""Run Python's cycle collector only on the Qt (main) thread.

A Qt object caught in a reference cycle is destroyed by whichever thread the collector
happens to run on. When that is another thread (the demo simulator's server thread, a test
server), Qt cannot stop the object's timers from there: they fire later on freed memory and
the process crashes (seen as a segfault in QTimerInfoList::activateTimers). So automatic
collection is switched off and the main thread collects on a timer instead.
"""

from __future__ import annotations

import gc

COLLECT_EVERY_MS = 5_000


def collect_on_main_thread_only() -> None:
    """Switch automatic collection off; call `collect()` from the main thread from now on."""
    gc.disable()


def collect() -> int:
    return gc.collect()


def start_collector(parent: object, every_ms: int = COLLECT_EVERY_MS) -> object:
    """A QTimer (child of `parent`) that collects cycles on the main thread."""
    from PySide6.QtCore import QTimer

    collect_on_main_thread_only()
    timer = QTimer(parent)  # type: ignore[arg-type]
    timer.timeout.connect(collect)
    timer.start(every_ms)
    return timer
