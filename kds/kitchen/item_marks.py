"""Which ticket item carries which allergen or dietary tag, from the connected catalog (no Qt).

HubRise's catalog has no allergen field. Categories, products, skus and options carry `tags`:
"a free text used to describe some particular characteristics of a product" (API reference,
catalogs; its own examples are "vegetarian", "spicy", "alcohol", "hidden"). So a tag counts
when its words name an allergen or a diet: the same words, EN and FR, as an allergy word in a
note (kds.kitchen.allergens), plus SPICY. "gluten-free", "sans gluten", "no nuts" say the
opposite and get their own mark ("GLUTEN-FREE"). Tags that name nothing ("pizza", "hidden",
"nutella") mark nothing, and the raw tag text is never shown: only our own labels are.

An item is looked up by its sku ref, the one ref HubRise passes along in orders. Only when the
item has no ref, or one this catalog does not know (a till's manual line, a platform whose menu
was not pulled from this catalog), its product and sku names are tried; a name that two
catalog entries share with different tags is not used, since a wrong "GLUTEN-FREE" is worse
than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from kds.hubrise.order_model import OrderItem
from kds.kitchen.allergens import ALLERGEN_WORDS, find_allergens, fold
from kds.kitchen.stations import Catalog, ItemFacts
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate

SPICY = QT_TRANSLATE_NOOP("Allergen", "SPICY")
FREE_FROM = QT_TRANSLATE_NOOP("Allergen", "{label}-FREE")   # FR: "SANS {label}"
_SPICY_WORDS = frozenset({"spicy", "hot and spicy", "epice", "epicee", "pimente", "pimentee",
                          "piquant", "piquante", "chili", "chilli"})
# Words in front of the allergen that add nothing ("contains: nuts", "allergen_gluten").
_LEADS = re.compile(r"^(?:contains?|contient|may contain|peut contenir|traces? of|traces? de|"
                    r"allergens?|allergenes?|allergy|allergie|diet|dietary|regime)\s+")
_FREE = re.compile(r"^(?:(?:sans|no|without|free from)\s+(?P<a>.+)|(?P<b>.+?)\s+free)$")
_ORDER = {label: index for index, label in enumerate([*ALLERGEN_WORDS, SPICY])}


def tag_marks(tag: str) -> tuple[str, ...]:
    """The marks one catalog tag gives ("Contains: Nuts" → ("NUTS",)); () for other tags."""
    return _tag_marks(tag) if isinstance(tag, str) else ()


@lru_cache(maxsize=4096)   # a menu repeats a handful of tags over thousands of skus
def _tag_marks(tag: str) -> tuple[str, ...]:
    words = re.sub(r"[\s\-_:/|.,;+&()\[\]]+", " ", fold(tag[:80])[0]).strip()
    words = _LEADS.sub("", words)
    if not words:
        return ()
    free = _FREE.match(words)
    if free is not None:
        named = _labels(free.group("a") or free.group("b"))
        return tuple(f"{label}-FREE" for label in named if label != "ALLERGY")
    return _labels(words)


def _labels(words: str) -> tuple[str, ...]:
    labels = [SPICY] if words in _SPICY_WORDS else []
    labels += [label for _, _, label in find_allergens(words) if label not in labels]
    return tuple(labels)


def sort_marks(marks: Iterable[str]) -> tuple[str, ...]:
    """Each mark once, allergens in the notes' order, then diets, then the free-from ones."""
    unique = set(marks)
    return tuple(sorted(unique, key=lambda m: (m.endswith("-FREE"),
                                               _ORDER.get(m.removesuffix("-FREE"), 99), m)))


def shown_mark(mark: str) -> str:
    """A mark in the screen's language ("GLUTEN-FREE" → "SANS GLUTEN" in French)."""
    if mark.endswith("-FREE"):
        label = translate("Allergen", mark.removesuffix("-FREE"))
        return translate("Allergen", FREE_FROM).format(label=label)
    return translate("Allergen", mark)


def marks_line(marks: Iterable[str]) -> str:
    """ "⚠ NUTS, VEGAN" (translated) for an item's own line; "" when it has none."""
    shown = [shown_mark(mark) for mark in marks]
    return ("⚠ " + ", ".join(shown)) if shown else ""


def _name_key(product: str | None, sku: str | None) -> str:
    return f"{_fold_name(product)}\x1f{_fold_name(sku)}"


def _fold_name(name: str | None) -> str:
    """Case and accents ignored ("Crème brûlée" = "creme brulee"); fast for plain ASCII names,
    since a 2,000-product menu folds 12,000 of them at start."""
    text = " ".join((name or "").split()).casefold()
    return text if text.isascii() else fold(text)[0]


@dataclass(frozen=True, slots=True)
class MenuMarks:
    """The catalog's marks, indexed once per catalog (a 2,000-product menu is 6,000 skus)."""

    by_ref: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    by_name: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    known: frozenset[str] = frozenset()   # every sku ref of the catalog, marked or not
    by_option: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # option ref

    @classmethod
    def of(cls, catalog: Catalog,
           options: Mapping[str, frozenset[str]] | None = None) -> MenuMarks:
        return cls.of_skus(((ref, f.product_name, f.sku_name, f.tags)
                            for ref, f in catalog.items()), options)

    @classmethod
    def of_skus(cls, skus: Iterable[tuple[str, str | None, str | None, frozenset[str]]],
                options: Mapping[str, frozenset[str]] | None = None) -> MenuMarks:
        """From (sku ref, product name, sku name, tags): what the store reads at start."""
        by_ref: dict[str, tuple[str, ...]] = {}
        by_name: dict[str, tuple[str, ...] | None] = {}
        known: set[str] = set()
        for ref, product_name, sku_name, tags in skus:
            known.add(ref)
            marks = _tags_marks(tags)
            if marks:
                by_ref[ref] = marks
            if product_name:
                key = _name_key(product_name, sku_name)
                by_name[key] = marks if by_name.get(key, marks) == marks else None
        by_option = {ref: marks for ref, tags in (options or {}).items()
                     if (marks := _tags_marks(tags))}
        return cls(by_ref, {key: marks for key, marks in by_name.items() if marks},
                   frozenset(known), by_option)

    def __bool__(self) -> bool:
        return bool(self.by_ref or self.by_name or self.by_option)

    def marks(self, item: OrderItem) -> tuple[str, ...]:
        """The item's marks: its sku's (by sku ref, else, with no ref or one the catalog lacks,
        by name) and its chosen options' (by option ref; a removed option adds nothing)."""
        ref = item.sku_ref
        if ref and ref in self.known:
            own = self.by_ref.get(ref, ())
        else:
            own = self.by_name.get(_name_key(item.product_name, item.sku_name), ())
        chosen = [self.by_option[o.ref] for o in item.options
                  if o.ref and not o.removed and o.ref in self.by_option]
        return sort_marks((*own, *(m for marks in chosen for m in marks))) if chosen else own


def facts_marks(facts: ItemFacts) -> tuple[str, ...]:
    return _tags_marks(facts.tags)


@lru_cache(maxsize=4096)   # a product's skus share its tags: one sort per tag set
def _tags_marks(tags: frozenset[str]) -> tuple[str, ...]:
    return sort_marks(mark for tag in tags for mark in tag_marks(tag))


NO_MARKS = MenuMarks()
