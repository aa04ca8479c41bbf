"""Sync's seams are typed (kds/sync/ports.py) and its errors are classified by type (issue 12)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from kds.hubrise.client import HubRiseClient
from kds.hubrise.errors import NotFound, ServerError, Unauthorized
from kds.store import Store
from kds.sync.connecting import is_hubrise_failure
from kds.sync.ports import HubRiseApi, LimiterMemory, RateBudget, SyncStore
from kds.sync.retry import Backoff, classify, is_network_failure

SYNC = Path(__file__).resolve().parents[3] / "kds" / "sync"


def _members(protocol: type) -> list[str]:
    return [name for name in vars(protocol) if not name.startswith("_")]


@pytest.mark.parametrize(("protocol", "real"), [
    (HubRiseApi, HubRiseClient), (SyncStore, Store), (LimiterMemory, Store),
])
def test_each_seam_names_methods_the_real_class_has_with_the_same_parameters(protocol, real):
    for name in _members(protocol):
        wanted, have = getattr(protocol, name), getattr(real, name)
        if isinstance(wanted, property):
            assert isinstance(have, property), name
            continue
        assert list(inspect.signature(have).parameters) == list(
            inspect.signature(wanted).parameters), name


def test_the_rate_budget_seam_is_what_the_planner_reads_from_the_limiter():
    from kds.hubrise.ratelimit import RateLimiter

    assert set(_members(RateBudget)) <= set(dir(RateLimiter))


def _sync_sources() -> list[tuple[str, ast.Module]]:
    return [(p.name, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SYNC.glob("*.py"))]


def test_sync_reaches_the_client_and_store_by_attribute_not_getattr():
    # news.py dispatches to listeners that implement only some of their methods: that one
    # getattr is the protocol ("an object with any of the methods"), not a hidden dependency.
    calls = [(name, node.lineno) for name, tree in _sync_sources() if name != "news.py"
             for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id in ("getattr", "hasattr")]
    assert calls == []


def test_no_sync_seam_is_typed_any():
    loose = []
    for name, tree in _sync_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.arg) and node.arg in ("client", "store", "limiter", "event",
                                                          "entry", "order", "settings"):
                shown = "" if node.annotation is None else ast.unparse(node.annotation)
                if shown in ("", "Any", "Any | None", "object"):  # JSON (dict[str, Any]) is fine
                    loose.append(f"{name}:{node.lineno} {node.arg}")
    assert loose == []


class _NotHubRise(Exception):
    """A bug of ours (or a library's error) that happens to carry a `status` attribute."""

    def __init__(self, status: int) -> None:
        super().__init__(f"status {status}")
        self.status = status
        self.retryable = False


def test_an_error_is_a_hubrise_answer_by_its_type_not_by_a_status_attribute():
    foreign = _NotHubRise(401)
    # Duck-typing read this as HubRise revoking the token: the kitchen was logged out by a bug.
    assert classify(foreign).verdict == "retry"
    assert not is_hubrise_failure(foreign)
    assert classify(Unauthorized(401)).verdict == "reconnect"
    assert classify(NotFound(404)).verdict == "failed"
    assert classify(ServerError(503)).verdict == "retry"
    assert is_hubrise_failure(NotFound(404)) and is_hubrise_failure(ConnectionResetError())
    assert not is_network_failure(foreign)


def test_backoff_after_thousands_of_failures_stays_at_the_cap():
    # An entry (or a connect loop offline for days) can fail more than 1,024 times: 2 ** 1024
    # does not fit a float, and the OverflowError stopped the engine's loops.
    backoff = Backoff(base=2.0, cap=300.0, seed=1)
    for attempts in (1_025, 5_000, 10**6):
        assert 150.0 <= backoff.delay(attempts) <= 300.0
