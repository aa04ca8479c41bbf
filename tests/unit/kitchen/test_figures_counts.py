"""The rules the counted figures lean on (kds.kitchen.figures_counts), against the originals:
the lateness class decides as kds.kitchen.due.due_time does, whole tenths of a minute round as
the Decimal minutes did, a spread from counts is the spread of the values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, strategies as st

from kds.kitchen import due
from kds.kitchen.figures import spread, tenths
from kds.kitchen.figures_counts import is_late, late_class, spread_of_counts

# Hypothesis takes naive bounds and adds the zone itself.
moments = st.datetimes(min_value=datetime(2000, 1, 1),  # noqa: DTZ001
                       max_value=datetime(2100, 1, 1),  # noqa: DTZ001
                       timezones=st.just(UTC))


@given(arrived=moments, finished=st.one_of(st.none(), moments),
       wanted=st.one_of(st.none(), moments), rider=st.one_of(st.none(), moments),
       service=st.sampled_from(["delivery", "collection", "eat_in", None]),
       prep=st.integers(min_value=0, max_value=600),
       door=st.one_of(st.none(), st.integers(min_value=0, max_value=240)))
def test_the_lateness_class_decides_as_the_due_time_rule(
        arrived: datetime, finished: datetime | None, wanted: datetime | None,
        rider: datetime | None, service: str | None, prep: int, door: int | None) -> None:
    due_at = due.due_time(confirmed_time=wanted, expected_time=None, created_at=arrived,
                          first_seen_at=arrived, preparation=prep, service_type=service,
                          door_minutes=door, rider_pickup=rider)
    kind, minutes_ = late_class(arrived=arrived, finished=finished, wanted=wanted, rider=rider,
                                service_type=service)
    assert is_late(kind, minutes_, prep, door) == (finished is not None and finished > due_at)


@given(start=moments, micro=st.integers(min_value=0, max_value=10 * 365 * 86_400 * 10**6))
def test_tenths_round_half_up_as_the_decimal_minutes_did(start: datetime, micro: int) -> None:
    end = start + timedelta(microseconds=micro)
    old = (Decimal((end - start).total_seconds()) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert Decimal(tenths(start, end) or 0).scaleb(-1) == old
    assert tenths(end, start) is None or micro == 0


def test_tenths_on_the_half_tenth_round_up() -> None:
    start = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert tenths(start, start + timedelta(seconds=3)) == 1            # 0.05 min
    assert tenths(start, start + timedelta(seconds=3, microseconds=-1)) == 0
    assert tenths(start, start + timedelta(seconds=183)) == 31         # 3.05 min


@given(st.lists(st.integers(min_value=0, max_value=2000), max_size=60))
def test_a_spread_from_counts_is_the_spread_of_the_values(values: list[int]) -> None:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    assert spread_of_counts(counts) == spread(Decimal(v).scaleb(-1) for v in values)


def test_figures_from_counts_known_answers() -> None:
    from kds.kitchen.figures_counts import BY_PREPARATION, FIXED_LATE, Counts, from_counts

    start = datetime(2026, 11, 24, tzinfo=UTC)
    counts = Counts(
        hours=[(12, 100, 2), (12, 200, 1), (19, None, 1)],
        services=[("delivery", 100, 2), ("collection", 200, 1), ("collection", None, 1)],
        channels=[("Uber Eats", 100, 2), ("—", 200, 1), ("—", None, 1)],
        late=[("delivery", "Uber Eats", BY_PREPARATION, 14, 2),   # 15 min: 14 whole is on time
              ("collection", "—", FIXED_LATE, None, 1), ("collection", "—", None, None, 1)],
        steps={"ready": {100: 2, 200: 1}}, products=[("Pizza", 100, 2), ("Soup", 200, 1)],
        preparation=15, door=None)
    figures = from_counts(counts, "today", start, start + timedelta(days=1))
    assert figures.orders == 4 and figures.per_hour[12] == 3 and figures.per_hour[19] == 1
    assert figures.prep_by_hour[12] == Decimal("10.0") and figures.prep_by_hour[19] is None
    assert figures.avg_prep == Decimal("13.3")                 # (10 + 10 + 20) / 3
    assert figures.late == 1 and figures.late_percent == Decimal("25.0")
    assert [(g.name, g.orders, g.late) for g in figures.by_service] == [
        ("collection", 2, 1), ("delivery", 2, 0)]
    assert figures.to_ready.median == Decimal("10.0") and figures.to_ready.p90 == Decimal("20.0")
    assert [(p.name, p.orders) for p in figures.slowest] == [("Soup", 1), ("Pizza", 2)]
