"""Composition root: parse the command line, build the objects, run the Qt + asyncio loop."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

from kds.app.config import AppConfig, confirm_reset, load_config_or_exit
from kds.app.notices import Notice, token_file_notices

if TYPE_CHECKING:
    from kds.store.connection import Precheck

log = logging.getLogger(__name__)


def _reset(config: AppConfig) -> int:
    from kds.app.connection import reset_local_state
    from kds.platform.instance import AlreadyRunning, InstanceLock
    from kds.platform.secrets.choose import open_secret_store

    lock = InstanceLock(config.data_dir)
    if config.data_dir.is_dir():
        try:
            lock.acquire()
        except OSError:
            pass  # a read-only dir: the deletions below will say what failed
        except AlreadyRunning:
            print(f"KDS is running on {config.data_dir}: close it before --reset. "
                  "Nothing was deleted.")
            return 1
    if not confirm_reset(config):
        lock.release()
        print("Nothing was deleted.")
        return 1
    report = reset_local_state(config.data_dir, open_secret_store(config.data_dir),
                               config.api_url)
    lock.release()
    print(reset_summary(report, config.data_dir))
    return 1 if report.problems else 0


def reset_summary(report: Any, data_dir: Any) -> str:
    """Exactly what --reset removed, what it kept and where, and what failed."""
    lines = [f"Removed from {data_dir}: " + ("; ".join(report.removed) or "nothing was stored")
             + "."]
    if report.kept:
        lines.append("Kept (delete by hand to remove them too): " + "; ".join(report.kept) + ".")
    if report.problems:
        lines.append("NOT removed: " + "; ".join(report.problems) + ".")
    else:
        lines.append("Connection forgotten.")
    return "\n".join(lines)


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


def _already_running(config: AppConfig) -> int:
    from PySide6.QtCore import QCoreApplication

    from kds.app.single_instance import ALREADY_RUNNING_EXIT, ask_running_to_raise

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    if ask_running_to_raise(config.data_dir):
        print(f"KDS is already running on {config.data_dir}: its window was brought to the front.")
    else:
        print(f"KDS is already running on {config.data_dir} (it did not answer); "
              "only one KDS can use a data folder. Close it first to start a new one.")
    return ALREADY_RUNNING_EXIT


def _run_gui(config: AppConfig) -> int:
    from kds.platform.files import private_dir
    from kds.platform.instance import AlreadyRunning, InstanceLock

    lock = InstanceLock(config.data_dir)
    try:
        private_dir(config.data_dir)
    except OSError as exc:  # read-only: the store and the log say what this means
        print(f"kds: warning: cannot prepare {config.data_dir}: {exc.strerror}", file=sys.stderr)
    try:
        lock.acquire()
    except AlreadyRunning:
        return _already_running(config)
    except OSError as exc:  # a read-only data dir: nothing can be written, so run unguarded
        print(f"kds: warning: cannot lock {lock.path}: {exc.strerror}", file=sys.stderr)
    from kds.store.connection import FILE_NAME, check_in_background
    from kds.store.migrations import StoreTooNew

    # The store's integrity check reads the whole file: it runs while Qt and the screens are
    # imported, and the store is opened with its verdict (a quarter of a second sooner on the
    # board with 100,000 historic orders).
    precheck = check_in_background(config.data_dir / FILE_NAME)
    try:
        return _run_locked(config, precheck)
    except StoreTooNew as exc:
        return _refuse_newer_store(config, exc)
    finally:
        lock.release()


STORE_TOO_NEW_EXIT = 3


def store_too_new_text(config: AppConfig, exc: Exception) -> str:
    from kds import __version__

    return (f"KDS {__version__} cannot open the data in {config.data_dir}: a newer KDS wrote it "
            f"({exc}). Nothing was changed or deleted. Install the newer KDS again to use this "
            "data; to run this older version anyway, close it and move that folder aside first.")


def _refuse_newer_store(config: AppConfig, exc: Exception) -> int:
    """An older KDS started on a newer store (a downgrade): say so plainly, touch nothing, and
    exit non-zero. The message goes to stderr, the log and, when there is a screen, a dialog:
    a kitchen PC starts KDS from the menu or at log-in, where nobody reads stderr."""
    text = store_too_new_text(config, exc)
    log.error("refusing a newer store: %s", text)
    print(f"kds: error: {text}", file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen" or config.exit_after_ms:
        _show_refusal(text, config.exit_after_ms)
    return STORE_TOO_NEW_EXIT


def _show_refusal(text: str, close_after_ms: int) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    box = QMessageBox(QMessageBox.Icon.Critical, "KDS cannot start", text)
    box.setTextFormat(Qt.TextFormat.PlainText)   # the text names the data folder, as typed
    if close_after_ms:  # tests and screenshots: never wait for a tap
        QTimer.singleShot(close_after_ms, box.accept)
    box.exec()


def show_notices(controller: Any, problems: list[Notice] | None = None) -> None:
    """Put what staff must know at start in the window's notice strip (and the log)."""
    from kds.app.notices import secret_notices, store_notices

    # The demo keeps no token, so where tokens would be kept does not matter to it.
    secrets = [] if controller.config.demo else secret_notices(controller.secrets)
    for notice in [*(problems or []), *store_notices(controller.store), *secrets]:
        log.warning("notice shown: %s", notice.text)
        controller.window.notices.show_notice(notice.key, notice.text, notice.level)


def _start_logging(config: AppConfig) -> list[Notice]:
    """The log file, or stderr when it cannot be written (read-only / full disk, a symlink)."""
    from kds.app.notices import log_notice
    from kds.platform.logsetup import setup_console_logging, setup_logging

    try:
        setup_logging(config.data_dir)
        return []
    except OSError as exc:
        setup_console_logging()
        reason = exc.strerror or str(exc)
        log.error("cannot write the log in %s (%s): logging to stderr", config.data_dir, reason)
        return [log_notice(config.data_dir / "logs", reason)]


def _run_locked(config: AppConfig, precheck: Precheck | None = None) -> int:
    from PySide6.QtWidgets import QApplication  # import PySide6 before qasync picks a binding

    import qasync

    from kds.clock import SystemClock
    from kds.app.gcguard import start_collector
    from kds.platform.logsetup import register_secret
    from kds.app.runtime import open_store
    from kds.app.controller import AppController
    from kds.app.single_instance import RaiseServer
    from kds.platform.resources import resource_path
    from kds.ui.i18n import install_language
    from kds.ui.theme import apply_theme

    problems = [*_start_logging(config), *token_file_notices(config.token_file)]
    register_secret(config.access_token)
    clock = SystemClock()
    store = open_store(config.data_dir, clock, precheck)
    apply_text_size(store.get_settings().font_scale_percent)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # the controller decides when to stop
    apply_theme(app)
    # Before any window is built: every label is translated when its widget is made.
    language = config.lang or store.get_settings().language   # kds --lang wins for this run
    translator = install_language(app, language, resource_path("translations"))  # noqa: F841
    start_collector(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        controller = AppController(config, clock, store=store)
        RaiseServer(config.data_dir, controller.window)
        show_notices(controller, problems)
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
