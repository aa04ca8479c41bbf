"""Station routing: which station (grill, fryer, pizza oven...) cooks which item of an order.

Rules match an item by its catalog category, its product or sku ref, a catalog tag, or its
product name; the first matching rule wins (staff order them), and what no rule matches goes
to the default station. With no default, an unmatched item is shown on every station, so an
item no rule knows is never lost between screens. A station whose part of an order is empty
does not show that order at all. Rules travel between screens as a small JSON file.

HubRise order items carry `sku_ref` and `product_name` but no category or tags (seed 001):
those come from the location's catalog (`GET /catalogs/:id`), read here into `ItemFacts`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from kds.hubrise.order_model import Order, OrderItem
from kds.kitchen.words import QT_TRANSLATE_NOOP

RuleKind = Literal["category", "ref", "tag", "name"]
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)
KIND_WORDS: dict[RuleKind, str] = {   # English source text, shown translated ("Stations")
    "category": QT_TRANSLATE_NOOP("Stations", "Category"),
    "ref": QT_TRANSLATE_NOOP("Stations", "Product/SKU ref"),
    "tag": QT_TRANSLATE_NOOP("Stations", "Tag"),
    "name": QT_TRANSLATE_NOOP("Stations", "Product name")}
FILE_FORMAT = "kds-station-rules"
FILE_VERSION = 1
MAX_STATIONS = 12
MAX_RULES = 500
MAX_TEXT = 80


class BadRules(ValueError):
    """A rules file (or edit) that cannot be used; the message says why, for staff."""


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the catalog says about one sku: its category (ref and name), product ref, tags
    (the product's and the sku's; the category's are not the item's), and its names (for
    items that come without a ref, kds.kitchen.item_marks)."""

    category_ref: str | None = None
    category_name: str | None = None
    product_ref: str | None = None
    tags: frozenset[str] = frozenset()
    product_name: str | None = None
    sku_name: str | None = None


@dataclass(frozen=True, slots=True)
class ScreenRole:
    """What this screen is in a kitchen of several. The default (no name, no station, not
    expo) is the single screen of today: every item, no station progress shown."""

    name: str = ""              # "Grill", "Expo": the connection screen shows it
    station: str | None = None  # the station whose items this screen shows
    expo: bool = False          # the pass: every order with each station's progress

    @property
    def single(self) -> bool:
        return self.station is None and not self.expo


Catalog = Mapping[str, ItemFacts]  # sku ref (and product ref) → facts
NO_CATALOG: Catalog = {}


@dataclass(frozen=True, slots=True)
class StationRule:
    station: str
    kind: RuleKind
    value: str

    def matches(self, item: OrderItem, facts: ItemFacts | None) -> bool:
        wanted = _fold(self.value)
        if self.kind == "name":
            return _fold(item.product_name) == wanted
        if self.kind == "ref":
            refs = (item.sku_ref, facts.product_ref if facts else None)
            return any(_fold(ref) == wanted for ref in refs if ref)
        if facts is None:
            return False
        if self.kind == "category":
            return wanted in {_fold(facts.category_ref), _fold(facts.category_name)}
        return wanted in {_fold(tag) for tag in facts.tags}


