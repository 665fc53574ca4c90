"""The JSON report: the contract downstream tools rely on (``schema/report.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from .._model import SCHEMA_VERSION, Diff, Document, Finding, Link, Report, Span

__all__ = ["SCHEMA_PATH", "render_json", "report_to_dict"]

SCHEMA_PATH = "schema/report.schema.json"


def _document(doc: Document) -> dict[str, Any]:
    return {
        "language": doc.language,
        "sentences": [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end}
            for s in doc.sentences
        ],
    }


def _link(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": list(link.source),
        "target": list(link.target),
        "score": link.score,
        "kind": link.kind,
        "diff": _diff(link.diff),
    }
    if link.metrics:
        out["metrics"] = dict(link.metrics)
    return out


def _diff(diff: Diff | None) -> dict[str, Any] | None:
    if diff is None:
        return None
    return {
        "mode": diff.mode,
        "ops": [
            {
                "op": o.op,
                "source": [o.source_start, o.source_end],
                "target": [o.target_start, o.target_end],
            }
            for o in diff.ops
        ],
        "anchors": [
            {
                "kind": a.kind,
                "matched": a.matched,
                "source": _span(a.source),
                "target": _span(a.target),
            }
            for a in diff.anchors
        ],
    }


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"sentence": span.sentence, "start": span.start, "end": span.end, "text": span.text}


def _plain(value: Any) -> Any:
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float):
        return round(value, 4)
    return value


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "kind": f.kind,
        "severity": f.severity,
        "message": f.message,
        "source": _span(f.source),
        "target": _span(f.target),
        "mqm": f.mqm,
        "details": _plain(f.details),
        "link": f.link,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    s = report.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "signature": report.signature,
        "source": _document(report.source),
        "target": _document(report.target),
        "alignment": [_link(link) for link in report.alignment],
        "findings": [_finding(f) for f in report.findings],
        "summary": {
            "relation": s.relation,
            "is_derivative": s.is_derivative,
            "verdict": s.verdict,
            "by_kind": dict(s.by_kind),
            "by_severity": dict(s.by_severity),
            "coverage": {"source": s.source_coverage, "target": s.target_coverage},
            "scores": _plain(s.scores),
            "mqm": _plain(s.mqm),
        },
    }


def render_json(report: Report, *, indent: int | None = 2) -> str:
    """JSON text of the report (UTF-8 characters kept, keys in contract order)."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent)
