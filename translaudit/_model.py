"""The immutable values an audit produces: sentences, documents, links, spans, findings, reports.

Every offset is a character offset into the document text as given (after decoding), and every
``text`` attribute equals the slice it names, so a span can always be checked against its
document: ``span.text == document.text[span.start:span.end]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._config import AuditConfig

__all__ = [
    "FINDING_KINDS",
    "SCHEMA_VERSION",
    "SEVERITIES",
    "Anchor",
    "Diff",
    "DiffOp",
    "Document",
    "Finding",
    "Link",
    "Report",
    "Sentence",
    "Side",
    "Span",
    "Summary",
    "severity_rank",
]

#: Version of the JSON report contract (``schema/report.schema.json``); bumped on any change.
SCHEMA_VERSION = "1.1"

#: MQM severities, least to most severe.
SEVERITIES: tuple[str, ...] = ("neutral", "minor", "major", "critical")

#: Every finding kind a report can hold, families first. ``AuditConfig(severity=...)`` takes
#: these (a family, e.g. ``"entity"``, covers all of its kinds).
FINDING_KINDS: tuple[str, ...] = (
    "addition",
    "entity",
    "number",
    "omission",
    "repetition",
    "unrelated",
    "untranslated",
    "addition.partial",
    "entity.added",
    "entity.changed",
    "entity.dropped",
    "entity.garbled",
    "entity.glossary",
    "entity.inconsistent",
    "entity.variant",
    "number.added",
    "number.changed",
    "number.dropped",
    "omission.partial",
)

Side = Literal["source", "target"]


def severity_rank(severity: str) -> int:
    """Position of ``severity`` on MQM's scale (``neutral`` is 0, ``critical`` is 3)."""
    return SEVERITIES.index(severity)


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return value if isinstance(value, MappingProxyType) else MappingProxyType(dict(value))


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading) of a document; ``text == document.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A text, its language and its sentences, built once per side and shared by every stage."""

    text: str
    language: str | None
    sentences: tuple[Sentence, ...]

    def span(self, side: Side, sentence: int, start: int, end: int) -> Span:
        """The span ``[start, end)`` of this document, inside sentence ``sentence``."""
        return Span(side, sentence, start, end, self.text[start:end])

    def sentence_span(self, side: Side, sentence: int) -> Span:
        """The span covering the whole of sentence ``sentence``."""
        s = self.sentences[sentence]
        return Span(side, s.index, s.start, s.end, s.text)

    def passage(self, sentences: tuple[int, ...]) -> tuple[str, int]:
        r"""The text from the first to the last of ``sentences`` (a link's side) and where it
        starts. A sentence between them that is not one of them (a caption or OCR line that
        interrupts a sentence, which the aligner leaves out of the bead around it) is
        blanked character for character, so offsets into the passage stay valid.

        >>> doc = Document("A b\nFig. 1\nc d.", None, (Sentence(0, 0, 3, "A b"),
        ...     Sentence(1, 4, 10, "Fig. 1"), Sentence(2, 11, 15, "c d.")))
        >>> doc.passage((0, 2))
        ('A b\n      \nc d.', 0)
        """
        if not sentences:
            return "", 0
        lo, hi = min(sentences), max(sentences)
        first, last = self.sentences[lo], self.sentences[hi]
        text = self.text[first.start : last.end]
        for k in sorted(set(range(lo, hi + 1)) - set(sentences)):
            a, b = self.sentences[k].start - first.start, self.sentences[k].end - first.start
            text = text[:a] + " " * (b - a) + text[b:]
        return text, first.start


@dataclass(frozen=True, slots=True)
class Link:
    """An alignment bead: source sentences that translate to target sentences.

    ``kind`` is ``"1-1"``, ``"2-1"``, … for monotonic beads, ``"1-0"`` (source omitted),
    ``"0-1"`` (target added), or ``"moved"`` for a pair recovered out of order. Every sentence
    of both documents is in exactly one link.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    kind: str
    #: What changed inside the bead; filled in by :func:`translaudit.audit` (not compared).
    diff: Diff | None = field(default=None, compare=False, repr=False)
    #: Same-language pairs: sacrebleu's chrF, BLEU and TER of this link (and spBLEU with a
    #: SentencePiece model); their signatures are in ``Report.signature``.
    metrics: Mapping[str, float] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "metrics", _frozen_mapping(self.metrics))


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a token-level diff, as :class:`difflib.SequenceMatcher` names them.

    ``op`` is ``equal``, ``replace``, ``insert`` (target only) or ``delete`` (source only);
    offsets are document offsets, and an empty side (``start == end``) marks where the
    other side's text would go.
    """

    op: str
    source_start: int
    source_end: int
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """A number or name of one side, and its counterpart on the other when there is one."""

    kind: str
    source: Span | None
    target: Span | None

    @property
    def matched(self) -> bool:
        return self.source is not None and self.target is not None


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed inside one link.

    ``mode`` is ``tokens`` for same-language pairs (``ops`` cover both sides' words in
    order) and ``anchors`` across languages, where words cannot be compared but numbers
    and names can (``anchors`` lists matched and unmatched ones).
    """

    mode: str
    ops: tuple[DiffOp, ...] = ()
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one side's text: ``text == document.text[start:end]`` (document offsets)."""

    side: Side
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found, with where it is on each side and why it was flagged.

    ``kind`` is dotted, family first (``number.changed``, ``entity.garbled``…); ``severity``
    is MQM's (``critical``, ``major``, ``minor``, ``neutral``); ``mqm`` is the MQM category.
    """

    kind: str
    severity: str
    message: str
    source: Span | None
    target: Span | None
    mqm: str
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)
    id: str = ""
    #: Index in ``Report.alignment`` of the link holding the target span (else the source span).
    link: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", _frozen_mapping(self.details))

    @property
    def family(self) -> str:
        """The part of ``kind`` before the first dot (``number``, ``entity``…)."""
        return self.kind.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts, coverage and the overall verdict on the pair."""

    relation: str
    is_derivative: bool
    verdict: str
    by_kind: Mapping[str, int]
    by_severity: Mapping[str, int]
    source_coverage: float
    target_coverage: float
    scores: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: MQM-style score: ``penalty`` points, target ``words``, ``per_100_words``, ``weights``.
    mqm: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for name in ("by_kind", "by_severity", "scores", "mqm"):
            object.__setattr__(self, name, _frozen_mapping(getattr(self, name)))


