"""Composition root: command line, config, start-up, runtime, connection service, self-test.

The only room that knows every other one; it hands the UI one ready object.
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """The `kds` command (imported lazily so `kds.app.config` & co. stay cheap to import)."""
    from kds.app.start import main as start_main

    return start_main(argv)
