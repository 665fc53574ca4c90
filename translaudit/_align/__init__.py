"""Sentence alignment: monotonic n-m beads, unaligned sentences, and moved sentences.

1. score beads by similarity (:mod:`._score`), many at once with numpy;
2. find the best monotonic path of beads (:mod:`._search`), linear in length: a band
   around a block-level path, as Vecalign does;
3. recover moved sentences: unaligned source and target sentences that match each other out
   of order become ``moved`` links (a summary that repeats later sentences, a reordered list).
"""

from __future__ import annotations

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
from ._score import Scorer, open_ends, wide_vectors
from ._search import band_links, moved_candidates

__all__ = ["Scorer", "align", "align_features", "gc_paused", "make_scorer"]


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
    the languages differ and the encoder covers one of them).

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
    if similarity == "embedding" or (similarity == "auto" and cross_lingual and not uncovered):
        vectors = embed(
            [*source_texts, *target_texts], required=similarity == "embedding", compact=True
        )
        if vectors is not None:
            src_vec, tgt_vec = vectors[: len(source_texts)], vectors[len(source_texts) :]
            longest = max(len(source_texts), len(target_texts))
            if longest <= e5_max_sentences and any(lang and not covers(lang) for lang in languages):
                search = _wide(source_texts, target_texts, src_vec, tgt_vec)
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
    )


def _wide(
    source_texts: Sequence[str], target_texts: Sequence[str], src_vec: Any, tgt_vec: Any
) -> tuple[Any, Any] | None:
    """USE-multilingual's vectors joined with multilingual-e5's (:func:`._score.wide_vectors`)
    for a pair with a language USE-multilingual was not trained on, if e5 is installed.
    ParIce en→is: e5 knows Icelandic, where USE's cosines hardly separate pairs."""
    from .._e5 import vectors

    e5 = vectors([*source_texts, *target_texts])
    if e5 is None:
        return None
    n = len(source_texts)
    return wide_vectors(src_vec, e5[:n]), wide_vectors(tgt_vec, e5[n:])


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
    proposals: list[tuple[float, int, int]] = []
    for i in lone_src:
        for j in cands.get(i, ()):
            s = scorer((i,), (j,))
            if s >= config.min_moved_score:
                proposals.append((s, i, j))
    proposals.sort(key=lambda p: (-p[0], p[1], p[2]))
    moved: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for s, i, j in proposals:
        if i not in moved and j not in taken:
            moved[i] = (j, s)
            taken.add(j)

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
    return tuple(links)


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
        out.append(replace(link, source=src, target=tgt))
    out.extend(Link((i,), (), 0.0, "1-0") for i in reversed(blank_s))
    out.extend(Link((), (j,), 0.0, "0-1") for j in reversed(blank_t))
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
    del scorer  # its arrays, then the heap the encoder and the search freed, back to the system
    trim_heap()
    return links
