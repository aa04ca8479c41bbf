"""Outbox retry policy: what is retried, what stops sending, what fails visibly; backoff timing."""

from __future__ import annotations

import pytest

from kds.hubrise.errors import (
    Forbidden, HubRiseError, NetworkError, NotFound, RateLimited, ServerError, Unauthorized,
    Unprocessable,
)
from kds.sync.retry import Backoff, classify, is_network_failure


@pytest.mark.parametrize("exc", [
    NetworkError("connection refused"),
    ServerError(502, "internal_error", "bad gateway"),
    ServerError(500),
    RateLimited(429, "too_many_requests", retry_after=12.0),
    TimeoutError("read timeout"),
])
def test_network_errors_timeouts_5xx_and_429_are_retried(exc):
    assert classify(exc).verdict == "retry"


def test_429_keeps_hubrise_retry_after():
    outcome = classify(RateLimited(429, retry_after=42.0))
    assert outcome.retry_after == 42.0
    assert Backoff(seed=1).delay(1, outcome.retry_after) >= 42.0


def test_401_stops_sending_and_asks_for_reconnect():
    outcome = classify(Unauthorized(401, "unauthorized", "The connection has been revoked"))
    assert outcome.verdict == "reconnect"
    assert "revoked" in outcome.message


@pytest.mark.parametrize("exc", [
    NotFound(404, "not_found", "Order not found"),
    Unprocessable(422, "unprocessable_entity", "Validation failed",
                  [{"field": "status", "message": "is not included in the list"}]),
    Forbidden(403, "forbidden", "Scope missing"),
    HubRiseError(400, None, "Bad request"),
])
def test_404_422_and_other_client_errors_fail_with_hubrise_message(exc):
    outcome = classify(exc)
    assert outcome.verdict == "failed"
    assert exc.message in outcome.message
    assert str(exc.status) in outcome.message


def test_422_message_names_the_fields():
    outcome = classify(Unprocessable(422, "unprocessable_entity", "Validation failed",
                                     [{"field": "status", "message": "is invalid"}]))
    assert "status: is invalid" in outcome.message


def test_network_failure_means_offline_but_a_5xx_answer_does_not():
    assert is_network_failure(NetworkError("timeout"))
    assert is_network_failure(ConnectionRefusedError())
    assert not is_network_failure(ServerError(503))
    assert not is_network_failure(NotFound(404))


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    backoff = Backoff(base=2.0, cap=60.0, seed=7)
    delays = [backoff.delay(n) for n in range(1, 12)]
    for attempt, delay in enumerate(delays, start=1):
        ceiling = min(60.0, 2.0 * 2 ** (attempt - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 60.0
    assert delays[5] > delays[0]


def test_backoff_jitter_is_reproducible_from_the_seed_and_differs_between_seeds():
    first = [Backoff(seed=3).delay(n) for n in range(1, 8)]
    again = [Backoff(seed=3).delay(n) for n in range(1, 8)]
    other = [Backoff(seed=4).delay(n) for n in range(1, 8)]
    assert first == again
    assert first != other
