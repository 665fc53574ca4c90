"""Stray sentences: a same-language bead holding a sentence that the other side lacks.

Within one language the search scores beads by the words they share. An invented sentence
that reuses its neighbour's name, number and date ("Prices at Northgate Shipping rose last
year." before "Exports grew last year, a spokesperson for Northgate Shipping said.") lifts
the overlap of a 1-2 bead enough to join it, and the addition went unreported (found by
hypothesis in session 13). The encoder tells such a sentence apart: deleting a sentence that
renders part of the other side (the second half of a split sentence) takes its side away
from the other side; deleting a stray brings it closer. An edge sentence of a bead whose
deletion gains at least ``stray_gain`` in cosine leaves the bead: into the bead beside it
where it brings that bead's sides closer (the search put it one bead too far), else alone, as
a ``0-1`` (``1-0``) link that the coverage check reports as an addition (omission).
docs/alignment.md ("Stray sentences") has the figures the threshold was chosen on.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._model import Link, Side
from ._score import has_content

__all__ = ["detach_strays", "edge_gains"]

_SIDES: tuple[Side, Side] = ("source", "target")
_MIN_WORDS = 4


def _candidates(links: Sequence[Link]) -> list[tuple[int, Side, int]]:
    """(link index, side, sentence) for the first and last sentence of each side of two or
    more sentences in a bead (an inner one cannot leave without splitting the bead)."""
    out: list[tuple[int, Side, int]] = []
    for k, link in enumerate(links):
        if not link.source or not link.target or link.kind == "moved":
            continue
        for side, idx in zip(_SIDES, (link.source, link.target), strict=True):
            if len(idx) >= 2:
                out.extend((k, side, i) for i in dict.fromkeys((idx[0], idx[-1])))
    return out


def _oriented(
    link: Link, side: Side, source_texts: Sequence[str], target_texts: Sequence[str]
) -> tuple[tuple[int, ...], tuple[int, ...], Sequence[str], Sequence[str]]:
    """``link``'s sentences on ``side`` and on the other side, with those sides' texts."""
    if side == "source":
        return link.source, link.target, source_texts, target_texts
    return link.target, link.source, target_texts, source_texts


def _gains(
    links: Sequence[Link],
    cands: Sequence[tuple[int, Side, int]],
    source_texts: Sequence[str],
    target_texts: Sequence[str],
) -> list[float] | None:
    """The cosine each candidate's side gains towards the other side with it deleted."""
    pairs: list[tuple[str, str]] = []
    for k, side, i in cands:
        mine, theirs, own, other = _oriented(links[k], side, source_texts, target_texts)
        there = " ".join(other[j] for j in theirs)
        pairs += [
            (" ".join(own[j] for j in mine), there),
            (" ".join(own[j] for j in mine if j != i), there),
        ]
    cos = _cosines(pairs)
    return None if cos is None else [cos[2 * n + 1] - cos[2 * n] for n in range(len(cands))]


def edge_gains(
    links: Sequence[Link], source_texts: Sequence[str], target_texts: Sequence[str]
) -> list[tuple[Side, float, str]]:
    """(side, cosine gained by deleting it, text) for each edge sentence of each
    same-language bead with two or more sentences on a side; empty without the encoder."""
    cands = _candidates(links)
    gains = _gains(links, cands, source_texts, target_texts) if cands else None
    if gains is None:
        return []
    return [
        (side, g, (source_texts if side == "source" else target_texts)[i])
        for (_, side, i), g in zip(cands, gains, strict=True)
    ]


def _cosines(pairs: Sequence[tuple[str, str]]) -> list[float] | None:
    """The encoder's cosine of each pair of texts, each distinct text embedded once, in one
    call; None without the encoder."""
    from .._embed import embed

    index = {t: n for n, t in enumerate(dict.fromkeys(t for pair in pairs for t in pair))}
    vectors = embed(list(index))
    if vectors is None:
        return None
    v = np.asarray(vectors, dtype=np.float32)
    a = v[[index[x] for x, _ in pairs]]
    b = v[[index[y] for _, y in pairs]]
    return [float(c) for c in np.einsum("kd,kd->k", a, b)]


