"""Per-sentence features, computed once and shared by the aligner and every check.

Lexical units are folded (anyascii, lower case) word prefixes: cheap stems that survive
inflection ("deepening"/"deepens") and transliteration ("Kraków"/"Krakow"). Scripts written
without spaces (Han, Kana, Thai...) have no words to take prefixes of; for them a SentencePiece
model is trained on the two documents in memory (milliseconds, nothing downloaded), and its
pieces are the units, so lexical anchors work there too.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

import numpy as np
import regex
from anyascii import anyascii
from numpy.typing import NDArray

__all__ = ["FeatureTable", "SentenceFeatures", "build_features", "fold", "lengths", "words"]

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
    letters = sum(map(str.isalpha, sample))  # (a loop in C: 5x a generator's speed)
    return letters > 0 and len(_UNSPACED.findall(sample)) > 0.3 * letters


@lru_cache(maxsize=65536)
def _unit(token: str) -> str:
    if token[0].isdigit():
        return "#" + str(_NON_DIGIT.sub("", token))
    f = fold(token)
    return f[:_STEM] if len(f) > 1 else ""


def _word_units(text: str) -> frozenset[str]:
    units = frozenset(map(_unit, WORD.findall(text)))
    units = units - {""} if "" in units else units
    return units or _whole_unit(text)


def _whole_unit(text: str) -> frozenset[str]:
    """A sentence with no unit ("x y z", "* * *", "!!! ???") is its own folded text, so
    that it still meets an identical copy (it used to align to nothing, and a text
    audited against itself came out ``unrelated``)."""
    spaced = " ".join(text.split())
    whole = fold(spaced) or spaced  # anyascii drops some characters (U+0080) altogether
    return frozenset({"\x00" + whole}) if whole else frozenset()


class FeatureTable(Sequence[SentenceFeatures]):
    """The features of a document as arrays: each sentence's units as ids into ``vocab``
    (CSR: ``ids[ptr[k] : ptr[k + 1]]``) and its length. Indexing gives the sentence's
    :class:`SentenceFeatures` (the same units), made on demand.

    A frozenset per sentence took ~1.2 kB: 237 MB for 100k sentences a side, the largest
    thing the aligner held before the search; these arrays take 4 bytes a unit."""

    __slots__ = ("_made", "_starts", "ids", "lengths", "ptr", "vocab")

    def __init__(
        self,
        vocab: Sequence[str],
        ptr: NDArray[np.int64],
        ids: NDArray[np.int32],
        lengths: NDArray[np.int64],
    ) -> None:
        self.vocab = tuple(vocab)
        self.ptr, self.ids, self.lengths = ptr, ids, lengths
        self._starts: list[int] = ptr.tolist()  # (numpy scalars are slow to index with)
        # The sentences asked for so far: a check may compare one sentence with every other
        # (coverage's restatements), and a set costs a few microseconds to make. The search
        # asks for none; the moved-sentence pass only for the unaligned.
        self._made: dict[int, SentenceFeatures] = {}

    @classmethod
    def from_units(
        cls, units: Iterable[Iterable[str]], lengths: Sequence[int] | NDArray[np.int64]
    ) -> FeatureTable:
        vocab: dict[str, int] = {}
        return cls._build(
            ([vocab.setdefault(u, len(vocab)) for u in us] for us in units), vocab, lengths
        )

    @classmethod
    def _build(
        cls,
        rows: Iterable[Collection[int]],
        vocab: dict[str, int],
        lengths: Sequence[int] | NDArray[np.int64],
    ) -> FeatureTable:
        flat = array("i")  # (rows are consumed one at a time, so vocab grows meanwhile)
        counts = array("q")
        for row in rows:
            flat.extend(row)
            counts.append(len(row))
        ptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(counts, dtype=np.int64), out=ptr[1:])
        ids = np.frombuffer(flat, dtype=np.int32).astype(np.int32)  # own its memory
        return cls(list(vocab), ptr, ids, np.array(lengths, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.lengths)

    @overload
    def __getitem__(self, k: int) -> SentenceFeatures: ...
    @overload
    def __getitem__(self, k: slice) -> tuple[SentenceFeatures, ...]: ...
    def __getitem__(self, k: int | slice) -> SentenceFeatures | tuple[SentenceFeatures, ...]:
        if isinstance(k, slice):
            return tuple(self[i] for i in range(*k.indices(len(self))))
        if k < 0:
            k += len(self)
        made = self._made.get(k)
        if made is None:
            if not 0 <= k < len(self):
                raise IndexError(k)
            ids = self.ids[self._starts[k] : self._starts[k + 1]].tolist()
            units = frozenset(map(self.vocab.__getitem__, ids))
            made = self._made[k] = SentenceFeatures(units, self.lengths.item(k))
        return made

    def __iter__(self) -> Iterator[SentenceFeatures]:
        return (self[k] for k in range(len(self)))

    def counts(self) -> Counter[str]:
        """In how many sentences each unit occurs."""
        df = np.bincount(self.ids, minlength=len(self.vocab)).tolist()
        return Counter({u: n for u, n in zip(self.vocab, df, strict=True) if n})


def _table_of_words(texts: Sequence[str]) -> FeatureTable:
    """Word units straight into ids: no per-sentence set outlives its sentence."""
    vocab: dict[str, int] = {"": 0}  # id 0, the unit of a one-letter word, is dropped
    # Each distinct word's unit id, found once: a document repeats its words, and a
    # dictionary look-up per word costs a fifth of _unit's cached call plus the vocabulary's
    # (ids are still given in order of first occurrence, as before).
    known: dict[str, int] = {}
    look_up = known.__getitem__

    def rows() -> Iterator[set[int]]:
        for text in texts:
            found = WORD.findall(text)
            try:
                ids = set(map(look_up, found))
            except KeyError:  # a word seen for the first time
                ids = set()
                for word in found:
                    k = known.get(word)
                    if k is None:
                        k = known[word] = vocab.setdefault(_unit(word), len(vocab))
                    ids.add(k)
            ids.discard(0)
            if not ids:
                ids = {vocab.setdefault(u, len(vocab)) for u in _whole_unit(text)}
            yield ids

    return FeatureTable._build(rows(), vocab, [len(t) for t in texts])


def lengths(side: Sequence[SentenceFeatures]) -> NDArray[np.int64]:
    """The length of each sentence of ``side``."""
    if isinstance(side, FeatureTable):
        return side.lengths
    return np.array([f.length for f in side], dtype=np.int64)


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


def build_features(texts: Sequence[str], other: Sequence[str] = ()) -> FeatureTable:
    """Features of each text; ``other`` is the other document, for a shared subword model."""
    if _is_unspaced(texts) or (other and _is_unspaced(other)):
        units = _piece_units(texts, other)
        if units is not None:
            return FeatureTable.from_units(units, [len(t) for t in texts])
    return _table_of_words(texts)


def idf_weights(*sides: Sequence[SentenceFeatures]) -> dict[str, float]:
    """Inverse document frequency of each unit over the sentences of both sides."""
    df: Counter[str] = Counter()
    total = 0
    for side in sides:
        total += len(side)
        if isinstance(side, FeatureTable):
            df.update(side.counts())
            continue
        for feats in side:
            df.update(feats.units)
    return {u: math.log(1.0 + total / n) for u, n in df.items()}
