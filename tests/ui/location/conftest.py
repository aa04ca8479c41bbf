"""Location screen tests: the in-memory location (seed 004's example, open now)."""

from __future__ import annotations

import pytest

from tests.fakes.location_source import MemoryLocationSource


@pytest.fixture
def source() -> MemoryLocationSource:
    return MemoryLocationSource()
