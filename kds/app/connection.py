"""Connecting this screen to a HubRise location and disconnecting it (pure asyncio, no Qt)."""

from __future__ import annotations

import json
import logging
import secrets as random_tokens
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kds.app.config import CONFIG_FILE_NAME, DEFAULT_API_URL, AppConfig
from kds.hubrise.connection import ConnectError, ConnectionInfo, DisconnectReport
from kds.hubrise.client import HubRiseClient
from kds.hubrise.oauth import OAuthClient, oauth_error_in
from kds.kitchen.words import translate
from kds.platform.files import private_dir, write_private
from kds.platform.instance import LOCK_FILE
from kds.platform.logsetup import register_secret
from kds.platform.secrets.base import SecretStore, SecretStoreError
from kds.platform.secrets.choose import open_secret_store
from kds.platform.secrets.file_store import FileSecretStore

log = logging.getLogger(__name__)

SCOPE = "location[orders.write,customer_list.read,catalog.read]"
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
INFO_FILE = "connection.json"
DEVICE_ID_FILE = "device_id"
CACHE_FILE = "kds.sqlite3"  # kds.store.connection.FILE_NAME
CACHE_SIDE_FILES = ("-wal", "-shm")
RESET_DIRS = ("demo", "self-test")  # their own order caches, with the demo customers


def secret_key_for(api_url: str) -> str:
    # One token per API: a simulator token never overwrites the real HubRise one.
    return f"access-token {api_url}"


def load_or_create_device_id(data_dir: Path) -> str:
    """One id per kitchen screen, made once: each screen gets its own connection and event queue."""
    path = data_dir / DEVICE_ID_FILE
    try:
        existing = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        existing = ""
    if existing:
        return existing
    device_id = f"kds-{random_tokens.token_hex(8)}"
    try:
        write_private(private_dir(data_dir) / DEVICE_ID_FILE, device_id)
    except OSError as exc:  # full or read-only disk: this run still needs an id
        log.warning("cannot save the device id in %s: %s", data_dir, exc.strerror)
    return device_id


def _field(obj: Any, name: str) -> str | None:
    """Read a name/id from a parsed model or a raw dict, whichever the client returned."""
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return value if isinstance(value, str) and value else None


def _status(exc: Exception) -> int | None:
    status = getattr(exc, "status", None)
    return status if isinstance(status, int) else None


