"""Whose order is this: the channel badge from `created_by` and `service_type_ref` (no Qt here).

Seed 001: `created_by` is the name of the API client that created the order, and
`service_type_ref` "can be used to identify the channel, brand, and delivery method" (e.g.
"Delivery by Uber Eats" vs "Delivery by the restaurant"). Well-known platforms get a readable
name and a colour; anything else is shown under its own (cleaned) name. The name is always
written on the badge: the colour only helps, it never carries the meaning alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kds.kitchen.text import clean_text
from kds.kitchen.words import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class Platform:
    name: str                       # what the badge says: "Uber Eats"
    colour: str                     # the platform's own colour, as kitchens know it
    words: tuple[tuple[str, ...], ...]   # word runs that name it in a client name or a ref
    ink: str = "#111111"            # text on the colour (dark on light colours)


# Order matters: the first platform whose words appear wins ("uber eats" before "website").
PLATFORMS: tuple[Platform, ...] = (
    Platform("Deliveroo", "#00ccbc", (("deliveroo",),)),
    Platform("Uber Eats", "#06c167", (("uber",), ("ubereats",), ("uber", "eats"))),
    Platform("Just Eat", "#ff8000", (("just", "eat"), ("justeat",), ("just", "eat", "takeaway"),
                                     ("takeaway", "com"), ("thuisbezorgd",), ("lieferando",),
                                     ("flyt",), ("jet",))),
    Platform("Glovo", "#ffc244", (("glovo",),)),
    Platform("Wolt", "#00c2e8", (("wolt",),)),
    Platform("Website", "#3a7bd5", (("website",), ("web",), ("online",), ("shopify",),
                                    ("woocommerce",), ("wix",), ("gloriafood",),
                                    ("online", "ordering"), ("click", "collect")),
             ink="#ffffff"),
    Platform("Kiosk", "#8e44ad", (("kiosk",), ("borne",)), ink="#ffffff"),
    Platform("Phone", "#6c7a89", (("phone",), ("telephone",), ("call",)), ink="#ffffff"),
    Platform("Till", "#5d6d7e", (("pos",), ("epos",), ("till",), ("caisse",), ("lightspeed",),
                                 ("zelty",), ("tiller",), ("cashpad",), ("square",),
                                 ("sumup",), ("orderline",)), ink="#ffffff"),
)
# Channels named for what they are, not a brand: said in the screen's language on the badge
# and in the figures (`name` stays English: the figures group by it).
GENERIC_NAMES = frozenset((
    QT_TRANSLATE_NOOP("Channel", "Website"), QT_TRANSLATE_NOOP("Channel", "Kiosk"),
    QT_TRANSLATE_NOOP("Channel", "Phone"), QT_TRANSLATE_NOOP("Channel", "Till"),
    QT_TRANSLATE_NOOP("Channel", "Order"),
))
OTHER_COLOUR = "#3b4148"    # an unknown client: neutral grey, its name in white
OTHER_INK = "#ffffff"

# Words of a service_type_ref that say how the order travels, not whose brand it is.
_SERVICE_WORDS = frozenset((
    "delivery", "deliveries", "delivered", "deliver", "del", "dlv", "livraison", "livre",
    "collection", "collect", "col", "coll", "pickup", "pick", "up", "takeaway", "take", "away",
    "emporter", "a", "eat", "in", "eatin", "dine", "dinein", "sur", "place", "table", "by",
    "the", "par", "le", "la", "restaurant", "restaurants", "resto", "store", "shop", "own",
    "self", "courier", "couriers", "rider", "riders", "driver", "platform", "marketplace",
    "partner", "service", "type", "ref", "mode", "order", "orders", "default", "standard",
    "asap", "scheduled", "via", "with", "and", "et", "de", "du", "des", "fleet",
))


@dataclass(frozen=True, slots=True)
class Channel:
    name: str           # "Uber Eats", "Website", or the client's own name
    colour: str         # badge fill
    ink: str            # badge text colour
    brand: str = ""     # a virtual brand named by service_type_ref ("Burger Club")
    known: bool = False
    delivered_by: str = ""   # "platform" | "restaurant" | "" (unknown or not a delivery)

    @property
    def label(self) -> str:
        """What the badge says: the channel, and the brand when there is one."""
        name = channel_word(self.name)
        return f"{name} · {self.brand}" if self.brand else name


def channel_word(name: str) -> str:
    """A channel's name as staff read it: "Caisse" for the till in French, brands as they are."""
    return translate("Channel", name) if name in GENERIC_NAMES else name


