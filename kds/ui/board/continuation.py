"""A ticket too tall for its column continues in the next one, as good kitchen displays do.

The card body is laid out once, whole (kds.ui.board.layout); this splits its lines into parts
that each fit one column. The first part carries the full header, later parts a small
"1042 cont." header; only the first part carries the bump button, under the header it
bumps (so a tap target never moves when a ticket grows into a second column). An item stays with its options
and notes when they fit in one column. Pure geometry: no painting here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kds.ui.board.layout import Block


# Lines worth a glance, not a column of their own ("HubRise id …" at the foot of a card).
FOOTNOTES = frozenset({"ids"})


@dataclass(frozen=True, slots=True)
class Part:
    blocks: tuple[Block, ...]   # tops relative to this part's body
    height: int                 # body height used


def _units(blocks: list[Block]) -> list[list[Block]]:
    """Lines that belong together: an item with its deal, options, removals and note."""
    units: list[list[Block]] = []
    for block in blocks:
        if units and block.item >= 0 and units[-1][0].item == block.item:
            units[-1].append(block)
        else:
            units.append([block])
    return units


def _span(blocks: list[Block]) -> int:
    return blocks[-1].top + blocks[-1].height - blocks[0].top if blocks else 0


def split_body(blocks: list[Block], first: int, later: int) -> list[Part]:
    """Parts of at most `first` (then `later`) pixels of body, in reading order."""
    columns: list[list[Block]] = [[]]

    def capacity(index: int) -> int:
        return first if index == 0 else later

    def fits(extra: list[Block]) -> bool:
        current = columns[-1]
        return not current or _span(current + extra) <= capacity(len(columns) - 1)

    for unit in _units(blocks):
        if fits(unit):
            columns[-1].extend(unit)
        elif unit[0].kind in FOOTNOTES:
            continue   # never a column for a footnote alone: the order view shows it
        elif _span(unit) <= later:
            columns.append(list(unit))
        else:   # a unit taller than a column: split it line by line
            for block in unit:
                if not fits([block]):
                    columns.append([])
                columns[-1].append(block)
    return [_rebased(column) for column in columns]


def _rebased(column: list[Block]) -> Part:
    if not column:
        return Part((), 0)
    start = column[0].top
    return Part(tuple(dataclasses.replace(block, top=block.top - start) for block in column),
                _span(column))
