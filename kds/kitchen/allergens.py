"""Allergy and dietary words a cook must never miss in a note (no Qt here).

Matching ignores case and accents and respects word boundaries ("nut" matches "nuts" and
"NUT" but not "nutella"; "egg" not "eggplant"). Add a word to ALLERGEN_WORDS to extend it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kds.kitchen.words import QT_TRANSLATE_NOOP, translate

# Each entry: the label shown in the "⚠" line, then the words (EN + FR) that mean it.
ALLERGEN_WORDS: dict[str, tuple[str, ...]] = {
    "ALLERGY": ("allergy", "allergies", "allergie", "allergies", "allergic", "allergique",
                "allergiques", "allergen", "allergens", "allergene", "allergenes",
                "anaphylaxis", "anaphylaxie", "epipen"),
    "GLUTEN": ("gluten", "gluten-free", "sans gluten", "wheat", "ble"),
    "COELIAC": ("coeliac", "celiac", "cœliaque", "coeliaque", "celiaque"),
    "NUTS": ("nut", "nuts", "noix", "tree nut", "tree nuts", "fruits a coque", "almond",
             "almonds", "amande", "amandes", "hazelnut", "hazelnuts", "noisette", "noisettes",
             "cashew", "cashews", "pistachio", "pistache"),
    "PEANUTS": ("peanut", "peanuts", "arachide", "arachides", "cacahuete", "cacahuetes"),
    "LACTOSE": ("lactose",),
    "DAIRY": ("dairy", "dairy-free", "milk", "lait", "laitier", "laitiers"),
    "EGG": ("egg", "eggs", "oeuf", "oeufs"),
    "SHELLFISH": ("shellfish", "crustacean", "crustaceans", "crustace", "crustaces",
                  "fruits de mer", "prawn", "prawns", "shrimp", "crevette", "crevettes"),
    "FISH": ("fish", "poisson",),
    "SESAME": ("sesame",),
    "SOY": ("soy", "soya", "soja"),
    "MUSTARD": ("mustard", "moutarde"),
    "CELERY": ("celery", "celeri"),
    "SULPHITES": ("sulphite", "sulphites", "sulfite", "sulfites"),
    "LUPIN": ("lupin",),
    "MOLLUSCS": ("mollusc", "molluscs", "mollusque", "mollusques"),
    "VEGAN": ("vegan", "végan", "vegane", "vegetalien", "vegetalienne"),
    "VEGETARIAN": ("vegetarian", "vegetarien", "vegetarienne", "veggie"),
    "HALAL": ("halal",),
    "KOSHER": ("kosher", "casher", "cacher"),
}

# The labels as lupdate sees them (the screen shows them translated, allergen_line).
_SHOWN_LABELS = (
    QT_TRANSLATE_NOOP("Allergen", "ALLERGY"),
    QT_TRANSLATE_NOOP("Allergen", "GLUTEN"),
    QT_TRANSLATE_NOOP("Allergen", "COELIAC"),
    QT_TRANSLATE_NOOP("Allergen", "NUTS"),
    QT_TRANSLATE_NOOP("Allergen", "PEANUTS"),
    QT_TRANSLATE_NOOP("Allergen", "LACTOSE"),
    QT_TRANSLATE_NOOP("Allergen", "DAIRY"),
    QT_TRANSLATE_NOOP("Allergen", "EGG"),
    QT_TRANSLATE_NOOP("Allergen", "SHELLFISH"),
    QT_TRANSLATE_NOOP("Allergen", "FISH"),
    QT_TRANSLATE_NOOP("Allergen", "SESAME"),
    QT_TRANSLATE_NOOP("Allergen", "SOY"),
    QT_TRANSLATE_NOOP("Allergen", "MUSTARD"),
    QT_TRANSLATE_NOOP("Allergen", "CELERY"),
    QT_TRANSLATE_NOOP("Allergen", "SULPHITES"),
    QT_TRANSLATE_NOOP("Allergen", "LUPIN"),
    QT_TRANSLATE_NOOP("Allergen", "MOLLUSCS"),
    QT_TRANSLATE_NOOP("Allergen", "VEGAN"),
    QT_TRANSLATE_NOOP("Allergen", "VEGETARIAN"),
    QT_TRANSLATE_NOOP("Allergen", "HALAL"),
    QT_TRANSLATE_NOOP("Allergen", "KOSHER"),
)


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without accents ("Œuf" → "oeuf"), with, for each folded character, the
    index of the character of `text` it came from (so a match maps back to the original)."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        lower = char.lower()
        base = {"œ": "oe", "æ": "ae", "ß": "ss"}.get(lower)
        if base is None:
            base = "".join(c for c in unicodedata.normalize("NFD", lower)
                           if not unicodedata.combining(c))
        out.append(base)
        origin.extend([index] * len(base))
    return "".join(out), origin


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    label_of: dict[str, str] = {}
    for label, words in ALLERGEN_WORDS.items():
        for word in words:
            label_of.setdefault(fold(word)[0], label)
    # Longest first so "sans gluten" wins over "gluten"; \w boundaries keep "nutella" out.
    ordered = sorted(label_of, key=len, reverse=True)
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), label_of


def find_allergens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every allergy/dietary word in `text` (offsets into `text`)."""
    if not text:
        return []
    pattern, label_of = _pattern()
    folded, origin = fold(text)
    return [(origin[m.start()], origin[m.end() - 1] + 1,
             label_of[re.sub(r"\s+", " ", m.group(0))]) for m in pattern.finditer(folded)]


def allergen_labels(*texts: str) -> list[str]:
    """The labels found in any of `texts`, first mention first, each once."""
    labels: list[str] = []
    for text in texts:
        for _, _, label in find_allergens(text):
            if label not in labels:
                labels.append(label)
    return labels


def allergen_line(*texts: str) -> str:
    """"⚠ PEANUTS, ALLERGY" for the top of a ticket's notes; "" when no note mentions one."""
    labels = allergen_labels(*texts)
    return ("⚠ " + ", ".join(translate("Allergen", label) for label in labels)) if labels else ""
