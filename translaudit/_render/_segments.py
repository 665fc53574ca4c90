"""Links as segments, the unit every exchange format speaks: a source text, a target text and
the findings inside them, with offsets local to the segment."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .._model import Finding, Link, Report, Span

__all__ = ["ITS_SEVERITY", "Segment", "local", "segments", "xml_safe"]

#: ITS 2.0 locQualityIssueSeverity (0-100) for each MQM severity.
ITS_SEVERITY = {"neutral": 0, "minor": 30, "major": 70, "critical": 100}

# Characters XML 1.0 forbids; replaced one for one so offsets stay valid.
_NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Segment:
    """One link: ``number`` counts from 1; ``source``/``target`` are document slices."""

    number: int
    link: Link
    source: str
    target: str
    source_start: int
    target_start: int
    findings: tuple[Finding, ...]


def segments(report: Report) -> list[Segment]:
    """One :class:`Segment` per link, in alignment order, with the findings placed in it."""
    placed: dict[int | None, list[Finding]] = {}
    for f in report.findings:
        placed.setdefault(f.link, []).append(f)
    out = []
    for n, link in enumerate(report.alignment):
        # (a sentence the bead skips is blanked: it is its own segment, shown twice it read
        # as part of this one)
        src, s0 = report.source.passage(link.source)
        tgt, t0 = report.target.passage(link.target)
        out.append(Segment(n + 1, link, src, tgt, s0, t0, tuple(placed.get(n, ()))))
    return out


def local(span: Span | None, seg: Segment) -> tuple[int, int] | None:
    """``span`` as offsets into the segment's text of its side, or ``None`` if outside it."""
    if span is None:
        return None
    start, text = (
        (seg.source_start, seg.source) if span.side == "source" else (seg.target_start, seg.target)
    )
    a, b = span.start - start, span.end - start
    return (a, b) if 0 <= a <= b <= len(text) and text else None


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 cannot carry replaced by U+FFFD (same length)."""
    return str(_NOT_XML.sub("\ufffd", text))
