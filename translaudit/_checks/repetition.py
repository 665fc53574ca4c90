"""Repetition loops: a phrase of any length repeated back to back ("Ery of Ery of Ery of").

Judged against the source: a loop the source sentence already has is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .._features import fold, words
from .._model import Finding
from ._base import AlignedPair, finding

__all__ = ["check_repetition", "find_echoes", "find_loops"]

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


#: Word doublings that are grammar or idiom, not a loop ("had had", "more and more").
_IDIOMS = frozenset(
    "that had is was no bye yeah so very many much more less again over round on through "
    "back forth out up down side by step day time year one two ha".split()
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
            if max(len(k) for k in phrase) < 4 or phrase[0] in _GLUE or phrase[-1] in _IDIOMS:
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


def check_repetition(pair: AlignedPair) -> Iterator[Finding]:
    """A ``repetition`` finding for each loop in the target that its source does not have."""
    min_repeats = pair.config.repetition_min_repeats
    source_of: dict[int, str] = {}
    for link in pair.links:
        text = " ".join(pair.source.sentences[i].text for i in link.source)
        for j in link.target:
            source_of[j] = text if link.source else ""
    for sent in pair.target.sentences:
        # A sentence linked to nothing (or a pair judged unrelated) is judged against the
        # whole source: a loop is a loop even in a detached translation.
        src = source_of.get(sent.index) or pair.source.text
        loops = find_loops(sent.text, min_repeats)
        inside = [(s, e) for s, e, _, _ in loops]
        echoes = [
            x for x in find_echoes(sent.text) if not any(s <= x[0] and x[1] <= e for s, e in inside)
        ]
        src_keys = [fold(t[2]) for t in words(src)]
        src_repeats = [*find_loops(src, 2), *find_echoes(src)]
        src_phrases = {p for _, _, p, _ in src_repeats}
        # Across languages the phrases differ: a source loop as long excuses the target's.
        src_most = max((c for *_, c in src_repeats), default=0) if not pair.same_language else 0
        for start, end, phrase, count in sorted(loops + echoes):
            if phrase in src_phrases or src_most >= count or _source_repeats(phrase, src_keys):
                continue
            yield finding(
                pair,
                "repetition",
                "major",
                f"{phrase!r} repeated {count} times",
                target=pair.target.span("target", sent.index, sent.start + start, sent.start + end),
                mqm="Fluency/Grammar",
                details={"phrase": phrase, "count": count},
            )


def _source_repeats(phrase: str, src_keys: list[str]) -> bool:
    """Whether the source says a word of ``phrase`` twice too (a name, a number, a cognate):
    then the translation may well repeat it."""
    return any(
        len(w) > 3 and sum(k.startswith(w[:5]) for k in src_keys) >= 2 for w in phrase.split()
    )
