"""The command line: every flag, where the token may come from, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kds.app.config import (
    DEFAULT_API_URL,
    DEFAULT_OAUTH_URL,
    AppConfig,
    ConfigError,
    confirm_reset,
    load_config_or_exit,
    oauth_url_for,
    parse_config,
)


def test_plain_start_talks_to_real_hubrise_with_default_data_dir(tmp_path):
    config = parse_config([], {})
    assert config.api_url == DEFAULT_API_URL
    assert config.oauth_url == DEFAULT_OAUTH_URL
    assert not config.demo and config.access_token is None and config.token_source is None
    assert config.data_dir.name == "kds"
    assert not any([config.reset, config.yes, config.kiosk, config.self_test, config.show_version])


def test_every_flag_lands_in_the_config(tmp_path):
    config = parse_config(
        ["--demo", "--api-url", "http://127.0.0.1:9000/v1", "--data-dir", str(tmp_path),
         "--reset", "--yes", "--self-test", "--kiosk", "--exit-after-ms", "250",
         "--screenshot", str(tmp_path / "s.png"), "--version"], {})
    assert config.demo and config.reset and config.yes and config.self_test and config.kiosk
    assert config.show_version
    assert config.api_url == "http://127.0.0.1:9000/v1"
    assert config.data_dir == tmp_path
    assert config.exit_after_ms == 250
    assert config.screenshot == tmp_path / "s.png"


def test_config_is_frozen():
    config = parse_config([], {})
    with pytest.raises(AttributeError):
        config.demo = True  # type: ignore[misc]


@pytest.mark.parametrize("api_url, oauth_url", [
    ("http://127.0.0.1:8123/v1", "http://127.0.0.1:8123/oauth2/v1"),
    ("https://sim.local:8443/v1/", "https://sim.local:8443/oauth2/v1"),
    ("https://api.hubrise.com/v1", DEFAULT_OAUTH_URL),
])
def test_oauth_url_follows_the_api_url(api_url, oauth_url):
    assert oauth_url_for(api_url) == oauth_url
    assert parse_config(["--api-url", api_url], {}).oauth_url == oauth_url


def test_explicit_oauth_url_wins():
    config = parse_config(["--api-url", "https://a:1/v1", "--oauth-url", "https://b:2/oauth2/v1"],
                          {})
    assert config.oauth_url == "https://b:2/oauth2/v1"


def test_token_comes_from_environment_variable():
    config = parse_config([], {"KDS_ACCESS_TOKEN": "  env-token-123  "})
    assert config.access_token == "env-token-123"
    assert config.token_source == "env"


def test_token_file_is_read_and_wins_over_environment(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("file-token-456\n")
    config = parse_config(["--token-file", str(token_file)], {"KDS_ACCESS_TOKEN": "env-token"})
    assert config.access_token == "file-token-456"
    assert config.token_source == "file"


@pytest.mark.parametrize("argv", [
    ["--token", "abc123"], ["--token=abc123"], ["--demo", "--token", "x"]])
def test_token_as_plain_argument_is_refused_with_explanation(argv):
    with pytest.raises(ConfigError) as err:
        parse_config(argv, {})
    message = str(err.value)
    assert "--token is refused" in message
    assert "KDS_ACCESS_TOKEN" in message and "--token-file" in message
    assert "abc123" not in message


def test_token_never_appears_in_config_repr(tmp_path):
    config = parse_config([], {"KDS_ACCESS_TOKEN": "secret-token-789",
                               "KDS_OAUTH_CLIENT_ID": "cid",
                               "KDS_OAUTH_CLIENT_SECRET": "csecret-42"})
    assert "secret-token-789" not in repr(config)
    assert "csecret-42" not in repr(config)


@pytest.mark.parametrize("argv, fragment", [
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["--exit-after-ms", "soon"], "invalid int value"),
    (["--exit-after-ms", "-5"], "0 or more"),
    (["--api-url", "api.hubrise.com"], "is not an http(s) URL"),
    (["--api-url", "ftp://x/v1"], "is not an http(s) URL"),
    (["--oauth-url", "nope"], "is not an http(s) URL"),
    (["--token-file", "/nonexistent/kds-token"], "does not exist"),
    (["--yes"], "only makes sense with --reset"),
    (["--api-url"], "expected one argument"),
])
def test_bad_arguments_give_clear_errors(argv, fragment):
    with pytest.raises(ConfigError) as err:
        parse_config(argv, {})
    assert fragment in str(err.value)


def test_empty_token_file_is_an_error(tmp_path):
    (tmp_path / "t").write_text("\n")
    with pytest.raises(ConfigError, match="is empty"):
        parse_config(["--token-file", str(tmp_path / "t")], {})


def test_data_dir_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(ConfigError, match="not a directory"):
        parse_config(["--data-dir", str(tmp_path / "f")], {})


def test_oauth_client_from_environment(tmp_path):
    config = parse_config(["--data-dir", str(tmp_path)],
                          {"KDS_OAUTH_CLIENT_ID": "id-1", "KDS_OAUTH_CLIENT_SECRET": "sec-1"})
    assert (config.oauth_client_id, config.oauth_client_secret) == ("id-1", "sec-1")
    assert config.has_oauth_client


def test_oauth_client_from_config_file_in_data_dir(tmp_path):
    (tmp_path / "config.toml").write_text(
        '[oauth]\nclient_id = "file-id"\nclient_secret = "file-sec"\n')
    config = parse_config(["--data-dir", str(tmp_path)], {})
    assert (config.oauth_client_id, config.oauth_client_secret) == ("file-id", "file-sec")


def test_no_oauth_client_configured_means_none(tmp_path):
    config = parse_config(["--data-dir", str(tmp_path)], {})
    assert config.oauth_client_id is None and not config.has_oauth_client


def test_broken_config_file_is_a_clear_error(tmp_path):
    (tmp_path / "config.toml").write_text("[oauth\n")
    with pytest.raises(ConfigError, match="config.toml"):
        parse_config(["--data-dir", str(tmp_path)], {})


def test_version_prints_and_exits_zero(capsys):
    with pytest.raises(SystemExit) as done:
        load_config_or_exit(["--version"], {})
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("kds ")


def test_bad_argument_exits_two_with_message_on_stderr(capsys):
    with pytest.raises(SystemExit) as done:
        load_config_or_exit(["--token", "tok-xyz-999"], {})
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "--token is refused" in err
    assert "tok-xyz-999" not in err


@pytest.mark.parametrize("answer, expected", [
    ("y", True), ("YES", True), ("n", False), ("", False)])
def test_reset_asks_for_confirmation(answer, expected, tmp_path):
    config = parse_config(["--reset", "--data-dir", str(tmp_path)], {})
    prompts: list[str] = []
    assert confirm_reset(config, lambda p: prompts.append(p) or answer) is expected
    assert str(tmp_path) in prompts[0]


def test_reset_with_yes_does_not_ask(tmp_path):
    config = parse_config(["--reset", "--yes", "--data-dir", str(tmp_path)], {})
    assert confirm_reset(config, lambda p: pytest.fail("asked")) is True


def test_reset_without_terminal_keeps_everything(tmp_path):
    config = parse_config(["--reset"], {})

    def no_terminal(prompt: str) -> str:
        raise EOFError

    assert confirm_reset(config, no_terminal) is False


def test_appconfig_defaults_are_sane():
    config = AppConfig()
    assert config.api_url == DEFAULT_API_URL and isinstance(config.data_dir, Path)


def test_screenshot_waits_the_given_seconds_then_exits(tmp_path):
    config = parse_config(["--demo", "--screenshot", str(tmp_path / "s.png"), "--after", "2.5",
                           "--data-dir", str(tmp_path)], {})
    assert config.exit_after_ms == 2500
    assert config.screenshot == tmp_path / "s.png"


def test_screenshot_without_after_uses_the_default_delay(tmp_path):
    config = parse_config(["--screenshot", "s.png", "--data-dir", str(tmp_path)], {})
    assert config.exit_after_ms == 4000


def test_after_without_screenshot_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="--screenshot"):
        parse_config(["--after", "3", "--data-dir", str(tmp_path)], {})


def test_lang_chooses_the_screen_language_for_this_run(tmp_path: Path) -> None:
    assert parse_config(["--data-dir", str(tmp_path)], {}).lang is None   # Settings decide
    assert parse_config(["--lang", "fr", "--data-dir", str(tmp_path)], {}).lang == "fr"
    with pytest.raises(ConfigError):
        parse_config(["--lang", "de", "--data-dir", str(tmp_path)], {})
