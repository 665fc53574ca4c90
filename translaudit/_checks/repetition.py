"""Repetition loops: a phrase of any length repeated back to back ("Ery of Ery of Ery of"),
or a punctuation mark said over and over ("........").

Judged against the source: a loop the source sentence already has is not flagged. Across
languages, also a phrase restated anywhere in a short translation ("The Ariane 5 launches the
Ariane 5 launcher") and a name or cognate said far more often than in the source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import regex

from .._entities._extract import zipf
from .._features import fold, words
from .._model import Finding
from ._base import AlignedPair, finding

__all__ = [
    "check_repetition",
    "find_echoes",
    "find_loops",
    "find_mark_runs",
    "find_restatements",
]

_MAX_PHRASE = 12


def find_loops(text: str, min_repeats: int) -> list[tuple[int, int, str, int]]:
    """Back-to-back repeats in ``text``: ``(start, end, phrase, count)`` with offsets in ``text``.

    A phrase of one or two words must repeat ``min_repeats`` times; a longer phrase twice
    (a repeated clause is a loop; a repeated word may be emphasis: "very, very").

    >>> find_loops("the Ery of Ery of Ery of Dialogue", 3)
    [(4, 24, 'ery of', 3)]
    """
    toks = words(text)
    keys = [fold(t[2]) for t in toks]
    loops: list[tuple[int, int, str, int]] = []
    i = 0
    n = len(keys)
    while i < n:
        best: tuple[int, int] | None = None  # (phrase length, repeats)
        for size in range(1, min(_MAX_PHRASE, (n - i) // 2) + 1):
            count = 1
            while keys[i + count * size : i + (count + 1) * size] == keys[i : i + size]:
                count += 1
            needed = min_repeats if size <= 2 else 2
            if count >= needed and (best is None or count * size > best[0] * best[1]):
                best = (size, count)
        if best is None:
            i += 1
            continue
        size, count = best
        start = toks[i][0]
        end = toks[i + size * count - 1][1]
        loops.append((start, end, " ".join(keys[i : i + size]), count))
        i += size * count
    return loops


#: A loop below the words: one punctuation mark or symbol said over and over, spaced or not
#: ("......", "!!!!!!!!", "- - - - - -"); eight marks or more, as shorter runs are
#: ellipses and emphasis.
_MARK_RUN = regex.compile(r"([^\p{L}\p{N}\p{Z}\s])(?:\s?\1){7,}")
#: A translation may lengthen a run of the source's (dot leaders, a rule under a heading)
#: up to this factor; a source's 12 dots said 708 times is a loop (Guerreiro).
_MARK_GROWTH = 3


def find_mark_runs(text: str) -> list[tuple[int, int, str, int]]:
    """Runs of one punctuation mark or symbol, eight or more: ``(start, end, mark, count)``.

    >>> find_mark_runs("Signed by Mr ........ on behalf of")
    [(13, 21, '.', 8)]
    """
    return [
        (m.start(), m.end(), m.group(1), m.group().count(m.group(1)))
        for m in _MARK_RUN.finditer(text)
    ]


def _longest_mark_run(text: str, mark: str) -> int:
    """The most times ``text`` says ``mark`` in a row (single spaces between allowed)."""
    pattern = regex.escape(mark) + r"(?:\s?" + regex.escape(mark) + ")*"
    return max((m.group().count(mark) for m in regex.finditer(pattern, text)), default=0)


#: Word doublings that are grammar or idiom, not a loop ("had had", "more and more"; German
#: relative pronoun + article "Kinder, die die Schule abbrechen", "Sie sie"; French "nous nous").
_IDIOMS = frozenset(
    "that had is was no bye yeah so very many much more less again over round on through "
    "back forth out up down side by step day time year one two ha "
    "der die das den dem des sie nous vous".split()
)
_JOINERS = regex.compile(r"\s*(?:[/-]|\s)\s*|\s+(?:and|or|und|oder|et|ou|y|o|e)\s+", regex.I)
_AND = frozenset("and or und oder et ou y o e".split())
_STUTTER = regex.compile(r"(\p{L}{3,}?)\1{2,}", regex.I)


def find_echoes(text: str) -> list[tuple[int, int, str, int]]:
    """Shorter oscillations than :func:`find_loops` looks for: a word said twice in a row
    ("dig dig", "Liability Liability"), a word coordinated with itself ("enjoyable and
    enjoyable"), a stutter inside a word ("WhiteWhiteWhite"), and a phrase of five or more
    words said twice in one sentence ("…assigned to the USS Enterprise-D, where he was
    assigned to the USS Enterprise-D").

    >>> find_echoes("a moving and moving camera")
    [(2, 19, 'moving', 2)]
    """
    toks = words(text)
    keys = [fold(t[2]) for t in toks]
    out: list[tuple[int, int, str, int]] = []
    for n in range(len(toks) - 1):
        key = keys[n]
        if len(key) < 3 or key in _IDIOMS or key.isdigit():
            continue
        a = toks[n]
        if keys[n + 1] == key:
            b = toks[n + 1]
        elif n + 2 < len(toks) and keys[n + 2] == key and keys[n + 1] in _AND:
            b = toks[n + 2]
        else:
            continue
        if key.endswith("er") and b is not toks[n + 1]:
            continue  # "bigger and bigger"
        if _JOINERS.fullmatch(text[a[1] : b[0]]) and (n == 0 or keys[n - 1] != key):
            out.append((a[0], b[1], key, 2))
    for m in _STUTTER.finditer(text):
        out.append((m.start(), m.end(), fold(m.group(1)), len(m.group()) // len(m.group(1))))
    out.extend(_echoed_phrases(toks, keys))
    out.extend(_coordinated_phrases(toks, keys))
    kept: list[tuple[int, int, str, int]] = []
    for echo in sorted(out, key=lambda e: (e[0], -e[1])):
        if not any(k[0] <= echo[0] and echo[1] <= k[1] for k in kept):
            kept.append(echo)  # one finding per stretch: the widest reading of it
    return kept


_GLUE = frozenset("and or but also the a an as well und oder aber auch".split())


def _coordinated_phrases(
    toks: list[tuple[int, int, str]], keys: list[str]
) -> list[tuple[int, int, str, int]]:
    """A phrase of up to three words joined to itself by "and", "or", "but also" ("the beach
    and the beach", "bed linen or bed linen")."""
    out: list[tuple[int, int, str, int]] = []
    for size in (1, 2, 3):
        for n in range(len(keys) - size):
            phrase = keys[n : n + size]
            # Short words count as a phrase only together ("opt-out or opt-out", not "in or in").
            short = max(map(len, phrase)) < 4 and (size == 1 or sum(map(len, phrase)) < 6)
            if short or phrase[0] in _GLUE or (size == 1 and phrase[0] in _IDIOMS):
                continue
            m = n + size
            glue = 0
            while m < len(keys) and keys[m] in _GLUE and glue < 3:
                m, glue = m + 1, glue + 1
            if (
                not glue
                or keys[m : m + size] != phrase
                or not set(keys[n + size : m]) - {"the", "a", "an"}
            ):
                continue
            if phrase[-1].endswith("er") and size == 1:
                continue  # "bigger and bigger"
            out.append((toks[n][0], toks[m + size - 1][1], " ".join(phrase), 2))
    return out


_PHRASE = 5


def _echoed_phrases(
    toks: list[tuple[int, int, str]], keys: list[str]
) -> list[tuple[int, int, str, int]]:
    """A phrase of ``_PHRASE`` words with two content words, said twice, apart (four-word
    phrases recur legitimately: Guerreiro controls 0.7% flagged at four, 0.4% at five)."""
    seen: dict[tuple[str, ...], int] = {}
    for n in range(len(keys) - _PHRASE + 1):
        gram = tuple(keys[n : n + _PHRASE])
        if sum(len(k) > 3 for k in gram) < 2:
            continue
        first = seen.setdefault(gram, n)
        if first != n and n - first >= _PHRASE:
            return [(toks[first][0], toks[n + _PHRASE - 1][1], " ".join(gram), 2)]
    return []


#: Words at least this frequent (Zipf) are function words here: "the", "of", "same", "out".
_COMMON_ZIPF = 5.5
#: A restated phrase must make up this share of its text's words (by its repeats beyond the
#: first): "puts the par value before the par value" is a restatement; "a wide range of lifts
#: ... allowing for a wide range of stitches" in a long sentence is style (Guerreiro dev).
_RESTATED_SHARE = 0.25
_UNSPACED_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def _is_content(key: str, lang: str | None) -> bool:
    """A number, or a word of three or more letters that is not a frequent function word."""
    if key[:1].isdigit():
        return True
    return len(key) >= 3 and zipf(key, lang or "en") < _COMMON_ZIPF


def _stem(key: str) -> str:
    return key if key[:1].isdigit() else _cognate(key)[:5]


#: Spellings German (Dutch, Scandinavian) and English use for one sound, mapped to one
#: letter so that cognates share a stem: "Pankreas"/"pancreas", "Funktion"/"function",
#: "Zentrum"/"centre", "Foto"/"photo", "Kalender"/"calendar".
_COGNATE = regex.compile(r"ph|th|ck|k|z|y|(\p{L})\1")
_SOUNDS = MappingProxyType({"ph": "f", "th": "t", "ck": "c", "k": "c", "z": "c", "y": "i"})


def _cognate(key: str) -> str:
    """``key`` (folded) with spelling variants of one sound made equal and doubled letters
    single: the stem by which a word and its cognate across languages are counted."""

    def one(m: regex.Match[str]) -> str:
        return _SOUNDS.get(m.group(), m.group(1) or "")

    return str(_COGNATE.sub(one, key))


def _ngram_counts(keys: list[str], size: int) -> dict[tuple[str, ...], list[int]]:
    """Start positions of each ``size``-gram in ``keys``, overlapping occurrences left out."""
    starts: dict[tuple[str, ...], list[int]] = {}
    for n in range(len(keys) - size + 1):
        at = starts.setdefault(tuple(keys[n : n + size]), [])
        if not at or n - at[-1] >= size:
            at.append(n)
    return starts


def find_restatements(text: str, lang: str | None) -> list[tuple[int, int, str, int]]:
    """A phrase of two to twelve words with a content word, said twice or more anywhere in
    ``text``, whose repeats make up a quarter of its words: ``(start, end, phrase, count)``,
    the span from the first occurrence to the end of the last (at most one: the phrase that
    repeats the most words).

    >>> find_restatements("The Ariane 5 launches the Ariane 5 launcher.", "en")
    [(0, 34, 'the ariane 5', 2)]
    """
    toks = words(text)
    keys = [fold(t[2]) for t in toks]
    best: tuple[int, int, tuple[str, ...], list[int]] | None = None
    for size in range(2, min(_MAX_PHRASE, len(keys) // 2) + 1):
        for gram, at in _ngram_counts(keys, size).items():
            repeated = size * (len(at) - 1)
            if len(at) < 2 or repeated < _RESTATED_SHARE * len(keys):
                continue
            if not any(_is_content(k, lang) for k in gram):
                continue
            if best is None or (repeated, size) > best[:2]:
                best = (repeated, size, gram, at)
    if best is None:
        return []
    _, size, gram, at = best
    return [(toks[at[0]][0], toks[at[-1] + size - 1][1], " ".join(gram), len(at))]


#: A phrase of n words translates into at most about 2n + 1 ("Genehmigung für das
#: Inverkehrbringen" → "authorisation for placing on the market"): a source that restates a
#: short phrase excuses no longer restatement in its translation ("den gemeinsamen Antrag der"
#: twice does not excuse a twelve-word party name said twice; Guerreiro dev).
_GROWTH = 2


def _source_restated(src: str, src_keys: list[str], lang: str | None) -> int:
    """How many words long a content phrase the source itself says twice is (0: none): its
    translation may restate one up to :func:`_excused` words. A repeated pair of characters
    in a script written without spaces counts as a phrase of any length."""
    chars = [m.start() for m in _UNSPACED_CHAR.finditer(src)]
    if len(chars) > 0.3 * sum(ch.isalpha() for ch in src):
        pairs = Counter(src[i : i + 2] for i in chars if _UNSPACED_CHAR.match(src, i + 1))
        return _MAX_PHRASE if any(c >= 2 for c in pairs.values()) else 0
    longest = 0
    for size in range(2, _MAX_PHRASE + 1):
        if not any(
            len(at) >= 2 and any(_is_content(k, lang) for k in gram)
            for gram, at in _ngram_counts(src_keys, size).items()
        ):
            break  # a phrase repeated at n words is repeated at every shorter length too
        longest = size
    return longest


def _source_says_as_often(src: str, lang: str | None, phrase: str, count: int) -> bool:
    """Whether the source restates a phrase of its own as many times, long enough to excuse
    ``phrase`` (:func:`_excused`): a clause said three times over, translated three times
    over, is the source's ("Praha je hlavní město…, Praha je hlavní město…, …")."""
    return any(
        times >= count and _excused(phrase, len(said.split()))
        for *_, said, times in find_restatements(src, lang)
    )


def _excused(phrase: str, restated: int) -> bool:
    """Whether a source phrase of ``restated`` words said twice excuses ``phrase`` said twice."""
    return " " in phrase and len(phrase.split()) <= _GROWTH * restated + 1


@dataclass(frozen=True)
class _SourceRepeats:
    """What a source text says more than once, which excuses the target's repeats."""

    keys: tuple[str, ...]
    phrases: frozenset[str]
    most: int  # the most repeats of a source loop (across languages; 0 within one)
    restated: int  # :func:`_source_restated` (across languages; 0 within one)

    @classmethod
    def of(cls, src: str, pair: AlignedPair) -> _SourceRepeats:
        keys = [fold(t[2]) for t in words(src)]
        repeats = [*find_loops(src, 2), *find_echoes(src)]
        # Across languages the phrases differ: a source loop as long excuses the target's.
        most = max((c for *_, c in repeats), default=0) if not pair.same_language else 0
        restated = (
            _source_restated(src, keys, pair.source.language) if not pair.same_language else 0
        )
        return cls(tuple(keys), frozenset(p for _, _, p, _ in repeats), most, restated)


def check_repetition(pair: AlignedPair) -> Iterator[Finding]:
    """A ``repetition`` finding for each loop in the target that its source does not have."""
    min_repeats = pair.config.repetition_min_repeats
    source_of: dict[int, str] = {}
    for link in pair.links:
        text = " ".join(pair.source.sentences[i].text for i in link.source)
        for j in link.target:
            source_of[j] = text if link.source else ""
    found: list[tuple[int, int]] = []
    # Each source text is judged once: an unlinked sentence is judged against the whole
    # source, and a document of unlinked sentences re-read it for every one (quadratic: 20k
    # repetitive subtitle lines left unaligned ran for minutes).
    judged: dict[str, _SourceRepeats] = {}
    longest_run: dict[str, int] = {}
    for sent in pair.target.sentences:
        # A sentence linked to nothing (or a pair judged unrelated) is judged against the
        # whole source: a loop is a loop even in a detached translation.
        src = source_of.get(sent.index) or pair.source.text
        loops = find_loops(sent.text, min_repeats)
        inside = [(s, e) for s, e, _, _ in loops]
        echoes = [
            x for x in find_echoes(sent.text) if not any(s <= x[0] and x[1] <= e for s, e in inside)
        ]
        for start, end, phrase, count in sorted(loops + echoes):
            if src not in judged:
                judged[src] = _SourceRepeats.of(src, pair)
            known = judged[src]
            if phrase in known.phrases or known.most >= count:
                continue
            if _source_repeats(phrase, known.keys, count):
                continue
            if count == 2 and _excused(phrase, known.restated):
                continue  # a phrase said twice, translating a source that says one twice
            found.append((sent.start + start, sent.start + end))
            yield _finding(pair, sent.index, found[-1], phrase, count)
        for start, end, mark, count in find_mark_runs(sent.text):
            # the whole source: a document's leaders and rules are its own formatting
            if mark not in longest_run:
                longest_run[mark] = _longest_mark_run(pair.source.text, mark)
            if count > _MARK_GROWTH * longest_run[mark]:
                found.append((sent.start + start, sent.start + end))
                yield _finding(pair, sent.index, found[-1], mark, count)
    if not pair.same_language:
        yield from _restated(pair, found)


def _restated(pair: AlignedPair, found: list[tuple[int, int]]) -> Iterator[Finding]:
    """Across languages, per link: a restated phrase (:func:`find_restatements`) and a name
    or cognate said three times or more and more than twice as often as in the source
    ("Murnau was born in Murnau, Germany. He was born in Murnau"). Stretches already flagged
    as loops or echoes are not flagged again."""
    lang = pair.target.language
    for link in pair.links:
        if not link.target:
            continue
        text, base = pair.target.passage(link.target)
        if link.source and pair.relation != "unrelated":
            src = " ".join(pair.source.sentences[i].text for i in link.source)
        else:
            src = pair.source.text
        src_keys = [fold(t[2]) for t in words(src)]
        src_count = Counter(map(_stem, src_keys))
        toks = words(text)
        keys = [fold(t[2]) for t in toks]
        candidates: list[tuple[int, int, str, int]] = []
        for start, end, phrase, count in find_restatements(text, lang):
            anchors = [
                src_count[_stem(k)]
                for k in phrase.split()
                if src_count[_stem(k)] and _is_content(k, lang)
            ]
            content = sum(_is_content(k, lang) for k in phrase.split())
            if min(anchors, default=0) >= count and 2 * len(anchors) >= content:
                # the source says its names or numbers as often, and they are most of the
                # phrase: "the Ariane 5" is excused by two "Ariane 5"s, a party name of five
                # content words said twice is not excused by one of them ("Tibet") said twice
                continue
            if not anchors and _excused(
                phrase, _source_restated(src, src_keys, pair.source.language)
            ):
                continue
            if _source_says_as_often(src, pair.source.language, phrase, count):
                continue
            candidates.append((start, end, phrase, count))
        # Numbers are left out: a translation may well restate a date ("le 23 mai 1956").
        said = Counter(_stem(k) for k in keys if _is_content(k, lang) and not k[:1].isdigit())
        for stem, count in said.items():
            if count >= 3 and src_count[stem] > 0 and count > 2 * src_count[stem]:
                at = [n for n, k in enumerate(keys) if _stem(k) == stem]
                candidates.append((toks[at[0]][0], toks[at[-1]][1], keys[at[0]], count))
        for start, end, phrase, count in candidates:
            span = (base + start, base + end)
            if any(s < span[1] and span[0] < e for s, e in found):
                continue
            found.append(span)
            # A span lies inside one sentence: a restatement across sentences is marked
            # where it is repeated ("Murnau was born in Murnau. *He was born in Murnau*").
            sent = next(
                pair.target.sentences[j]
                for j in reversed(link.target)
                if pair.target.sentences[j].start < span[1]
            )
            yield _finding(pair, sent.index, (max(span[0], sent.start), span[1]), phrase, count)


def _finding(
    pair: AlignedPair, sentence: int, span: tuple[int, int], phrase: str, count: int
) -> Finding:
    return finding(
        pair,
        "repetition",
        "major",
        f"{phrase!r} repeated {count} times",
        target=pair.target.span("target", sentence, span[0], span[1]),
        mqm="Fluency/Grammar",
        details={"phrase": phrase, "count": count},
    )


def _source_repeats(phrase: str, src_keys: Sequence[str], count: int) -> bool:
    """Whether the source says a word of ``phrase`` (a name, a number, a cognate) twice and
    as often as the target repeats it: then the translation may well repeat it too. A loop of
    "Fassa" 30 times is not excused by a source that names the Fassa valley six times."""
    return any(
        len(w) > 3 and sum(k.startswith(w[:5]) for k in src_keys) >= max(2, count)
        for w in phrase.split()
    )
