"""Sentence alignment: monotonic n-m beads, unaligned sentences, and moved sentences.

1. score beads by similarity (:mod:`._score`), many at once with numpy;
2. find the best monotonic path of beads (:mod:`._search`), linear in length: a band
   around a block-level path, as Vecalign does;
3. recover moved sentences: unaligned source and target sentences that match each other out
   of order become ``moved`` links (a summary that repeats later sentences, a reordered list).
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from .._config import AuditConfig
from .._embed import trim_heap
from .._errors import ConfigError, InputError
from .._features import SentenceFeatures, build_features
from .._model import Link
from .._threads import blas_limited
from . import _score
from ._score import (
    Scorer,
    debris_lines,
    interruptions,
    open_ends,
    wide_vectors,
)
from ._search import band_links, moved_candidates
from ._strays import detach_strays

__all__ = [
    "Scorer",
    "align",
    "align_features",
    "gc_paused",
    "make_scorer",
    "without_strays",
]


def make_scorer(
    source: Sequence[SentenceFeatures],
    target: Sequence[SentenceFeatures],
    *,
    cross_lingual: bool,
    source_texts: Sequence[str] = (),
    target_texts: Sequence[str] = (),
    similarity: str = "auto",
    languages: tuple[str | None, str | None] = (None, None),
    e5_max_sentences: int = 5000,
) -> Scorer:
    """A bead scorer; uses multilingual embeddings when asked for (or, with ``auto``, when
    the languages differ and the encoder covers one of them); ``embedding+e5`` adds
    multilingual-e5 to the search's vectors for any pair (:func:`_wide`).

    ``auto`` falls back to lexical anchors and lengths when both ``languages`` are known
    and neither is one the encoder was trained on (with one side covered, as en-is, the
    embeddings still pay: ParIce strict F1 0.86 without, 0.91 with). With one language
    known and not covered, multilingual-e5 (where installed) joins the search's vectors
    (:func:`_wide`; ParIce 0.91 -> 0.94) while neither side has more than
    ``e5_max_sentences`` sentences; the checks keep USE-multilingual's."""
    from .._embed import covers, embed

    src_vec = tgt_vec = None
    search: tuple[Any, Any] | None = None
    known = all(languages)
    uncovered = known and not any(covers(lang) for lang in languages)
    asked = similarity in ("embedding", "embedding+e5")
    if asked or (similarity == "auto" and cross_lingual and not uncovered):
        vectors = embed([*source_texts, *target_texts], required=asked, compact=True)
        if vectors is not None:
            src_vec, tgt_vec = vectors[: len(source_texts)], vectors[len(source_texts) :]
            longest = max(len(source_texts), len(target_texts))
            # (opt-in for any pair: Text+Berg de-fr test 0.908 -> 0.918, for ~40 ms a sentence)
            lacking = any(lang and not covers(lang) for lang in languages)
            if longest <= e5_max_sentences and (lacking or similarity == "embedding+e5"):
                weight = _score.E5_WEIGHT if lacking else _score.E5_WEIGHT_COVERED
                search = _wide(source_texts, target_texts, src_vec, tgt_vec, weight)
    cut = (
        (interruptions(source_texts), interruptions(target_texts))
        if source_texts and target_texts
        else None
    )
    return Scorer(
        source,
        target,
        cross_lingual=cross_lingual,
        source_vectors=src_vec,
        target_vectors=tgt_vec,
        open_ends=(open_ends(source_texts), open_ends(target_texts))
        if source_texts and target_texts
        else None,
        search_vectors=search,
        debris=(_out_of_search(source_texts, cut[0]), _out_of_search(target_texts, cut[1]))
        if cut
        else None,
        interruptions=cut or (frozenset(), frozenset()),
    )


def without_strays(
    links: tuple[Link, ...],
    scorer: Scorer,
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    config: AuditConfig,
    languages: tuple[str | None, str | None],
) -> tuple[Link, ...]:
    """Within one language the encoder covers (unless ``similarity="lexical"``), the beads
    with their stray sentences out (:mod:`._strays`), settled (:func:`_settle_strays`)."""
    from .._embed import covers

    src_lang, tgt_lang = languages
    if (
        config.stray_gain >= 1.0
        or config.similarity == "lexical"
        or src_lang != tgt_lang
        or not covers(src_lang)
    ):
        return links
    out = detach_strays(links, source_texts, target_texts, config.stray_gain)
    return links if out == links else _settle_strays(links, out, scorer, config)