@dataclass(frozen=True, slots=True)
class Routing:
    """A kitchen's stations and rules. Empty (no stations): one screen, nothing of this shows."""

    rules: tuple[StationRule, ...] = ()
    default_station: str | None = None
    extra_stations: tuple[str, ...] = field(default=())  # stations with no rule yet

    @property
    def stations(self) -> tuple[str, ...]:
        """Every station, in the order staff named them (rules, default, then the others)."""
        names = [rule.station for rule in self.rules]
        names += [self.default_station] if self.default_station else []
        return tuple(dict.fromkeys([*names, *self.extra_stations]))

    @property
    def configured(self) -> bool:
        return bool(self.stations)

    def station_of(self, item: OrderItem, catalog: Catalog = NO_CATALOG) -> str | None:
        """The item's station; None when no rule matches and there is no default (everyone)."""
        facts = catalog.get(item.sku_ref) if item.sku_ref else None
        for rule in self.rules:
            if rule.matches(item, facts):
                return rule.station
        return self.default_station

    def items_for(self, order: Order, station: str,
                  catalog: Catalog = NO_CATALOG) -> tuple[OrderItem, ...]:
        """The order's items this station cooks (deleted lines are nobody's)."""
        return tuple(item for item in order.items if not item.deleted
                     and self.station_of(item, catalog) in (station, None))

    def stations_of(self, order: Order, catalog: Catalog = NO_CATALOG) -> tuple[str, ...]:
        """The stations with a part in this order, in the kitchen's station order."""
        found = {self.station_of(item, catalog) for item in order.items if not item.deleted}
        if None in found:
            return self.stations
        return tuple(name for name in self.stations if name in found)

    def shows(self, order: Order, station: str, catalog: Catalog = NO_CATALOG) -> bool:
        return bool(self.items_for(order, station, catalog))

    @property
    def needs_catalog(self) -> bool:
        """Category and tag rules only work with the catalog (order items carry neither)."""
        return any(rule.kind in ("category", "tag") for rule in self.rules)

    # -- the small file that copies the rules from one screen to another --------------------

    def to_json(self) -> str:
        return json.dumps({
            "format": FILE_FORMAT, "version": FILE_VERSION,
            "default_station": self.default_station,
            "stations": list(self.stations),
            "rules": [{"station": r.station, "kind": r.kind, "value": r.value}
                      for r in self.rules],
        }, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Routing:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, TypeError) as exc:
            raise BadRules(f"not a station rules file: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise BadRules("not a station rules file (format is not kds-station-rules)")
        if data.get("version") != FILE_VERSION:
            raise BadRules(f"station rules file version {data.get('version')!r} is not known")
        return make_routing(_rules_of(data.get("rules")), data.get("default_station"),
                            data.get("stations") or ())


def make_routing(rules: Iterable[StationRule], default_station: object = None,
                 stations: Iterable[object] = ()) -> Routing:
    """Check and build a Routing (rules file, store, editor); BadRules says what is wrong."""
    checked = tuple(_rule(rule.station, rule.kind, rule.value) for rule in rules)
    if len(checked) > MAX_RULES:
        raise BadRules(f"at most {MAX_RULES} rules")
    default = _name(default_station) if default_station not in (None, "") else None
    extra = tuple(_name(name) for name in stations)
    routing = Routing(checked, default, extra)
    if len(routing.stations) > MAX_STATIONS:
        raise BadRules(f"at most {MAX_STATIONS} stations")
    return routing


def _rules_of(value: object) -> list[StationRule]:
    if not isinstance(value, list):
        raise BadRules("rules must be a list")
    rules = []
    for entry in value:
        if not isinstance(entry, dict):
            raise BadRules("each rule is an object with station, kind and value")
        rules.append(_rule(entry.get("station"), entry.get("kind"), entry.get("value")))
    return rules


def _rule(station: object, kind: object, value: object) -> StationRule:
    if kind not in RULE_KINDS:
        raise BadRules(f"rule kind {str(kind)[:20]!r} is not one of {', '.join(RULE_KINDS)}")
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise BadRules(f"a rule's value is a text of 1 to {MAX_TEXT} characters")
    return StationRule(_name(station), kind, value.strip())


def _name(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > 30:
        raise BadRules("a station name is a text of 1 to 30 characters")
    if any(ch in value for ch in "\n\r\t") or not value.isprintable():
        raise BadRules("a station name is one line of printable text")
    return value.strip()


def _fold(text: str | None) -> str:
    return (text or "").strip().casefold()


# -- the catalog: HubRise's GET /catalogs/:id body, read tolerantly ---------------------------

def catalog_facts(raw_catalog: object) -> dict[str, ItemFacts]:
    """sku ref → facts from a catalog body ({"data": {"categories": [...], "products": [...]}}).

    Anything malformed is skipped: routing then falls back to refs, names and the default.
    """
    data = raw_catalog.get("data") if isinstance(raw_catalog, dict) else None
    if not isinstance(data, dict):
        return {}
    names = {c.get("ref"): c.get("name") for c in _objects(data.get("categories"))
             if isinstance(c.get("ref"), str)}
    facts: dict[str, ItemFacts] = {}
    for product in _objects(data.get("products")):
        category = _text(product.get("category_ref"))
        product_tags = _tags(product.get("tags"))
        for sku in _objects(product.get("skus")):
            ref = _text(sku.get("ref"))
            if ref is None:
                continue
            facts[ref] = ItemFacts(category, _text(names.get(category)),
                                   _text(product.get("ref")),
                                   product_tags | _tags(sku.get("tags")),
                                   _name_text(product.get("name")), _name_text(sku.get("name")))
    return facts


def option_tags(raw_catalog: object) -> dict[str, frozenset[str]]:
    """Option ref → its tags ("Pesto" topping: ["nuts"]), from the catalog's option lists.
    HubRise's upload calls them `option_lists`, its retrieve example `options_lists`: both
    are read. Options without a ref or a tag are left out (an order's option is found by ref)."""
    data = raw_catalog.get("data") if isinstance(raw_catalog, dict) else None
    if not isinstance(data, dict):
        return {}
    tags: dict[str, frozenset[str]] = {}
    for key in ("option_lists", "options_lists"):
        for option_list in _objects(data.get(key)):
            for option in _objects(option_list.get("options")):
                ref, found = _text(option.get("ref")), _tags(option.get("tags"))
                if ref is not None and found:
                    tags[ref] = found
    return tags


def facts_to_json(facts: Catalog) -> str:
    """The facts as the store keeps them (a compact list per sku ref)."""
    return json.dumps({ref: [f.category_ref, f.category_name, f.product_ref, sorted(f.tags)]
                       for ref, f in facts.items()}, ensure_ascii=False, separators=(",", ":"))


def facts_from_json(text: str | None) -> dict[str, ItemFacts]:
    """Back from `facts_to_json`; anything unreadable is skipped (routing falls back)."""
    try:
        data = json.loads(text or "{}")
    except (json.JSONDecodeError, TypeError):
        return {}
    facts: dict[str, ItemFacts] = {}
    for ref, entry in (data.items() if isinstance(data, dict) else ()):
        if isinstance(entry, list) and len(entry) == 4:
            facts[ref] = ItemFacts(_text(entry[0]), _text(entry[1]), _text(entry[2]),
                                   _tags(entry[3]))
    return facts


def _objects(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _name_text(value: object) -> str | None:
    return value[:MAX_TEXT * 2] if isinstance(value, str) and value else None


MAX_TAGS = 40        # per product or sku: a hostile catalog cannot fill memory with tags
MAX_TAG_TEXT = 80    # a longer "tag" is no tag a kitchen rule or the allergen rule reads


def _tags(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(tag for tag in value[:MAX_TAGS]
                     if isinstance(tag, str) and 0 < len(tag) <= MAX_TAG_TEXT)
