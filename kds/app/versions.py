"""`kds --version --verbose`: the exact versions an installed copy runs, for support calls.

Read from the installed distributions' metadata (the bundle copies it, see packaging/kds.spec),
so the answer names what is really there, not what pyproject.toml allows.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

# The distributions a support question is about: Qt and its bindings, the event-loop glue,
# HTTP, the store and the simulator, and the secret store.
MAIN_DISTRIBUTIONS = (
    "PySide6-Essentials", "PySide6-Addons", "shiboken6", "qasync", "httpx", "httpcore",
    "sqlite-utils", "starlette", "uvicorn", "keyring", "platformdirs",
)
NOT_FOUND = "not installed"


def distribution_version(name: str, lookup: Callable[[str], str] = version) -> str:
    try:
        return lookup(name)
    except PackageNotFoundError:
        return NOT_FOUND


def qt_runtime_version() -> str:
    """The Qt libraries actually loaded (may differ from the bindings if the bundle is mixed)."""
    try:
        from PySide6.QtCore import qVersion
    except ImportError as exc:  # a broken install: say so instead of failing --version
        return f"unavailable ({exc})"
    return str(qVersion())


def verbose_version_lines(lookup: Callable[[str], str] = version,
                          qt_version: Callable[[], str] = qt_runtime_version) -> list[str]:
    lines = [f"Python {platform.python_version()} ({platform.python_implementation()}, "
             f"{platform.system()} {platform.machine()})",
             f"Qt {qt_version()}"]
    lines += [f"{name} {distribution_version(name, lookup)}" for name in MAIN_DISTRIBUTIONS]
    return lines
