"""difflib opcodes that stay affordable on a link of thousands of words.

:class:`difflib.SequenceMatcher` with ``autojunk=False`` is exact and depends only on the text,
which is what a sentence's diff wants; but its cost grows with the product of the two lengths
times how often tokens repeat. A link of one unpunctuated 60,000-word "sentence" a side took
over a minute per diff (session 18). Past :data:`EXACT_PRODUCT`, the common head and tail are
set aside first (a copy costs nothing then) and the middle is matched with difflib's own
``autojunk`` heuristic (tokens making up over 1 % of a long side only extend a match): a
valid diff, less minute on repetitive text, and fast.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["EXACT_PRODUCT", "Opcode", "opcodes"]

Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]

#: Up to this product of the two lengths (tokens) the diff is difflib's exact one.
EXACT_PRODUCT = 1_000_000


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """The opcodes that turn ``a`` into ``b`` (as :meth:`SequenceMatcher.get_opcodes`)."""
    if len(a) * len(b) <= EXACT_PRODUCT:
        return list(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    head = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ops: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if mid_a or mid_b:
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, mid_a, mid_b).get_opcodes():
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return _merged(ops)


def _merged(ops: list[Opcode]) -> list[Opcode]:
    """Adjacent ``equal`` steps as one, as difflib gives them."""
    out: list[Opcode] = []
    for op in ops:
        if out and op[0] == "equal" and out[-1][0] == "equal":
            prev = out[-1]
            out[-1] = ("equal", prev[1], op[2], prev[3], op[4])
        else:
            out.append(op)
    return out
