"""Board tests: the in-memory board source on the test's clock."""

from __future__ import annotations

import pytest

from kds.clock import FakeClock
from tests.fakes.board_source import MemoryBoardSource


@pytest.fixture
def source(clock: FakeClock) -> MemoryBoardSource:
    return MemoryBoardSource(clock)
