"""Monotonic bead search: anchors from an inverted index, then dynamic programming in a band.

The band keeps cost linear in document length: confident one-to-one anchors are chained
(a weighted longest increasing subsequence), and the dynamic programme only visits cells
between consecutive anchors, padded by a margin. Small documents are searched in full.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence

from .._features import SentenceFeatures

__all__ = ["BEADS", "candidate_pairs", "monotonic_links"]

Sim = Callable[[tuple[int, ...], tuple[int, ...]], float]

#: Bead shapes (source sentences, target sentences) the search may use, by ``max_bead``.
BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (3, 2),
    (2, 3),
)
_MERGE_PENALTY = 0.12
_FULL_SEARCH_CELLS = 400_000
_MARGIN = 12
_MAX_POSTING = 50  # a unit in more sentences than this is too common to nominate candidates


def candidate_pairs(
    source: Sequence[SentenceFeatures],
    target: Sequence[SentenceFeatures],
    idf: dict[str, float],
    *,
    per_source: int = 8,
) -> dict[int, list[int]]:
    """For each source sentence, the target sentences sharing the most rare units."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, feats in enumerate(target):
        for u in feats.units:
            postings[u].append(j)
    result: dict[int, list[int]] = {}
    for i, feats in enumerate(source):
        votes: dict[int, float] = defaultdict(float)
        for u in feats.units:
            post = postings.get(u)
            if post and len(post) <= _MAX_POSTING:
                w = idf.get(u, 0.0)
                for j in post:
                    votes[j] += w
        if votes:
            best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:per_source]
            result[i] = [j for j, _ in best]
    return result


def _anchor_chain(anchors: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The heaviest chain of anchors increasing on both sides (weighted LIS, O(k log k))."""
    anchors.sort(key=lambda a: (a[0], -a[1]))
    # best[k]: (weight of the best chain ending at anchor k, previous anchor)
    best: list[tuple[float, int]] = []
    tails_j: list[int] = []  # increasing target positions, with their chain weights below
    tails_w: list[float] = []
    tails_k: list[int] = []
    for k, (_, j, w) in enumerate(anchors):
        pos = bisect.bisect_left(tails_j, j)
        prev_w, prev_k = (tails_w[pos - 1], tails_k[pos - 1]) if pos else (0.0, -1)
        total = prev_w + w
        best.append((total, prev_k))
        # keep tails with increasing weight: drop later tails that this one dominates
        if pos < len(tails_j) and tails_j[pos] == j and tails_w[pos] >= total:
            continue
        tails_j.insert(pos, j)
        tails_w.insert(pos, total)
        tails_k.insert(pos, k)
        cut = pos + 1
        while cut < len(tails_j) and tails_w[cut] <= total:
            del tails_j[cut], tails_w[cut], tails_k[cut]
    if not best:
        return []
    k = max(range(len(best)), key=lambda x: best[x][0])
    chain = []
    while k >= 0:
        chain.append((anchors[k][0], anchors[k][1]))
        k = best[k][1]
    return chain[::-1]


def _band(n: int, m: int, chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Allowed target range ``[lo, hi]`` for each source row 0..n."""
    points = [(0, 0), *chain, (n, m)]
    rows: list[tuple[int, int]] = [(0, m)] * (n + 1)
    for (i1, j1), (i2, j2) in itertools.pairwise(points):
        for i in range(i1, i2 + 1):
            centre = j1 + (j2 - j1) * (i - i1) / (i2 - i1) if i2 > i1 else j1
            spread = min(j2 - j1, 4 * _MARGIN) / 2 + _MARGIN
            lo = max(0, j1 - _MARGIN, int(centre - spread))
            hi = min(m, j2 + _MARGIN, int(centre + spread) + 1)
            old = rows[i]
            rows[i] = (lo, hi) if i != i1 or old == (0, m) else (min(lo, old[0]), max(hi, old[1]))
    # Keep the band connected: each row must reach the column where the row before ends.
    rows[0] = (0, rows[0][1])
    rows[n] = (rows[n][0], m)
    for i in range(1, n + 1):
        lo, hi = rows[i]
        prev_lo, prev_hi = rows[i - 1]
        rows[i] = (min(lo, prev_hi), max(hi, prev_lo))
    return rows


def monotonic_links(
    n: int,
    m: int,
    sim: Sim,
    *,
    threshold: float,
    max_bead: int,
    candidates: dict[int, list[int]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Best monotonic sequence of beads covering every sentence of both sides.

    A bead scores ``(similarity - threshold)`` per sentence it covers, less a small
    penalty for each merge, and a skipped sentence scores 0: a pair only aligns when it is
    more alike than ``threshold``, which is what keeps unrelated documents unaligned.
    """
    beads = [b for b in BEADS if b[0] <= max_bead and b[1] <= max_bead]
    if n * m <= _FULL_SEARCH_CELLS or not candidates:
        rows = [(0, m)] * (n + 1)
    else:
        anchors = []
        for i, js in candidates.items():
            for j in js[:1]:
                s = sim((i,), (j,))
                if s >= 0.5:
                    anchors.append((i, j, s))
        rows = _band(n, m, _anchor_chain(anchors))

    score: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    for i in range(n + 1):
        lo, hi = rows[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best = float("-inf")
            best_back = (0, 0, 0.0)
            for a, b in beads:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                prev = score.get((pi, pj))
                if prev is None:
                    continue
                if a == 0 or b == 0:
                    s = 0.0
                    gain = 0.0
                else:
                    s = sim(tuple(range(pi, i)), tuple(range(pj, j)))
                    if s <= threshold:
                        continue
                    gain = (s - threshold) * (a + b) / 2 - _MERGE_PENALTY * (a + b - 2)
                if prev + gain > best:
                    best = prev + gain
                    best_back = (a, b, s)
            if best > float("-inf"):
                score[(i, j)] = best
                back[(i, j)] = best_back
    # walk back from the end
    links: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b, s = back[(i, j)]
        links.append((tuple(range(i - a, i)), tuple(range(j - b, j)), s))
        i, j = i - a, j - b
    links.reverse()
    return links
