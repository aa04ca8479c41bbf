"""Notices staff see in the window at start: a repaired store, where the token is kept."""

from __future__ import annotations

from pathlib import Path

from kds.app.config import parse_config
from kds.app.controller import AppController
from kds.app.start import show_notices
from kds.clock import FakeClock
from kds.platform.secrets.file_store import FileSecretStore
from kds.store.store import Store
from kds.ui.sound import NullSoundPlayer


def _controller(qtbot, data_dir: Path, store: Store) -> AppController:
    config = parse_config(["--data-dir", str(data_dir)], {})
    controller = AppController(config, FakeClock(), player=NullSoundPlayer(), store=store)
    qtbot.addWidget(controller.window, before_close_func=lambda w: w.deleteLater())
    return controller


def test_a_repaired_store_is_announced_on_screen_with_what_was_kept(qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "kds.sqlite3").write_bytes(b"not a database" * 1000)
    store = Store.open(data_dir / "kds.sqlite3", FakeClock())
    controller = _controller(qtbot, data_dir, store)
    show_notices(controller)
    text = controller.window.notices.texts()["store-repaired"]
    assert text.startswith("The local store was damaged and repaired: 0 changes waiting")
    assert str(store.recovered_from) in text
    assert controller.window.notices.isVisibleTo(controller.window)
    controller.window.notices.dismiss("store-repaired")
    assert "store-repaired" not in controller.window.notices.texts()


def test_a_token_kept_in_a_file_is_announced_on_screen(qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir / "kds.sqlite3", FakeClock())
    controller = _controller(qtbot, data_dir, store)
    controller.secrets = FileSecretStore(data_dir)  # as on a PC without an OS keyring
    show_notices(controller)
    assert "secrets.json" in controller.window.notices.texts()["token-storage"]
    assert "store-repaired" not in controller.window.notices.texts()


def test_a_token_file_others_can_read_is_warned_on_screen_and_in_the_log(
        qtbot, tmp_path: Path, caplog) -> None:
    from kds.app.notices import token_file_notices

    token_file = tmp_path / "token.txt"
    token_file.write_text("tok-abcdef-123456")
    token_file.chmod(0o644)
    config = parse_config(["--token-file", str(token_file), "--data-dir", str(tmp_path)], {})
    assert config.token_file == token_file
    store = Store.open(tmp_path / "data" / "kds.sqlite3", FakeClock())
    controller = _controller(qtbot, tmp_path / "data", store)
    show_notices(controller, token_file_notices(config.token_file))
    text = controller.window.notices.texts()["token-file-readable"]
    assert "can be read by other users" in text and "0644" in text
    assert "tok-abcdef" not in text
    assert "chmod 600" in caplog.text  # the console handler puts warnings on stderr too
    token_file.chmod(0o600)
    assert token_file_notices(config.token_file) == []
