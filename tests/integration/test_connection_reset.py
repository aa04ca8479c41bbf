"""`kds --reset` and the app's wiring: forget the connection and the cache, build the service."""

from __future__ import annotations

from kds.app.config import load_config_or_exit, parse_config
from kds.app.connection import (
    INFO_FILE, ConnectionInfo, ConnectionService, build_connection_service, reset_local_state,
)
from kds.platform.logsetup import redact
from kds.platform.secrets import open_secret_store


def test_reset_forgets_token_connection_details_and_cache(tmp_path):
    config = parse_config(["--reset", "--yes", "--data-dir", str(tmp_path)], {})
    secrets = open_secret_store(tmp_path)
    service = ConnectionService(api_url=config.api_url, data_dir=tmp_path, secrets=secrets)
    secrets.set_token(service.secret_key, "reset-me-token-1")
    service._save_info(ConnectionInfo(location_id="L1", location_name="Paris"))
    for name in ("kds.sqlite3", "kds.sqlite3-wal", "kds.sqlite3-shm"):
        (tmp_path / name).write_text("cache")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "kds.log").write_text("kept")

    reset_local_state(config.data_dir, secrets, config.api_url)

    assert service.stored_token() is None
    assert service.stored_info() is None and not (tmp_path / INFO_FILE).exists()
    names = ("kds.sqlite3", "kds.sqlite3-wal", "kds.sqlite3-shm")
    assert not any((tmp_path / n).exists() for n in names)
    assert (tmp_path / "logs" / "kds.log").exists()  # logs help support; they hold no token


def test_service_built_from_config_has_oauth_only_when_configured(tmp_path):
    bare = build_connection_service(parse_config(["--data-dir", str(tmp_path / "a")], {}))
    assert bare.oauth is None
    config = parse_config(["--data-dir", str(tmp_path / "b"), "--api-url", "http://127.0.0.1:8/v1"],
                          {"KDS_OAUTH_CLIENT_ID": "cid", "KDS_OAUTH_CLIENT_SECRET": "csec"})
    service = build_connection_service(config)
    assert service.oauth is not None
    assert service.oauth.base_url == "http://127.0.0.1:8/oauth2/v1"
    assert service.authorize_url().startswith("http://127.0.0.1:8/oauth2/v1/authorize?")


def test_token_from_environment_is_redacted_from_logs_once_loaded(tmp_path):
    assert redact("sent zq-env-token-777 to HubRise") == "sent zq-env-token-777 to HubRise"
    load_config_or_exit(["--data-dir", str(tmp_path)], {"KDS_ACCESS_TOKEN": "zq-env-token-777"})
    assert redact("sent zq-env-token-777 to HubRise") == "sent [redacted] to HubRise"
