"""Word alignment across languages from multilingual-e5-small's token states (SimAlign-style).

Words are the pieces of :mod:`._e5tokens` grouped (a piece after a space starts a word; each
piece of an unspaced script, and each punctuation piece, is a word of its own); a word's
vector is the mean of its pieces' states after layer 8 of 12 (the best of 4-12 on DEMETR
xx-en dev, as SimAlign found for mBERT). Word pairs are scored by cosine corrected for
hubness (CSLS with the two nearest neighbours on each side: a word that is near everything,
a name or a number, does not make every other word look matched). Two scores per pair:

* ``lost``: minus the mean best score of the worst two consecutive source content words: a
  dropped phrase leaves two or more source words with no counterpart;
* ``added``: minus the lowest best score of a target content word: an inserted adjective has
  no counterpart in the source.

Measured on DEMETR xx-en dev (``bench/probe_e5align.py``): AUC against the faithful pairs
0.77 (omission) and 0.82 (addition); the USE-m3 piece vectors tried before gave 0.56-0.63.
About 50 ms of CPU a pair (the encoder run to layer 8 on both sides).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import regex

from . import _e5tokens
from ._checks._signals import is_content

__all__ = ["Alignment", "align", "available"]

LAYER = 8
_CSLS_K = 2
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")


def available() -> bool:
    """Whether multilingual-e5 is installed (as :func:`._e5.available` says: an install
    without it differs everywhere alike) and its weights are there to read."""
    from . import _e5

    return _e5.available() and _e5tokens.available()


@dataclass(frozen=True)
class Alignment:
    """The two scores of a pair (higher: more likely lost / added) and where: the source's
    worst two content words and the target's worst content word, as character spans."""

    lost: float
    lost_span: tuple[int, int]
    added: float
    added_span: tuple[int, int]


def _words(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int, list[int]]]:
    """The text's words as ``(start, end, piece indices)``."""
    out: list[tuple[int, int, list[int]]] = []
    prev_end = -1
    for k, (a, b) in enumerate(spans):
        piece = text[a:b]
        if not piece.strip():
            continue
        alnum = any(ch.isalnum() for ch in piece)
        last = text[out[-1][0] : out[-1][1]] if out else ""
        starts = (
            not out
            or a != prev_end
            or text[a - 1].isspace()
            or not alnum
            or not any(ch.isalnum() for ch in last)
            or bool(_UNSPACED.search(piece))
            or bool(_UNSPACED.search(last[-1:]))
        )
        if starts:
            out.append((a, b, [k]))
        else:
            out[-1] = (out[-1][0], b, [*out[-1][2], k])
        prev_end = b
    return out


def _content(word: str) -> bool:
    if not any(ch.isalnum() for ch in word):
        return False
    if _UNSPACED.search(word):
        return len(word) >= 2  # one Han character is as often a particle as a word
    return is_content(word)


def _vectors(
    states: npt.NDArray[np.float32], words: list[tuple[int, int, list[int]]]
) -> npt.NDArray[np.float32]:
    v = np.stack([states[idx].mean(axis=0) for _, _, idx in words])
    out: npt.NDArray[np.float32] = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return out


def align(src: str, tgt: str) -> Alignment | None:
    """The pair's scores, or None without the encoder or without content words on a side."""
    es = _e5tokens.encode(src, (LAYER,))
    et = _e5tokens.encode(tgt, (LAYER,))
    if es is None or et is None:
        return None
    ws, wt = _words(src, es.spans), _words(tgt, et.spans)
    cs = np.asarray([_content(src[a:b]) for a, b, _ in ws], dtype=bool)
    ct = np.asarray([_content(tgt[a:b]) for a, b, _ in wt], dtype=bool)
    if not cs.any() or not ct.any():
        return None
    sims = _vectors(es.states[LAYER], ws) @ _vectors(et.states[LAYER], wt).T
    k = min(_CSLS_K, *sims.shape)
    near_s = np.sort(sims, axis=1)[:, -k:].mean(axis=1)
    near_t = np.sort(sims, axis=0)[-k:, :].mean(axis=0)
    sims = 2 * sims - near_s[:, None] - near_t[None, :]
    best_s = sims.max(axis=1)
    best_t = sims.max(axis=0)
    src_idx = np.flatnonzero(cs)
    if len(src_idx) >= 2:
        pairs = (best_s[src_idx[:-1]] + best_s[src_idx[1:]]) / 2
        i = int(pairs.argmin())
        lost, first, last = -float(pairs[i]), int(src_idx[i]), int(src_idx[i + 1])
    else:
        lost, first = -float(best_s[src_idx[0]]), int(src_idx[0])
        last = first
    tgt_idx = np.flatnonzero(ct)
    j = int(tgt_idx[best_t[tgt_idx].argmin()])
    return Alignment(lost, (ws[first][0], ws[last][1]), -float(best_t[j]), (wt[j][0], wt[j][1]))