def _out_of_search(texts: Sequence[str], cut: frozenset[int]) -> dict[int, str]:
    """The lines the cross-lingual search goes without: those of no content and those that
    interrupt a sentence, each with its text less whitespace."""
    return {**debris_lines(texts), **{k: "".join(texts[k].split()) for k in cut}}


def _wide(
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    src_vec: Any,
    tgt_vec: Any,
    weight: float,
) -> tuple[Any, Any] | None:
    """USE-multilingual's vectors joined with multilingual-e5's (:func:`._score.wide_vectors`)
    for a pair with a language USE-multilingual was not trained on, if e5 is installed
    (ParIce en→is: e5 knows Icelandic, where USE's cosines hardly separate pairs), or for
    any pair where ``embedding+e5`` was asked for; ``weight`` is e5's share of the cosine."""
    from .._e5 import vectors

    e5 = vectors([*source_texts, *target_texts])
    if e5 is None:
        return None
    n = len(source_texts)
    return wide_vectors(src_vec, e5[:n], weight), wide_vectors(tgt_vec, e5[n:], weight)


#: A 2-2 bead whose two crossed pairs each score within this of the bead, and this much
#: more than either straight pair, is two sentences the translator swapped
#: (Text+Berg dev: "Nur persönliche Berichte sind frei." / "Alles ist … vorzulegen …"
#: against "Tout doit être soumis …" / "Seuls sont libres …").
SWAP_MARGIN = 0.25


def _crossed_pairs(
    scorer: Scorer, src: tuple[int, ...], tgt: tuple[int, ...]
) -> tuple[Link, Link] | None:
    """The two out-of-order 1-1 links of a 2-2 bead that holds a swapped pair, if it does:
    the search only makes monotonic beads, so a swap comes out as one 2-2 bead. (All five
    scores by the scorer: with multilingual-e5 the search's own differ in scale.)"""
    if len(src) != 2 or len(tgt) != 2 or scorer.mode == "same":
        return None
    (i0, i1), (j0, j1) = src, tgt
    first, second = scorer((i0,), (j1,)), scorer((i1,), (j0,))
    low = min(first, second)
    straight = max(scorer((i0,), (j0,)), scorer((i1,), (j1,)))
    if low < straight + SWAP_MARGIN or low < scorer(src, tgt) - 0.05:
        return None
    return Link((i0,), (j1,), round(first, 4), "moved"), Link(
        (i1,), (j0,), round(second, 4), "moved"
    )


def align_features(scorer: Scorer, config: AuditConfig) -> tuple[Link, ...]:
    """Align two documents whose features a :class:`Scorer` holds."""
    # Cross-lingual scores sit on a lower scale than same-language lexical overlap (a few
    # cognates and numbers; cosines of a weaker model): Text+Berg dev peaks near 0.05.
    threshold = config.min_link_score * (1.0 if scorer.mode == "same" else 0.25)
    beads = band_links(scorer.sides(), threshold=threshold, max_bead=config.max_bead)
    lone_src = [src[0] for src, tgt, _ in beads if not tgt]
    lone_tgt = {tgt[0] for src, tgt, _ in beads if not src}

    # Moved sentences: the best out-of-order partner among sentences left unaligned.
    cands = moved_candidates(scorer.sides(), lone_src, lone_tgt, per_source=3)
    kept = scorer.content_lines()
    if kept is not None:  # the search ran without the lines of no content: back to indices
        ks, kt = (k.tolist() for k in kept)
        beads = [
            (tuple(ks[i] for i in src), tuple(kt[j] for j in tgt), score)
            for src, tgt, score in beads
        ]
        cands = {ks[i]: [kt[j] for j in js] for i, js in cands.items()}
        lone_src = [ks[i] for i in lone_src]
    moved = _moved_pairs(scorer, lone_src, cands, config.min_moved_score)
    taken = {j for j, _ in moved.values()}

    # Links in path order; a moved pair stands where its source sentence is.
    links: list[Link] = []
    for src, tgt, score in beads:
        crossed = _crossed_pairs(scorer, src, tgt)
        if crossed:
            links.extend(crossed)
        elif src and tgt:
            links.append(Link(src, tgt, round(score, 4), f"{len(src)}-{len(tgt)}"))
        elif src and src[0] in moved:
            j, s = moved[src[0]]
            links.append(Link(src, (j,), round(s, 4), "moved"))
        elif src:
            links.append(Link(src, (), 0.0, "1-0"))
        elif tgt[0] not in taken:
            links.append(Link((), tgt, 0.0, "0-1"))
    if ABSORB_MARGIN is not None and scorer.mode != "same":
        links = _absorb(links, scorer, config.max_bead)
    if scorer.debris is not None:
        return _with_debris(links, scorer)
    return tuple(links)


