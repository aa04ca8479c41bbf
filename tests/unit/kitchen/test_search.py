"""Finding an order by collection code, HubRise id, customer name or phone."""

from __future__ import annotations

from kds.kitchen.search import Searchable, find

ORDERS = [
    Searchable("B12", "ord77abc", "Tom Lee", "+33 6 12 34 56 78"),
    Searchable("4F2", "x9zz2", "Léa Martin", "06 99 88 77 66"),
    Searchable("1042", "q1w2e", "Amira حداد", ""),
    Searchable("C07", "ab12c", "Ana Ruiz", "+44 20 7946 0958"),
]


def test_by_collection_code_any_case_exact_first() -> None:
    assert find("4f2", ORDERS) == [1]
    assert find("b1", ORDERS) == [0]


def test_by_hubrise_id_as_written() -> None:
    assert find("ord77abc", ORDERS) == [0]
    assert find("X9ZZ", ORDERS) == [1]


def test_by_customer_name_without_accents_or_case() -> None:
    assert find("lea", ORDERS) == [1]
    assert find("MARTIN", ORDERS) == [1]
    assert find("ana", ORDERS) == [3]
    assert find("حداد", ORDERS) == [2]


def test_by_phone_digits_whatever_the_spacing() -> None:
    assert find("5678", ORDERS) == [0]
    assert find("0699 887", ORDERS) == [1]
    assert find("7946 0958", ORDERS) == [3]


def test_a_code_match_comes_before_a_phone_match() -> None:
    both = ORDERS + [Searchable("777", "zz", "Bob", "+33 1 23 77 71")]
    assert find("777", both)[0] == 4


def test_nothing_or_blank_finds_nothing() -> None:
    assert find("", ORDERS) == [] and find("   ", ORDERS) == [] and find("zzz", ORDERS) == []
