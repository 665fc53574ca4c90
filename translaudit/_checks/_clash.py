"""Unrelated short pairs in languages the embedding model was not trained on (Czech, Hindi…).

There the cosine of a faithful pair can be as low as that of an unrelated one, and one
sentence pair shares too few words to be judged by overlap alone (a tenth of DEMETR's faithful
cs-en pairs share none). What is left is anchors: names and numbers survive translation, so a
pair is unrelated when each side names something the other does not, they share no word, name,
cognate or number at all, and even the untrained model sees no likeness.
"""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from .._features import fold, words

__all__ = ["anchors_clash"]

#: Cosine (USE-m3, on languages it was not trained on) under which a pair can be unrelated.
#: DEMETR cs/hi dev: unrelated pairs 0.097 at most; the one control whose anchors clash, 0.22.
_CLASH_COSINE = 0.1
_MATCH_RATIO = 80  # rapidfuzz ratio of two consonant skeletons that counts as one word
_VOWELS = regex.compile(r"[aeiou]")


def _skeleton(key: str) -> str:
    """A folded word's consonants, spelling variants merged: transliterated Hindi and Czech
    names meet their English spelling ("phraamsis"/"francis", "cesky"/"czech" do not)."""
    key = key.replace("ph", "f").replace("c", "k").replace("w", "v").replace("y", "i")
    return key[:1] + str(_VOWELS.sub("", key[1:]))


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= 4 and a[:4] == b[:4]) or fuzz.ratio(a, b) >= _MATCH_RATIO


def _side(text: str) -> tuple[set[str], set[str]]:
    """``(anchors, words)``: numbers (digits only) and names (capitalised, not first in the
    sentence, or acronyms) as skeletons, and every word of four letters or more."""
    anchors: set[str] = set()
    keys: set[str] = set()
    for n, (_, _, token) in enumerate(words(text)):
        key = fold(token)
        if key[:1].isdigit():
            anchors.add("#" + regex.sub(r"\D", "", key))
            continue
        skel = _skeleton(key)
        if token[:1].isupper() and (n > 0 or token.isupper()) and len(key) >= 2:
            anchors.add(skel)
            keys.add(skel)
        elif len(key) >= 4:
            keys.add(skel)
    return anchors, keys


def anchors_clash(source: str, target: str, cosine: float) -> bool:
    """Whether a short pair is unrelated by its anchors: each side has a name or number the
    other lacks, the two share no word, and ``cosine`` is under :data:`_CLASH_COSINE`."""
    if cosine >= _CLASH_COSINE:
        return False
    src_anchors, src_words = _side(source)
    tgt_anchors, tgt_words = _side(target)
    src_numbers = {a for a in src_anchors if a.startswith("#")}
    tgt_numbers = {a for a in tgt_anchors if a.startswith("#")}
    if src_numbers & tgt_numbers:
        return False
    if any(_same(a, b) for a in tgt_words for b in src_words):
        return False
    return bool(src_anchors) and bool(tgt_anchors)
