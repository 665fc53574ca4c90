"""Name candidates from capitalisation, told apart from ordinary words with the whole document.

No offline multilingual NER model exists on PyPI (see docs/dependencies.md), so candidates are
heuristic: capitalised words inside a sentence, acronyms (``CSTO``, ``U.S.``), and multi-word
names joined by connectors (``Ery of Ery of Dialogue``, ``Zvartnots International Airport``).
A capitalised word at the start of a sentence or in a title-case heading is kept only when the
document uses it as a name elsewhere, or when it is rare in the language (wordfreq), so
"However" and "Fight" are not names while "Erying" is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import regex

from .._model import Sentence
from .._numbers._lexicon import CURRENCY_PREFIX
from ._gazetteer import place_groups
from ._similar import name_key

__all__ = ["NOUN_CAPS", "Chunk", "DocumentNames", "NameToken", "extract_names", "zipf"]

_TOKEN = regex.compile(
    # a word stops where Chinese or Japanese starts ("CBA联赛" is "CBA" and then no word)
    r"(?:\p{Lu}\.){2,}|(?![\p{Han}\p{Hiragana}\p{Katakana}])[\p{L}\p{M}]"
    r"(?:(?![\p{Han}\p{Hiragana}\p{Katakana}])[\p{L}\p{M}\p{N}])*(?:['’]\p{L}+)?"
)
# English possessives and Polish/Turkish case endings after an apostrophe ("Rossby'ego")
_POSSESSIVE = regex.compile(r"['’](?:s|\p{Ll}{1,4})?$", regex.IGNORECASE)
_CONNECTORS = frozenset(
    # no conjunctions: "Polen und Spanien" is two names
    "of de du des del della di da la le von van der den al el bin ibn".split()
)
_ARTICLES = frozenset("the la le les los las el".split())
# Acronyms that are common nouns, in English and as other languages write them ("ONG" for
# "NGO", German "BIP", Italian "PIL", Polish "PKB", Czech "HDP", Russian "ВВП", Greek "ΑΕΠ"
# for "GDP"): a translation renders them as words or as each other, so they are no names to
# be dropped, added or changed.
_NOUN_ACRONYMS = frozenset(
    "NGO GDP HIV AIDS DNA VAT UFO SME ONG PIB BIP ADN VIH SIDA TVA IVA OVNI PME KMU"
    " PIL PKB HDP DPH ВВП НДС ВИЧ СПИД ДНК НЛО НКО ΑΕΠ ΦΠΑ ΜΚΟ".split()
)
# ISO currency codes are units of the amount beside them ("EUR 1,250"), not names.
_NOT_NAMES = (
    frozenset({"I"})
    | {c for c in CURRENCY_PREFIX if len(c) == 3 and c.isupper()}
    | _NOUN_ACRONYMS
    | {f"{a}s" for a in _NOUN_ACRONYMS}
    # German capitalises every noun: a currency or "per cent" beside an amount is a unit,
    # which the number check compares ("5 Millionen US-Dollar" / "$5 million")
    | {"Dollar", "Dollars", "Euro", "Euros", "Prozent"}
)
# "US-Dollar", "HK-Dollar", "US dollars", "AU-dólares" (prefixes: "dollaro", "dolares" too):
# the country's letters name the currency, which a translation may write "$" ("5 Millionen
# US-Dollar" / "$5 million").
# The number check compares the amount; no name was dropped.
_DOLLAR_AFTER = regex.compile(r"[-\s]?(?:dollar|dólar|dolar|доллар)", regex.IGNORECASE)
_COMMON_ZIPF = 3.0
_FUNCTION_ZIPF = (
    5.0  # above this a sentence-initial word is an ordinary word, unless used as a name
)
# Languages that capitalise every noun: there a capital makes a weak name unless the word is
# rare ("Karasin") or a place ("Deutschland"); "Regierung" is just a noun.
NOUN_CAPS = frozenset({"de", "lb"})
_HYPHENS = frozenset({"-", "‐"})
_ACRONYM_PLURAL = regex.compile(r"\p{Lu}{2,}s")
_ELISION = regex.compile(r"(?:[ldjmnstc]|qu|all|dell|nell|sull)['’](?=\p{Lu})")
_UNKNOWN_ZIPF = 1.5
_NOUN_ENDINGS = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "tion",
    "tät",
    "nis",
    "ismus",
    "ment",
    "chen",
    "lein",
    "ling",
)


def _compound_noun(word: str, lang: str) -> bool:
    """A German compound such as "Oppositionsfraktionen": it ends in a noun suffix or in a
    common word of the language, so it is a noun, not a name."""
    low = word.lower()
    if low.endswith(_NOUN_ENDINGS):
        return True
    return any(zipf(low[i:], lang) >= _FUNCTION_ZIPF - 1.5 for i in range(3, len(low) - 4))


# wordfreq's names for languages it merges; any other language it lacks is unknown (0),
# rather than its "nearest match" (it maps a misidentified "sn" to English, with a warning).
_WORDFREQ_ALIASES: Final = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "tl": "fil"}


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


# Latin letters that look like Cyrillic ones: a Cyrillic word typed with one of them
# ("Meжду", Latin "M") is still the word, not a name no dictionary knows
# (lower case too, since callers fold the word first: "meжду")
_HOMOGLYPHS = str.maketrans("ABCEHKMOPTXabcehkmoptxy", "АВСЕНКМОРТХавсенкмортху")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN_LETTER = regex.compile(r"\p{Latin}")


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (0 for unknown words or languages)."""
    from wordfreq import zipf_frequency

    if _CYRILLIC.search(word) and _LATIN_LETTER.search(word):
        word = word.translate(_HOMOGLYPHS)
    lang = _WORDFREQ_ALIASES.get(lang, lang)
    if lang not in _wordfreq_languages():
        return 0.0
    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError, ImportError):
        # zh and ja need optional tokenizers (jieba, MeCab) in wordfreq: treat as unknown
        return 0.0


