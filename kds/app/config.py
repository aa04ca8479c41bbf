"""Command line and app configuration: turns argv + environment into one frozen AppConfig."""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

import platformdirs

import kds
from kds.hubrise.urls import UnsafeUrl, check_api_url
from kds.platform.logsetup import register_secret

DEFAULT_API_URL = "https://api.hubrise.com/v1"
DEFAULT_OAUTH_URL = "https://manager.hubrise.com/oauth2/v1"
CONFIG_FILE_NAME = "config.toml"
ENV_TOKEN = "KDS_ACCESS_TOKEN"
DEFAULT_SCREENSHOT_AFTER_S = 4.0
ENV_CLIENT_ID = "KDS_OAUTH_CLIENT_ID"
ENV_CLIENT_SECRET = "KDS_OAUTH_CLIENT_SECRET"

TOKEN_ARGUMENT_REFUSED = (
    "--token is refused: a token typed on the command line is visible to every user of this "
    "computer (process list) and stays in the shell history. Put it in the "
    f"{ENV_TOKEN} environment variable, or in a file readable only by you and pass "
    "--token-file PATH."
)


class ConfigError(ValueError):
    """A bad command line or configuration; the message is meant for the person who typed it."""


@dataclass(frozen=True)
class AppConfig:
    demo: bool = False
    api_url: str = DEFAULT_API_URL
    oauth_url: str = DEFAULT_OAUTH_URL
    # Tokens and secrets are kept out of repr so that logging a config never leaks them.
    access_token: str | None = field(default=None, repr=False)
    token_source: str | None = None  # "env" | "file" | None: says where, never what
    token_file: Path | None = None  # --token-file, to warn when others can read it
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    reset: bool = False
    yes: bool = False
    show_version: bool = False
    verbose: bool = False
    self_test: bool = False
    kiosk: bool = False
    customer_display: bool = False   # --customer-display: also open the public Preparing/Ready board
    lang: str | None = None   # --lang fr|en: this run's language, over Settings → Language
    exit_after_ms: int = 0
    screenshot: Path | None = None
    oauth_client_id: str | None = None
    oauth_client_secret: str | None = field(default=None, repr=False)

    @property
    def has_oauth_client(self) -> bool:
        return bool(self.oauth_client_id and self.oauth_client_secret)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kds", appauthor=False))


def oauth_url_for(api_url: str) -> str:
    """HubRise's OAuth base for its real API; for any other API host, /oauth2/v1 on that host.

    The simulator serves both on one host: http://host:port/v1 -> http://host:port/oauth2/v1.
    """
    if api_url.rstrip("/") == DEFAULT_API_URL:
        return DEFAULT_OAUTH_URL
    parts = urlsplit(api_url)
    path = parts.path.rstrip("/")
    prefix = path[: -len("/v1")] if path.endswith("/v1") else path
    return urlunsplit((parts.scheme, parts.netloc, f"{prefix}/oauth2/v1", "", ""))