def _words(value: object) -> list[str]:
    text = clean_text(value, 80).lower()
    return re.findall(r"[0-9a-zà-ÿ]+", text)


def _contains(words: list[str], run: tuple[str, ...]) -> bool:
    size = len(run)
    return any(tuple(words[i:i + size]) == run for i in range(len(words) - size + 1))


def platform_in(value: object) -> Platform | None:
    """The well-known platform a client name or a ref names, if any."""
    words = _words(value)
    for platform in PLATFORMS:
        if any(_contains(words, run) for run in platform.words):
            return platform
    return None


def _brand(service_type_ref: object, platform: Platform | None) -> str:
    """What is left of a ref once the platform and the service words are taken out:
    "BURGER_CLUB_DELIVERY" → "Burger Club". Codes of 3 letters or less ("DEL") are not brands."""
    words = _words(service_type_ref)
    platform_words = {word for run in platform.words for word in run} if platform else set()
    left = [w for w in words if w not in _SERVICE_WORDS and w not in platform_words
            and not w.isdigit()]
    if not left or len("".join(left)) <= 3:
        return ""
    raw = clean_text(service_type_ref, 80)
    if raw.isupper() or "_" in raw or "-" in raw:   # a code: BURGER_CLUB → Burger Club
        return " ".join(word.capitalize() for word in left)
    # Written by a person: keep their spelling of the brand's words.
    kept = set(left)
    return " ".join(w for w in re.findall(r"[0-9A-Za-zÀ-ÿ]+", raw) if w.lower() in kept)


def _delivered_by(service_type: str | None, service_type_ref: object,
                  ref_platform: Platform | None) -> str:
    if service_type != "delivery":
        return ""
    words = _words(service_type_ref)
    if any(w in ("restaurant", "restaurants", "resto", "own", "self", "store", "shop")
           for w in words):
        return "restaurant"
    return "platform" if ref_platform is not None and ref_platform.name not in (
        "Website", "Till", "Kiosk", "Phone") else ""


def channel_of(created_by: object, service_type_ref: object,
               service_type: str | None = None) -> Channel | None:
    """The badge for an order; None when neither field says anything."""
    by_client = platform_in(created_by)
    by_ref = platform_in(service_type_ref)
    platform = by_client or by_ref
    brand = _brand(service_type_ref, by_ref)
    delivered_by = _delivered_by(service_type, service_type_ref, by_ref)
    if platform is not None:
        return Channel(platform.name, platform.colour, platform.ink, brand, True, delivered_by)
    name = clean_text(created_by, 30)
    if not name and not brand:
        return None
    return Channel(name or "Order", OTHER_COLOUR, OTHER_INK, brand, False, delivered_by)


# Uber Eats hides the customer's number: the order's phone is Uber's hotline and the PIN that
# reaches the customer is written in `delivery_notes` (issue 14; Uber's help: "a hotline number
# and a unique 8-digit PIN"). A code named as such wins; else a lone run of 8 digits.
_NAMED_CODE = re.compile(r"(?:code|pin|access)\D{0,20}?(\d(?:[ .-]?\d){3,11})(?!\d)",
                         re.IGNORECASE)
_EIGHT_DIGITS = re.compile(r"(?<![\d+])(\d(?: ?\d){7})(?![\d])")


def phone_access_code(channel: Channel | None, delivery_notes: object) -> str:
    """The code to dial after the order's phone number, for platforms that hide the
    customer's number (Uber Eats); "" when there is none to find."""
    if channel is None or channel.name != "Uber Eats":
        return ""
    notes = clean_text(delivery_notes, 500)
    found = _NAMED_CODE.search(notes) or _EIGHT_DIGITS.search(notes)
    return found.group(1) if found else ""


def shows_address(service_type: str | None, channel: Channel | None) -> bool:
    """The customer's address is for the restaurant's own riders: a platform's courier has it."""
    return service_type == "delivery" and (channel is None or channel.delivered_by != "platform")