@lru_cache(maxsize=2)
def _frequencies(lang: str) -> dict[str, float]:
    """wordfreq's whole list for ``lang`` (Japanese, Chinese: languages whose ``zipf`` needs
    a tokenizer wordfreq does not install)."""
    from wordfreq import get_frequency_dict

    try:
        return dict(get_frequency_dict(lang))
    except (LookupError, ValueError, OSError):
        return {}


def katakana_zipf(word: str) -> float:
    """The Zipf frequency of a katakana word in Japanese, read from wordfreq's list directly
    (``zipf`` would need MeCab to tokenize Japanese; a katakana word is one token)."""
    frequency = _frequencies("ja").get(word, 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


def han_zipf(word: str) -> float:
    """The Zipf frequency of a Chinese word, read from wordfreq's list directly (``zipf``
    would need jieba to tokenize it); 0 for a string the list does not hold as one word."""
    frequency = _frequencies("zh").get(word, 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


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
    #: At the start of a sentence or in a title-case heading, where a capital proves nothing.
    initial: bool = False


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
            elided = _ELISION.match(word)
            if elided:  # French and Italian "l'UE", "d'Italia": the name follows the apostrophe
                start += elided.end()
                word = word[elided.end() :]
            stripped = _POSSESSIVE.sub("", word) if not _is_acronym(word) else word
            if _ACRONYM_PLURAL.fullmatch(stripped):
                stripped = stripped[:-1]  # "MCIs" is the acronym "MCI"
            end -= len(word) - len(stripped)
            key = name_key(stripped)
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
        pending_connector = after_article = False
        last_end = -1
        for n, (start, end, word, initial) in enumerate(words):
            key = name_key(word)
            acronym = _is_acronym(word)
            frequency = zipf(word.lower(), lang)
            # "In", "May", Spanish "El": a frequent short word is a function word, and a
            # lone capital is an initial ("D. K. Arya"), not a name
            function_word = (
                (key in lower or len(key) <= 3)
                and frequency >= _FUNCTION_ZIPF
                and not acronym
                # ...unless it ends a place's name the chunk began ("Black Sea"; Russian
                # "Путь" folds to "put", three letters too)
                and not (current and place_groups(" ".join([*(t.key for t in current), key])))
            ) or len(key) == 1
            # "New York", "New Delhi", "Red Sea": a frequent first word of a place's name
            # (it had been cut as a function word, leaving "York", or another place, "Delhi")
            opens_place = (
                not current
                and word[:1].isupper()
                and n + 1 < len(words)
                and text[end : words[n + 1][0]].strip() == ""
                and bool(place_groups(f"{key} {name_key(words[n + 1][2])}"))
            )
            function_word = function_word and not opens_place
            # a frequent word at the start of a sentence may be a place name by chance
            place = opens_place or (
                (not initial or frequency < _FUNCTION_ZIPF) and bool(place_groups(key))
            )
            is_name = (
                word[:1].isupper()
                and word not in _NOT_NAMES
                and text[end : end + 1] != "$"  # US$, HK$, A$: a currency, not a name
                and not (acronym and _DOLLAR_AFTER.match(text, end))
                # after "of (the)" a capital continues the name ("Room of the Three Windows")
                and (not function_word or (pending_connector and len(key) > 1))
                and (
                    not initial
                    or acronym
                    or place
                    or key in strong_keys
                    or (key not in lower and frequency < _COMMON_ZIPF)
                )
            )
            # A capital proves a name mid-sentence; at the start, only a word the language does
            # not know ("Macura", "Erying") is surely one.
            strong = (not initial or acronym or place or frequency < _UNKNOWN_ZIPF) and (
                lang not in NOUN_CAPS
                or acronym
                or place
                or (frequency < _COMMON_ZIPF and not _compound_noun(word, lang))
            )
            gap = text[last_end:start] if last_end >= 0 else ""
            # "U-Bahnhof", "S-Bahn", "T-Shirt": a word after a letter and a hyphen is a
            # compound's head, a word of some language rather than surely a name
            if (
                start >= 2
                and text[start - 1] in _HYPHENS
                and text[start - 2].isupper()
                and (start == 2 or not text[start - 3].isalnum())
            ):
                strong = False
            if is_name:
                # "Buffalo-Pittsburgh Highway", "China-U.S.": one name across hyphens
                joined = (
                    current
                    and (gap.strip() == "" or gap in _HYPHENS or pending_connector)
                    and "," not in gap
                    # "Kislov of the NGO", "Smith de la ONU": an acronym after an article
                    # names an organisation of its own
                    and not (after_article and acronym)
                )
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
                        strong,
                        acronym,
                        len(chunks),
                        initial,
                    )
                )
                pending_connector = after_article = False
                last_end = end
                continue
            if (
                current
                and gap.strip() == ""
                and (
                    (word.lower() in _CONNECTORS and not pending_connector)
                    # "Temple of the Sun", "Banco de la Nación": a connector and an article
                    # after a one-word name ("Dmitri Kislov de la ONG" is a person and a body)
                    or (
                        pending_connector
                        and not after_article
                        and len(current) == 1
                        and word.lower() in _ARTICLES
                    )
                )
            ):
                after_article = pending_connector
                pending_connector = True
                last_end = end
                continue
            if current:
                ids.append(_close(chunks, sent.index, current, text))
                current = []
            pending_connector = after_article = False
            last_end = end
        if current:
            ids.append(_close(chunks, sent.index, current, text))
        by_sentence.append(tuple(ids))
    return DocumentNames(tuple(chunks), tuple(by_sentence), frozenset(vocabulary), frozenset(lower))


def _close(chunks: list[Chunk], sentence: int, tokens: list[NameToken], text: str) -> int:
    idx = len(chunks)
    fixed = tuple(
        NameToken(t.sentence, t.start, t.end, t.text, t.key, t.strong, t.acronym, idx, t.initial)
        for t in tokens
    )
    start, end = fixed[0].start, fixed[-1].end
    chunks.append(Chunk(sentence, start, end, text[start:end], fixed))
    return idx
