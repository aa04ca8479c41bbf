"""Composition root: parse the command line, build the objects, run the Qt + asyncio loop."""

from __future__ import annotations

import asyncio
import sys

from kds.config import AppConfig, confirm_reset, load_config_or_exit


def _reset(config: AppConfig) -> int:
    from kds.connection import reset_local_state
    from kds.secrets.choose import open_secret_store

    if not confirm_reset(config):
        print("Nothing was deleted.")
        return 1
    reset_local_state(config.data_dir, open_secret_store(config.data_dir), config.api_url)
    print(f"Connection forgotten and local cache deleted in {config.data_dir}.")
    return 0


def _self_test(config: AppConfig) -> int:
    from kds.selftest import run_self_test

    result = asyncio.run(run_self_test(config.data_dir / "self-test"))
    print(result.summary)
    return 0 if result.ok else 1


def _run_gui(config: AppConfig) -> int:
    from PySide6.QtWidgets import QApplication  # import PySide6 before qasync picks a binding

    import qasync

    from kds.clock import SystemClock
    from kds.gcguard import start_collector
    from kds.logsetup import register_secret, setup_logging
    from kds.ui.controller import AppController
    from kds.ui.theme import apply_theme

    setup_logging(config.data_dir)
    register_secret(config.access_token)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # the controller decides when to stop
    apply_theme(app)
    start_collector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        controller = AppController(config, SystemClock())
        return loop.run_until_complete(controller.run_until_finished())


def main(argv: list[str] | None = None) -> int:
    config = load_config_or_exit(argv)
    if config.reset:
        return _reset(config)
    if config.self_test:
        return _self_test(config)
    return _run_gui(config)


if __name__ == "__main__":
    sys.exit(main())
