"""XLIFF 2.1 with ITS 2.0 Localization Quality Issue annotations.

One ``<unit>`` per link, one ``<segment>`` in it; each finding marks its span with a pair of
``<sm>``/``<em>`` markers (spans may overlap, which nested ``<mrk>`` cannot express) carrying
``its:locQualityIssueType``, ``its:locQualityIssueComment`` and ``its:locQualityIssueSeverity``
(0-100, see :data:`ITS_SEVERITY`). The marker's ``id`` is the finding's id, and the comment
starts with the finding's kind.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .._model import Finding, Report
from ._segments import ITS_SEVERITY, Segment, local, segments, xml_safe

__all__ = ["ITS_NS", "ITS_TYPES", "XLIFF_NS", "its_type", "render_xliff"]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
ITS_NS = "http://www.w3.org/2005/11/its"

#: ITS 2.0 locQualityIssueType for each finding kind (or family).
ITS_TYPES = {
    "number": "numbers",
    "entity.garbled": "terminology",
    "entity.changed": "terminology",
    "entity.dropped": "omission",
    "entity.added": "addition",
    "entity.inconsistent": "inconsistent-entities",
    "entity.variant": "inconsistent-entities",
    "repetition": "duplication",
    "untranslated": "untranslated",
    "omission": "omission",
    "addition": "addition",
    "unrelated": "mistranslation",
}


def its_type(kind: str) -> str:
    return ITS_TYPES.get(kind, ITS_TYPES.get(kind.split(".", 1)[0], "other"))


# An XML parser turns a raw CR (and CRLF) in text into LF, so the consumer's text, and every
# marker offset after it, would differ from the report's; a character reference survives.
_CR = {"\r": "&#13;"}


def _text(text: str) -> str:
    return escape(xml_safe(text), _CR)


def _marked(text: str, marks: list[tuple[int, int, Finding]]) -> str:
    """``text`` escaped, with a start/end marker pair around each finding's span."""
    events: list[tuple[int, int, str]] = []
    for a, b, f in marks:
        attrs = (
            f' id="{f.id}" type="its:any"'
            f' its:locQualityIssueType="{its_type(f.kind)}"'
            f" its:locQualityIssueComment={quoteattr(xml_safe(f'{f.kind}: {f.message}'))}"
            f' its:locQualityIssueSeverity="{ITS_SEVERITY[f.severity]}"'
        )
        events.append((a, 1, f"<sm{attrs}/>"))
        events.append((b, 0, f'<em startRef="{f.id}"/>'))  # ends before starts at one offset
    events.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], 0
    for at, _, tag in events:
        out.append(_text(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(_text(text[pos:]))
    return "".join(out)


def _unit(seg: Segment) -> str:
    src: list[tuple[int, int, Finding]] = []
    tgt: list[tuple[int, int, Finding]] = []
    for f in seg.findings:
        for span, bucket in ((f.target, tgt), (f.source, src)):
            where = local(span, seg)
            if where is not None:
                bucket.append((where[0], where[1], f))
                break  # marked once: in the target, or in the source when it is an omission
    link = seg.link
    note = f"{link.kind} {','.join(map(str, link.source))}:{','.join(map(str, link.target))}"
    target = f"<target>{_marked(seg.target, tgt)}</target>" if link.target else ""
    return (
        f'  <unit id="u{seg.number}">\n'
        f'   <notes><note category="alignment">{escape(note)}</note></notes>\n'
        f'   <segment id="s{seg.number}">\n'
        f"    <source>{_marked(seg.source, src)}</source>{target}\n"
        f"   </segment>\n"
        f"  </unit>\n"
    )


def render_xliff(report: Report) -> str:
    """The report as an XLIFF 2.1 document."""
    src_lang = report.source.language or "und"
    tgt_lang = report.target.language or "und"
    units = "".join(_unit(s) for s in segments(report))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff xmlns="{XLIFF_NS}" xmlns:its="{ITS_NS}" version="2.1" its:version="2.0"'
        f' srcLang="{src_lang}" trgLang="{tgt_lang}">\n'
        f' <file id="f1" original="translaudit">\n'
        f"{units}"
        " </file>\n"
        "</xliff>\n"
    )
