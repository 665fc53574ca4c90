"""Name candidates from capitalisation, told apart from ordinary words with the whole document.

No offline multilingual NER model exists on PyPI (see docs/dependencies.md), so candidates are
heuristic: capitalised words inside a sentence, acronyms (``CSTO``, ``U.S.``), and multi-word
names joined by connectors (``Ery of Ery of Dialogue``, ``Zvartnots International Airport``).
A capitalised word at the start of a sentence or in a title-case heading is kept only when the
document uses it as a name elsewhere, or when it is rare in the language (wordfreq), so
"However" and "Fight" are not names while "Erying" is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .._features import fold
from .._model import Sentence
from .._numbers._lexicon import CURRENCY_PREFIX

__all__ = ["Chunk", "DocumentNames", "NameToken", "extract_names", "zipf"]

_TOKEN = regex.compile(
    r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-‐]\p{Lu}[\p{L}\p{M}\p{N}]*)*(?:['’]\p{L}+)?"
)
_POSSESSIVE = regex.compile(r"['’]s?$", regex.IGNORECASE)
_CONNECTORS = frozenset(
    "of de du des del della di da la le von van der den al el bin ibn y e i und et".split()
)
# ISO currency codes are units of the amount beside them ("EUR 1,250"), not names.
_NOT_NAMES = frozenset({"I"}) | {c for c in CURRENCY_PREFIX if len(c) == 3 and c.isupper()}
_COMMON_ZIPF = 3.0
_FUNCTION_ZIPF = (
    5.0  # above this a sentence-initial word is an ordinary word, unless used as a name
)


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (0 for unknown words or languages)."""
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError, ImportError):
        # zh and ja need optional tokenizers (jieba, MeCab) in wordfreq: treat as unknown
        return 0.0


@dataclass(frozen=True, slots=True)
class NameToken:
    """One capitalised word or acronym; ``key`` is folded, without possessive ``'s``."""

    sentence: int
    start: int
    end: int
    text: str
    key: str
    strong: bool
    acronym: bool
    chunk: int


@dataclass(frozen=True, slots=True)
class Chunk:
    """A name of one or more words (connectors such as ``of`` may join them)."""

    sentence: int
    start: int
    end: int
    text: str
    tokens: tuple[NameToken, ...]

    @property
    def key(self) -> str:
        return " ".join(t.key for t in self.tokens)


@dataclass(frozen=True, slots=True)
class DocumentNames:
    """The names of one document, and the vocabulary used to judge the other side's names."""

    chunks: tuple[Chunk, ...]
    by_sentence: tuple[tuple[int, ...], ...]
    vocabulary: frozenset[str]
    lower_vocabulary: frozenset[str]

    def in_sentences(self, sentences: Sequence[int]) -> list[Chunk]:
        return [self.chunks[c] for s in sentences for c in self.by_sentence[s]]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def extract_names(text: str, sentences: Sequence[Sentence], lang: str | None) -> DocumentNames:
    """Name chunks of every sentence of a document."""
    lang = lang or "en"
    raw: list[list[tuple[int, int, str, bool]]] = []  # per sentence: (start, end, word, initial)
    strong_keys: set[str] = set()
    vocabulary: set[str] = set()
    lower: set[str] = set()
    for sent in sentences:
        words = []
        tokens = list(_TOKEN.finditer(sent.text))
        capitals = sum(1 for m in tokens if m.group()[0].isupper())
        # A heading in title case ("Armenia Is Breaking Up") says nothing about names.
        title_case = (
            len(tokens) >= 3
            and capitals >= 0.6 * len(tokens)
            and not sent.text.rstrip("\"'”’»)").endswith((".", "!", "?"))
        )
        for k, m in enumerate(tokens):
            word = m.group()
            start, end = sent.start + m.start(), sent.start + m.end()
            stripped = _POSSESSIVE.sub("", word) if not _is_acronym(word) else word
            end -= len(word) - len(stripped)
            key = fold(stripped).replace(".", "")
            vocabulary.add(key)
            if not stripped[:1].isupper():
                lower.add(key)
            initial = k == 0 or title_case
            words.append((start, end, stripped, initial))
            if stripped[:1].isupper() and not initial:
                strong_keys.add(key)
        raw.append(words)

    chunks: list[Chunk] = []
    by_sentence: list[tuple[int, ...]] = []
    for sent, words in zip(sentences, raw, strict=True):
        ids: list[int] = []
        current: list[NameToken] = []
        pending_connector = False
        last_end = -1
        for start, end, word, initial in words:
            key = fold(word).replace(".", "")
            acronym = _is_acronym(word)
            # A capitalised function word ("In", "May") seen in lower case too is not a name.
            function_word = key in lower and zipf(word.lower(), lang) >= _FUNCTION_ZIPF
            is_name = (
                word[:1].isupper()
                and word not in _NOT_NAMES
                and text[end : end + 1] != "$"  # US$, HK$, A$: a currency, not a name
                and not function_word
                and (
                    not initial
                    or acronym
                    or key in strong_keys
                    or (key not in lower and zipf(word.lower(), lang) < _COMMON_ZIPF)
                )
            )
            gap = text[last_end:start] if last_end >= 0 else ""
            if is_name:
                joined = current and (gap.strip() == "" or pending_connector) and "," not in gap
                if current and not joined:
                    ids.append(_close(chunks, sent.index, current, text))
                    current = []
                current.append(
                    NameToken(
                        sent.index,
                        start,
                        end,
                        word,
                        key,
                        not initial or acronym,
                        acronym,
                        len(chunks),
                    )
                )
                pending_connector = False
                last_end = end
                continue
            if (
                current
                and word.lower() in _CONNECTORS
                and gap.strip() == ""
                and not pending_connector
            ):
                pending_connector = True
                last_end = end
                continue
            if current:
                ids.append(_close(chunks, sent.index, current, text))
                current = []
            pending_connector = False
            last_end = end
        if current:
            ids.append(_close(chunks, sent.index, current, text))
        by_sentence.append(tuple(ids))
    return DocumentNames(tuple(chunks), tuple(by_sentence), frozenset(vocabulary), frozenset(lower))


def _close(chunks: list[Chunk], sentence: int, tokens: list[NameToken], text: str) -> int:
    idx = len(chunks)
    fixed = tuple(
        NameToken(t.sentence, t.start, t.end, t.text, t.key, t.strong, t.acronym, idx)
        for t in tokens
    )
    start, end = fixed[0].start, fixed[-1].end
    chunks.append(Chunk(sentence, start, end, text[start:end], fixed))
    return idx
