"""What changed inside each link: a token diff within a language, anchors across languages.

Same-language links get :class:`difflib.SequenceMatcher` opcodes over word and punctuation
tokens (``autojunk=False``, so sentences are diffed exactly and the result depends only on the
text; a link of thousands of words a side gets a cheaper diff, see :mod:`._opcodes`). Across
languages words cannot be compared, but numbers and names can: they become anchors, matched to
a counterpart on the other side or left unmatched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ._checks import AlignedPair
from ._model import Anchor, Diff, DiffOp, Document, Link, Side, Span
from ._opcodes import opcodes

if TYPE_CHECKING:
    from ._numbers import NumberMention

__all__ = ["attach_diffs", "link_diff"]

# A word (letters, marks, digits) or one punctuation character.
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")


def _tokens(doc: Document, sentences: Sequence[int]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for i in sentences:
        s = doc.sentences[i]
        out.extend(
            (s.start + m.start(), s.start + m.end(), m.group()) for m in _TOKEN.finditer(s.text)
        )
    return out


def _edge(toks: list[tuple[int, int, str]], lo: int, hi: int, fallback: int) -> tuple[int, int]:
    """Document offsets covering tokens ``lo:hi``; an empty range sits before token ``lo``."""
    if lo < hi:
        return toks[lo][0], toks[hi - 1][1]
    pos = toks[lo][0] if lo < len(toks) else (toks[-1][1] if toks else fallback)
    return pos, pos


def token_ops(source: Document, target: Document, link: Link) -> tuple[DiffOp, ...]:
    """Token-level opcodes between the two sides of ``link`` (document offsets)."""
    a = _tokens(source, link.source)
    b = _tokens(target, link.target)
    a_start = source.sentences[link.source[0]].start if link.source else 0
    b_start = target.sentences[link.target[0]].start if link.target else 0
    ops = []
    for op, i1, i2, j1, j2 in opcodes([t[2] for t in a], [t[2] for t in b]):
        s0, s1 = _edge(a, i1, i2, a_start)
        t0, t1 = _edge(b, j1, j2, b_start)
        ops.append(DiffOp(op, s0, s1, t0, t1))
    return tuple(ops)


def _number_anchors(source: Document, target: Document, link: Link) -> list[Anchor]:
    from ._numbers import extract_numbers, match_numbers

    def mentions(
        doc: Document, side: Side, sentences: Sequence[int]
    ) -> list[tuple[Span, NumberMention]]:
        out: list[tuple[Span, NumberMention]] = []
        for i in sentences:
            s = doc.sentences[i]
            for m in extract_numbers(s.text, doc.language):
                out.append((doc.span(side, i, s.start + m.start, s.start + m.end), m))
        return out

    src = mentions(source, "source", link.source)
    tgt = mentions(target, "target", link.target)
    if not src and not tgt:
        return []
    pairs = match_numbers([m for _, m in src], [m for _, m in tgt])
    anchors = [Anchor("number", src[i][0], tgt[j][0]) for i, j in sorted(pairs.items())]
    # footnote markers and list numbers carry no content: neither matched nor missing
    anchors += [
        Anchor("number", s, None)
        for i, (s, m) in enumerate(src)
        if i not in pairs and m.kind != "marker"
    ]
    taken = set(pairs.values())
    anchors += [
        Anchor("number", None, t)
        for j, (t, m) in enumerate(tgt)
        if j not in taken and m.kind != "marker"
    ]
    return anchors


def _name_anchors(pair: AlignedPair, link: Link) -> list[Anchor]:
    from ._entities import alias_equivalent, name_similarity

    src = [
        pair.source.span("source", c.sentence, c.start, c.end)
        for c in pair.source_names.in_sentences(link.source)
    ]
    tgt = [
        pair.target.span("target", c.sentence, c.start, c.end)
        for c in pair.target_names.in_sentences(link.target)
    ]
    lowest = pair.config.entity_similarity
    # only the pairs close enough to match are kept: a link of thousands of names a side
    # would hold millions (3.9 GB for 6,000 a side, session 18)
    scored = sorted(
        (
            (sim, i, j)
            for i, s in enumerate(src)
            for j, t in enumerate(tgt)
            if (sim := 1.0 if alias_equivalent(s.text, t.text) else name_similarity(s.text, t.text))
            >= lowest
        ),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_s: dict[int, int] = {}
    used_t: set[int] = set()
    for _, i, j in scored:
        if i not in used_s and j not in used_t:
            used_s[i] = j
            used_t.add(j)
    anchors = [Anchor("name", src[i], tgt[j]) for i, j in sorted(used_s.items())]
    anchors += [Anchor("name", s, None) for i, s in enumerate(src) if i not in used_s]
    anchors += [Anchor("name", None, t) for j, t in enumerate(tgt) if j not in used_t]
    return anchors


def link_diff(pair: AlignedPair, link: Link) -> Diff | None:
    """The diff of one link, or ``None`` for a link with an empty side (nothing to compare)."""
    if not link.source or not link.target:
        return None
    if pair.same_language:
        return Diff("tokens", ops=token_ops(pair.source, pair.target, link))
    anchors = _number_anchors(pair.source, pair.target, link) + _name_anchors(pair, link)
    return Diff("anchors", anchors=tuple(anchors))


def attach_diffs(pair: AlignedPair, links: Sequence[Link] | None = None) -> tuple[Link, ...]:
    """``links`` (by default the pair's) with their :class:`Diff` attached, other fields kept."""
    return tuple(
        replace(link, diff=link_diff(pair, link))
        for link in (pair.links if links is None else links)
    )
