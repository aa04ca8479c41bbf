"""Network text made safe to draw (kds.kitchen.text) and allergy words (kds.kitchen.allergens)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from kds.kitchen.allergens import allergen_line, find_allergens
from kds.kitchen.text import (
    FSI, PDI, clean_note, clean_text, format_quantity, isolate, short_reference,
)

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202e\u2066\u2069\u3164"


def test_invisible_characters_are_stripped() -> None:
    assert clean_text(INVISIBLE) == ""
    assert clean_text(f"Mar{INVISIBLE}gherita") == "Margherita"
    assert clean_note(f"a{INVISIBLE}\nb") == "a\nb"


def test_a_reference_of_only_zero_width_characters_falls_back_to_the_order_id() -> None:
    assert short_reference("\u200b\u200b", "\u200d\ufeff", "abc123xyz") == "123XYZ"
    assert short_reference(None, "1042", "abc123xyz") == "1042"


def test_combining_marks_are_capped_per_base_character() -> None:
    text = clean_text("Pizza" + "\u0301" * 400 + " Bianca")
    marks = [c for c in text if unicodedata.category(c) == "Mn"]
    assert len(marks) == 2 and text.endswith(" Bianca")
    assert clean_text("Phở bò") == "Phở bò"   # real accents survive
    assert clean_text("e\u0302\u0301") == "e\u0302\u0301"


@pytest.mark.parametrize("raw, shown", [
    ("100", "100"), ("1.5", "1.5"), ("2.25", "2.25"), ("0.333", "0.333"), ("2.0", "2"),
    ("1E+2", "100"), ("10", "10"), ("0.50", "0.5"),
])
def test_quantities_are_written_in_full(raw: str, shown: str) -> None:
    assert format_quantity(Decimal(raw)) == shown


def test_isolate_wraps_a_field_in_first_strong_isolates() -> None:
    assert isolate("حداد") == f"{FSI}حداد{PDI}"
    assert isolate("") == ""
    # the network cannot close our isolate early: its bidi controls are gone before wrapping
    assert isolate(clean_text("x\u2069\u202ey")) == f"{FSI}xy{PDI}"


@pytest.mark.parametrize("text, labels", [
    ("SEVERE ALLERGY: PEANUTS", ["ALLERGY", "PEANUTS"]),
    ("allergique aux arachides", ["ALLERGY", "PEANUTS"]),
    ("Allergène : œufs, lait", ["ALLERGY", "EGG", "DAIRY"]),
    ("CACAHUÈTE", ["PEANUTS"]), ("coeliac", ["COELIAC"]), ("cœliaque", ["COELIAC"]),
    ("no nuts", ["NUTS"]), ("noix", ["NUTS"]), ("sésame", ["SESAME"]), ("soja", ["SOY"]),
    ("crustacés", ["SHELLFISH"]), ("végétalien", ["VEGAN"]), ("végétarien", ["VEGETARIAN"]),
    ("halal", ["HALAL"]), ("casher", ["KOSHER"]), ("kosher", ["KOSHER"]),
    ("gluten free", ["GLUTEN"]), ("lactose", ["LACTOSE"]), ("dairy", ["DAIRY"]),
    ("shellfish", ["SHELLFISH"]), ("sesame", ["SESAME"]), ("soy", ["SOY"]), ("egg", ["EGG"]),
    ("vegan", ["VEGAN"]), ("vegetarian", ["VEGETARIAN"]), ("celiac", ["COELIAC"]),
    ("allergic", ["ALLERGY"]), ("allergen", ["ALLERGY"]),
    ("nutella, eggplant, walnuttree, soyeux", []),   # word boundaries
])
def test_allergy_words_are_found_in_english_and_french(text: str, labels: list[str]) -> None:
    assert [label for _, _, label in find_allergens(text)] == labels


def test_allergen_offsets_point_into_the_original_text() -> None:
    text = "Sans ŒUFS svp"
    (start, end, label), = find_allergens(text)
    assert text[start:end] == "ŒUFS" and label == "EGG"
    assert allergen_line("x " * 600 + "SEVERE ALLERGY: PEANUTS") == "⚠ ALLERGY, PEANUTS"
