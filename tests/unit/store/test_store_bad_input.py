"""Malformed payloads are stored with problems or dead-lettered, never crash, never lose rows."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kds.hubrise import order_model
from kds.hubrise.reader import FieldProblem
from kds.store import Store
from kds.store.sanitize import MAX_STRING

T0 = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": "x"}
    for _ in range(depth):
        value = {"deeper": value}
    return value


def test_wrong_types_are_stored_with_visible_problems(store: Store) -> None:
    result = store.upsert_remote_order({
        "id": "o1", "status": 42, "service_type": ["delivery"], "created_at": "yesterday",
        "expected_time": 12, "items": "pizza"})
    assert result.order_id == "o1" and result.created
    row = store.get_order("o1")
    assert row is not None and row.status == "new" and row.service_type is None
    assert row.created_at is None and row.expected_time is None
    fields = {problem.split(":", 1)[0] for problem in row.problems}
    assert {"status", "service_type", "created_at", "expected_time"} <= fields


def test_unknown_status_is_kept_and_flagged(store: Store) -> None:
    store.upsert_remote_order({"id": "o1", "status": "teleported"})
    row = store.get_order("o1")
    assert row is not None and row.status == "teleported"
    assert any(problem.startswith("status:") for problem in row.problems)


def test_one_megabyte_note_is_stored_cut_with_a_problem(store: Store) -> None:
    note = "n" * 1_048_576
    store.upsert_remote_order({"id": "o1", "status": "new", "customer_notes": note})
    row = store.get_order("o1")
    assert row is not None and len(row.raw["customer_notes"]) == MAX_STRING
    assert any(problem.startswith("customer_notes:") for problem in row.problems)


def test_deeply_nested_custom_fields_are_cut_not_crashing(store: Store) -> None:
    store.upsert_remote_order({"id": "o1", "status": "new", "custom_fields": nested(5000)})
    row = store.get_order("o1")
    assert row is not None
    assert any("nested deeper" in problem for problem in row.problems)


def test_invalid_utf8_is_replaced_and_flagged(store: Store) -> None:
    bad = "Caf\udce9 cr\ud800me"  # lone surrogates, as left by surrogateescape or JSON escapes
    store.upsert_remote_order({"id": "o1", "status": "new", "customer_notes": bad,
                               "items": [{"product_name": bad, "quantity": "1"}],
                               "custom_fields": {"k\udcff": "v"}})
    row = store.get_order("o1")
    assert row is not None
    assert row.raw["customer_notes"] == "Caf\ufffd cr\ufffdme"
    assert "k\ufffd" in row.raw["custom_fields"]
    assert any("invalid UTF-8" in problem for problem in row.problems)
    row.raw["customer_notes"].encode("utf-8")


@pytest.mark.parametrize("payload", [None, "order", 17, [], {"status": "new"}, {"id": 12},
                                     {"id": ""}])
def test_payload_that_is_not_an_order_is_dead_lettered_with_the_reason(
        store: Store, payload: Any) -> None:
    result = store.upsert_remote_order(payload)
    assert result.order_id is None and result.dead_letter_id is not None
    letter = store.dead_letters()[0]
    assert letter["kind"] == "order" and "not an order" in letter["reason"]
    assert json.loads(letter["raw"]) == payload


def test_bad_order_in_a_batch_does_not_lose_the_others(store: Store) -> None:
    with store.transaction():
        store.upsert_remote_order({"id": "good1", "status": "new"})
        store.upsert_remote_order({"no": "id"})
        store.upsert_remote_order({"id": "weird", "status": {"x": 1},
                                   "custom_fields": nested(200), "notes": "\udc80" * 10})
        store.upsert_remote_order({"id": "good2", "status": "new"})
        store.record_event("ev1", {"id": "ev1", "bad": "\udc80"}, T0)
    assert store.has_order("good1") and store.has_order("good2") and store.has_order("weird")
    assert store.has_event("ev1") and len(store.dead_letters()) == 1


def test_unstorable_payload_is_dead_lettered_and_the_batch_goes_on(store: Store) -> None:
    huge = {"id": "big", "status": "new",
            "items": [{"product_name": "x" * 10_000, "quantity": "1"}] * 600}
    with store.transaction():
        store.upsert_remote_order({"id": "before", "status": "new"})
        result = store.upsert_remote_order(huge)
        store.upsert_remote_order({"id": "after", "status": "new"})
    assert result.order_id is None and result.dead_letter_id is not None
    assert "too large" in store.dead_letters()[0]["reason"]
    assert store.has_order("before") and store.has_order("after") and not store.has_order("big")


def test_non_json_values_do_not_crash(store: Store) -> None:
    store.upsert_remote_order({"id": "o1", "status": "new", "total": float("nan"),
                               "extra": {1: b"\xff\xfe", "set": {1, 2}}})
    row = store.get_order("o1")
    assert row is not None and row.raw["total"] is None
    assert row.raw["extra"]["1"] == "\ufffd\ufffd"


def test_dead_letter_accepts_anything(store: Store) -> None:
    store.dead_letter("event", nested(5000), "too deep \udc80")
    store.dead_letter("event", object(), "odd")
    letters = store.dead_letters()
    assert len(letters) == 2 and letters[1]["reason"] == "too deep \ufffd"


def _fake_models(monkeypatch: pytest.MonkeyPatch, parse_order: Any) -> None:
    monkeypatch.setattr("kds.hubrise.order_model.parse_order", parse_order)


def test_shared_parser_problems_such_as_bad_money_are_shown(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = order_model.parse_order

    def parse_order(data: dict[str, Any]) -> Any:
        return dataclasses.replace(real(data), problems=(
            FieldProblem("total", "'abc' is not a valid monetary amount"),
            FieldProblem("status", "duplicate of the store's own finding")))

    _fake_models(monkeypatch, parse_order)
    store.upsert_remote_order({"id": "o1", "status": 5, "total": "abc"})
    row = store.get_order("o1")
    assert row is not None and row.raw["total"] == "abc"
    assert "total: 'abc' is not a valid monetary amount" in row.problems
    assert [p for p in row.problems if p.startswith("status:")] == [
        "status: int is not a status, shown as new"]


def test_a_crashing_shared_parser_does_not_stop_the_store(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_order(data: dict[str, Any]) -> Any:
        raise KeyError("bug")

    _fake_models(monkeypatch, parse_order)
    store.upsert_remote_order({"id": "o1", "status": "new"})
    row = store.get_order("o1")
    assert row is not None and row.problems == ("(payload): could not be fully read",)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=5), children, max_size=4),
    max_leaves=20)


@pytest.mark.slow  # fuzzes: hundreds of generated examples
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(
    st.sampled_from(["status", "service_type", "created_at", "expected_time", "confirmed_time",
                     "items", "custom_fields", "customer_notes", "total"]),
    _json_values))
def test_any_json_shaped_order_is_stored_and_readable(store: Store, fields: dict[str, Any]) -> None:
    result = store.upsert_remote_order({"id": "fuzz", **fields})
    assert result.order_id == "fuzz"
    row = store.get_order("fuzz")
    assert row is not None
    store.active_orders(T0, 30)
    store.scheduled_orders(T0, 30)
    store.all_day_counts(T0, 30)
