"""Monotonic bead search: a dynamic programme in a band around a coarse path.

Small documents are searched in full. Larger ones are first aligned in blocks of
``_FACTOR`` sentences (recursively, so the coarsest level is small), and the sentence-level
programme then only visits a band of fixed width around the projected block path, as in
Vecalign. Cost and memory are linear in document length. Each row of the band is one set
of numpy operations; the bead scores of a whole chunk of rows are computed in bulk
(:class:`._score.BandScores`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._score import F64, I64, BandScores, Sides

__all__ = ["Bead", "band_links", "bead_shapes", "moved_candidates"]

Bead = tuple[tuple[int, ...], tuple[int, ...], float]


def bead_shapes(max_bead: int) -> list[tuple[int, int]]:
    """Bead shapes (source sentences, target sentences) up to ``max_bead`` on a side and
    ``max_bead + 2`` in all (so 3 allows 2-3 but not 3-3), in the order a tie is broken on
    the way back: one-to-one first, then small merges, then skips."""
    shapes = [
        (a, b)
        for a in range(1, max_bead + 1)
        for b in range(1, max_bead + 1)
        if a + b <= max_bead + 2
    ]
    shapes.sort(key=lambda ab: (ab[0] + ab[1], ab[0]))
    return [*shapes, (1, 0), (0, 1)]


_MERGE_PENALTY = 0.12
_FULL_SEARCH_CELLS = 400_000
_FACTOR = 4  # sentences per block at each coarser level
_MARGIN = 8  # band half-width beyond the projected block path, in sentences
_MAX_WIDTH = 128  # cap on the band width, in target sentences, unless it fits in _MAX_CELLS
_MAX_CELLS = 4_000_000
_CHUNK = 1024  # DP rows whose bead scores are computed together
_EDGE = 16  # rows beyond a chunk whose band needs its width covers
_MAX_POSTING = 50  # a unit in more sentences than this is too common to nominate candidates
_KEEP_GAINS_BYTES = 48 << 20  # chunks of gains kept for the walk back (see _Gains)


def _ranges(starts: I64, counts: I64) -> I64:
    """``starts[k] + 0 .. counts[k] - 1`` for each k, concatenated."""
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    out: I64 = np.repeat(starts - ends + counts, counts) + np.arange(total)
    return out


def _csr_rows(units: tuple[I64, I64], rows: I64) -> tuple[I64, I64]:
    """The unit ids of ``rows`` (CSR ``units``), and the row of each."""
    ptr, ids = units
    count = ptr[rows + 1] - ptr[rows]
    return ids[_ranges(ptr[rows], count)], np.repeat(rows, count)


def moved_candidates(
    sides: Sides, rows: Sequence[int], columns: set[int], per_source: int = 3
) -> dict[int, list[int]]:
    """The moved-sentence candidates on the arrays of :class:`Sides` (one vocabulary for
    both sides, the plain IDF): for each source sentence of ``rows``, the ``per_source``
    target sentences of ``columns`` with the highest summed IDF of the rare units they share
    (units in at most ``_MAX_POSTING`` of the columns; summed in ascending order), ties to
    the lower index. The same candidates as the dictionary loop of earlier versions (its
    reference is in tests/test_align.py), whose cost grew faster than the document: a long
    document's rare units reach the posting cap, and each vote and sort was a Python step
    (0.39 CPU s at 100k sentences a side against 0.02 at 10k)."""
    result: dict[int, list[int]] = {}
    if not rows or not columns:
        return result
    cols = np.array(sorted(columns), dtype=np.int64)
    t_units, t_rows = _csr_rows(sides.tgt_units, cols)
    df = np.bincount(t_units, minlength=len(sides.block_idf))
    order = np.argsort(t_units, kind="stable")  # postings: by unit, then target index
    posting = t_rows[order]
    first = np.zeros(len(df) + 1, dtype=np.int64)
    np.cumsum(df, out=first[1:])
    src = np.asarray(rows, dtype=np.int64)
    wide = sides.m + 1
    for c0 in range(0, len(src), 512):  # bounded temporaries: ≤ 512 x units x cap pairs
        s_units, s_rows = _csr_rows(sides.src_units, src[c0 : c0 + 512])
        ok = (df[s_units] > 0) & (df[s_units] <= _MAX_POSTING)
        s_units, s_rows = s_units[ok], s_rows[ok]
        count = df[s_units]
        at = _ranges(first[s_units], count)
        if not len(at):
            continue
        key = np.repeat(s_rows, count) * wide + posting[at]
        weight = np.repeat(sides.block_idf[s_units], count)
        # each pair's weights in ascending order: equal shared IDF must sum to equal floats,
        # or the tie goes by summation order (the unit ids), not to the lower index
        by_pair = np.lexsort((weight, key))
        key = key[by_pair]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        votes = np.add.reduceat(weight[by_pair], starts)
        i, j = np.divmod(key[starts], wide)
        rank = np.lexsort((j, -votes, i))
        i, j = i[rank], j[rank]
        lead = np.r_[True, i[1:] != i[:-1]]
        nth = np.arange(len(i)) - np.maximum.accumulate(np.where(lead, np.arange(len(i)), 0))
        keep = nth < per_source
        for a, b in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
            result.setdefault(a, []).append(b)
    return result


_ByShape = dict[tuple[int, int], F64]


class _Gains:
    """Gains of every bead shape for a chunk of DP rows, recomputed on demand.

    ``stack[s]`` holds the gains of ``steps[s]`` (a source-skip ``(1, 0)`` gains 0), so a
    row of the programme takes every shape's candidates in one gather. The latest chunks,
    up to :data:`_KEEP_GAINS_BYTES`, are kept: the walk back visits the chunks again in
    reverse order, and recomputing them was a quarter of the search's time at 1k
    sentences (~9 MB a chunk of 1,024 rows; the same arrays, so the same path)."""

    def __init__(
        self,
        scores: BandScores,
        steps: list[tuple[int, int]],
        threshold: float,
        span: I64,
    ) -> None:
        self.scores = scores
        self.span = span
        self.steps = steps
        self.beads = [b for b in steps if b[0] and b[1]]
        self.threshold = threshold
        self.start = -1
        self.stack: F64 = np.zeros((len(steps), 0, 0))
        self.gain: dict[tuple[int, int], F64] = {}
        self.sim: dict[tuple[int, int], F64] = {}
        # start row -> (stack, gain, sim, bytes), oldest first
        self.kept: dict[int, tuple[F64, _ByShape, _ByShape, int]] = {}
        self.kept_bytes = 0

    def rows(self, i: int) -> int:
        """Make the chunk holding row ``i`` current; returns the row's offset in it."""
        start = i - i % _CHUNK
        if start != self.start and start in self.kept:
            self.stack, self.gain, self.sim, _ = self.kept[start]
            self.start = start
        elif start != self.start:
            sc = self.scores
            stop = min(start + _CHUNK, len(sc.lo))
            rows = np.arange(start, stop)[:, None]
            cols = sc.lo[start:stop, None] + np.arange(int(self.span[start:stop].max()))
            # beads ending on an open clause on one side only (the link keeps its similarity)
            penalty = sc.sides.open_end_penalty(rows, cols) + sc.crossing(
                start, stop, cols.shape[1]
            )
            self.stack = np.zeros((len(self.steps), *cols.shape))
            self.gain = {ab: self.stack[k] for k, ab in enumerate(self.steps)}
            self.sim = dict(self.sim)  # (a kept chunk holds the last one)
            for (a, b), (sim, valid) in sc.similarities(self.beads, rows, cols).items():
                ok = valid & (sim - penalty > self.threshold)
                gain = (sim - penalty - self.threshold) * (a + b) / 2 - _MERGE_PENALTY * (a + b - 2)
                np.copyto(self.gain[(a, b)], np.where(ok, gain, -np.inf))
                self.sim[(a, b)] = sim
            self.start = start
            self._keep(start)
        return i - start

    def _keep(self, start: int) -> None:
        """Keep the current chunk, dropping the oldest kept ones beyond the budget."""
        size = self.stack.nbytes + sum(v.nbytes for v in self.sim.values())
        self.kept[start] = (self.stack, self.gain, self.sim, size)
        self.kept_bytes += size
        while self.kept_bytes > _KEEP_GAINS_BYTES:
            oldest = next(iter(self.kept))
            self.kept_bytes -= self.kept.pop(oldest)[3]


