"""Similarity of candidate beads: IDF-weighted overlap of lexical units, lengths, embeddings.

:class:`Scorer` scores one bead at a time (moved-sentence recovery, the checks).
:class:`Sides` holds both documents as numpy arrays and scores every bead of a band of the
dynamic programme at once, which is what makes the search fast: one pass builds a banded
matrix of one-to-one pair scores, and a merged bead (2-1, 3-2...) is a block sum of it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._features import FeatureTable, SentenceFeatures, idf_weights, lengths

__all__ = ["BandScores", "Scorer", "Sides", "combine"]

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]

#: Weights of the cross-lingual mix with embeddings: cosine, lexical anchors, length.
#: Tuned on Text+Berg dev only (see docs/alignment.md).
EMBED_WEIGHTS = (0.6, 0.1, 0.3)
#: Lexical cross-lingual mix: lexical weight, length weight, and the gate on length.
CROSS_WEIGHTS = (0.4, 0.6, 1.0, 0.0)
#: Tolerance of the length score, in Gale-Church standard deviations.
LENGTH_SIGMA2 = 4.0
#: Cross-lingual: numbers are the surest anchors between languages (they survive
#: translation unchanged), so their IDF weight counts this many times in a bead's
#: overlap. Text+Berg dev 0.891 -> 0.895 with embeddings, 0.810 -> 0.826 lexical.
NUM_BOOST = 4.0
#: Cross-lingual: a bead that ends on an open clause (a colon, semicolon, comma or dash:
#: the thought goes on in the next line) on one side only is unlikely to be whole, so its
#: score in the search drops by this much. Scaled by how alike the two sides' rates of
#: open endings are (:meth:`Sides.open_end_penalty`). Text+Berg dev 0.895 -> 0.908.
OPEN_END_PENALTY = 0.12
OPEN_MARKS = (":", ";", ",", "-", "\uff1a", "\uff1b", "\uff0c", "\u3001")  # and full-width
#: Cross-lingual: an anchor (number, name, cognate) that a bead's last source line shares
#: with the target line after the bead, and that the bead's last target line lacks (or
#: the same with the sides swapped), says the boundary cuts one translation in two. The
#: Dice overlap of such pairs across the corner costs this much, like an open end.
#: Text+Berg dev 0.908 -> 0.924 (0.2: 0.915, 0.3: 0.924, 0.5 and 0.7: 0.920).
CROSSING_PENALTY = 0.4
#: Cross-lingual, a language outside USE-multilingual's training (Icelandic…) on one side and
#: multilingual-e5 installed (not on Windows): the share of e5's cosine in the aligner's cosine.
#: The two encoders' vectors are concatenated (each unit length, e5's centred per side).
E5_WEIGHT = 0.8
#: The same share where USE-multilingual knows both languages and e5 was asked for
#: (``similarity="embedding+e5"``): chosen on Text+Berg de-fr dev (0.5: 0.939, 0.65: 0.940,
#: 0.8: 0.935; 0.937 without e5).
E5_WEIGHT_COVERED = 0.65
_NORM_ROWS = 8192  # sentence vectors converted to float32 at a time (_merged_norms)
#: What makes a line content: two letters in a row, a digit, or a letter of a script
#: without spaces (one Chinese character is a word). A line without any (OCR debris of
#: scanned books, ``h * "``, ``.:-- , .``, ``- _-``; a scene break ``* * *``) has nothing
#: to align by, and cross-lingually the search does not see it (see :func:`debris_lines`).
_CONTENT = re.compile(r"[^\W\d_]{2}|\d|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def open_ends(texts: Sequence[str]) -> NDArray[np.bool_]:
    """Whether each text ends on an open clause (see :data:`OPEN_END_PENALTY`)."""
    return np.array([t.rstrip().endswith(OPEN_MARKS) for t in texts], dtype=bool)


def has_content(text: str) -> bool:
    """Whether a line has anything to align or translate by (:data:`_CONTENT`)."""
    return _CONTENT.search(text) is not None


def debris_lines(texts: Sequence[str]) -> dict[int, str]:
    """The lines without content (:data:`_CONTENT`), each with its text less whitespace.

    Cross-lingually the search runs without them, so they do not break a bead in two
    (Text+Berg's gold holds a 4-3, a 2-5 and a 1-5 bead with such a line inside: 3-3, 2-4
    and 1-4 beads of content lines, within reach) nor join a bead they are not part of;
    each is then put back inside the bead around it, or left alone (dev strict F1 0.926 →
    0.935)."""
    return {k: "".join(t.split()) for k, t in enumerate(texts) if not _CONTENT.search(t)}


#: A line that ends a sentence, or closes a bracket or quote (full-width marks too).
_CLOSED = re.compile(r"[.!?\u2026)\]\"'\u00bb\u201d\u2019\u3002\uff01\uff1f\uff09\u300d\u300f]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
#: The most lines one interruption of a sentence holds (a caption and its photo credit).
INTERRUPTION_LINES = 3


def interruptions(texts: Sequence[str]) -> frozenset[int]:
    """Lines that stand between the two halves of a broken sentence: after a line of four
    or more words that breaks off on a letter or digit and before a line that goes on in
    lower case, a run of up to :data:`INTERRUPTION_LINES` lines that each end closed
    (``.``, ``)``, a quote) and do not start in lower case, or have no content. That is
    page-break matter of a scanned book (a caption, a running head, OCR junk), which no
    translation carries at that spot: Text+Berg's gold leaves ``h * "`` out of the bead of
    ``Grâce aux cordes fixes , l' arête`` / ``est atteinte rapidement .``. The search goes
    without these lines and each is left alone (a line of no content elsewhere goes into
    the bead around it, :func:`debris_lines`). Scripts without case never match."""

    def starts_lower(text: str) -> bool:
        first = _LETTER.search(text)
        return first is not None and first.group().islower()

    def inside(text: str) -> bool:
        if not _CONTENT.search(text):
            return True
        return _CLOSED.search(text) is not None and not starts_lower(text)

    out: set[int] = set()
    for p in range(len(texts) - 2):
        before = texts[p].rstrip()
        # (a heading also ends on a letter: a broken sentence has a few words before it)
        if not before or not before[-1].isalnum() or len(before.split()) < 4:
            continue
        q = p + 1
        while q < len(texts) - 1 and q - p <= INTERRUPTION_LINES and inside(texts[q]):
            q += 1
        if q > p + 1 and q - p - 1 <= INTERRUPTION_LINES and starts_lower(texts[q]):
            out.update(range(p + 1, q))
    return frozenset(out)


def wide_vectors(use: Any, e5: Any, weight: float | None = None) -> Any:
    """One side's sentence vectors for the aligner: USE-multilingual's concatenated with
    multilingual-e5's, weighted so that the dot product of two unit rows is ``(1 - W)`` times
    the one cosine plus ``W`` times the other (``weight``, :data:`E5_WEIGHT` if not given;
    :data:`E5_WEIGHT_COVERED` for a pair it knows).
    e5's vectors are centred first: its unrelated pairs sit near cosine 0.75, and centring
    spreads them around 0 as USE's are."""
    weight = E5_WEIGHT if weight is None else weight
    e5 = np.asarray(e5, dtype=np.float32)
    e5 = e5 - e5.mean(axis=0) if len(e5) else e5
    norms = np.linalg.norm(e5, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out = np.concatenate(
        [
            np.sqrt(1.0 - weight) * np.asarray(use, dtype=np.float32),
            np.sqrt(weight) * (e5 / norms),
        ],
        axis=1,
    )
    return out.astype(np.asarray(use).dtype, copy=False)


def combine(mode: str, lex: Any, length: Any, cos: Any = 0.0) -> Any:
    """Mix the components of a bead score; works on floats and on numpy arrays alike."""
    if mode == "same":
        return lex
    if mode == "embed":
        w_cos, w_lex, w_len = EMBED_WEIGHTS
        return w_cos * cos + w_lex * lex + w_len * length
    # Lexical cross-lingual: lengths only count where some anchor agrees, or any two
    # sentences of similar length would align.
    w_lex, w_len, floor, slope = CROSS_WEIGHTS
    return w_lex * lex + w_len * length * np.minimum(1.0, floor + slope * lex)


def length_score(ls: Any, lt: Any) -> Any:
    """Gale and Church's observation: the length difference grows with sqrt(length)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (lt - ls) / np.sqrt(6.8 * np.maximum(ls + lt, 1e-9) / 2)
        out = np.exp(-0.5 * z * z / LENGTH_SIGMA2)
    return np.where((ls > 0) & (lt > 0), out, 0.0)


class Scorer:
    """Scores a bead ``(source indices, target indices)`` in [0, 1]; caches merged units.

    Same-language pairs (round trips) are scored by lexical overlap alone, which is strong
    there. Cross-lingual pairs mix the overlap of numbers, names and cognate prefixes with
    a length-ratio term, and with embedding cosine when vectors are given.
    """

    def __init__(
        self,
        source: Sequence[SentenceFeatures],
        target: Sequence[SentenceFeatures],
        *,
        cross_lingual: bool,
        source_vectors: Any = None,
        target_vectors: Any = None,
        open_ends: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None,
        search_vectors: tuple[Any, Any] | None = None,
        debris: tuple[dict[int, str], dict[int, str]] | None = None,
        interruptions: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
    ) -> None:
        self.source = source
        self.target = target
        self.cross_lingual = cross_lingual
        self.idf = idf_weights(source, target)
        #: The weights of bead overlap: cross-lingually, numbers count NUM_BOOST times.
        self.anchor_idf = self.idf
        if cross_lingual:
            self.anchor_idf = {
                u: w * NUM_BOOST if u.startswith("#") else w for u, w in self.idf.items()
            }
        self._src_vec = source_vectors
        self._tgt_vec = target_vectors
        #: The vectors the search scores with, when not the USE-multilingual ones the checks
        #: use (:func:`wide_vectors`, for a language USE-multilingual does not cover).
        self.search_vectors = search_vectors
        src_chars = int(lengths(source).sum()) or 1
        tgt_chars = int(lengths(target).sum()) or 1
        self.length_ratio = tgt_chars / src_chars  # expected target length per source char
        self._sides: Sides | None = None
        #: Which sentences end on an open clause, per side (:func:`open_ends` of the texts).
        self.open_ends = open_ends
        #: Lines without content, per side (:func:`debris_lines`): the search goes without
        #: them, cross-lingually.
        self.debris = debris if debris and (debris[0] or debris[1]) and cross_lingual else None
        #: Those of them that interrupt a sentence (:func:`interruptions`): left alone.
        self.interruptions = interruptions

    @property
    def uses_embeddings(self) -> bool:
        return self._src_vec is not None

    @property
    def mode(self) -> str:
        if not self.cross_lingual:
            return "same"
        return "embed" if self.uses_embeddings else "cross"

    def sides(self) -> Sides:
        """Both documents as arrays, for the vectorised search (built once); without the
        lines of :attr:`debris` if there are any (:meth:`content_lines`)."""
        if self._sides is None:
            self._sides = Sides.from_features(self, self.content_lines())
        return self._sides

    def content_lines(self) -> tuple[I64, I64] | None:
        """The lines :meth:`sides` holds, per side, when it leaves some out."""
        if self.debris is None:
            return None
        return tuple(  # type: ignore[return-value]
            np.setdiff1d(np.arange(len(side)), np.fromiter(gone, np.int64, len(gone)))
            for side, gone in ((self.source, self.debris[0]), (self.target, self.debris[1]))
        )

    def weight(self, units: frozenset[str], idf: dict[str, float] | None = None) -> float:
        idf = self.idf if idf is None else idf
        return sum(idf.get(u, 0.0) for u in units)

    def _units(self, side: Sequence[SentenceFeatures], idx: tuple[int, ...]) -> frozenset[str]:
        if len(idx) == 1:
            return side[idx[0]].units
        merged: frozenset[str] = frozenset()
        for i in idx:
            merged = merged | side[i].units
        return merged

    def dice(
        self, a: frozenset[str], b: frozenset[str], idf: dict[str, float] | None = None
    ) -> float:
        """idf-weighted Dice overlap of two unit sets."""
        if not a or not b:
            return 0.0
        shared = self.weight(a & b, idf)
        if shared == 0.0:
            return 0.0
        return 2.0 * shared / (self.weight(a, idf) + self.weight(b, idf))

    def lexical(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        a, b = self._units(self.source, src), self._units(self.target, tgt)
        return self.dice(a, b, self.anchor_idf)

    def length(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        ls = sum(self.source[i].length for i in src)
        lt = sum(self.target[j].length for j in tgt) / self.length_ratio
        return float(length_score(float(ls), float(lt)))

    def embedding(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        u = self._src_vec[list(src)].sum(axis=0, dtype=np.float64)
        v = self._tgt_vec[list(tgt)].sum(axis=0, dtype=np.float64)
        denom = float(np.linalg.norm(u) * np.linalg.norm(v)) or 1.0
        return max(0.0, float(u @ v) / denom)

    def __call__(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        lex = self.lexical(src, tgt)
        if not self.cross_lingual:
            return lex
        cos = self.embedding(src, tgt) if self.uses_embeddings else 0.0
        return float(combine(self.mode, lex, self.length(src, tgt), cos))


def _stable_order(values: I64, bound: int) -> I64:
    """Stable argsort of integers in ``0 .. bound - 1``: numpy radix-sorts (linear time)
    16-bit integers, so those that fit are sorted as such."""
    if bound <= 1 << 16:
        return np.argsort(values.astype(np.uint16), kind="stable")
    return np.argsort(values, kind="stable")


def _prefix(values: F64) -> F64:
    out = np.zeros(len(values) + 1)
    np.cumsum(values, out=out[1:])
    return out


def _take_rows(units: tuple[I64, I64], rows: I64) -> tuple[I64, I64]:
    """The CSR rows ``rows`` (ascending) of ``units``."""
    ptr, ids = units
    count = np.diff(ptr)
    wanted = np.zeros(len(count), dtype=bool)
    wanted[rows] = True
    new_ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(count[rows], out=new_ptr[1:])
    return new_ptr, ids[np.repeat(wanted, count)]


def _new_units(units: tuple[I64, I64], count: int, vocab: int) -> tuple[I64, I64]:
    """Each line's units that the line before it lacks (CSR, as ``units``)."""
    ptr, ids = units
    rows = np.repeat(np.arange(count), np.diff(ptr))
    if not len(ids):
        return ptr, ids
    # Occurrences by unit, then line (a stable order: linear time where it radix-sorts);
    # a line holds a unit once, so one is old iff the unit's previous occurrence is the
    # line before. (A sort of line * vocab + unit keys, then a binary search for each
    # occurrence's key one line up, was the same test in n log n.)
    order = _stable_order(ids, vocab)
    s_rows = rows[order]
    old = np.zeros(len(ids), dtype=bool)
    old[order[1:]] = (ids[order[1:]] == ids[order[:-1]]) & (s_rows[1:] - s_rows[:-1] == 1)
    keep = ~old
    new_ptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[keep], minlength=count), out=new_ptr[1:])
    return new_ptr, ids[keep]


