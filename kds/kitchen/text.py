"""How network text becomes something a kitchen screen can draw safely (no Qt here).

Everything a customer, a till or an ordering platform typed goes through here before a screen
shows it: control and invisible characters out, combining-mark floods capped, lengths capped,
and each field isolated in its own direction so a right-to-left name never reorders a phone.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from kds.kitchen import formats

# Every network string is capped: a 5,000-character word must not cost a layout pass per paint.
MAX_TEXT = 300
# Notes are kept whole (up to this) so the full text is always one tap away; cards cut them.
MAX_NOTE = 5000
MAX_MARKS = 2   # combining marks kept per base letter: enough for Vietnamese, not for "Zalgo"

FSI, PDI = "\u2068", "\u2069"   # first-strong isolate: a field keeps its own direction

# C0/C1 controls become spaces (they often separate words); line breaks are handled by callers.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\r\n\u2028\u2029]+")
# Blank-looking letters (category Lo/So, so not caught by Cf): fillers used to fake emptiness.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def strip_invisible(text: str) -> str:
    """Drop format characters (zero-width, bidi controls, BOM, soft hyphen…), blank fillers,
    and combining marks beyond MAX_MARKS on one base character."""
    out: list[str] = []
    marks = 0
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf" or char in _BLANK_LETTERS or category in ("Co", "Cs", "Cn"):
            continue
        if category in ("Mn", "Me"):
            marks += 1
            if marks > MAX_MARKS or not out:
                continue
        else:
            marks = 0
        out.append(char)
    return "".join(out)


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """A network string made safe to draw: no control, invisible or bidi chars, one line,
    capped at `limit` characters (a cut ends with "…")."""
    if not isinstance(value, str):
        return ""
    text = strip_invisible(_CONTROLS.sub(" ", value[: limit * 4]))
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_note(value: object, limit: int = MAX_NOTE) -> str:
    """Like clean_text, but keeps the line breaks the customer typed."""
    if not isinstance(value, str):
        return ""
    lines = [clean_text(part, limit) for part in value[: limit * 4].splitlines()]
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def isolate(text: str) -> str:
    """Wrap one field in FSI … PDI so its direction cannot leak into its neighbours
    (`Amira حداد` next to `+33 6 12 34 56 78`). Call on text already through clean_text,
    which removed any bidi control the network sent."""
    return f"{FSI}{text}{PDI}" if text else ""


def isolate_lines(text: str) -> str:
    """isolate() each line of a note (an isolate must not span a paragraph break)."""
    return "\n".join(isolate(line) for line in text.split("\n"))


def format_quantity(value: Decimal | None) -> str:
    """A quantity in full, never in exponent form: 100, 1.5, 2.25, 0.333, and 2 for 2.0; the
    language's decimal point ("1,5" in French), no thousands grouping (1000 stays 1000)."""
    if value is None:
        return "1"
    try:
        text = format(value.normalize(), "f")
    except (InvalidOperation, ValueError):
        return "?"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace(".", formats.current().decimal_point)


def short_reference(collection_code: object, ref: object, order_id: object) -> str:
    """What the kitchen calls out: the collection code, else the reference, else the tail of
    the HubRise order id (also when a code or ref is nothing but invisible characters)."""
    for candidate in (collection_code, ref):
        text = clean_text(candidate, 24)
        if text:
            return text
    return clean_text(order_id, 64)[-6:].upper()



def table_label(table: object) -> str:
    """How a ticket names the table: tills send "12", "T4", "Table 6" or "Terrasse 3"; a bare
    code is named ("Table 12"), a written name is kept. "" when there is no table."""
    text = clean_text(table, 40)
    if not text or any(char.isspace() for char in text):
        return text
    return f"Table {text}"
