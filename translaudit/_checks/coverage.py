"""Omissions and additions: sentences of one side that nothing on the other side translates.

A source sentence that repeats another, aligned one (a summary paragraph restating the text)
is not an omission: its content is in the translation. When the source is an excerpt of a
longer target, the target's extra sentences are expected and reported as minor.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._model import Finding
from ._base import AlignedPair, finding

__all__ = ["check_coverage"]

_DUPLICATE = 0.6  # similarity to an aligned sentence above which a sentence restates it


def _restates(pair: AlignedPair, i: int, aligned: set[int]) -> int | None:
    """Index of an aligned source sentence that sentence ``i`` repeats, if any."""
    best, best_k = 0.0, None
    units = pair.scorer.source[i].units
    for k in aligned:
        if k != i and pair.scorer.source[k].units & units:
            # lexical similarity between two source sentences (same language by construction)
            a, b = units, pair.scorer.source[k].units
            w = pair.scorer.weight
            denom = w(a) + w(b)
            s = 2 * w(a & b) / denom if denom else 0.0
            if s > best:
                best, best_k = s, k
    return best_k if best >= _DUPLICATE else None


def check_coverage(pair: AlignedPair) -> Iterator[Finding]:
    """``omission`` for each unaligned source sentence, ``addition`` for each unaligned target."""
    aligned_src = {i for link in pair.aligned_links for i in link.source}
    extends = pair.relation == "excerpt"
    for link in pair.links:
        if link.source and not link.target:
            i = link.source[0]
            repeated = _restates(pair, i, aligned_src)
            if repeated is not None:
                continue
            text = pair.source.sentences[i].text
            words = len(text.split())
            # a heading or a line of page furniture weighs less than a sentence of content
            heading = not text.rstrip("\"'”’»)").endswith((".", "!", "?", "…"))
            yield finding(
                pair,
                "omission",
                "major" if words >= 4 and not heading else "minor",
                "source sentence has no translation",
                source=pair.source.sentence_span("source", i),
                mqm="Accuracy/Omission",
                details={"words": words},
            )
        elif link.target and not link.source:
            j = link.target[0]
            words = len(pair.target.sentences[j].text.split())
            severity = "minor" if extends or words < 4 else "major"
            note = " (the source looks like an excerpt of a longer text)" if extends else ""
            yield finding(
                pair,
                "addition",
                severity,
                f"target sentence translates nothing in the source{note}",
                target=pair.target.sentence_span("target", j),
                mqm="Accuracy/Addition",
                details={"words": words},
            )