def _moved_pairs(
    scorer: Scorer, lone_src: Sequence[int], cands: dict[int, list[int]], min_score: float
) -> dict[int, tuple[int, float]]:
    """Source sentence -> (target sentence, score) of the moved pairs: each candidate pair
    scoring at least ``min_score``, best first (ties to the lower indices), each sentence
    in one pair at most."""
    proposals: list[tuple[float, int, int]] = []
    for i in lone_src:
        for j in cands.get(i, ()):
            s = scorer((i,), (j,))
            if s >= min_score:
                proposals.append((s, i, j))
    proposals.sort(key=lambda p: (-p[0], p[1], p[2]))
    moved: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for s, i, j in proposals:
        if i not in moved and j not in taken:
            moved[i] = (j, s)
            taken.add(j)
    return moved


def _settle_strays(
    before: tuple[Link, ...], links: tuple[Link, ...], scorer: Scorer, config: AuditConfig
) -> tuple[Link, ...]:
    """``links`` (``before`` once :func:`without_strays` took strays out of some beads) with
    the beads it changed scored anew, and the lone sentences paired out of order as
    ``moved`` links: a sentence moved to the end of a document can join the bead of the
    sentence that now opens it, and only leaves it as a stray, after the moved-sentence pass
    has run."""
    old = {(link.source, link.target) for link in before}
    links = tuple(
        link
        if (link.source, link.target) in old or not link.source or not link.target
        else replace(link, score=round(scorer(link.source, link.target), 4))
        for link in links
    )
    lone_src = [link.source[0] for link in links if link.source and not link.target]
    lone_tgt = {link.target[0] for link in links if link.target and not link.source}
    if not lone_src or not lone_tgt or scorer.content_lines() is not None:
        return links
    cands = moved_candidates(scorer.sides(), lone_src, lone_tgt, per_source=3)
    moved = _moved_pairs(scorer, lone_src, cands, config.min_moved_score)
    if not moved:
        return links
    taken = {j for j, _ in moved.values()}
    out: list[Link] = []
    for link in links:
        if link.source and not link.target and link.source[0] in moved:
            j, score = moved[link.source[0]]
            out.append(Link(link.source, (j,), round(score, 4), "moved"))
        elif not (link.target and not link.source and link.target[0] in taken):
            out.append(link)
    return tuple(out)


def _with_blank_lines(
    links: tuple[Link, ...], kept_s: list[int], kept_t: list[int], n_src: int, n_tgt: int
) -> tuple[Link, ...]:
    """``links`` over the non-blank sentences, renumbered to the full lists, with each blank
    sentence as its own ``1-0`` or ``0-1`` link where it falls in reading order."""
    blank_s = sorted(set(range(n_src)) - set(kept_s), reverse=True)  # popped from the end
    blank_t = sorted(set(range(n_tgt)) - set(kept_t), reverse=True)
    out: list[Link] = []
    for link in links:
        src = tuple(kept_s[i] for i in link.source)
        tgt = tuple(kept_t[j] for j in link.target)
        # a moved pair stands where its source is: only its source places the blanks
        while blank_s and src and blank_s[-1] < src[0]:
            out.append(Link((blank_s.pop(),), (), 0.0, "1-0"))
        while blank_t and tgt and link.kind != "moved" and blank_t[-1] < tgt[0]:
            out.append(Link((), (blank_t.pop(),), 0.0, "0-1"))
        if link.kind != "moved":
            # a blank between two lines of one bead goes inside it: left alone, it stood
            # after a bead that had passed it, and the bead was not a contiguous block
            inner_s = _pop_below(blank_s, src[-1] if src else -1)
            inner_t = _pop_below(blank_t, tgt[-1] if tgt else -1)
            if inner_s or inner_t:
                src, tgt = tuple(sorted((*src, *inner_s))), tuple(sorted((*tgt, *inner_t)))
                link = replace(link, kind=f"{len(src)}-{len(tgt)}")
        out.append(replace(link, source=src, target=tgt))
    out.extend(Link((i,), (), 0.0, "1-0") for i in reversed(blank_s))
    out.extend(Link((), (j,), 0.0, "0-1") for j in reversed(blank_t))
    return tuple(out)


