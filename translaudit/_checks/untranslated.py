"""Untranslated or wrong-language target sentences.

Each target sentence is identified with the document's language as a prior, so a short
sentence is not misjudged; sentences made mostly of names, numbers or code get no language
and are never flagged. A target sentence identical to its source sentence across languages is
a copy, flagged whatever the identifier says.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .._model import Finding
from ._base import AlignedPair, finding

__all__ = ["check_untranslated"]

_LOWER_WORDS = regex.compile(
    r"(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}\p{M}]+|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]"
)
_CONFIDENT = 0.9


def _letters(text: str) -> int:
    """Letters in ordinary words: names (capitalised) and numbers do not count."""
    return sum(len(m.group()) for m in _LOWER_WORDS.finditer(text))


def check_untranslated(pair: AlignedPair) -> Iterator[Finding]:
    """``untranslated`` for target sentences in the source's or another wrong language."""
    from .._langid import identify_sentences

    src_lang, tgt_lang = pair.source.language, pair.target.language
    minimum = pair.config.untranslated_min_letters
    source_of = {j: link.source for link in pair.aligned_links for j in link.target}
    texts = [s.text for s in pair.target.sentences]
    guesses = identify_sentences(texts, document_lang=tgt_lang, backend=pair.config.langid)
    for sent, guess in zip(pair.target.sentences, guesses, strict=True):
        if _letters(sent.text) < minimum:
            continue
        src_text = " ".join(pair.source.sentences[i].text for i in source_of.get(sent.index, ()))
        copied = not pair.same_language and src_text.strip() == sent.text.strip()
        wrong = (
            guess.language is not None
            and tgt_lang is not None
            and guess.language != tgt_lang
            and guess.confidence >= _CONFIDENT
        )
        if not (copied or wrong):
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
