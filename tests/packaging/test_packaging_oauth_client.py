"""An installer built with an integrator's HubRise OAuth client signs in out of the box: the build
puts the pair from its environment into the bundle, the app uses it when nothing else names one,
and the source tree never holds it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kds.app import config as app_config
from kds.app.config import parse_config

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "kds_packaging_build_defaults", REPO / "packaging" / "build_defaults.py")
assert _spec and _spec.loader
build_defaults = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = build_defaults
_spec.loader.exec_module(build_defaults)

BUILD_ENV = {"KDS_BUILD_OAUTH_CLIENT_ID": "kds-integrator.client",
             "KDS_BUILD_OAUTH_CLIENT_SECRET": 'se"cr\\et-42'}


def test_build_writes_the_pair_from_its_environment_into_the_bundle(tmp_path: Path) -> None:
    datas = build_defaults.oauth_defaults(BUILD_ENV, tmp_path)
    assert datas == [(str(tmp_path / "oauth.toml"), "resources/build")]
    table = tomllib.loads((tmp_path / "oauth.toml").read_text(encoding="utf-8"))["oauth"]
    assert table == {"client_id": "kds-integrator.client", "client_secret": 'se"cr\\et-42'}


def test_build_without_a_client_bundles_nothing_and_half_a_client_is_refused(
        tmp_path: Path) -> None:
    assert build_defaults.oauth_defaults({}, tmp_path) == []
    with pytest.raises(SystemExit, match="both"):
        build_defaults.oauth_defaults({"KDS_BUILD_OAUTH_CLIENT_ID": "x"}, tmp_path)


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir()
    build_defaults.oauth_defaults(BUILD_ENV, folder)
    monkeypatch.setattr(app_config, "bundled_client_file", lambda: folder / "oauth.toml")
    return tmp_path / "data"


def test_installed_app_uses_the_bundled_client_when_nothing_else_names_one(bundled: Path) -> None:
    config = parse_config(["--data-dir", str(bundled)], {})
    assert config.has_oauth_client
    assert config.oauth_client_id == "kds-integrator.client"
    assert "se\"cr" not in repr(config)  # the secret stays out of logs


def test_the_users_config_and_the_environment_come_first(bundled: Path) -> None:
    bundled.mkdir()
    (bundled / "config.toml").write_text('[oauth]\nclient_id = "own"\nclient_secret = "s"\n')
    assert parse_config(["--data-dir", str(bundled)], {}).oauth_client_id == "own"
    env = {"KDS_OAUTH_CLIENT_ID": "env-id", "KDS_OAUTH_CLIENT_SECRET": "env-secret"}
    assert parse_config(["--data-dir", str(bundled)], env).oauth_client_id == "env-id"


def test_a_partial_own_client_is_not_completed_with_the_bundled_secret(bundled: Path) -> None:
    config = parse_config(["--data-dir", str(bundled)], {"KDS_OAUTH_CLIENT_ID": "own-id"})
    assert config.oauth_client_id == "own-id" and not config.has_oauth_client


def test_source_tree_has_no_bundled_client_and_git_ignores_it() -> None:
    assert not app_config.bundled_client_file().exists()
    ignored = subprocess.run(["git", "check-ignore", "-q", "resources/build/oauth.toml"],
                             cwd=REPO, check=False)
    assert ignored.returncode == 0


def test_version_verbose_names_the_client_never_its_secret(
        bundled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        app_config.load_config_or_exit(["--version", "--verbose", "--data-dir", str(bundled)], {})
    out = capsys.readouterr().out
    assert "HubRise OAuth client: kds-integrator.client" in out
    assert "cr\\et" not in out