def _pop_below(stack: list[int], bound: int) -> list[int]:
    """The items of ``stack`` (sorted, smallest last) below ``bound``, popped."""
    out = []
    while stack and stack[-1] < bound:
        out.append(stack.pop())
    return out


ABSORB_MARGIN: float | None = 0.05
ABSORB_MOST = 6


def _absorb(links: list[Link], scorer: Scorer, max_bead: int) -> list[Link]:
    """Lone lines taken into the bead beside them where that bead's similarity rises by
    more than :data:`ABSORB_MARGIN`, up to :data:`ABSORB_MOST` lines a side: only beads
    the search could not grow (as many lines on the lone line's side as ``max_bead``, or
    ``max_bead + 2`` in all), since it weighed every smaller one itself."""
    out = list(links)
    k = 0
    while k < len(out):
        link = out[k]
        if link.kind not in ("1-0", "0-1"):
            k += 1
            continue
        best: tuple[float, int, Link] | None = None
        for nb in (k - 1, k + 1):
            if not 0 <= nb < len(out):
                continue
            bead = out[nb]
            if not bead.source or not bead.target or bead.kind == "moved":
                continue
            side = len(bead.source) if link.source else len(bead.target)
            if side < max_bead and len(bead.source) + len(bead.target) < max_bead + 2:
                continue
            src = tuple(sorted((*bead.source, *link.source)))
            tgt = tuple(sorted((*bead.target, *link.target)))
            if max(len(src), len(tgt)) > ABSORB_MOST:
                continue
            new = scorer(src, tgt)
            gain = new - scorer(bead.source, bead.target)
            if gain > (ABSORB_MARGIN or 0.0) and (best is None or gain > best[0]):
                best = (gain, nb, Link(src, tgt, round(new, 4), f"{len(src)}-{len(tgt)}"))
        if best is None:
            k += 1
            continue
        out[best[1]] = best[2]
        del out[k]
        k = max(k - 1, 0)
    return out


