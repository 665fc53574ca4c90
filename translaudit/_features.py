"""Per-sentence features, computed once and shared by the aligner and every check.

Lexical units are folded (anyascii, lower case) word prefixes: cheap stems that survive
inflection ("deepening"/"deepens") and transliteration ("Kraków"/"Krakow"). Scripts written
without spaces (Han, Kana, Thai...) have no words to take prefixes of; for them a SentencePiece
model is trained on the two documents in memory (milliseconds, nothing downloaded), and its
pieces are the units, so lexical anchors work there too.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from anyascii import anyascii

__all__ = ["SentenceFeatures", "build_features", "fold", "words"]

WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*|\p{N}+(?:[.,]\p{N}+)*")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_STEM = 5
_NON_DIGIT = regex.compile(r"\D")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-cased ASCII transliteration: ``fold("Łódź") == "lodz"``."""
    return anyascii(text).lower()


def words(text: str) -> list[tuple[int, int, str]]:
    """Word and number tokens of ``text`` as ``(start, end, token)``."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What the aligner needs of one sentence: its lexical units and its length."""

    units: frozenset[str]
    length: int


def _is_unspaced(texts: Sequence[str]) -> bool:
    sample = "".join(texts[:200])
    letters = sum(1 for ch in sample if ch.isalpha())
    return letters > 0 and len(_UNSPACED.findall(sample)) > 0.3 * letters


@lru_cache(maxsize=65536)
def _unit(token: str) -> str:
    if token[0].isdigit():
        return "#" + str(_NON_DIGIT.sub("", token))
    f = fold(token)
    return f[:_STEM] if len(f) > 1 else ""


def _word_units(text: str) -> frozenset[str]:
    units = frozenset(map(_unit, WORD.findall(text)))
    return units - {""} if "" in units else units


def _piece_units(texts: Sequence[str], other: Sequence[str]) -> list[frozenset[str]] | None:
    """Units from a SentencePiece model trained on both documents; None if it cannot train."""
    import io

    import sentencepiece as spm

    corpus = [t for t in (*texts, *other) if t.strip()]
    model = io.BytesIO()
    try:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(corpus),
            model_writer=model,
            vocab_size=min(4000, 8 + 2 * len(corpus)),
            hard_vocab_limit=False,
            minloglevel=2,
            character_coverage=0.9995,
            normalization_rule_name="identity",
            num_threads=1,
        )
        processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    except (RuntimeError, ValueError, OSError):
        return None
    result = []
    for text in texts:
        pieces = {fold(p.lstrip("▁")) for p in processor.encode(text, out_type=str)}
        result.append(frozenset(p for p in pieces if p) | _word_units(text))
    return result


def build_features(texts: Sequence[str], other: Sequence[str] = ()) -> tuple[SentenceFeatures, ...]:
    """Features of each text; ``other`` is the other document, for a shared subword model."""
    units: list[frozenset[str]] | None = None
    if _is_unspaced(texts) or (other and _is_unspaced(other)):
        units = _piece_units(texts, other)
    if units is None:
        units = [_word_units(t) for t in texts]
    return tuple(SentenceFeatures(u, len(t)) for u, t in zip(units, texts, strict=True))


def idf_weights(*sides: Sequence[SentenceFeatures]) -> dict[str, float]:
    """Inverse document frequency of each unit over the sentences of both sides."""
    df: Counter[str] = Counter()
    total = 0
    for side in sides:
        total += len(side)
        for feats in side:
            df.update(feats.units)
    return {u: math.log(1.0 + total / n) for u, n in df.items()}
