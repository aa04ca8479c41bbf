"""A simulated busy day: 300 orders over 12 opening hours, staff bumping each through its statuses."""

from __future__ import annotations

import pytest

from tests.bench.bench_sync import STAFF_TAPS, simulate_day

pytestmark = pytest.mark.slow  # a soak: 300 orders through 12 simulated hours (~10 s)


def test_busy_day_ends_with_zero_429_and_the_store_equal_to_hubrise(tmp_path):
    day = simulate_day("default", orders=300, hours=12, seed=11, db_path=tmp_path / "day.sqlite")
    assert day.too_many == 0
    assert day.mismatches == []
    assert len(day.latencies) == 300            # every order reached the store
    # received (automatic) + the staff taps: counter orders have 4 more steps, delivery 5.
    assert 300 * 4 <= day.taps <= 300 * STAFF_TAPS
    assert day.platform_changes > 0             # order.update events were exercised too
    assert day.requests["PATCH /location/orders/:id"] >= day.taps
    assert day.median <= 30 and day.p95 <= 31  # the default rate polls every 30 s while open
    assert sum(day.requests.values()) < 10000 - 2000  # within the day, reserve untouched


def test_fast_setting_cuts_the_delay_without_a_single_429(tmp_path):
    day = simulate_day("fast", orders=60, hours=3, seed=5, db_path=tmp_path / "day.sqlite")
    assert day.too_many == 0 and day.mismatches == []
    assert day.p95 < 20  # faster than the 30 s default floor allows
