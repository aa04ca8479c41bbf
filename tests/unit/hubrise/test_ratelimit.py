"""The client never sends into a full HubRise window; windows start on round minute/hour/day."""

import asyncio
import json
from collections import Counter
from datetime import UTC, datetime

from kds.clock import FakeClock
from kds.hubrise.ratelimit import RateLimiter

START = datetime(2026, 11, 24, 11, 0, 30, tzinfo=UTC)  # half-way through a minute


def at(h, m, s=0, day=24):
    return datetime(2026, 11, day, h, m, s, tzinfo=UTC)


async def send(limiter, n, high_load=False):
    for _ in range(n):
        await limiter.acquire(high_load=high_load)


def test_501st_request_waits_for_the_round_minute_not_sixty_seconds():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    asyncio.run(send(limiter, 500))
    assert clock.now() == START  # no waiting while the window has room
    asyncio.run(send(limiter, 1))
    assert clock.now() == at(11, 1)


def test_hour_window_full_waits_until_the_next_round_hour():
    clock = FakeClock(at(11, 0))
    limiter = RateLimiter(clock)
    asyncio.run(send(limiter, 2500))
    assert clock.now() == at(11, 4)  # 500 per minute for five minutes
    assert limiter.remaining()["hour"] == 0
    asyncio.run(send(limiter, 1))
    assert clock.now() == at(12, 0)


def test_day_window_full_waits_until_midnight_utc():
    clock = FakeClock(at(20, 0))
    limiter = RateLimiter(clock)
    asyncio.run(send(limiter, 10_000))
    assert limiter.remaining()["day"] == 0
    before = clock.now()
    assert before.day == 24
    asyncio.run(send(limiter, 1))
    assert clock.now() == at(0, 0, day=25)


def test_no_minute_ever_carries_more_than_its_limits():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    sent_at = []

    async def one(high_load):
        await limiter.acquire(high_load=high_load)
        sent_at.append((clock.now().replace(second=0, microsecond=0), high_load))

    async def main():
        await asyncio.gather(*(one(i % 3 == 0) for i in range(1200)))

    asyncio.run(main())
    per_minute = Counter(minute for minute, _ in sent_at)
    high_per_minute = Counter(minute for minute, high in sent_at if high)
    assert max(per_minute.values()) <= 500
    assert max(high_per_minute.values()) == 10
    assert len(sent_at) == 1200


def test_high_load_class_allows_ten_per_minute_and_leaves_normal_calls_alone():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    asyncio.run(send(limiter, 10, high_load=True))
    assert limiter.remaining()["high_load"] == 0
    asyncio.run(send(limiter, 5))  # event polling still goes out at once
    assert clock.now() == START
    asyncio.run(send(limiter, 1, high_load=True))
    assert clock.now() == at(11, 1)
    assert limiter.remaining()["minute"] == 499


def test_429_with_retry_after_holds_requests_that_long():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    limiter.note_429(7.5)
    assert limiter.remaining()["minute"] == 0
    assert limiter.blocked_for() == 7.5
    asyncio.run(send(limiter, 1))
    assert (clock.now() - START).total_seconds() == 7.5


def test_429_without_retry_after_holds_until_the_next_minute():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    limiter.note_429(None)
    asyncio.run(send(limiter, 1))
    assert clock.now() == at(11, 1)


def test_state_survives_a_restart_through_json():
    clock = FakeClock(START)
    saved = []
    limiter = RateLimiter(clock, on_change=saved.append)
    asyncio.run(send(limiter, 500))
    assert len(saved) == 500 and saved[-1] == limiter.snapshot()
    restored = RateLimiter(clock, state=json.loads(json.dumps(saved[-1])))
    assert restored.remaining()["minute"] == 0
    assert restored.remaining()["day"] == 9500
    asyncio.run(send(restored, 1))
    assert clock.now() == at(11, 1)


def test_a_429_hold_survives_a_restart():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    limiter.note_429(40)
    restored = RateLimiter(clock, state=json.loads(json.dumps(limiter.snapshot())))
    assert restored.blocked_for() == 40


def test_counts_from_a_past_window_do_not_count_after_restart():
    clock = FakeClock(START)
    limiter = RateLimiter(clock)
    asyncio.run(send(limiter, 500))
    snapshot = limiter.snapshot()
    clock.set(at(13, 0))
    restored = RateLimiter(clock, state=snapshot)
    assert restored.remaining() == {"minute": 500, "hour": 2500, "day": 9500, "high_load": 10}


def test_damaged_state_is_ignored_rather_than_crashing():
    clock = FakeClock(START)
    for state in ({"version": 99}, {"version": 1, "windows": "x"},
                  {"version": 1, "windows": {"minute": ["a", 3], "bogus": [1, 2]},
                   "blocked_until": "soon"}):
        assert RateLimiter(clock, state=state).remaining()["minute"] == 500


def test_seconds_to_end_follow_round_boundaries():
    clock = FakeClock(at(10, 35, 15))
    ends = RateLimiter(clock).seconds_to_end()
    assert ends["minute"] == 45
    assert ends["hour"] == 24 * 60 + 45
    assert ends["day"] == (13 * 3600) + 24 * 60 + 45
