"""Find files under resources/ both in a source checkout and inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The folder that holds styles/, icons/, sounds/ and translations/."""
    # PyInstaller unpacks (or, one-folder, lays out) data next to the code and
    # publishes the location as sys._MEIPASS; the spec copies resources/ there.
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir is not None:
        return Path(bundle_dir) / "resources"
    # From source (editable install or checkout): resources/ sits beside the kds package.
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource, e.g. resource_path("icons", "kds.svg"); it may not exist."""
    return resources_root().joinpath(*parts)
