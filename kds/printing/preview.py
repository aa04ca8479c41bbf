"""Read ESC/POS bytes back into ticket lines: what a printer would print, for the fake printer
(kds.tools.fakeprinter), the demo and the tests. Understands the subset kds.printing.escpos
writes; any other command byte is skipped with its known argument count."""

from __future__ import annotations

from kds.kitchen.print_ticket import PrintLine
from kds.printing.escpos import ENCODING

ESC, GS, LF = 0x1B, 0x1D, 0x0A
# Commands and how many argument bytes follow them.
_ESC_ARGS = {ord("@"): 0, ord("t"): 1, ord("E"): 1, ord("!"): 1, ord("d"): 1, ord("a"): 1}
_GS_ARGS = {ord("!"): 1, ord("B"): 1}


class _Reader:
    def __init__(self) -> None:
        self.tickets: list[list[PrintLine]] = []
        self.lines: list[PrintLine] = []
        self.text = bytearray()
        self.large = self.bold = self.inverse = False
        self.line_large = self.line_bold = self.line_inverse = False

    def char(self, byte: int) -> None:
        if not self.text:   # a line takes the style its text starts with
            self.line_large, self.line_bold = self.large, self.bold
            self.line_inverse = self.inverse
        self.text.append(byte)

    def newline(self) -> None:
        self.lines.append(PrintLine(self.text.decode(ENCODING), large=self.line_large,
                                    bold=self.line_bold, inverse=self.line_inverse))
        self.text.clear()

    def cut(self) -> None:
        if self.text:
            self.newline()
        self.tickets.append(self.lines)
        self.lines = []


def decode(data: bytes) -> list[list[PrintLine]]:
    """The tickets in one job, each as it would come out of the printer (split at the cuts)."""
    reader = _Reader()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ESC and i + 1 < len(data):
            i = _esc(reader, data, i)
        elif byte == GS and i + 1 < len(data):
            i = _gs(reader, data, i)
        elif byte == LF:
            reader.newline()
            i += 1
        else:
            if byte >= 0x20:
                reader.char(byte)
            i += 1
    if reader.text or reader.lines:
        reader.cut()   # a job that ends without a cut still printed its lines
    return reader.tickets


def _esc(reader: _Reader, data: bytes, i: int) -> int:
    command = data[i + 1]
    arg = data[i + 2] if i + 2 < len(data) else 0
    if command == ord("E"):
        reader.bold = bool(arg & 1)
    elif command == ord("@"):
        reader.large = reader.bold = reader.inverse = False
    return i + 2 + _ESC_ARGS.get(command, 0)


def _gs(reader: _Reader, data: bytes, i: int) -> int:
    command = data[i + 1]
    arg = data[i + 2] if i + 2 < len(data) else 0
    if command == ord("V"):   # GS V m, or GS V 65/66 n: one more byte
        reader.cut()
        return i + 3 + (1 if arg in (65, 66) else 0)
    if command == ord("!"):
        reader.large = arg != 0
    elif command == ord("B"):
        reader.inverse = bool(arg & 1)
    return i + 2 + _GS_ARGS.get(command, 0)


def preview_text(lines: list[PrintLine]) -> str:
    """Plain text with the styles shown: large lines spaced out ("# R 4 2"), reverse in [ ]."""
    out = []
    for line in lines:
        text = " ".join(line.text) if line.large else line.text
        out.append(f"[{text}]" if line.inverse else text)
    return "\n".join(out)
