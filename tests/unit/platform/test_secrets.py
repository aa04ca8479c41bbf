"""The access token lives in the OS keyring, else a user-only file; never in logs."""

from __future__ import annotations

import logging
import stat

import keyring
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from kds.platform.secrets import FileSecretStore, KeyringSecretStore, open_secret_store

TOKEN = "tok-5ecret-abcdef123456"


def test_keyring_backend_is_chosen_when_one_exists(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    store = open_secret_store(tmp_path)
    assert isinstance(store, KeyringSecretStore)
    assert "PlaintextKeyring" in store.description
    # The test env's plain-text keyring is named for what it is, never an "OS keyring".
    assert "not an OS keyring" in store.description
    assert store.notice is not None and "development-only" in store.notice
    assert "Access token storage: PlaintextKeyring" in caplog.text


def test_keyring_store_round_trip_and_delete(tmp_path):
    store = open_secret_store(tmp_path)
    assert store.get_token("k") is None
    store.set_token("k", TOKEN)
    assert store.get_token("k") == TOKEN
    # Really in the keyring backend, not only in memory.
    assert keyring.get_keyring().get_password("kds-hubrise", "k") == TOKEN
    store.delete_token("k")
    assert store.get_token("k") is None
    store.delete_token("k")  # forgetting twice is fine


def test_token_is_not_written_to_the_data_dir_when_keyring_is_used(tmp_path):
    store = open_secret_store(tmp_path)
    store.set_token("k", TOKEN)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN not in path.read_text(errors="ignore")


def test_file_fallback_when_no_keyring_backend(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    store = open_secret_store(tmp_path, backend=fail.Keyring())
    assert isinstance(store, FileSecretStore)
    assert "No OS keyring" in (store.notice or "")
    assert "No OS keyring is available" in caplog.text
    store.set_token("k", TOKEN)
    assert store.get_token("k") == TOKEN
    mode = stat.S_IMODE(store.path.stat().st_mode)
    assert mode == 0o600


def test_file_fallback_keeps_0600_when_file_was_loose(tmp_path):
    store = FileSecretStore(tmp_path)
    store.path.write_text("{}")
    store.path.chmod(0o644)
    store.set_token("k", TOKEN)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_file_fallback_delete_and_other_keys_survive(tmp_path):
    store = FileSecretStore(tmp_path)
    store.set_token("a", "token-a-1")
    store.set_token("b", "token-b-2")
    store.delete_token("a")
    assert store.get_token("a") is None
    assert FileSecretStore(tmp_path).get_token("b") == "token-b-2"


def test_token_never_appears_in_repr_or_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    for store in (open_secret_store(tmp_path), open_secret_store(tmp_path, backend=fail.Keyring())):
        store.set_token("k", TOKEN)
        store.get_token("k")
        logging.getLogger("test").info("store in use: %r", store)
        assert TOKEN not in repr(store)
    assert TOKEN not in caplog.text


def test_keyring_errors_do_not_leak_the_token(tmp_path):
    store = KeyringSecretStore(fail.Keyring())
    try:
        store.set_token("k", TOKEN)
    except Exception as exc:  # noqa: BLE001
        assert TOKEN not in str(exc)
        assert "keyring" in str(exc)
    else:
        raise AssertionError("fail.Keyring must refuse to store")


def test_explicit_plaintext_backend_is_accepted(tmp_path):
    store = open_secret_store(tmp_path, backend=PlaintextKeyring())
    assert isinstance(store, KeyringSecretStore)