@dataclass(frozen=True, slots=True)
class Report:
    """The result of :func:`translaudit.audit`. Rendering never changes it.

    ``signature`` records everything that shaped the result (version, segmenter, aligner,
    language-ID backend, thresholds), in sacrebleu's style, so a result can be reproduced.
    """

    source: Document
    target: Document
    alignment: tuple[Link, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    signature: str
    config: AuditConfig = field(repr=False)

    @property
    def schema_version(self) -> str:
        return SCHEMA_VERSION

    def at_or_above(self, severity: str) -> tuple[Finding, ...]:
        """Findings whose severity is ``severity`` or worse."""
        rank = severity_rank(severity)
        return tuple(f for f in self.findings if severity_rank(f.severity) >= rank)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data, following ``report.schema.json``."""
        from ._render.json import report_to_dict

        return report_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text; byte-identical for identical inputs and signature."""
        from ._render.json import render_json

        return render_json(self, indent=indent)

    def to_markdown(self, *, top: int = 20) -> str:
        """A Markdown summary for pull-request comments: a table and the top findings."""
        from ._render.markdown import render_markdown

        return render_markdown(self, top=top)

    def to_text(self, *, color: bool = False) -> str:
        """Plain terminal text, ANSI-coloured when ``color`` is true."""
        from ._render.text import render_text

        return render_text(self, color=color)