def _ragged_table(lo: I64, span: I64, beads: list[tuple[int, int]]) -> tuple[F64, I64]:
    """The DP table as one flat array of -inf, and where each row's first cell is in it.

    Row ``r`` holds its ``span[r]`` cells, with as much room on either side as the rows
    after it read beyond them (a bead of ``a`` source sentences reads row ``i - a`` at the
    columns of row ``i``, shifted): those cells stay -inf, as past a row's span they must.
    One rectangle as wide as the widest row, with that much padding, was 208 MB of the
    search's peak at 100k sentences a side, where most rows are much narrower."""
    n = len(lo) - 1
    width = int(span.max())
    left = np.zeros(n + 1, dtype=np.int64)
    right = span.copy()
    for a, b in beads:
        if not a or a > n:
            continue
        shift = lo[a:] - lo[:-a] - b  # row i = r + a reads row r from this column on
        used = shift < width  # (the search skips the others)
        np.maximum(left[:-a], np.where(used, -shift, 0), out=left[:-a])
        np.maximum(right[:-a], np.where(used, shift + span[a:], 0), out=right[:-a])
    size = left + right
    base = np.cumsum(size) - size + left
    # (and ``width`` more at the end: what a bead that cannot end in a row reads instead)
    return np.full(int(size.sum()) + width, -np.inf), base


