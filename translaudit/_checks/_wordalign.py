"""Word alignment across languages from USE-multilingual's per-token vectors.

The encoder (:mod:`.._embed`) layer-normalises one feature vector per subword token and sums
them; projected by the (linear) first sentence-level layer, before the sum, they are
contextual token vectors (convolutions over 2-, 3- and 5-token windows) in a space shared by
its languages: "▁found" is nearest "▁gefunden" (cosine 0.82), "▁both" "▁beide" (0.82), a
name its own spelling (1.0). A word whose best match on the other side stays low was not
translated; a run of such content words on a shorter (longer) side is a lost (invented)
clause, and the run is its span. Measured on the dev halves in docs/checks.md: alone these
matches separate poorly (a faithful pair has unmatched words too: an idiom, a rephrased verb),
so the coverage check asks them only to confirm a milder length deviation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

from .._features import fold
from ._signals import is_content

__all__ = ["unmatched_run"]

F32 = npt.NDArray[np.float32]

_SPACE = "\u2581"  # sentencepiece's escaped space
_WORD = regex.compile(r"\S+")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_MAX_TOKENS = 256  # a longer link is not one sentence: no alignment asked


def _backend() -> Any:
    """The encoder's fast path (weights and tokenizer), or None: only the fast path's pinned
    version exposes them (see ``_embed._FAST_VERSIONS``)."""
    from .._embed import _Fast, _model

    model = _model()
    if not isinstance(model, _Fast) or model.sp is None:
        return None
    return model


def _pieces(text: str, sp: Any) -> tuple[list[int], list[tuple[int, int]]]:
    """Token ids of ``text`` and each token's character span, one space-separated word at a
    time (no piece spans a space, so the ids are the whole text's); in an unspaced script a
    piece's span is found by its length within its word."""
    ids: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        got: list[int] = sp.encode(m.group())
        at = m.start()
        for k, i in enumerate(got):
            size = len(sp.id_to_piece(i).lstrip(_SPACE))
            end = m.end() if k == len(got) - 1 else min(m.end(), at + size)
            spans.append((at, end))
            ids.append(i)
            at = end
    return ids, spans


def _vectors(fast: Any, ids: list[int]) -> F32:
    """Unit-length contextual vectors of a sentence's tokens (the package's network up to its
    token-level layer normalisation, then the first sentence-level projection)."""
    import importlib

    be = fast.be
    arch = importlib.import_module(type(be).__module__)
    seq = [fast.bos, *ids, fast.eos]
    n = len(seq)
    flat = np.asarray(seq, dtype=np.int64)
    emb = be.table[flat].astype(np.float32)
    chunk = flat % fast.chunks
    emb *= be.scale[chunk, None]
    emb += be.lo[chunk, None]
    x = emb @ be.proj_W
    x += be.proj_b
    _norm(x, be.ln_g_all, be.ln_b_all, be.eps)
    idx = be._window_index(np.zeros(1, np.int64), np.array([n], np.int64), n)
    c, most = fast.cnn, arch._MAX_LEFT
    parts = [emb]
    buf = np.zeros((n + 1, c), dtype=np.float32)  # row n: the padding
    for o, (width, left) in enumerate(fast.orders):
        xs = x[:, o * c : (o + 1) * c]
        cols = idx[:, most - left : most - left + width]
        buf[:n] = xs
        h = buf[cols].reshape(n, width * c) @ be.w1[o]
        h += be.b1[o]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n] = h
        out = buf[cols].reshape(n, width * c) @ be.w2[o]
        out += be.b2[o]
        np.maximum(out, 0, out=out)
        out += h
        parts.append(out)
    feats = np.concatenate(parts, axis=1)
    _norm(feats, be.ln_g, be.ln_b, be.eps)
    vectors: F32 = (feats[1:-1] @ be.cnn_W + be.cnn_b).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.maximum(norms, 1e-9)
    return vectors


def _norm(x: F32, gamma: F32, beta: F32, eps: float) -> None:
    """Layer normalisation of each row, in place (the package's formula)."""
    x -= x.mean(axis=-1, keepdims=True)
    x /= np.sqrt((x * x).mean(axis=-1, keepdims=True) + eps)
    x *= gamma
    x += beta


@lru_cache(maxsize=64)  # a link is asked about once per direction
def _encoded(text: str) -> tuple[tuple[tuple[int, int], ...], F32] | None:
    fast = _backend()
    if fast is None:
        return None
    ids, spans = _pieces(text, fast.sp)
    if not ids or len(ids) > _MAX_TOKENS:
        return None
    return tuple(spans), _vectors(fast, ids)


def _content(word: str) -> bool:
    if not any(ch.isalnum() for ch in word):
        return False
    if _UNSPACED.search(word):
        return len(word) >= 2  # one Han character is as often a particle as a word
    return is_content(fold(word).strip(".,;:!?\"'()«»“”‘’"))


def unmatched_run(
    text: str, other: str, *, below: float, min_words: int
) -> tuple[int, int, int] | None:
    """The longest run of ``text``'s content words that no token of ``other`` (in another
    language) matches to cosine ``below`` or more, if it has ``min_words`` content words:
    ``(start, end, content words)``, character offsets into ``text``. Function words neither
    count nor break a run. None when the encoder's token vectors are not available.
    """
    mine, theirs = _encoded(text), _encoded(other)
    if mine is None or theirs is None:
        return None
    spans, vectors = mine
    best = (vectors @ theirs[1].T).max(axis=1)
    # words: a space-led word's pieces together (its best piece speaks for it); in an
    # unspaced script each piece is a word
    groups: list[list[int]] = []
    for k, (s, _) in enumerate(spans):
        if not groups or s != spans[k - 1][1] or _UNSPACED.search(text[s : spans[k][1]]):
            groups.append([k])
        else:
            groups[-1].append(k)
    run: tuple[int, int, int] | None = None
    start = end = count = 0
    for group in groups:
        s, e = spans[group[0]][0], spans[group[-1]][1]
        if not _content(text[s:e]):
            continue
        if float(best[group].max()) >= below:
            count = 0
            continue
        if count == 0:
            start = s
        end, count = e, count + 1
        if count >= min_words and (run is None or count > run[2]):
            run = (start, end, count)
    return run
