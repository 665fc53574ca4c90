"""Untranslated or wrong-language target sentences.

Each target sentence is identified with the document's language as a prior, so a short
sentence is not misjudged; sentences made mostly of names, numbers or code get no language
and are never flagged. A target sentence identical to its source sentence across languages is
a copy, flagged whatever the identifier says.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from .._model import Finding
from ._base import AlignedPair, finding

if TYPE_CHECKING:
    from .._langid import LanguageGuess

__all__ = ["check_untranslated"]

_LOWER_WORDS = regex.compile(
    r"(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}\p{M}]+|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]"
)
_CONFIDENT = 0.9


def _letters(text: str) -> int:
    """Letters in ordinary words: names (capitalised) and numbers do not count."""
    return sum(len(m.group()) for m in _LOWER_WORDS.finditer(text))


_COPY_LETTERS = 6  # a copied sentence needs only this many letters of ordinary words
_COPY_WORDS = 4  # a copied stretch inside a translated sentence: this many words, of which
_COPY_LOWER = 3  # this many ordinary (lower-case) words, so names and titles do not count
#: Addresses and code are copied through on purpose: masked before comparing.
# (whole tokens, each tried once from its first character: tried from every character, a
# 100,000-character token took minutes)
_VERBATIM = regex.compile(
    r"(?<!\S)(?:\S*://\S*|\S*www\.\S*|\S*@\S*\.\w\S*|\S*[/\\_=<>{}]\S*)|`[^`]+`"
)


def _keys(text: str) -> list[tuple[int, int, str]]:
    masked = _VERBATIM.sub(lambda m: " " * len(m.group()), text)
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(masked)]


_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}]+)*|\p{N}+")


def _copied_run(source: str, target: str) -> tuple[int, int, str] | None:
    """The target's longest stretch of ordinary words copied from ``source``, as
    ``(start, end, text)`` in ``target`` (the whole text when all of it is a copy)."""
    src = [w.casefold() for _, _, w in _keys(source)]
    tgt = _keys(target)
    if not src or not tgt:
        return None
    keys = [w.casefold() for _, _, w in tgt]
    if keys == src and sum(w[:1].islower() for _, _, w in tgt) >= 2:
        return 0, len(target), target
    best = (0, 0)
    grams = {tuple(src[i : i + _COPY_WORDS]) for i in range(len(src) - _COPY_WORDS + 1)}
    n = 0
    while n <= len(keys) - _COPY_WORDS:
        if tuple(keys[n : n + _COPY_WORDS]) not in grams:
            n += 1
            continue
        end = n + _COPY_WORDS
        while end < len(keys) and tuple(keys[end - _COPY_WORDS + 1 : end + 1]) in grams:
            end += 1
        if end - n > best[1] - best[0]:
            best = (n, end)
        n = end
    lo, hi = best
    if hi - lo < _COPY_WORDS or sum(w[:1].islower() for _, _, w in tgt[lo:hi]) < _COPY_LOWER:
        return None
    return tgt[lo][0], tgt[hi - 1][1], target[tgt[lo][0] : tgt[hi - 1][1]]


_OPEN_QUOTE = regex.compile(r"[\"'„“‚‘«»‹›「『]\s*$")
_CLOSE_QUOTE = regex.compile(r"^[.,!?…]?\s*[\"'“”‘’»«›‹」』]")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is exactly a quotation (a quote mark on each side)."""
    return bool(_OPEN_QUOTE.search(text[:start]) and _CLOSE_QUOTE.match(text[end:]))


def _cited(source: str, target: str, start: int, end: int) -> bool:
    """A copied stretch that is a quotation in both texts is cited in the original on purpose:
    a title or a motto ("In John Donnes „No man is an island“ scheint etwas Wahres zu sein")."""
    at = source.casefold().find(target[start:end].casefold())
    return at >= 0 and _quoted(target, start, end) and _quoted(source, at, at + end - start)


def _finding(pair: AlignedPair, index: int, start: int, end: int, text: str) -> Finding:
    return finding(
        pair,
        "untranslated",
        "major",
        f"{len(text.split())} words left in the source language ({pair.source.language})",
        target=pair.target.span("target", index, start, end),
        mqm="Accuracy/Untranslated",
        details={"language": pair.source.language, "confidence": 1.0, "copied": True},
    )


def _kept_as_in_source(pair: AlignedPair, source: str, target: str, guess: LanguageGuess) -> bool:
    """In a same-language pair, a sentence in another language that its source sentence is
    also in was kept as the source had it (a quoted motto, a line of French in an English
    text): not untranslated. A text audited against itself used to get a major finding."""
    from .._langid import identify_sentences

    if not source:
        return False
    if target.split() == source.split():
        return True
    (was,) = identify_sentences(
        [source], document_lang=pair.source.language, backend=pair.config.langid
    )
    return was.language == guess.language


def check_untranslated(pair: AlignedPair) -> Iterator[Finding]:
    """``untranslated`` for target sentences in the source's or another wrong language."""
    from .._langid import identify_sentences

    src_lang, tgt_lang = pair.source.language, pair.target.language
    minimum = pair.config.untranslated_min_letters
    source_of = {j: link.source for link in pair.aligned_links for j in link.target}
    texts = [s.text for s in pair.target.sentences]
    guesses = identify_sentences(texts, document_lang=tgt_lang, backend=pair.config.langid)
    for sent, guess in zip(pair.target.sentences, guesses, strict=True):
        src_text = " ".join(pair.source.sentences[i].text for i in source_of.get(sent.index, ()))
        if not pair.same_language and _letters(sent.text) >= _COPY_LETTERS:
            run = _copied_run(src_text, sent.text)
            if run is not None and (run[0], run[1]) != (0, len(sent.text)):
                if not _cited(src_text, sent.text, run[0], run[1]):
                    yield _finding(
                        pair, sent.index, sent.start + run[0], sent.start + run[1], run[2]
                    )
                continue
            copied = run is not None
        else:
            copied = False
        if _letters(sent.text) < minimum and not copied:
            continue
        wrong = (
            guess.language is not None
            and tgt_lang is not None
            and guess.language != tgt_lang
            and guess.confidence >= _CONFIDENT
        )
        if not (copied or wrong):
            continue
        if wrong and pair.same_language and _kept_as_in_source(pair, src_text, sent.text, guess):
            continue
        if copied or guess.language == src_lang:
            message = f"sentence left in the source language ({src_lang})"
        else:
            message = f"sentence is in {guess.language}, not {tgt_lang}"
        yield finding(
            pair,
            "untranslated",
            "major",
            message,
            target=pair.target.sentence_span("target", sent.index),
            mqm="Accuracy/Untranslated",
            details={
                "language": guess.language,
                "confidence": round(guess.confidence, 3),
                "copied": copied,
            },
        )