def _dp(
    sides: Sides, lo: I64, span: I64, beads: list[tuple[int, int]], threshold: float
) -> list[Bead]:
    """Best path through the band ``lo[i] .. lo[i] + span[i] - 1`` of each row ``i``."""
    n, m = sides.n, sides.m
    most = max(a for a, _ in beads)
    width = int(span.max())
    steps = [(a, b) for a, b in beads if a]  # (0, 1) is the running maximum along the row
    gains = _Gains(BandScores(sides, lo, span, most), steps, threshold, span)
    table, base = _ragged_table(lo, span, beads)
    nowhere = len(table) - width  # -inf cells, read by the beads that cannot end in a row
    at = base.tolist()
    step_a = np.array([a for a, _ in steps], dtype=np.int64)
    step_b = np.array([b for _, b in steps], dtype=np.int64)
    offsets = np.arange(width)
    buffer = np.empty(width)
    first: I64 = np.zeros((0, len(steps)), dtype=np.int64)
    first_row = 0
    for i in range(n + 1):
        w = int(span[i])
        row = buffer[:w]
        if i == 0:
            row.fill(-np.inf)
            row[0] = 0.0
        else:
            k = gains.rows(i)
            if k == 0 or i == 1:
                # Where each shape's bead ending in each row of the chunk starts reading the
                # row it comes from: row i - a, shifted by its first column and b.
                rows = np.arange(i, min(i - k + _CHUNK, n + 1))
                src = rows[:, None] - step_a
                back = np.maximum(src, 0)
                shift = lo[rows, None] - lo[back] - step_b
                first = np.where((src >= 0) & (shift < width), base[back] + shift, nowhere)
                first_row = i
            # Every shape's candidates at once: the row it comes from plus its gain (the
            # same sums as one shape at a time; the maximum does not depend on the order).
            cand = table[first[i - first_row, :, None] + offsets[:w]]
            cand += gains.stack[:, k, :w]
            cand.max(axis=0, out=row)
        np.maximum.accumulate(row, out=row)
        end = m - int(lo[i]) + 1
        if end < w:
            row[end:] = -np.inf
        table[at[i] : at[i] + w] = row

    # Walk back: at each cell, the first bead shape whose value reproduces the cell's.
    path: list[Bead] = []
    i, j = n, m
    while i or j:
        k = j - int(lo[i])
        here = table[at[i] + k]
        for a, b in beads:
            if a > i or b > j:
                continue
            pk = j - b - int(lo[i - a])
            if not 0 <= pk < span[i - a]:
                continue
            prev = table[at[i - a] + pk]
            if a and b:
                r = gains.rows(i)
                if prev + gains.gain[(a, b)][r, k] == here:
                    path.append(
                        (
                            tuple(range(i - a, i)),
                            tuple(range(j - b, j)),
                            float(gains.sim[(a, b)][r, k]),
                        )
                    )
                    break
            elif prev == here:
                path.append((tuple(range(i - a, i)), tuple(range(j - b, j)), 0.0))
                break
        else:  # pragma: no cover - the band is connected by construction
            raise AssertionError(f"no way back from cell {(i, j)}")
        i, j = i - a, j - b
    path.reverse()
    return path


