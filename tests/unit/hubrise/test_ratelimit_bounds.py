"""A hostile or buggy Retry-After can never stop orders for longer than HubRise's longest window."""

import asyncio
import json
from datetime import UTC, datetime

import httpx
import pytest

from kds.clock import FakeClock
from kds.hubrise.client import HubRiseClient, parse_retry_after
from kds.hubrise.errors import RateLimited
from kds.hubrise.ratelimit import RateLimiter

NOW = datetime(2026, 11, 24, 11, 0, 30, tzinfo=UTC)
MIDNIGHT = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)  # end of the day window around NOW
TO_MIDNIGHT = (MIDNIGHT - NOW).total_seconds()


class CountingClock(FakeClock):
    """A FakeClock that counts sleeps and refuses to be spun on."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if len(self.sleeps) > 20:
            raise AssertionError(f"acquire spun: {len(self.sleeps)} sleeps, last {seconds!r}")
        await super().sleep(seconds)


def test_a_huge_retry_after_is_held_only_until_the_end_of_the_day_window():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)
    limiter.note_429(99_999_999)
    assert limiter.blocked_for() == TO_MIDNIGHT
    assert limiter.blocked_until() == MIDNIGHT


def test_a_huge_hold_loaded_back_from_a_snapshot_is_bounded_too():
    clock = FakeClock(NOW)
    three_years = NOW.timestamp() + 99_999_999
    state = {"version": 1, "windows": {}, "blocked_until": three_years}
    restored = RateLimiter(clock, state=json.loads(json.dumps(state)))
    assert restored.blocked_until() == MIDNIGHT
    assert restored.snapshot()["blocked_until"] == MIDNIGHT.timestamp()


@pytest.mark.parametrize("blocked", [float("inf"), float("nan"), -5.0, 10 ** 400, True],
                         ids=["inf", "nan", "negative", "int-past-float", "bool"])
def test_an_impossible_saved_hold_is_dropped(blocked):
    clock = FakeClock(NOW)
    state = {"version": 1, "windows": {}, "blocked_until": blocked}
    restored = RateLimiter(clock, state=state)
    assert restored.blocked_for() <= TO_MIDNIGHT
    assert restored.remaining()["minute"] in (0, 500)
    asyncio.run(restored.acquire())  # never raises, never waits past midnight
    assert clock.now() <= MIDNIGHT


def test_blocked_until_is_none_when_not_held_and_aware_utc_when_held():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)
    assert limiter.blocked_until() is None
    limiter.note_429(12)
    until = limiter.blocked_until()
    assert until is not None and until.tzinfo is not None and until.utcoffset().total_seconds() == 0
    assert until == datetime(2026, 11, 24, 11, 0, 42, tzinfo=UTC)
    clock.advance(12)
    assert limiter.blocked_until() is None and limiter.blocked_for() == 0


@pytest.mark.parametrize("header", ["-30", "nan", "inf", "-inf", "soon", "1e999", "",
                                    "Fri, 31 Dec 99999 23:59:59 GMT", "\u00e9t\u00e9"])
def test_garbage_retry_after_holds_until_the_next_minute(header):
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)

    def handler(request):
        return httpx.Response(429, json={"error_type": "too_many_requests"},
                              headers={"Retry-After": header.encode("utf-8")})

    async def main():
        async with HubRiseClient("https://api.test/v1", "t", clock=clock, limiter=limiter,
                                 transport=httpx.MockTransport(handler)) as client:
            await client.get_location()

    with pytest.raises(RateLimited) as info:
        asyncio.run(main())
    assert info.value.retry_after in (None, 0.0)
    assert limiter.blocked_for() == 30.0  # the rest of the current minute


def test_an_http_date_retry_after_far_in_the_future_is_parsed_then_bounded():
    clock = FakeClock(NOW)
    limiter = RateLimiter(clock)

    def handler(request):
        return httpx.Response(429, json={}, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"})

    async def main():
        async with HubRiseClient("https://api.test/v1", "t", clock=clock, limiter=limiter,
                                 transport=httpx.MockTransport(handler)) as client:
            await client.get_location()

    with pytest.raises(RateLimited) as info:
        asyncio.run(main())
    # What the sync layer reads from the error is bounded too, not only the limiter.
    assert info.value.retry_after == TO_MIDNIGHT
    assert limiter.blocked_until() == MIDNIGHT


def test_an_http_date_without_a_zone_is_read_as_gmt():
    assert parse_retry_after("Tue, 24 Nov 2026 11:01:00 -0000", NOW) == 30.0


def test_bound_retry_after_keeps_small_values_and_cuts_big_ones():
    from kds.hubrise.ratelimit import bound_retry_after

    now = NOW.timestamp()
    assert bound_retry_after(7.5, now) == 7.5
    assert bound_retry_after(-3, now) == 0.0
    assert bound_retry_after(float("nan"), now) is None
    assert bound_retry_after(1e12, now) == TO_MIDNIGHT


def test_acquire_under_a_huge_hold_sleeps_once_via_the_clock():
    clock = CountingClock(NOW)
    limiter = RateLimiter(clock)
    limiter.note_429(99_999_999)
    asyncio.run(limiter.acquire())
    assert len(clock.sleeps) == 1
    assert clock.now() == MIDNIGHT


def test_acquire_does_not_spin_on_a_hold_shorter_than_the_clock_can_move():
    clock = CountingClock(NOW)
    # A saved hold 0.3 microseconds ahead: sleeping exactly that long does not move the clock.
    state = {"version": 1, "windows": {}, "blocked_until": NOW.timestamp() + 3e-7}
    limiter = RateLimiter(clock, state=state)
    asyncio.run(limiter.acquire())
    assert len(clock.sleeps) == 1


def test_acquire_with_every_window_full_sleeps_a_handful_of_times():
    # Absurd saved counts in every window and a hold: still a few sleeps, then it goes.
    clock = CountingClock(datetime(2026, 11, 24, 23, 59, 59, 999999, tzinfo=UTC))
    now = clock.now().timestamp()
    state = {"version": 1, "blocked_until": now + 50,
             "windows": {name: [int(now // length) * length, 10 ** 9]
                         for name, length in (("minute", 60), ("hour", 3600), ("day", 86400))}}
    limiter = RateLimiter(clock, state=state)
    asyncio.run(limiter.acquire())
    assert len(clock.sleeps) <= 3
    assert clock.now() <= datetime(2026, 11, 25, 0, 1, tzinfo=UTC)