class ConnectionService:
    """Connect with an OAuth code or a pasted token, remember it safely, disconnect cleanly."""

    def __init__(self, *, api_url: str, data_dir: Path, secrets: SecretStore,
                 oauth: OAuthClient | None = None,
                 client_factory: Callable[[str], HubRiseClient] | None = None,
                 wipe_cache: Callable[[], None] | None = None) -> None:
        self.api_url = api_url
        self.data_dir = data_dir
        self.secrets = secrets
        self.oauth = oauth
        self._client_factory = client_factory or self._default_client
        self._wipe_cache = wipe_cache or self._delete_cache_files
        self.device_id = load_or_create_device_id(data_dir)
        self.pending_state: str | None = None

    @property
    def secret_key(self) -> str:
        return secret_key_for(self.api_url)

    def _default_client(self, token: str) -> HubRiseClient:
        return HubRiseClient(self.api_url, token)

    # ----- what is stored -----
    def stored_token(self) -> str | None:
        token = self.secrets.get_token(self.secret_key)
        register_secret(token)
        return token

    def stored_info(self) -> ConnectionInfo | None:
        try:
            data = json.loads((self.data_dir / INFO_FILE).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        return ConnectionInfo.from_dict(data) if isinstance(data, dict) else None

    def _save_info(self, info: ConnectionInfo) -> None:
        text = json.dumps(info.to_dict(), indent=2)
        write_private(private_dir(self.data_dir) / INFO_FILE, text)

    # ----- connecting -----
    def authorize_url(self) -> str:
        """The sign-in page to open in the browser; a fresh state each time."""
        if self.oauth is None:
            raise ConnectError(translate(
                "Connect", "Signing in with HubRise needs an OAuth client id and secret "
                "(KDS_OAUTH_CLIENT_ID / KDS_OAUTH_CLIENT_SECRET or config.toml)."))
        self.pending_state = random_tokens.token_urlsafe(16)
        return self.oauth.authorize_url(SCOPE, self.pending_state, self.device_id, OOB_REDIRECT)

    async def connect_with_code(self, code: str) -> ConnectionInfo:
        code = code.strip()
        if not code:
            raise ConnectError(translate(
                "Connect", "Paste the code shown by HubRise after you approved the connection."))
        refused = oauth_error_in(code)
        if refused == "access_denied":
            raise ConnectError(translate(
                "Connect", "The connection was refused on HubRise's page, so nothing was "
                "connected. Open the HubRise sign-in page again and approve it."))
        if refused:
            raise ConnectError(translate(
                "Connect", "HubRise did not give a code ({reason}). Open the HubRise sign-in "
                "page again.").format(reason=refused))
        if self.oauth is None:
            raise ConnectError(translate(
                "Connect", "No OAuth client is configured, so a code cannot be exchanged."))
        try:
            grant = await self.oauth.exchange_code(code)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message for staff
            raise ConnectError(self._exchange_message(exc)) from exc
        register_secret(grant.access_token)
        return await self.connect_with_token(grant.access_token, grant=grant)

    @staticmethod
    def _exchange_message(exc: Exception) -> str:
        status = _status(exc)
        if status in (400, 404):
            return translate("Connect", "HubRise did not accept this code: it is wrong, "
                             "already used, or older than 10 minutes. Open the HubRise sign-in "
                             "page again to get a new code.")
        if status == 401:
            return translate("Connect", "HubRise refused this app's OAuth client id or "
                             "secret. Check KDS_OAUTH_CLIENT_ID / KDS_OAUTH_CLIENT_SECRET.")
        return translate("Connect", "Could not reach HubRise to exchange the code ({kind}). "
                         "Try again.").format(kind=type(exc).__name__)

    async def connect_with_token(self, token: str, *, grant: Any = None) -> ConnectionInfo:
        """Check the token with GET /location, collect the names to show, then store the token."""
        token = token.strip()
        if not token:
            raise ConnectError(translate("Connect", "Paste an access token."))
        register_secret(token)
        async with self._client_factory(token) as client:
            info = await self._fetch_info(client, grant)
        try:
            self.secrets.set_token(self.secret_key, token)
        except SecretStoreError as exc:
            raise ConnectError(translate(
                "Connect", "Connected, but the token could not be saved: {reason}").format(
                    reason=exc)) from exc
        self._save_info(info)
        log.info("Connected to location %s (%s)", info.location_id, info.location_name)
        return info

    async def _fetch_info(self, client: HubRiseClient, grant: Any) -> ConnectionInfo:
        try:
            location = await client.get_location()
        except Exception as exc:  # noqa: BLE001
            raise ConnectError(self._location_message(exc)) from exc
        account = getattr(location, "account", None)
        catalog_id = _field(grant, "catalog_id") if grant else None
        customer_list_id = _field(grant, "customer_list_id") if grant else None
        return ConnectionInfo(
            location_id=_field(location, "id"), location_name=_field(location, "name"),
            account_id=_field(account, "id") or (_field(grant, "account_id") if grant else None),
            account_name=_field(account, "name")
            or (_field(grant, "account_name") if grant else None),
            catalog_id=catalog_id,
            catalog_name=(_field(grant, "catalog_name") if grant else None)
            or await self._name_of(client.get_catalog, catalog_id),
            customer_list_id=customer_list_id,
            customer_list_name=(_field(grant, "customer_list_name") if grant else None)
            or await self._name_of(client.get_customer_list, customer_list_id),
            api_url=self.api_url,
        )

    @staticmethod
    async def _name_of(fetch: Callable[[str], Any], resource_id: str | None) -> str | None:
        if not resource_id:
            return None
        try:
            return _field(await fetch(resource_id), "name")
        except Exception as exc:  # noqa: BLE001 - a missing name must not block connecting
            log.warning("Could not read the name of %s: %s", resource_id, type(exc).__name__)
            return None

    @staticmethod
    def _location_message(exc: Exception) -> str:
        status = _status(exc)
        if status == 401:
            return translate("Connect", "HubRise refused this access token: it is wrong or "
                             "the connection was revoked.")
        if status == 403:
            return translate("Connect", "This token cannot read the location: connect at "
                             "location level.")
        return translate("Connect", "Could not reach HubRise to check the token ({kind}). "
                         "Try again.").format(kind=type(exc).__name__)

    # ----- disconnecting -----
    async def disconnect(self, wipe_cache: bool) -> DisconnectReport:
        """Delete the callback, revoke the token, forget it; wipe the cache if staff chose to."""
        report = DisconnectReport()
        token = self.stored_token()
        if token:
            await self._delete_callback(token, report)
            await self._revoke(token, report)
        report.secret_removed = self._forget_token(report)
        (self.data_dir / INFO_FILE).unlink(missing_ok=True)
        if wipe_cache:
            try:
                self._wipe_cache()
                report.cache_wiped = True
            except OSError as exc:
                report.problems.append(translate(
                    "Connect", "The local cache could not be deleted: {reason}").format(
                        reason=exc.strerror))
        log.info("Disconnected (cache %s)", "wiped" if report.cache_wiped else "kept")
        return report

    async def _delete_callback(self, token: str, report: DisconnectReport) -> None:
        try:
            async with self._client_factory(token) as client:
                await client.delete_callback()
            report.callback_deleted = True
        except Exception as exc:  # noqa: BLE001 - disconnecting must go on regardless
            if _status(exc) in (401, 404):
                report.callback_deleted = True  # nothing left to delete on HubRise's side
            else:
                report.problems.append(translate(
                    "Connect", "The HubRise callback could not be deleted ({kind}).").format(
                        kind=type(exc).__name__))

    async def _revoke(self, token: str, report: DisconnectReport) -> None:
        if self.oauth is None:
            report.problems.append(translate(
                "Connect", "No OAuth client is configured, so the token was not revoked; "
                "remove the connection in the HubRise back office."))
            return
        try:
            await self.oauth.revoke(token)
            report.token_revoked = True
        except Exception as exc:  # noqa: BLE001
            report.problems.append(translate(
                "Connect", "HubRise could not revoke the token ({kind}); remove the "
                "connection in the HubRise back office.").format(kind=type(exc).__name__))

    def _forget_token(self, report: DisconnectReport) -> bool:
        try:
            self.secrets.delete_token(self.secret_key)
            return True
        except SecretStoreError as exc:
            report.problems.append(str(exc))
            return False

    def _delete_cache_files(self) -> None:
        delete_cache_files(self.data_dir)


def delete_cache_files(data_dir: Path) -> None:
    cache = data_dir / CACHE_FILE
    for path in (cache, *(Path(f"{cache}{suffix}") for suffix in CACHE_SIDE_FILES)):
        path.unlink(missing_ok=True)


@dataclass
class ResetReport:
    """What `kds --reset` removed and what it left, in words for the person who ran it."""

    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _remove(path: Path, what: str, report: ResetReport) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        report.problems.append(f"{what} could not be deleted ({path}: {exc.strerror})")
        return
    if what not in report.removed:
        report.removed.append(what)


def _forget_tokens(data_dir: Path, secrets: SecretStore, api_url: str,
                   report: ResetReport) -> None:
    """Every token we may have stored: this API's, the connected one's, the default's."""
    info_api = None
    try:
        info = json.loads((data_dir / INFO_FILE).read_text(encoding="utf-8"))
        info_api = info.get("api_url") if isinstance(info, dict) else None
    except (OSError, ValueError):
        pass
    try:
        for url in {api_url, DEFAULT_API_URL, *([info_api] if isinstance(info_api, str) else [])}:
            secrets.delete_token(secret_key_for(url))
        report.removed.append(f"the stored access token ({secrets.description})")
    except SecretStoreError as exc:
        report.problems.append(f"the access token could not be forgotten: {exc}")
    if isinstance(secrets, FileSecretStore):  # tokens of any other API too
        _remove(secrets.path, "the stored access token file", report)


def reset_local_state(data_dir: Path, secrets: SecretStore, api_url: str) -> ResetReport:
    """`kds --reset`: forget the tokens, the connection, the order cache with its damaged copies
    and the demo and self-test data (all hold customer names); say what is kept (offline)."""
    report = ResetReport()
    _forget_tokens(data_dir, secrets, api_url, report)
    _remove(data_dir / INFO_FILE, "the connection details", report)
    _remove(data_dir / DEVICE_ID_FILE, "this screen's device id", report)
    cache = data_dir / CACHE_FILE
    for path in (cache, *(Path(f"{cache}{suffix}") for suffix in CACHE_SIDE_FILES)):
        _remove(path, "the local order cache", report)
    for path in sorted(data_dir.glob(f"{CACHE_FILE}.corrupt-*")):
        _remove(path, "damaged copies of the order cache", report)
    for name in RESET_DIRS:
        _remove(data_dir / name, f"the {name} data", report)
    if (data_dir / "logs").exists():
        report.kept.append(f"the logs in {data_dir / 'logs'} (for support; they hold no token)")
    if (data_dir / LOCK_FILE).exists():
        report.kept.append(f"{data_dir / LOCK_FILE} (empty; keeps a second KDS off this folder)")
    if (data_dir / CONFIG_FILE_NAME).exists():
        report.kept.append(f"{data_dir / CONFIG_FILE_NAME} (this installation's OAuth client id "
                           "and secret)")
    return report


def build_connection_service(config: AppConfig, secrets: SecretStore | None = None, *,
                             wipe_cache: Callable[[], None] | None = None) -> ConnectionService:
    """The service as the app needs it: OAuth only when a client id and secret are configured."""
    oauth = None
    if config.oauth_client_id and config.oauth_client_secret:
        oauth = OAuthClient(config.oauth_url, config.oauth_client_id, config.oauth_client_secret)
    return ConnectionService(
        api_url=config.api_url, data_dir=config.data_dir,
        secrets=secrets or open_secret_store(config.data_dir), oauth=oauth, wipe_cache=wipe_cache)
