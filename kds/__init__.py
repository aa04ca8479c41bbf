"""KDS: a kitchen display system for restaurants that take orders through HubRise."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kds")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
