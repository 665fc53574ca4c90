"""xCOMET-style error spans: per segment, ``{text, start, end, severity, confidence}``.

Offsets are character offsets into the segment's ``translation`` (as xCOMET reports them).
Findings on the source only (an omission, a dropped number) go to ``source_error_spans`` with
offsets into ``source``. ``neutral`` findings are left out (xCOMET has minor, major, critical);
``confidence`` is 1.0 because the checks are rules, not a model's probabilities.
"""

from __future__ import annotations

import json
from typing import Any

from .._model import Report, Span
from ._segments import Segment, local, segments

__all__ = ["render_xcomet"]


def _span(seg: Segment, span: Span | None, severity: str) -> dict[str, Any] | None:
    where = local(span, seg)
    if span is None or where is None:
        return None
    return {
        "text": span.text,
        "start": where[0],
        "end": where[1],
        "severity": severity,
        "confidence": 1.0,
    }


def _segment(seg: Segment) -> dict[str, Any]:
    errors: list[dict[str, Any]] = []
    source_errors: list[dict[str, Any]] = []
    for f in seg.findings:
        if f.severity == "neutral":
            continue
        on_target = _span(seg, f.target, f.severity)
        if on_target is not None:
            errors.append(on_target)
        else:
            on_source = _span(seg, f.source, f.severity)
            if on_source is not None:
                source_errors.append(on_source)
    return {
        "seg_id": seg.number,
        "source": seg.source,
        "translation": seg.target,
        "error_spans": errors,
        "source_error_spans": source_errors,
    }


def render_xcomet(report: Report) -> str:
    """The report as a JSON list of segments with their error spans."""
    return json.dumps([_segment(s) for s in segments(report)], ensure_ascii=False, indent=1) + "\n"
