"""Once read, the access token and the OAuth client secret leave the environment, so the
browser opened for the HubRise sign-in (or any child process) cannot inherit them."""

import os
import subprocess
import sys

from kds.app.config import ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_TOKEN, load_config_or_exit

TOKEN = "tok-from-env-1234"
SECRET = "client-secret-5678"


def test_token_and_client_secret_are_read_then_removed_from_the_environment(
        monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_TOKEN, TOKEN)
    monkeypatch.setenv(ENV_CLIENT_SECRET, SECRET)
    monkeypatch.setenv(ENV_CLIENT_ID, "cid")
    config = load_config_or_exit(["--data-dir", str(tmp_path)])
    assert config.access_token == TOKEN and config.token_source == "env"
    assert config.oauth_client_secret == SECRET
    assert ENV_TOKEN not in os.environ and ENV_CLIENT_SECRET not in os.environ
    assert os.environ[ENV_CLIENT_ID] == "cid"  # not a secret: kept
    child = subprocess.run([sys.executable, "-c", "import os; print(sorted(os.environ))"],
                           capture_output=True, text=True, timeout=60, check=True)
    assert ENV_TOKEN not in child.stdout and ENV_CLIENT_SECRET not in child.stdout
    assert TOKEN not in child.stdout


def test_the_environment_is_cleaned_even_when_the_command_line_is_refused(
        monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(ENV_TOKEN, TOKEN)
    try:
        load_config_or_exit(["--bogus", "--data-dir", str(tmp_path)])
    except SystemExit as exc:
        assert exc.code == 2
    assert ENV_TOKEN not in os.environ
    assert TOKEN not in capsys.readouterr().err


def test_an_explicit_env_mapping_is_left_alone(tmp_path):
    env = {ENV_TOKEN: TOKEN}
    config = load_config_or_exit(["--data-dir", str(tmp_path)], env)
    assert config.access_token == TOKEN and env == {ENV_TOKEN: TOKEN}
