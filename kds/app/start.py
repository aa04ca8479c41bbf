"""Composition root: parse the command line, build the objects, run the Qt + asyncio loop."""

from __future__ import annotations

import asyncio
import os
import sys

from kds.app.config import AppConfig, confirm_reset, load_config_or_exit


def _reset(config: AppConfig) -> int:
    from kds.app.connection import reset_local_state
    from kds.platform.secrets.choose import open_secret_store

    if not confirm_reset(config):
        print("Nothing was deleted.")
        return 1
    reset_local_state(config.data_dir, open_secret_store(config.data_dir), config.api_url)
    print(f"Connection forgotten and local cache deleted in {config.data_dir}.")
    return 0


def _self_test(config: AppConfig) -> int:
    from kds.app.selftest import run_self_test

    result = asyncio.run(run_self_test(config.data_dir / "self-test"))
    print(result.summary)
    return 0 if result.ok else 1


def apply_text_size(percent: int) -> None:
    """The kitchen's text size setting scales the whole UI (text and touch targets alike).

    Qt reads the factor once, when the application starts: a change applies at next start.
    """
    if percent != 100 and "QT_SCALE_FACTOR" not in os.environ:
        os.environ["QT_SCALE_FACTOR"] = f"{percent / 100:.2f}"


def _run_gui(config: AppConfig) -> int:
    from PySide6.QtWidgets import QApplication  # import PySide6 before qasync picks a binding

    import qasync

    from kds.clock import SystemClock
    from kds.app.gcguard import start_collector
    from kds.platform.logsetup import register_secret, setup_logging
    from kds.app.runtime import open_store
    from kds.app.controller import AppController
    from kds.ui.theme import apply_theme

    setup_logging(config.data_dir)
    register_secret(config.access_token)
    clock = SystemClock()
    store = open_store(config.data_dir, clock)
    apply_text_size(store.get_settings().font_scale_percent)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # the controller decides when to stop
    apply_theme(app)
    start_collector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        controller = AppController(config, clock, store=store)
        return loop.run_until_complete(controller.run_until_finished())


def main(argv: list[str] | None = None) -> int:
    config = load_config_or_exit(argv)
    if config.reset:
        return _reset(config)
    if config.self_test:
        return _self_test(config)
    return _run_gui(config)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