class Sides:
    """Both documents as arrays: lengths, lexical units (CSR of unit ids), IDF, vectors."""

    def __init__(
        self,
        mode: str,
        src_len: F64,
        tgt_len: F64,
        src_units: tuple[I64, I64],
        tgt_units: tuple[I64, I64],
        idf: F64,
        src_vec: Any,
        tgt_vec: Any,
        *,
        blocks: bool = False,
        open_ends: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None,
        block_idf: F64 | None = None,
    ) -> None:
        self.mode = mode
        self.blocks = blocks  # sentences grouped into blocks, for the coarse pass
        self.n, self.m = len(src_len), len(tgt_len)
        self.src_len, self.tgt_len = src_len, tgt_len
        self.src_units, self.tgt_units = src_units, tgt_units
        self.idf = idf
        # Blocks (the coarse pass) go without the number boost: with it, the 100k-sentence
        # cross-lingual benchmark (documents repeated) peaked at 959 MB instead of 790 MB.
        self.block_idf = idf if block_idf is None else block_idf
        self.src_vec, self.tgt_vec = src_vec, tgt_vec
        # open_ends[side][k]: whether a bead ending before sentence k ends on an open clause
        self.open_ends = None if open_ends is None else tuple(np.r_[False, f] for f in open_ends)
        self.open_penalty = 0.0
        if open_ends is not None and mode != "same":
            # The two sides may cut clauses by different conventions (the verse-split English
            # Bible ends a line in five on a colon, semicolon or comma, its Chinese one in ten
            # on a comma): then a mismatch says less, and the penalty shrinks with the square
            # of the ratio of the two sides' rates of open endings.
            low, high = sorted(float(flags.mean()) if len(flags) else 0.0 for flags in open_ends)
            self.open_penalty = OPEN_END_PENALTY * (low / high) ** 2 if high else 0.0
        ratio = (tgt_len.sum() or 1.0) / (src_len.sum() or 1.0)
        # Lengths in source characters: the Gale-Church variance is per source character,
        # so a script that packs more into a character (Chinese) is scaled up, not down.
        self.cum_src_len = _prefix(src_len)
        self.cum_tgt_len = _prefix(tgt_len / ratio)
        if src_vec is not None:
            self.src_norm2 = self._merged_norms(src_vec)
            self.tgt_norm2 = self._merged_norms(tgt_vec)
        # Units new to each line (absent from the line before), for the crossing penalty.
        self.new_units: tuple[tuple[I64, I64], tuple[I64, I64]] | None = None
        if CROSSING_PENALTY and not blocks and mode != "same":
            vocab = max(len(idf), 1)
            self.new_units = (
                _new_units(src_units, self.n, vocab),
                _new_units(tgt_units, self.m, vocab),
            )

    @classmethod
    def from_features(cls, scorer: Scorer, keep: tuple[I64, I64] | None = None) -> Sides:
        """The scorer's documents, or only the lines ``keep`` of each side."""
        src, tgt = (
            side
            if isinstance(side, FeatureTable)
            else FeatureTable.from_units((f.units for f in side), lengths(side))
            for side in (scorer.source, scorer.target)
        )
        # One vocabulary for both sides: the source's ids, then the target's new units.
        vocab = dict(zip(src.vocab, itertools.count()))
        remap = np.array([vocab.setdefault(u, len(vocab)) for u in tgt.vocab], dtype=np.int64)
        ptr = np.concatenate([src.ptr, tgt.ptr[1:] + src.ptr[-1]])
        ids = np.concatenate([src.ids.astype(np.int64), remap[tgt.ids]])
        idf = np.zeros(len(vocab))
        plain = np.zeros(len(vocab))
        for u, k in vocab.items():
            idf[k] = scorer.anchor_idf.get(u, 0.0)
            plain[k] = scorer.idf.get(u, 0.0)
        n = len(scorer.source)
        vec = list(scorer.search_vectors or (scorer._src_vec, scorer._tgt_vec))
        if vec[0] is not None:  # float16 from the aligner's embed(compact=True) stays so
            vec = [
                np.asarray(v, dtype=np.float16 if v.dtype == np.float16 else np.float32)
                for v in vec
            ]
        lens = [src.lengths.astype(np.float64), tgt.lengths.astype(np.float64)]
        units = [(ptr[: n + 1], ids[: ptr[n]]), (ptr[n:] - ptr[n], ids[ptr[n] :])]
        opens = scorer.open_ends
        if keep is not None:
            lens = [x[k] for x, k in zip(lens, keep, strict=True)]
            units = [_take_rows(u, k) for u, k in zip(units, keep, strict=True)]
            if vec[0] is not None:
                vec = [v[k] for v, k in zip(vec, keep, strict=True)]
            if opens is not None:
                opens = (opens[0][keep[0]], opens[1][keep[1]])
        return cls(
            scorer.mode,
            lens[0],
            lens[1],
            units[0],
            units[1],
            idf,
            vec[0],
            vec[1],
            open_ends=opens,
            block_idf=plain,
        )

    def merged_norms(self, a: int, b: int) -> tuple[F64, F64]:
        """Rows ``a`` (source) and ``b`` (target) of the merged norms, computed further when
        a bead is wider than they reach (``max_bead`` 7 or more raised an IndexError)."""
        if max(a, b) >= len(self.src_norm2):
            self.src_norm2 = self._merged_norms(self.src_vec, max(a, b))
            self.tgt_norm2 = self._merged_norms(self.tgt_vec, max(a, b))
        return self.src_norm2[a], self.tgt_norm2[b]

    @staticmethod
    def _merged_norms(vec: Any, most: int = 6) -> F64:
        """Squared norm of the sum of sentences ``i-a .. i-1``, as ``out[a, i]`` for a <= most."""
        n = len(vec)
        out = np.full((most + 1, n + 1), np.nan)
        out[0] = 0.0
        # dots[d, i] = u_i . u_{i-d} (d = 0: |u_i|^2), in float32 from float32 copies of
        # _NORM_ROWS rows at a time: einsum casting float16 on the fly took 2x as long in all
        # (12 ms a side at 1k), and a copy of the whole would be 200 MB at 100k. Each dot is
        # the same row product either way (the same floats: tests/test_align.py).
        dots = np.zeros((most, n), dtype=np.float32)
        for c0 in range(0, n, _NORM_ROWS):
            c1 = min(n, c0 + _NORM_ROWS)
            lo = max(c0 - most, 0)
            part = np.asarray(vec[lo:c1], dtype=np.float32)
            for d in range(min(most, n)):
                start = max(c0, d)
                if start < c1:
                    dots[d, start:c1] = np.einsum(
                        "ij,ij->i",
                        part[start - lo :],
                        part[start - d - lo : c1 - d - lo],
                        dtype=np.float32,
                    )
        sq = dots[0].astype(np.float64)
        # |u_{i-a} + ... + u_{i-1}|^2 = |u_{i-a} + ... + u_{i-2}|^2 + |u_{i-1}|^2
        #                               + 2 sum_d u_{i-1} . u_{i-1-d}
        cross = np.zeros(n)
        for a in range(1, min(most, n) + 1):
            if a > 1:
                d = a - 1
                cross[d:] += dots[d, d:]
            out[a, a:] = out[a - 1, a - 1 : n] + sq[a - 1 :] + 2 * cross[a - 1 :]
        return out

    def union_weights(self, most: int) -> tuple[F64, F64]:
        """IDF weight of the union of the units of sentences ``i-a .. i-1``, as
        ``out[a, i]`` for a <= most, for each side."""
        return self._union(self.src_units, self.n, most), self._union(self.tgt_units, self.m, most)

    def _union(self, units: tuple[I64, I64], count: int, most: int) -> F64:
        ptr, ids = units
        rows = np.repeat(np.arange(count), np.diff(ptr))
        # gap: how many sentences back the same unit last occurred (capped at `most`). An
        # occurrence d sentences into a run is new to the run's union iff its gap exceeds d,
        # so every union weight is a sum of `most` per-sentence sums: linear time.
        order = _stable_order(ids, len(self.idf))
        s_ids, s_rows = ids[order], rows[order]
        gap = np.full(len(ids), most, dtype=np.int64)
        if len(ids) > 1:
            back = np.where(s_ids[1:] == s_ids[:-1], s_rows[1:] - s_rows[:-1], most)
            gap[order[1:]] = np.minimum(back, most)
        weights = self.idf[ids]
        new = [np.bincount(rows, weights=weights * (gap > d), minlength=count) for d in range(most)]
        out = np.full((most + 1, count + 1), np.nan)
        out[0] = 0.0
        for a in range(1, min(most, count) + 1):
            out[a, a:] = sum(new[d][d : count - a + 1 + d] for d in range(a))
        return out

    def coarsen(self, factor: int) -> Sides:
        """The documents in blocks of ``factor`` sentences, for the coarse pass."""

        def blocks(units: tuple[I64, I64], count: int) -> tuple[I64, I64]:
            ptr, ids = units
            block = np.repeat(np.arange(count), np.diff(ptr)) // factor
            nb = -(-count // factor)
            order = _stable_order(ids, len(self.idf))  # by block, then unit: two stable sorts
            order = order[_stable_order(block[order], nb)]
            keys = block[order] * (len(self.idf) + 1) + ids[order]
            keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
            b, u = np.divmod(keys, len(self.idf) + 1)
            # Units in most blocks (function words) cost the most in the pair matrix and
            # say the least about which block is which: the coarse pass goes without them.
            df = np.bincount(u, minlength=len(self.idf))
            keep = df[u] <= max(8, nb // 2)
            # ...unless that leaves a block nothing: a document of a few dozen distinct lines
            # said over and over ("Yes.", "No.") has every unit in most large blocks, and
            # blocks with no units all score 0, so the coarse path skipped every block and
            # its band missed the diagonal (20k such lines: 170 of 20,000 linked).
            bare = np.bincount(b[keep], minlength=nb) == 0
            keep |= bare[b]
            b, u = b[keep], u[keep]
            new_ptr = np.zeros(nb + 1, dtype=np.int64)
            np.cumsum(np.bincount(b, minlength=nb), out=new_ptr[1:])
            return new_ptr, u

        def sums(values: Any, count: int) -> Any:
            wide = np.float32 if values.dtype == np.float16 else values.dtype  # no f16 sums
            if values.ndim == 1:
                return np.add.reduceat(values, np.arange(0, count, factor), dtype=wide)
            # Vectors a slice at a time: reduceat casts its whole input to ``wide`` first,
            # a float32 copy of every sentence vector (200 MB at 100k sentences).
            step = factor * 2048
            out = np.empty((-(-count // factor), values.shape[1]), dtype=wide)
            for c0 in range(0, count, step):
                part = values[c0 : c0 + step]
                b0 = c0 // factor
                np.add.reduceat(
                    part,
                    np.arange(0, len(part), factor),
                    axis=0,
                    dtype=wide,
                    out=out[b0 : b0 + -(-len(part) // factor)],
                )
            return out

        def unit(vec: Any) -> Any:
            vec = vec.astype(np.float32, copy=False)
            norms = np.linalg.norm(vec, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            vec /= norms
            return vec

        has_vec = self.src_vec is not None
        return Sides(
            self.mode,
            sums(self.src_len, self.n),
            sums(self.tgt_len, self.m),
            blocks(self.src_units, self.n),
            blocks(self.tgt_units, self.m),
            self.block_idf,
            unit(sums(self.src_vec, self.n)) if has_vec else None,
            unit(sums(self.tgt_vec, self.m)) if has_vec else None,
            blocks=True,
        )

    def open_end_penalty(self, rows: I64, cols: I64) -> Any:
        """The penalty of beads ending at cells ``(rows, cols)``: open on one side only."""
        if not self.open_penalty or self.open_ends is None:
            return 0.0
        src = self.open_ends[0][np.clip(rows, 0, self.n)]
        tgt = self.open_ends[1][np.clip(cols, 0, self.m)]
        return self.open_penalty * (src != tgt)

    # -- one-to-one pair scores in a band --------------------------------------------------

    def pair_band(
        self, plo: I64, width: int, r0: int = 0, r1: int | None = None
    ) -> list[NDArray[np.float32]]:
        """Pair matrices ``X[p - r0, t]`` for source ``p`` in ``r0 .. r1 - 1`` and target
        ``plo[p] + t``: the shared IDF weight of their units, and (with vectors) the dot
        product of their embeddings."""
        r1 = self.n if r1 is None else r1
        out = [self._lexical_band(plo, width, r0, r1)]
        if self.src_vec is not None:
            out.append(self._embedding_band(plo, width, r0, r1))
        return out

    def _lexical_band(
        self,
        plo: I64,
        width: int,
        r0: int,
        r1: int,
        units: tuple[tuple[I64, I64], tuple[I64, I64]] | None = None,
    ) -> NDArray[np.float32]:
        # ``units`` replaces the two sides' unit lists (the crossing penalty's new units).
        m = self.m
        x = np.zeros((r1 - r0, width), dtype=np.float32)
        sptr, sids = self.src_units if units is None else units[0]
        tptr, tids = self.tgt_units if units is None else units[1]
        # Only the target sentences the rows can meet: the cost stays local to the rows.
        j0 = int(plo[r0:r1].min(initial=m))  # (a band that trails its path can step back)
        j1 = min(m, int(plo[r0:r1].max(initial=0)) + width)
        j0 = min(j0, j1)
        sids = sids[sptr[r0] : sptr[r1]]
        tids = tids[tptr[j0] : tptr[j1]]
        if not len(sids) or not len(tids):
            return x
        t_rows = np.repeat(np.arange(j0, j1), np.diff(tptr[j0 : j1 + 1]))
        key = tids * (m + 1) + t_rows  # target occurrences by (unit, sentence)
        order = np.argsort(key, kind="stable")
        key, t_rows = key[order], t_rows[order]
        s_rows = np.repeat(np.arange(r0, r1), np.diff(sptr[r0 : r1 + 1]))
        weights = self.idf[sids]
        # Each source occurrence meets at most `width` target occurrences: chunk to bound memory.
        step = max(256, 4_000_000 // max(width, 1))
        for c0 in range(0, len(sids), step):
            rows = s_rows[c0 : c0 + step]
            base = sids[c0 : c0 + step] * (m + 1)
            lo = np.searchsorted(key, base + plo[rows])
            cnt = np.searchsorted(key, base + np.minimum(plo[rows] + width, m)) - lo
            total = int(cnt.sum())
            if not total:
                continue
            occ = np.repeat(np.arange(len(rows)), cnt)
            start = np.cumsum(cnt) - cnt
            hit = lo[occ] + np.arange(total) - start[occ]
            p = rows[occ]
            first = int(rows[0])
            flat = (p - first) * width + (t_rows[hit] - plo[p])
            span = (int(rows[-1]) - first + 1) * width
            add = np.bincount(flat, weights=weights[c0 : c0 + step][occ], minlength=span)
            at = (first - r0) * width
            x.reshape(-1)[at : at + span] += add.astype(np.float32)
        return x

    def _embedding_band(self, plo: I64, width: int, r0: int, r1: int) -> NDArray[np.float32]:
        m = self.m
        x = np.zeros((r1 - r0, width), dtype=np.float32)
        if r1 <= r0:
            return x
        step = 128
        cols = np.arange(width)
        # The rows' vectors and the targets they can meet, in float32 once (vectors may be
        # stored in float16, whose conversion numpy does at ~8 ns a number): the targets of
        # neighbouring blocks overlap, and converting them per block cost 2-3x as much.
        t0 = int(plo[r0:r1].min())
        t1 = max(t0, min(m, int(plo[r0:r1].max()) + width))
        src = self.src_vec[r0:r1].astype(np.float32, copy=False)
        tgt = self.tgt_vec[t0:t1].astype(np.float32, copy=False)
        for c0 in range(r0, r1, step):
            c1 = min(r1, c0 + step)
            j0 = int(plo[c0:c1].min())
            j1 = min(m, int(plo[c0:c1].max()) + width)
            # a small dense block, in float32
            dots = src[c0 - r0 : c1 - r0] @ tgt[j0 - t0 : j1 - t0].T
            idx = plo[c0:c1, None] - j0 + cols
            valid = idx < j1 - j0
            got = np.take_along_axis(dots, np.minimum(idx, j1 - j0 - 1), axis=1)
            x[c0 - r0 : c1 - r0] = np.where(valid, got, 0.0)
        return x


class BandScores:
    """Bead similarities for the cells of a DP band, from the banded pair matrices."""

    def __init__(self, sides: Sides, lo: I64, width: int | I64, most: int = 3) -> None:
        self.sides = sides
        self.lo = lo
        n, m = sides.n, sides.m
        # Pair band: every source sentence p must see the targets of the beads that can end
        # in rows p+1 .. p+most, whose columns reach from lo[p+1]-most to the end of the
        # widest of those rows (``width``: one for all rows, or each row's).
        ends = np.maximum.accumulate(lo + np.broadcast_to(width, lo.shape))
        nxt = lo[np.minimum(np.arange(n) + 1, n)]
        far = ends[np.minimum(np.arange(n) + most, n)]
        self.plo = np.maximum(0, nxt - most)
        self.need = np.minimum(far, m + 1) - self.plo
        self.src_union, self.tgt_union = sides.union_weights(most)
        self.cum_src_w = _prefix(self.src_union[1, 1:])
        self.cum_tgt_w = _prefix(self.tgt_union[1, 1:])
        # Prefix sums of the pair matrices, for the source rows r0 .. r1-1 last asked for:
        # built per chunk of rows, so their size does not grow with the document.
        self.r0 = self.r1 = 0
        self.pw = 1
        self.cums: list[F64] = []

    def _rows(self, r0: int, r1: int) -> None:
        if (r0, r1) == (self.r0, self.r1) and self.cums:
            return
        self.r0, self.r1 = r0, r1
        self.pw = max(1, int(self.need[r0:r1].max(initial=1)))
        self.cums = []
        for x in self.sides.pair_band(self.plo, self.pw, r0, r1):
            cum = np.zeros((r1 - r0, self.pw + 1), dtype=np.float64)
            np.cumsum(x, axis=1, out=cum[:, 1:])
            self.cums.append(cum)

    def similarities(
        self, shapes: Sequence[tuple[int, int]], rows: I64, cols: I64
    ) -> dict[tuple[int, int], tuple[F64, Any]]:
        """Similarity of each bead shape ``(a, b)`` ending at each cell ``(rows, cols)``,
        and which cells are valid. Block sums of the pair matrices grow one source row at a
        time, so a 3-2 bead reuses the sums of the 1-2 and 2-2 beads."""
        s = self.sides
        r = np.clip(rows, 0, s.n)
        c = np.clip(cols, 0, s.m)
        most = max(a for a, _ in shapes)
        r0 = max(int(rows.min(initial=s.n)) - most, 0)
        self._rows(r0, min(max(int(rows.max(initial=0)), r0 + 1), s.n))
        stride = self.pw + 1
        flats = [cum.reshape(-1) for cum in self.cums]
        per_row = []
        for t in range(1, most + 1):
            p = np.maximum(rows - t, 0)
            per_row.append(((p - r0) * stride, cols - self.plo[p]))
        out: dict[tuple[int, int], tuple[F64, Any]] = {}
        for b in sorted({b for _, b in shapes}):
            wanted = {a for a, bb in shapes if bb == b}
            sums = [np.zeros(cols.shape) for _ in flats]
            ok = (cols >= b) & (cols <= s.m)
            for t in range(1, max(wanted) + 1):
                base, hi = per_row[t - 1]
                lo = hi - b
                ok &= (lo >= 0) & (hi <= self.pw)
                hi = base + np.clip(hi, 0, self.pw)
                lo = base + np.clip(lo, 0, self.pw)
                for total, flat in zip(sums, flats, strict=True):
                    total += flat[hi] - flat[lo]
                if t in wanted:
                    sim = self._combine(t, b, sums, r, c)
                    out[(t, b)] = (sim, ok & (rows >= t))
        return out

    def crossing(self, start: int, stop: int, width: int) -> Any:
        """The crossing penalty (:data:`CROSSING_PENALTY`) of beads ending at the cells
        ``(r, lo[r] + t)`` for rows ``start .. stop - 1`` and ``t < width``: the overlap of
        the bead's last source line with the new units of the next target line, and of the
        next source line's new units with the bead's last target line."""
        s = self.sides
        if s.new_units is None:
            return 0.0
        n, m = s.n, s.m
        new_src, new_tgt = s.new_units
        rows = np.arange(start, stop)
        cols = self.lo[start:stop, None] + np.arange(width)
        out = np.zeros(cols.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            # last source line r-1 against target line c (its units not in line c-1)
            p0, p1 = max(start - 1, 0), min(stop - 1, n)
            if p1 > p0:
                plo = np.r_[self.lo[1:], self.lo[-1]]  # row p = r-1 starts at lo[r]
                band = s._lexical_band(plo, width, p0, p1, (s.src_units, new_tgt))
                r = rows[rows >= 1]
                x = band[r - 1 - p0]
                c = cols[rows >= 1]
                denom = self.src_union[1, r][:, None] + self.tgt_union[1, np.clip(c + 1, 0, m)]
                ok = (c < m) & (denom > 0)
                out[rows >= 1] += np.where(ok, 2 * x / np.where(ok, denom, 1.0), 0.0)
            # next source line r (its units not in line r-1) against target line c-1
            q0, q1 = start, min(stop, n)
            if q1 > q0:
                plo = np.maximum(self.lo - 1, 0)
                band = s._lexical_band(plo, width + 1, q0, q1, (new_src, s.tgt_units))
                r = rows[rows < n]
                c = cols[rows < n]
                t = c - 1 - plo[r][:, None]  # column of target c-1 in the band
                x = np.take_along_axis(band[r - q0], np.clip(t, 0, width), axis=1)
                denom = (
                    self.src_union[1, np.clip(r + 1, 0, n)][:, None]
                    + self.tgt_union[1, np.clip(c, 0, m)]
                )
                ok = (c >= 1) & (t >= 0) & (denom > 0)
                out[rows < n] += np.where(ok, 2 * x / np.where(ok, denom, 1.0), 0.0)
        return CROSSING_PENALTY * out

    def _combine(self, a: int, b: int, sums: list[F64], r: I64, c: I64) -> F64:
        s = self.sides
        ra = np.maximum(r - a, 0)
        cb = np.maximum(c - b, 0)
        w_src = self.src_union[a, r]
        w_tgt = self.tgt_union[b, c]
        # The block sum counts a unit once per pair of sentences holding it. Units repeated
        # inside a run (its weight beyond its union's) are taken off once, and the overlap
        # is at most the smaller union: exact for 1-1, and for 2-1 when the two merged
        # sentences share only words the other side has too.
        # (Not between blocks of the coarse pass: neighbouring blocks share much vocabulary,
        # and the discount there would forbid the merges that keep block paths diagonal.)
        repeated: Any = 0.0
        if not s.blocks:
            repeated = (self.cum_src_w[r] - self.cum_src_w[ra] - w_src) + (
                self.cum_tgt_w[c] - self.cum_tgt_w[cb] - w_tgt
            )
        shared = np.clip(sums[0] - repeated, 0.0, np.minimum(w_src, w_tgt))
        denom = w_src + w_tgt
        with np.errstate(divide="ignore", invalid="ignore"):
            lex = np.where(denom > 0, 2 * shared / denom, 0.0)
        if s.mode == "same":
            return lex
        ls = s.cum_src_len[r] - s.cum_src_len[ra]
        lt = s.cum_tgt_len[c] - s.cum_tgt_len[cb]
        length = length_score(ls, lt)
        cos: Any = 0.0
        if s.mode == "embed":
            src_norm2, tgt_norm2 = s.merged_norms(a, b)
            norms = np.sqrt(np.maximum(src_norm2[r] * tgt_norm2[c], 1e-12))
            cos = np.maximum(0.0, np.nan_to_num(sums[1] / norms))
        return combine(s.mode, lex, length, cos)  # type: ignore[no-any-return]
