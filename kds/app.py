"""Composition root: parse the command line, build the objects, run the Qt + asyncio loop."""

from __future__ import annotations

import argparse
import sys

from kds import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kds", description="HubRise kitchen display")
    parser.add_argument("--version", action="version", version=f"kds {__version__}")
    parser.add_argument("--demo", action="store_true", help="run against the built-in simulator")
    parser.add_argument("--exit-after-ms", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--screenshot", default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel(f"KDS {__version__} — demo mode" if args.demo else f"KDS {__version__}")
    label.resize(800, 480)
    label.show()
    if args.exit_after_ms:
        def finish() -> None:
            if args.screenshot:
                label.grab().save(args.screenshot)
            app.quit()
        QTimer.singleShot(args.exit_after_ms, finish)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
