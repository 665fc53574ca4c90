"""MQM TSV in the column layout of Google's public WMT MQM annotations.

Columns: ``system, doc, doc_id, seg_id, rater, source, target, category, severity``; one row
per finding (the error span marked ``<v>…</v>`` in the side it is on) and one ``No-error`` row
per segment without findings. Tabs and line breaks inside a text become spaces, since the
format has no quoting.
"""

from __future__ import annotations

from .._model import Finding, Report
from ._segments import Segment, local, segments

__all__ = ["COLUMNS", "render_mqm"]

COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity")


# Tab and every line boundary str.splitlines() knows (VT, FF, FS/GS/RS, NEL, U+2028/9): a
# segment holding one of these otherwise broke its row in two for a line-splitting reader.
_FLAT: dict[int, str] = {ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _flat(text: str) -> str:
    return text.translate(_FLAT)


def _marked(text: str, where: tuple[int, int] | None) -> str:
    if where is None:
        return _flat(text)
    a, b = where
    return _flat(text[:a]) + "<v>" + _flat(text[a:b]) + "</v>" + _flat(text[b:])


def _row(seg: Segment, f: Finding | None) -> str:
    src_at = local(f.source, seg) if f else None
    tgt_at = local(f.target, seg) if f else None
    fields = (
        "translaudit",
        "document",
        str(seg.number),
        str(seg.number),
        "translaudit",
        _marked(seg.source, src_at),
        _marked(seg.target, tgt_at),
        f.mqm if f else "No-error",
        f.severity.capitalize() if f else "No-error",
    )
    return "\t".join(fields) + "\n"


def render_mqm(report: Report) -> str:
    """The report as MQM TSV (header row first)."""
    rows = ["\t".join(COLUMNS) + "\n"]
    for seg in segments(report):
        found: tuple[Finding | None, ...] = seg.findings or (None,)
        rows.extend(_row(seg, f) for f in found)
    return "".join(rows)
