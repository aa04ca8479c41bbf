"""Nobody else gets the token: one URL check for the API and OAuth bases, and --api-url /
--oauth-url refused with a one-line message (never a traceback, never the password)."""

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import kds
from kds.app.config import ConfigError, parse_config
from kds.hubrise.client import HubRiseClient
from kds.hubrise.oauth import OAuthClient

GOOD = [
    ("https://api.hubrise.com/v1", "https://api.hubrise.com/v1"),
    ("https://api.hubrise.com/v1/", "https://api.hubrise.com/v1"),
    ("HTTPS://API.hubrise.com:443/v1", "HTTPS://API.hubrise.com:443/v1"),
    ("http://127.0.0.1:8765/v1", "http://127.0.0.1:8765/v1"),
    ("http://127.4.5.6/v1", "http://127.4.5.6/v1"),
    ("http://localhost:8765/v1", "http://localhost:8765/v1"),
    ("http://[::1]:8765/v1", "http://[::1]:8765/v1"),
    ("https://[2001:db8::1]/v1", "https://[2001:db8::1]/v1"),
]

BAD = [
    ("http://api.hubrise.com/v1", "plain http"),
    ("http://10.0.0.5:8765/v1", "plain http"),
    ("http://[::2]/v1", "plain http"),
    ("http://localhost.evil.com/v1", "plain http"),
    ("https://api.hubrise.com\\@evil.com/v1", "backslash"),
    ("https://user:pw-s3cret@api.hubrise.com/v1", "user name or password"),
    ("http://user:pw-s3cret@127.0.0.1/v1", "user name or password"),
    ("https://api.hubrise.com/v1?pw-s3cret=1", "query"),
    ("https://api.hubrise.com/v1#pw-s3cret", "fragment"),
    ("https:///v1", "no host"),
    ("https://:443/v1", "no host"),
    ("https://api.hubrise.com /v1", "space"),
    ("https://api.hubrise.com/v1\n", "line break"),
    ("https://api.hubrise.com\t/v1", "space"),
    ("https://api.hub\u200brise.com/v1", "invisible"),
    ("https://api.hubrise.com:99999/v1", "port"),
    ("https://api.hubrise.com:8o/v1", "port"),
    ("https://api%2ehubrise.com/v1", "host name"),
    ("https://[not-ipv6]/v1", "IPv6"),
    ("ftp://api.hubrise.com/v1", "http(s) URL"),
    ("api.hubrise.com/v1", "http(s) URL"),
    ("https:api.hubrise.com/v1", "http(s) URL"),
    ("", "empty"),
]


@pytest.mark.parametrize("url,expected", GOOD)
def test_check_api_url_accepts_https_and_loopback_http(url, expected):
    from kds.hubrise.urls import check_api_url

    assert check_api_url(url) == expected


@pytest.mark.parametrize("url,problem", BAD)
def test_check_api_url_refuses_and_names_the_problem_without_the_password(url, problem):
    from kds.hubrise.urls import UnsafeUrl, check_api_url

    with pytest.raises(UnsafeUrl) as info:
        check_api_url(url)
    message = str(info.value)
    assert problem in message
    assert "s3cret" not in message and "\n" not in message


@pytest.mark.parametrize("url,problem", BAD[:11])
def test_the_api_client_refuses_an_unsafe_base_url(url, problem):
    with pytest.raises(ValueError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        HubRiseClient(url, "tok")


@pytest.mark.parametrize("url,problem", BAD[:11])
def test_the_oauth_client_refuses_an_unsafe_base_url(url, problem):
    with pytest.raises(ValueError):
        OAuthClient(url.replace("/v1", "/oauth2/v1"), "cid", "csecret")


def test_plain_http_to_a_test_host_is_fine_when_nothing_leaves_the_process():
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    assert HubRiseClient("http://sim.test/v1", "t", transport=transport).base_url == \
        "http://sim.test/v1"
    with pytest.raises(ValueError, match="user name or password"):
        HubRiseClient("http://u:p@sim.test/v1", "t", transport=transport)


@pytest.mark.parametrize("flag", ["--api-url", "--oauth-url"])
@pytest.mark.parametrize("url,problem", [(u, p) for u, p in BAD if u])
def test_config_refuses_unsafe_urls_with_a_clear_message(flag, url, problem):
    with pytest.raises(ConfigError) as info:
        parse_config([flag, url], {})
    message = str(info.value)
    assert message.startswith(f"{flag}: ") and problem in message
    assert "s3cret" not in message and "\n" not in message


def test_the_app_exits_with_one_line_not_a_traceback(tmp_path):
    code = ("from kds.app.config import load_config_or_exit; "
            "load_config_or_exit(['--api-url', 'http://user:pw-s3cret@evil.example/v1'], {})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path,
                          env={"PYTHONPATH": str(Path(kds.__file__).parents[1]),
                               "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "s3cret" not in done.stderr
    assert done.stderr.startswith("kds: error: --api-url: the address contains a user name")
