"""What every check receives (AlignedPair) and how it makes findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .._align import Scorer
from .._config import AuditConfig
from .._entities import DocumentNames, extract_names
from .._model import FINDING_KINDS, Document, Finding, Link, Span

__all__ = ["AlignedPair", "finding"]

#: Embedding cosine of whole texts below which they are unrelated. DEMETR dev: controls in the
#: model's languages score 0.43 and up, translations of another sentence at most 0.22.
_UNRELATED_COSINE = 0.25
#: Cosine of the target to a stretch of the source (:func:`._signals.best_part_similarity`)
#: above which a pair under _UNRELATED_COSINE translates part of its source. Guerreiro dev
#: pairs under it whose target is short enough to be asked: two omissions (0.58, 0.48) and a
#: truncated ("strongly detached") translation (0.46), against 0.31 and under for detached
#: output; DEMETR's unrelated pairs 0.27 at most (xx-en and en-en, measured at any length;
#: only cross-lingual pairs are asked, see AlignedPair._part_kept).
_PART_COSINE = 0.42
#: multilingual-e5-small cosine (see :mod:`.._e5`) of a short pair below which it is unrelated.
#: DEMETR cs/hi dev: faithful pairs 0.854 and up, translations of another sentence 0.777 at
#: most (its cosines sit high: unrelated English sentences score about 0.7); midway.
_UNRELATED_E5 = 0.815


@dataclass(frozen=True)
class AlignedPair:
    """Both documents, their alignment, and per-sentence features shared by the checks.

    Features are computed lazily and once: a check that needs names asks for them, and every
    other check that needs them reuses the same values.
    """

    source: Document
    target: Document
    links: tuple[Link, ...]
    config: AuditConfig
    scorer: Scorer

    @property
    def same_language(self) -> bool:
        s, t = self.source.language, self.target.language
        return s is None or t is None or s == t

    @cached_property
    def char_totals(self) -> tuple[int, int]:
        """Characters of the source's and the target's sentences, stripped (the document's
        own length ratio, which every link's length check asks for: once, not per link)."""
        return (
            sum(len(s.text.strip()) for s in self.source.sentences),
            sum(len(s.text.strip()) for s in self.target.sentences),
        )

    @cached_property
    def source_names(self) -> DocumentNames:
        return extract_names(self.source.text, self.source.sentences, self.source.language)

    @cached_property
    def target_names(self) -> DocumentNames:
        return extract_names(self.target.text, self.target.sentences, self.target.language)

    @cached_property
    def coverage(self) -> tuple[float, float]:
        """Share of source and of target characters inside aligned (non-empty) links."""
        src = {i for link in self.aligned_links for i in link.source}
        tgt = {j for link in self.aligned_links for j in link.target}

        def share(doc: Document, inside: set[int]) -> float:
            total = sum(len(s.text) for s in doc.sentences)
            covered = sum(len(s.text) for s in doc.sentences if s.index in inside)
            return round(covered / total, 4) if total else 0.0

        return share(self.source, src), share(self.target, tgt)

    @property
    def relation(self) -> str:
        """``derivative``, ``excerpt`` (source is part of a longer target), ``partial``
        (target translates part of the source) or ``unrelated``."""
        return self.relation_evidence[0]

    @cached_property
    def relation_evidence(self) -> tuple[str, str]:
        """The relation and what decided it, in words a report can quote: an ``unrelated``
        verdict from the encoder comes with full coverage (one sentence a side always
        links), so the coverage alone would contradict it."""
        src, tgt = self.coverage
        low = self.config.min_derivative_coverage
        aligned = f"{src:.0%} of the source and {tgt:.0%} of the target align"
        from ._signals import document_similarity

        similarity = document_similarity(self)
        if similarity is not None and similarity < _UNRELATED_COSINE and not self._part_kept:
            return "unrelated", (
                f"the texts' meanings differ (embedding cosine {similarity:.2f}, below "
                f"{_UNRELATED_COSINE}); {aligned}"
            )
        if similarity is None and self.pair_too_short:
            # A language the model was not trained on, and one sentence pair aligns whatever
            # it says, so coverage cannot tell: ask the wider encoder, or else see whether
            # the names and numbers clash.
            wide = self.wide_similarity
            if wide is not None and wide < _UNRELATED_E5:
                return "unrelated", (
                    f"the texts' meanings differ (multilingual-e5 cosine {wide:.2f}, below "
                    f"{_UNRELATED_E5})"
                )
            if wide is None and self._anchors_clash():
                return "unrelated", "their names and numbers clash"
        if src < low and tgt < low:
            if similarity is None and self.pair_too_short:
                # Without embeddings, one cross-lingual sentence pair shares too few words
                # to prove it unrelated (DEMETR cs-en controls: a tenth share none).
                return "derivative", aligned
            return "unrelated", f"only {aligned}"
        if src >= 0.6 and tgt < 0.6:
            return "excerpt", aligned
        if tgt >= 0.6 and src < 0.6:
            return "partial", aligned
        return "derivative", aligned

    @property
    def _part_kept(self) -> bool:
        """A short pair whose target, though far from the whole source, translates a stretch
        of it (``Vice-President Christophersen said:`` for a quoted sentence that ends
        "erklaerte Vizepraesident Christophersen"): a partial translation, for the checks to
        judge, not an unrelated text."""
        if not self.pair_too_short:
            return False
        from ._signals import best_part_similarity

        part = best_part_similarity(self)
        return part is not None and part >= _PART_COSINE

    @cached_property
    def wide_similarity(self) -> float | None:
        """multilingual-e5 cosine (:mod:`.._e5`) of a short cross-lingual pair that USE-multilingual
        cannot judge, when that encoder is installed and embeddings are not turned off."""
        if self.config.similarity == "lexical" or not self.pair_too_short:
            return None
        from ._signals import document_similarity

        if document_similarity(self) is not None:
            return None
        from .._e5 import similarity

        return similarity(self.source.text, self.target.text)

    def _anchors_clash(self) -> bool:
        """A short pair the embedding model can still score, though not trained on one of
        its languages, whose names and numbers clash (see :mod:`._clash`)."""
        if not self.scorer.uses_embeddings:
            return False
        from ._clash import anchors_clash

        cosine = self.scorer.embedding(
            tuple(range(len(self.source.sentences))), tuple(range(len(self.target.sentences)))
        )
        return anchors_clash(self.source.text, self.target.text, cosine)

    @property
    def pair_too_short(self) -> bool:
        """Cross-lingual texts of under three sentences a side: too little for word overlap."""
        short = min(len(self.source.sentences), len(self.target.sentences)) < 3
        return short and not self.same_language

    @cached_property
    def aligned_links(self) -> tuple[Link, ...]:
        """Links with sentences on both sides."""
        return tuple(link for link in self.links if link.source and link.target)


def finding(
    pair: AlignedPair,
    kind: str,
    severity: str,
    message: str,
    *,
    source: Span | None = None,
    target: Span | None = None,
    mqm: str,
    details: Mapping[str, Any] | None = None,
) -> Finding:
    """A finding, with the configured severity override for ``kind`` applied."""
    # FINDING_KINDS is what AuditConfig(severity=...) accepts: a kind missing from it could not
    # be given a severity; the test suite, which reaches every kind, fails here first.
    assert kind in FINDING_KINDS, f"{kind!r} is missing from FINDING_KINDS"
    return Finding(
        kind=kind,
        severity=pair.config.severity_for(kind, severity),
        message=message,
        source=source,
        target=target,
        mqm=mqm,
        details=details or {},
    )
