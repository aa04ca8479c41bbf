"""KDS: a kitchen display system for restaurants that take orders through HubRise."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`kds.__version__`, read from the installed metadata when first asked for: importlib.metadata
    (with the email parser it brings) costs ~25 ms that the board's first paint does not need."""
    if name != "__version__":
        raise AttributeError(f"module 'kds' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("kds")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
