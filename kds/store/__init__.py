"""KDS store layer: the local SQLite memory of orders, events, outbox, location and settings."""

from kds.store.connection import default_path
from kds.store.migrations import StoreTooNew
from kds.store.orders import UpsertResult
from kds.store.settings import Settings
from kds.store.store import Store

__all__ = ["Settings", "Store", "StoreTooNew", "UpsertResult", "default_path"]
