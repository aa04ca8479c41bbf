"""The bundle's default configuration, made at build time from the build environment.

An integrator registers one HubRise OAuth client for their KDS and builds installers with it:
    KDS_BUILD_OAUTH_CLIENT_ID=... KDS_BUILD_OAUTH_CLIENT_SECRET=... packaging/build_deb.sh
The pair goes into resources/build/oauth.toml inside the bundle only (never into the source tree
or the repository), where kds.app.config finds it when neither the environment nor the user's
config.toml names a client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

ENV_BUILD_CLIENT_ID = "KDS_BUILD_OAUTH_CLIENT_ID"
ENV_BUILD_CLIENT_SECRET = "KDS_BUILD_OAUTH_CLIENT_SECRET"
BUNDLE_FOLDER = "resources/build"  # kds.app.config.BUNDLED_CLIENT_PARTS, inside the bundle
FILE_NAME = "oauth.toml"


def oauth_defaults(env: Mapping[str, str], folder: Path) -> list[tuple[str, str]]:
    """PyInstaller datas for the bundled OAuth client: [] without one; both values or neither."""
    client_id = env.get(ENV_BUILD_CLIENT_ID, "").strip()
    secret = env.get(ENV_BUILD_CLIENT_SECRET, "").strip()
    if not client_id and not secret:
        return []
    if not (client_id and secret):
        raise SystemExit(f"set both {ENV_BUILD_CLIENT_ID} and {ENV_BUILD_CLIENT_SECRET}, "
                         "or neither")
    path = folder / FILE_NAME
    # JSON string escapes are valid TOML basic strings.
    path.write_text("# Made by the build from its environment; not in the repository.\n"
                    f"[oauth]\nclient_id = {json.dumps(client_id)}\n"
                    f"client_secret = {json.dumps(secret)}\n", encoding="utf-8")
    path.chmod(0o644)
    return [(str(path), BUNDLE_FOLDER)]