def _with_debris(links: list[Link], scorer: Scorer) -> tuple[Link, ...]:
    """The links of the content lines with the lines of no content (:attr:`Scorer.debris`)
    put back: one goes into the bead that holds the content lines on both sides of it
    (Text+Berg's gold keeps ``C ) .`` inside a 2-5 bead), and is left alone otherwise;
    a source and a target line left alone between the same two links, with the same
    text (a scene break ``* * *`` on both sides), are one 1-1 link."""
    assert scorer.debris is not None
    debris = scorer.debris
    extra: list[list[list[int]]] = [[[] for _ in links], [[] for _ in links]]
    alone: list[dict[int, list[int]]] = [{}, {}]  # after link k (-1: first): lines left alone
    for side, gone in enumerate(debris):
        # a moved pair stands where its source is: its target line places nothing (a line
        # after it was put after the moved link, ahead of the links of the lines before it)
        owner = {
            x: k
            for k, link in enumerate(links)
            if side == 0 or link.kind != "moved"
            for x in (link.source, link.target)[side]
        }
        content = sorted(owner)
        for x in sorted(gone):
            at = bisect.bisect(content, x)
            before = owner[content[at - 1]] if at else -1
            after = owner[content[at]] if at < len(content) else -1
            inner = before == after >= 0 and links[before].source and links[before].target
            if inner and x not in scorer.interruptions[side]:
                extra[side][before].append(x)
            else:
                alone[side].setdefault(before, []).append(x)
    out: list[Link] = []

    def lone(k: int) -> None:
        src, tgt = alone[0].get(k, []), alone[1].get(k, [])
        while src and tgt and debris[0][src[0]] == debris[1][tgt[0]] != "":
            pair = (src.pop(0),), (tgt.pop(0),)
            out.append(Link(*pair, round(scorer(*pair), 4), "1-1"))
        out.extend(Link((i,), (), 0.0, "1-0") for i in src)
        out.extend(Link((), (j,), 0.0, "0-1") for j in tgt)

    lone(-1)
    for k, link in enumerate(links):
        if extra[0][k] or extra[1][k]:
            src = tuple(sorted((*link.source, *extra[0][k])))
            tgt = tuple(sorted((*link.target, *extra[1][k])))
            link = Link(src, tgt, link.score, f"{len(src)}-{len(tgt)}")
        out.append(link)
        lone(k)
    return tuple(out)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: aligning creates a few objects per sentence
    (none in cycles), and each full collection walks every live object, so a long document
    paid for its own size again and again (build_features at 100k sentences: 3.9 s with
    collections, 2.9 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def align(
    source_sentences: Sequence[str],
    target_sentences: Sequence[str],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    config: AuditConfig | None = None,
) -> tuple[Link, ...]:
    """Align two lists of sentences; every sentence ends up in exactly one :class:`Link`.

    Within one language the search is lexical; with ``similarity="embedding"`` (as in
    :func:`translaudit.audit`, where the encoder confirms findings) the encoder also takes
    stray sentences out of beads (``stray_gain``).

    >>> links = align(["A cat sat.", "It slept."], ["A cat sat.", "New text.", "It slept."])
    >>> [link.kind for link in links]
    ['1-1', '0-1', '1-1']
    """
    from .._audit import _check_lang

    # Validated as audit() validates: a str would otherwise be aligned as a list of its
    # characters, and a non-str item raised a TypeError from deep in feature building.
    for name, sentences in (
        ("source_sentences", source_sentences),
        ("target_sentences", target_sentences),
    ):
        if isinstance(sentences, (str, bytes)) or not isinstance(sentences, Sequence):
            raise InputError(
                f"{name} must be a list of str (one sentence each), not {type(sentences).__name__}"
            )
        for n, item in enumerate(sentences):
            if not isinstance(item, str):
                kind = type(item).__name__
                raise InputError(f"{name}[{n}] is a {kind}; every sentence must be str")
    if config is not None and not isinstance(config, AuditConfig):
        raise ConfigError(f"config={config!r} must be an AuditConfig")
    source_lang = _check_lang("source_lang", source_lang)
    target_lang = _check_lang("target_lang", target_lang)
    config = config or AuditConfig()
    # Unknown languages are identified, as audit() does: two unnamed languages must not be
    # aligned as one (lexically), which leaves most cross-lingual pairs unlinked.
    from .._langid import document_language

    source_lang = document_language("\n".join(source_sentences), source_lang, config.langid)
    target_lang = document_language("\n".join(target_sentences), target_lang, config.langid)
    kept_s = [i for i, s in enumerate(source_sentences) if s.strip()]
    kept_t = [j for j, s in enumerate(target_sentences) if s.strip()]
    if len(kept_s) < len(source_sentences) or len(kept_t) < len(target_sentences):
        # Blank lines (a presegmented file's paragraph breaks) say nothing: aligned, they
        # joined a neighbour's bead and turned its 1-1 into a 2-2. Each stands alone instead.
        inner = align(
            [source_sentences[i] for i in kept_s],
            [target_sentences[j] for j in kept_t],
            source_lang=source_lang,
            target_lang=target_lang,
            config=config,
        )
        return _with_blank_lines(
            inner, kept_s, kept_t, len(source_sentences), len(target_sentences)
        )
    with gc_paused(), blas_limited():  # one BLAS thread unless the user chose (see _threads)
        src = build_features(source_sentences, target_sentences)
        tgt = build_features(target_sentences, source_sentences)
        cross = bool(source_lang and target_lang and source_lang != target_lang)
        scorer = make_scorer(
            src,
            tgt,
            cross_lingual=cross,
            source_texts=source_sentences,
            target_texts=target_sentences,
            similarity=config.similarity,
            languages=(source_lang, target_lang),
            e5_max_sentences=config.e5_max_sentences,
        )
        links = align_features(scorer, config)
        if not cross and config.similarity.startswith("embedding"):
            # (audit() always asks the encoder about strays; align() only when asked to use
            # it: loading it costs more than aligning 1,000 sentences lexically)
            links = without_strays(
                links,
                scorer,
                source_sentences,
                target_sentences,
                config,
                (source_lang, target_lang),
            )
    del scorer  # its arrays, then the heap the encoder and the search freed, back to the system
    trim_heap()
    return links