def _band_from(path: list[Bead], factor: int, n: int, m: int) -> tuple[I64, I64]:
    """A band of rows around a block-level path projected to sentences: each row's first
    column and width. A chunk of rows is as wide as its widest row needs (a long document
    has a few wide spots; one width for all would make its cost grow faster than its
    length)."""
    ci = [0]
    cj = [0]
    for src, tgt, _ in path:
        ci.append(ci[-1] + len(src))
        cj.append(cj[-1] + len(tgt))
    corner_i = np.minimum(np.array(ci) * factor, n)
    corner_j = np.minimum(np.array(cj) * factor, m)
    rows = np.arange(n + 1)
    first = np.searchsorted(corner_i, rows - factor, side="left")
    last = np.searchsorted(corner_i, rows + factor, side="right") - 1
    first = np.minimum(first, len(corner_i) - 1)
    lo = np.maximum.accumulate(np.clip(corner_j[first] - _MARGIN, 0, m))
    hi = np.maximum.accumulate(np.clip(corner_j[last] + _MARGIN, 0, m))
    lo[0], hi[-1] = 0, m
    need = hi - lo + 1
    # Each chunk of DP rows is as wide as its rows, and those a little beyond its edges
    # (beads reach a few rows back), need.
    near = np.lib.stride_tricks.sliding_window_view(
        np.pad(need, _EDGE, mode="edge"), 2 * _EDGE + 1
    ).max(axis=1)
    chunk_need = np.maximum.reduceat(near, np.arange(0, n + 1, _CHUNK))
    cap = max(_MAX_WIDTH, _MAX_CELLS // (n + 1))
    width = np.minimum(np.repeat(chunk_need, _CHUNK)[: n + 1], cap)
    while True:
        # A row wider than the cap (a long run of insertions in the block path) keeps its
        # right end; the band then trails the path for a few rows but stays connected, and
        # every row can still reach the end: lo[i] <= lo[i-1] + width[i-1] - 1,
        # lo[n] >= m - width[n] + 1.
        rows_lo = np.maximum(lo, hi - width + 1).tolist()
        w = width.tolist()
        for i in range(1, n + 1):
            rows_lo[i] = min(rows_lo[i], rows_lo[i - 1] + w[i - 1] - 1)
        rows_lo[n] = max(rows_lo[n], m - w[n] + 1)
        for i in range(n - 1, 0, -1):
            rows_lo[i] = max(rows_lo[i], rows_lo[i + 1] - w[i] + 1)
        rows_lo[0] = 0
        if (width >= need).all() or rows_lo[1] <= w[0] - 1:
            break
        width = np.minimum(need.max(), 2 * width)  # too narrow to get from start to end
    return np.array(rows_lo, dtype=np.int64), width.astype(np.int64)


def band_links(
    sides: Sides, *, threshold: float, max_bead: int, coarse: bool = False
) -> list[Bead]:
    """Best monotonic sequence of beads covering every sentence of both sides.

    A bead scores ``(similarity - threshold)`` per sentence it covers, less a small
    penalty for each merge, and a skipped sentence scores 0: a pair only aligns when it is
    more alike than ``threshold``, which is what keeps unrelated documents unaligned.
    """
    n, m = sides.n, sides.m
    if not n or not m:
        return [((i,), (), 0.0) for i in range(n)] + [((), (j,), 0.0) for j in range(m)]
    # No bead holds more than n + m sentences, so a larger max_bead adds only shapes that cannot
    # fit; the shape list grows as max_bead², and max_bead=10**9 hung on a one-line pair.
    beads = bead_shapes(min(max_bead, n + m))
    if coarse:  # blocks straddle sentence boundaries: simple shapes suffice there
        beads = [b for b in beads if b[0] + b[1] <= 3]
    if (n + 1) * (m + 1) <= _FULL_SEARCH_CELLS or min(n, m) < 2 * _FACTOR:
        lo, width = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64)
    else:
        block_path = band_links(
            sides.coarsen(_FACTOR), threshold=threshold, max_bead=max_bead, coarse=True
        )
        lo, width = _band_from(block_path, _FACTOR, n, m)
    # Blocks straddle sentence boundaries, so their scores are lower; and the coarse path
    # only has to locate the band: blocks are aligned eagerly.
    return _dp(sides, lo, width, beads, threshold / 4 if coarse else threshold)