class _Parser(argparse.ArgumentParser):
    """argparse that raises ConfigError instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(message)


def build_parser() -> argparse.ArgumentParser:
    # allow_abbrev=False: otherwise "--token" would silently mean "--token-file".
    parser = _Parser(prog="kds", description="HubRise kitchen display", allow_abbrev=False)
    add = parser.add_argument
    add("--version", action="store_true", help="print the version and exit")
    add("--verbose", action="store_true",
        help="with --version: also the exact versions of Python, Qt and the main libraries")
    add("--demo", action="store_true", help="run against the built-in simulator, no account")
    add("--api-url", metavar="URL", help=f"HubRise API base (default {DEFAULT_API_URL})")
    add("--oauth-url", metavar="URL", help="OAuth base (default: follows --api-url)")
    add("--token-file", metavar="PATH",
        help=f"read the access token from PATH (or set {ENV_TOKEN})")
    add("--data-dir", metavar="DIR", help="where the cache, logs and settings live")
    add("--reset", action="store_true", help="forget the connection and the local cache")
    add("--yes", action="store_true", help="do not ask for confirmation (with --reset)")
    add("--self-test", action="store_true", help="check the installation and exit")
    add("--kiosk", action="store_true", help="full screen, no window controls")
    add("--customer-display", action="store_true",
        help="also open the customers' Preparing / Ready board (on a second screen if any)")
    add("--lang", choices=("fr", "en"), default=None,
        help="the screen's language for this run (default: Settings, else the system's)")
    add("--exit-after-ms", type=int, default=0, metavar="N", help=argparse.SUPPRESS)
    add("--screenshot", metavar="FILE.png",
        help="save a screenshot of the main window and exit (works offscreen)")
    add("--after", type=float, default=None, metavar="SECONDS",
        help=f"with --screenshot: wait this long first (default {DEFAULT_SCREENSHOT_AFTER_S:g} s)")
    return parser


def _refuse_plain_token(argv: Sequence[str]) -> None:
    for arg in argv:
        if arg == "--":
            return
        if arg == "--token" or arg.startswith("--token="):
            raise ConfigError(TOKEN_ARGUMENT_REFUSED)


def _check_url(value: str, flag: str) -> str:
    try:
        return check_api_url(value)
    except UnsafeUrl as exc:  # the message never repeats the URL: it may hold a password
        raise ConfigError(f"{flag}: {exc}") from None


def _read_token_file(path_text: str) -> str:
    path = Path(path_text).expanduser()
    try:
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise ConfigError(f"--token-file: {path} does not exist") from None
    except OSError as exc:
        raise ConfigError(f"--token-file: cannot read {path}: {exc.strerror}") from None
    if not token:
        raise ConfigError(f"--token-file: {path} is empty")
    return token


def bundled_client_file() -> Path:
    """The OAuth client an installer was built with (packaging/build_defaults.py); only in a
    bundle whose build environment named one, never in the source tree."""
    from kds.platform.resources import resource_path

    return resource_path("build", "oauth.toml")


def _read_config_file(data_dir: Path, name: str = CONFIG_FILE_NAME) -> dict[str, object]:
    path = data_dir / name
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    oauth = data.get("oauth", {})
    return oauth if isinstance(oauth, dict) else {}


def _client_pair(table: Mapping[str, object]) -> tuple[str | None, str | None]:
    file_id, file_secret = table.get("client_id"), table.get("client_secret")
    return (file_id if isinstance(file_id, str) else None,
            file_secret if isinstance(file_secret, str) else None)


def _oauth_client(env: Mapping[str, str], data_dir: Path) -> tuple[str | None, str | None]:
    """Client id/secret from the environment, else [oauth] in data_dir/config.toml, else the
    client the installer was built with (only when nothing else names any part of one)."""
    client_id, secret = env.get(ENV_CLIENT_ID), env.get(ENV_CLIENT_SECRET)
    if client_id and secret:
        return client_id, secret
    file_id, file_secret = _client_pair(_read_config_file(data_dir))
    client_id, secret = client_id or file_id, secret or file_secret
    if client_id or secret:
        return client_id, secret
    bundled = bundled_client_file()
    return _client_pair(_read_config_file(bundled.parent, bundled.name))


def _token(args: argparse.Namespace, env: Mapping[str, str]) -> tuple[str | None, str | None]:
    if args.token_file:
        return _read_token_file(args.token_file), "file"
    env_token = (env.get(ENV_TOKEN) or "").strip()
    return (env_token, "env") if env_token else (None, None)


def _exit_after_ms(args: argparse.Namespace) -> int:
    """--screenshot FILE [--after SECONDS]: take the shot after the delay, then exit."""
    if args.after is not None:
        if not args.screenshot:
            raise ConfigError("--after only makes sense with --screenshot")
        if not 0 <= args.after <= 3600:
            raise ConfigError("--after: give a number of seconds between 0 and 3600")
        return int(args.after * 1000)
    if args.screenshot and not args.exit_after_ms:
        return int(DEFAULT_SCREENSHOT_AFTER_S * 1000)
    return int(args.exit_after_ms)


def parse_config(argv: Sequence[str], env: Mapping[str, str]) -> AppConfig:
    """Parse argv (without the program name); raise ConfigError with a readable message."""
    _refuse_plain_token(argv)
    args = build_parser().parse_args(list(argv))
    if args.exit_after_ms < 0:
        raise ConfigError("--exit-after-ms: must be 0 or more")
    exit_after_ms = _exit_after_ms(args)
    if args.yes and not args.reset:
        raise ConfigError("--yes only makes sense with --reset")
    if args.verbose and not args.version:
        raise ConfigError("--verbose only makes sense with --version")
    api_url = _check_url(args.api_url, "--api-url") if args.api_url else DEFAULT_API_URL
    oauth_url = (_check_url(args.oauth_url, "--oauth-url") if args.oauth_url
                 else oauth_url_for(api_url))
    data_dir = Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()
    if data_dir.exists() and not data_dir.is_dir():
        raise ConfigError(f"--data-dir: {data_dir} exists and is not a directory")
    token, token_source = _token(args, env)
    client_id, client_secret = _oauth_client(env, data_dir)
    return AppConfig(
        demo=args.demo, api_url=api_url, oauth_url=oauth_url,
        access_token=token, token_source=token_source, data_dir=data_dir,
        token_file=Path(args.token_file).expanduser() if args.token_file else None,
        reset=args.reset, yes=args.yes, show_version=args.version, verbose=args.verbose,
        self_test=args.self_test, kiosk=args.kiosk, lang=args.lang,
        customer_display=args.customer_display, exit_after_ms=exit_after_ms,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        oauth_client_id=client_id, oauth_client_secret=client_secret,
    )


def version_text(verbose: bool = False, config: AppConfig | None = None) -> str:
    if not verbose:
        return f"kds {kds.__version__}"
    from kds.app.versions import verbose_version_lines

    # Support's first question when sign-in does nothing: is a client configured? (id only)
    client = (config.oauth_client_id if config and config.has_oauth_client
              else "none (sign in with a token)")
    return "\n".join([f"kds {kds.__version__}", *verbose_version_lines(),
                      f"HubRise OAuth client: {client}"])


def load_config_or_exit(argv: Sequence[str] | None = None,
                        env: Mapping[str, str] | None = None) -> AppConfig:
    """For main(): print errors and --version the usual way and exit; else return the config."""
    import os

    try:
        config = parse_config(sys.argv[1:] if argv is None else argv,
                              os.environ if env is None else env)
    except ConfigError as exc:
        print(f"kds: error: {exc}\nRun 'kds --help' for the options.", file=sys.stderr)
        raise SystemExit(2) from None
    finally:
        if env is None:
            scrub_secrets(os.environ)
    if config.show_version:
        print(version_text(config.verbose, config))
        raise SystemExit(0)
    register_secret(config.access_token)  # from now on no log line can show it
    register_secret(config.oauth_client_secret)
    return config


def scrub_secrets(environ: MutableMapping[str, str]) -> None:
    """Forget the token and client secret from the environment once read: a browser (sign-in
    page) or any other child process started later would otherwise inherit them."""
    for name in (ENV_TOKEN, ENV_CLIENT_SECRET):
        environ.pop(name, None)


def confirm_reset(config: AppConfig, ask: Callable[[str], str] | None = None) -> bool:
    """--reset asks on the terminal unless --yes; anything but y/yes keeps everything."""
    if config.yes:
        return True
    prompt = (f"Forget the HubRise connection and delete the local cache in {config.data_dir}? "
              "[y/N] ")
    try:
        answer = (ask or input)(prompt)
    except EOFError:  # no terminal: never wipe without an explicit yes
        return False
    return answer.strip().lower() in ("y", "yes")
