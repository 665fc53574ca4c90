"""Repetition loops: a phrase of any length repeated back to back ("Ery of Ery of Ery of").

Judged against the source: a loop the source sentence already has is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._features import fold, words
from .._model import Finding
from ._base import AlignedPair, finding

__all__ = ["check_repetition", "find_loops"]

_MAX_PHRASE = 12


def find_loops(text: str, min_repeats: int) -> list[tuple[int, int, str, int]]:
    """Back-to-back repeats in ``text``: ``(start, end, phrase, count)`` with offsets in ``text``.

    A phrase of one or two words must repeat ``min_repeats`` times; a longer phrase twice
    (a repeated clause is a loop; a repeated word may be emphasis: "very, very").

    >>> find_loops("the Ery of Ery of Ery of Dialogue", 3)
    [(4, 24, 'ery of', 3)]
    """
    toks = words(text)
    keys = [fold(t[2]) for t in toks]
    loops: list[tuple[int, int, str, int]] = []
    i = 0
    n = len(keys)
    while i < n:
        best: tuple[int, int] | None = None  # (phrase length, repeats)
        for size in range(1, min(_MAX_PHRASE, (n - i) // 2) + 1):
            count = 1
            while keys[i + count * size : i + (count + 1) * size] == keys[i : i + size]:
                count += 1
            needed = min_repeats if size <= 2 else 2
            if count >= needed and (best is None or count * size > best[0] * best[1]):
                best = (size, count)
        if best is None:
            i += 1
            continue
        size, count = best
        start = toks[i][0]
        end = toks[i + size * count - 1][1]
        loops.append((start, end, " ".join(keys[i : i + size]), count))
        i += size * count
    return loops


def check_repetition(pair: AlignedPair) -> Iterator[Finding]:
    """A ``repetition`` finding for each loop in the target that its source does not have."""
    min_repeats = pair.config.repetition_min_repeats
    source_of: dict[int, str] = {}
    for link in pair.links:
        text = " ".join(pair.source.sentences[i].text for i in link.source)
        for j in link.target:
            source_of[j] = text
    for sent in pair.target.sentences:
        for start, end, phrase, count in find_loops(sent.text, min_repeats):
            source_loops = {p for _, _, p, _ in find_loops(source_of.get(sent.index, ""), 2)}
            if phrase in source_loops:
                continue
            yield finding(
                pair,
                "repetition",
                "major",
                f"{phrase!r} repeated {count} times in a row",
                target=pair.target.span("target", sent.index, sent.start + start, sent.start + end),
                mqm="Fluency/Grammar",
                details={"phrase": phrase, "count": count},
            )
