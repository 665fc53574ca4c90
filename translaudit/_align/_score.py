"""Similarity of candidate beads: IDF-weighted overlap of lexical units, lengths, embeddings."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .._features import SentenceFeatures, idf_weights

__all__ = ["Scorer"]


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
    ) -> None:
        self.source = source
        self.target = target
        self.cross_lingual = cross_lingual
        self.idf = idf_weights(source, target)
        self._src_vec = source_vectors
        self._tgt_vec = target_vectors
        src_chars = sum(f.length for f in source) or 1
        tgt_chars = sum(f.length for f in target) or 1
        self.length_ratio = tgt_chars / src_chars  # expected target length per source char

    @property
    def uses_embeddings(self) -> bool:
        return self._src_vec is not None

    def weight(self, units: frozenset[str]) -> float:
        idf = self.idf
        return sum(idf.get(u, 0.0) for u in units)

    def _units(self, side: Sequence[SentenceFeatures], idx: tuple[int, ...]) -> frozenset[str]:
        if len(idx) == 1:
            return side[idx[0]].units
        merged: frozenset[str] = frozenset()
        for i in idx:
            merged = merged | side[i].units
        return merged

    def lexical(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        a = self._units(self.source, src)
        b = self._units(self.target, tgt)
        if not a or not b:
            return 0.0
        shared = self.weight(a & b)
        if shared == 0.0:
            return 0.0
        return 2.0 * shared / (self.weight(a) + self.weight(b))

    def length(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        ls = sum(self.source[i].length for i in src) * self.length_ratio
        lt = sum(self.target[j].length for j in tgt)
        if ls <= 0 or lt <= 0:
            return 0.0
        # Gale and Church's observation: the length difference grows with sqrt(length).
        z = (lt - ls) / math.sqrt(6.8 * (ls + lt) / 2)
        return math.exp(-0.5 * z * z / 4.0)

    def embedding(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        import numpy as np

        u = self._src_vec[list(src)].sum(axis=0)
        v = self._tgt_vec[list(tgt)].sum(axis=0)
        denom = float(np.linalg.norm(u) * np.linalg.norm(v)) or 1.0
        return max(0.0, float(u @ v) / denom)

    def __call__(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        lex = self.lexical(src, tgt)
        if not self.cross_lingual:
            return lex
        length = self.length(src, tgt)
        if self._src_vec is not None:
            return 0.7 * self.embedding(src, tgt) + 0.15 * lex + 0.15 * length
        return 0.6 * lex + 0.4 * length * min(1.0, 0.2 + 2 * lex)