def _neighbour(links: Sequence[Link], k: int, side: Side, i: int) -> int | None:
    """The bead beside link ``k`` whose ``side`` ends (starts) next to sentence ``i``, the
    first (last) of that side of link ``k``: where a sentence the search put one bead too
    far belongs."""
    idx = links[k].source if side == "source" else links[k].target
    nb = k - 1 if i == idx[0] else k + 1
    if not 0 <= nb < len(links):
        return None
    link = links[nb]
    if not link.source or not link.target or link.kind == "moved":
        return None
    mine = link.source if side == "source" else link.target
    return nb if (mine[-1] == i - 1 if nb < k else mine[0] == i + 1) else None


def detach_strays(
    links: Sequence[Link],
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    gain: float,
) -> tuple[Link, ...]:
    """``links`` with each stray edge sentence (module docstring) out of its bead: into the
    bead beside it where it brings that bead's two sides closer (the search put the second
    half of a split sentence one bead too far), else alone before or after it (Text+Berg's
    "la terre dure disparaît.", whose own sentence the search had left alone). One sentence
    at most leaves each side of a bead, and only one of :data:`_MIN_WORDS` words or more:
    deleting a short line ("Dring !") moves a text's vector by chance as much as by
    meaning."""
    cands = _candidates(links)
    gains = _gains(links, cands, source_texts, target_texts) if cands else None
    if gains is None:  # nothing to judge, or no encoder to judge it
        return tuple(links)
    best: dict[tuple[int, Side], tuple[float, int]] = {}
    for (k, side, i), g in zip(cands, gains, strict=True):
        text = (source_texts if side == "source" else target_texts)[i]
        if g < gain or len(text.split()) < _MIN_WORDS or not has_content(text):
            continue
        if g > best.get((k, side), (-1.0, -1))[0]:
            best[(k, side)] = (g, i)
    if not best:
        return tuple(links)
    # where each stray goes: the neighbour bead (if it gains and loses nothing itself) or None
    leaving = {(k, side) for k, side in best}
    homes: list[tuple[int, Side, int, int]] = []
    for (k, side), (_, i) in best.items():
        nb = _neighbour(links, k, side, i)
        if nb is not None and (nb, side) not in leaving:
            homes.append((k, side, i, nb))
    dest: dict[tuple[int, Side], int | None] = dict.fromkeys(best)
    if homes:
        pairs: list[tuple[str, str]] = []
        for _, side, i, nb in homes:
            mine, theirs, own, other = _oriented(links[nb], side, source_texts, target_texts)
            joined = " ".join(own[j] for j in sorted((*mine, i)))
            plain = " ".join(own[j] for j in mine)
            there = " ".join(other[j] for j in theirs)
            pairs += [(plain, there), (joined, there)]
        cos = _cosines(pairs) or []
        for n, (k, side, _, nb) in enumerate(homes):
            if cos and cos[2 * n + 1] > cos[2 * n]:
                dest[(k, side)] = nb
    arriving: dict[tuple[int, Side], list[int]] = {}
    for (k, side), nb in dest.items():
        if nb is not None:
            arriving.setdefault((nb, side), []).append(best[(k, side)][1])
    out: list[Link] = []
    for k, link in enumerate(links):
        src, tgt = link.source, link.target
        before: list[Link] = []
        after: list[Link] = []
        for side in _SIDES:
            idx = src if side == "source" else tgt
            if (k, side) in arriving:
                idx = tuple(sorted((*idx, *arriving[(k, side)])))
            elif (k, side) in best:
                i = best[(k, side)][1]
                if dest[(k, side)] is None:
                    alone = (
                        Link((i,), (), 0.0, "1-0")
                        if side == "source"
                        else Link((), (i,), 0.0, "0-1")
                    )
                    (before if i == idx[0] else after).append(alone)
                idx = tuple(j for j in idx if j != i)
            src, tgt = (idx, tgt) if side == "source" else (src, idx)
        out += before
        out.append(Link(src, tgt, link.score, f"{len(src)}-{len(tgt)}"))
        out += after
    return tuple(out)
