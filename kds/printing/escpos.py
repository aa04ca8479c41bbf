"""ESC/POS bytes for a kitchen ticket: the small subset every thermal printer speaks.

Written here rather than through python-escpos's printer classes: the ticket only needs the
commands below, they are the same on Epson, Star (ESC/POS mode) and the common clones, and the
bytes must be built on the app's loop without a blocking socket or a 250 ms import (see
docs/PRINTING.md). Command reference: Epson "ESC/POS Application Programming Guide".

    ESC @        initialise (clears any mode a previous job left)
    ESC t n      character code table; n = 19 is PC858: PC850 (Western Europe: é, è, à, ç, ô,
                 ß, ·, ×) with the euro sign at 0xD5, so a French ticket prints 12,50 €
    ESC E n      bold on (1) / off (0)
    GS ! n       character size; 0x11 = double width and double height, 0x00 = normal
    GS B n       white on black on (1) / off (0)
    LF           print the line and feed
    GS V 66 n    feed n lines past the cutter and cut (partial cut, function B)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from kds.kitchen.print_ticket import PrintLine

ESC, GS, LF = b"\x1b", b"\x1d", b"\n"
INIT = ESC + b"@"
CODE_PAGE = ESC + b"t\x13"      # PC858 (Epson table 19; the clones follow Epson)
ENCODING = "cp858"
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
LARGE, NORMAL = GS + b"!\x11", GS + b"!\x00"
INVERSE_ON, INVERSE_OFF = GS + b"B\x01", GS + b"B\x00"
CUT = GS + b"VB\x03"
# Stand-ins for what PC858 cannot print (a "?" would hide a warning sign or a price).
_STAND_INS = {"⚠": "!", "…": "...", "–": "-", "—": "-", "’": "'", "‘": "'",
              "“": '"', "”": '"', "œ": "oe", "Œ": "OE"}


def encode_text(text: str) -> bytes:
    """Text in the printer's code page: accents kept where PC858 has them, else dropped."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode(ENCODING)
            continue
        except UnicodeEncodeError:
            pass
        stand_in = _STAND_INS.get(char)
        if stand_in is None:
            stand_in = "".join(c for c in unicodedata.normalize("NFKD", char)
                               if not unicodedata.combining(c))
        out += stand_in.encode(ENCODING, errors="replace")
    return bytes(out)


def _line(line: PrintLine) -> bytes:
    on = (LARGE if line.large else b"") + (BOLD_ON if line.bold else b"") + (
        INVERSE_ON if line.inverse else b"")
    off = (INVERSE_OFF if line.inverse else b"") + (BOLD_OFF if line.bold else b"") + (
        NORMAL if line.large else b"")
    return on + encode_text(line.text) + off + LF


def ticket_bytes(lines: Sequence[PrintLine], copies: int = 1) -> bytes:
    """One job: initialise once, then each copy followed by its cut."""
    if copies < 1:
        raise ValueError("at least one copy")
    body = b"".join(_line(line) for line in lines) + CUT
    return INIT + CODE_PAGE + body * copies
