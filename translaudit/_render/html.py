"""A self-contained HTML report: aligned sentences side by side, diffs and findings marked.

Everything is rendered here, as escaped HTML, so the page needs no data or templating in the
browser: the inline script only filters and navigates, and stays small at 5,000 pairs. A
Content-Security-Policy allows that one script (by hash), inline styles and nothing else, so
the file makes no network request and injected markup could not run even if escaping failed.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from html import escape
from itertools import pairwise

from .._model import SEVERITIES, Diff, Finding, Report, Side, severity_rank
from ._segments import Segment, segments

__all__ = ["render_html"]

_ROWS_PER_BODY = 200  # rows per <tbody>: off-screen bodies skip layout (content-visibility)

_CSS = """
:root{--crit:#b3261e;--major:#c2410c;--minor:#a16207;--neutral:#6b7280;--del:#ffebe9;
--ins:#e6ffec;--rep-s:#fff1f0;--rep-t:#effdf3;--ink:#1f2328;--mute:#57606a;--line:#d0d7de;
--bg:#fff;--panel:#f6f8fa;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}body{margin:0;color:var(--ink);background:var(--bg)}
header,main{max-width:1400px;margin:0 auto;padding:0 24px}
h1{font-size:22px;margin:20px 0 2px}h2{font-size:17px;margin:22px 0 8px}
.verdict{font-size:16px;margin:0 0 14px;color:var(--mute)}
.cards{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px;
min-width:150px}
.card b{display:block;font-size:22px}.card small{color:var(--mute)}
.bar{height:6px;background:#e5e7eb;border-radius:3px;margin-top:4px;width:120px}
.bar i{display:block;height:6px;background:#2563eb;border-radius:3px}
.sev{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;
color:#fff}
.sev.critical{background:var(--crit)}.sev.major{background:var(--major)}
.sev.minor{background:var(--minor)}.sev.neutral{background:var(--neutral)}
table.kinds{border-collapse:collapse;font-size:13px}
table.kinds td{padding:1px 10px 1px 0}
code.sig{display:block;font-size:11px;color:var(--mute);word-break:break-all;margin-top:10px}
.filters{position:sticky;top:0;z-index:5;background:#fff;box-shadow:0 6px 8px -8px rgba(0,0,0,.25);
border-bottom:1px solid var(--line);padding:8px 0;display:flex;flex-wrap:wrap;gap:6px 18px;
align-items:center;font-size:13px}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:2px 10px}
.filters legend{float:left;font-weight:600;margin-right:6px}
.keys{color:var(--mute)}kbd{border:1px solid var(--line);border-radius:3px;padding:0 4px;
font-size:12px;background:var(--panel)}
ol.findings{padding-left:0;list-style:none;margin:0;max-height:320px;overflow:auto;
border:1px solid var(--line);border-radius:8px}
ol.findings li{padding:4px 10px;border-bottom:1px solid #eef1f4;font-size:14px}
ol.findings li a{font-family:ui-monospace,monospace;font-size:12px;margin-right:6px}
ol.findings li code{font-size:12px;color:var(--mute);margin:0 6px}
li.off,body.only tr.quiet,body.only tbody tr:not(.has-f){display:none}
table.pairs{width:100%;border-collapse:collapse;table-layout:fixed}
table.pairs th{text-align:left;font-size:13px;color:var(--mute);border-bottom:2px solid
var(--line);padding:6px 8px}
table.pairs tbody{content-visibility:auto;contain-intrinsic-size:auto 6000px}
table.pairs td{vertical-align:top;padding:6px 8px;border-bottom:1px solid #eef1f4;
white-space:pre-wrap;overflow-wrap:anywhere}
col.n{width:48px}col.k{width:92px}
td.n,td.k{color:var(--mute);font-size:12px;white-space:normal}
tr.k-moved td.k b{color:#7c3aed}tr.k-1-0 td.k b{color:var(--crit)}
tr.k-0-1 td.k b{color:var(--major)}
tr.current{background:#fffbe6}
.gap{color:var(--mute);font-style:italic}
td.t{--tip-l:auto;--tip-r:0}
.d-rep.s{background:var(--rep-s)}.d-rep.t{background:var(--rep-t)}
.d-del{background:var(--del);text-decoration:line-through;text-decoration-color:#e5a1a1}
.d-ins{background:var(--ins)}
.a-ok{border-bottom:2px solid #16a34a}.a-miss{border-bottom:2px dashed var(--crit)}
mark.f{position:relative;background:rgba(255,214,10,.35);color:inherit;border-radius:2px;
border-bottom:3px solid var(--minor);cursor:help}
mark.f.critical{border-bottom-color:var(--crit);background:rgba(179,38,30,.14)}
mark.f.major{border-bottom-color:var(--major);background:rgba(194,65,12,.14)}
mark.f.neutral{border-bottom-color:var(--neutral);background:rgba(107,114,128,.12)}
mark.f:focus{outline:2px solid #2563eb;outline-offset:1px}
mark.f.off{background:none;border-bottom:0;cursor:auto}
mark.f:not(.off) [class^=d-]{background:transparent}body.nodiff [class^=d-]{background:none;
text-decoration:none}
mark.f:not(.off):hover::after,mark.f:not(.off):focus::after{content:attr(data-msg);
position:absolute;left:var(--tip-l,0);right:var(--tip-r,auto);top:100%;z-index:9;width:max-content;max-width:min(420px,45vw);
white-space:normal;background:#111827;color:#fff;font-size:12px;line-height:1.4;
padding:6px 8px;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.25)}
@media print{.filters,.keys{display:none}table.pairs tbody{content-visibility:visible}
ol.findings{max-height:none;overflow:visible}mark.f::after{display:none}
tr{break-inside:avoid}body{font-size:11px}}
"""

# Filters and j/k navigation only; every row is already in the page.
_JS = """(function(){
var d=document,boxes=[].slice.call(d.querySelectorAll('input[data-filter]')),
only=d.getElementById('only'),diff=d.getElementById('diff'),cur=-1;
function apply(){var off={};boxes.forEach(function(b){
if(!b.checked)off[b.dataset.filter+':'+b.value]=1;});
d.querySelectorAll('[data-sev]').forEach(function(el){var s=el.dataset.sev.split(' '),
k=el.dataset.kind.split(' ');el.classList.toggle('off',s.every(function(v,i){
return off['sev:'+v]||off['kind:'+k[i]];}));});
d.querySelectorAll('tr.has-f').forEach(function(tr){
tr.classList.toggle('quiet',!tr.querySelector('mark.f:not(.off)'));});
d.body.classList.toggle('only',only.checked);d.body.classList.toggle('nodiff',!diff.checked);}
boxes.concat([only,diff]).forEach(function(b){b.addEventListener('change',apply);});
d.addEventListener('keydown',function(e){if(e.target.tagName==='INPUT'||e.ctrlKey||e.metaKey||e.altKey)return;
if(e.key!=='j'&&e.key!=='k')return;var m=d.querySelectorAll('mark.f:not(.off)');if(!m.length)return;
cur=e.key==='j'?Math.min(cur+1,m.length-1):Math.max(cur-1,0);var el=m[cur];
var old=d.querySelector('tr.current');if(old)old.classList.remove('current');
el.closest('tr').classList.add('current');el.focus({preventScroll:true});
el.scrollIntoView({block:'center'});e.preventDefault();});
apply();})();"""

_CSP_HASH = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _diff_ranges(diff: Diff | None, side: Side) -> list[tuple[int, int, str]]:
    """``(start, end, css class)`` in document offsets for one side of a link's diff."""
    if diff is None:
        return []
    out = []
    for op in diff.ops:
        a, b = (
            (op.source_start, op.source_end)
            if side == "source"
            else (op.target_start, op.target_end)
        )
        if a < b and op.op != "equal":
            name = "d-rep" if op.op == "replace" else "d-del" if op.op == "delete" else "d-ins"
            out.append((a, b, f"{name} {side[0]}"))
    for anchor in diff.anchors:
        span = anchor.source if side == "source" else anchor.target
        if span is not None:
            out.append((span.start, span.end, "a-ok" if anchor.matched else "a-miss"))
    return out


def _pieces(text: str, base: int, ranges: Iterable[tuple[int, int, str]]) -> str:
    """``text`` (starting at document offset ``base``) escaped, each range wrapped in a span.

    Ranges come from one diff, so they do not overlap; a range is clipped to the text.
    """
    out, pos = [], 0
    for a, b, cls in sorted(ranges):
        a, b = max(a - base, pos), min(b - base, len(text))
        if a >= b:
            continue
        out.append(_e(text[pos:a]))
        out.append(f'<span class="{cls}">{_e(text[a:b])}</span>')
        pos = b
    out.append(_e(text[pos:]))
    return "".join(out)


def _cell(
    text: str,
    base: int,
    diff: list[tuple[int, int, str]],
    marks: list[tuple[int, int, Finding]],
    anchored: set[str],
) -> str:
    """One side of a row: findings as ``<mark>`` (outer), diff classes inside them."""
    bounds = {0, len(text)}
    for a, b, _ in marks:
        bounds.update((max(0, a - base), min(len(text), b - base)))
    cuts = sorted(bounds)
    out = []
    for a, b in pairwise(cuts):
        active = [f for s, e, f in marks if s - base <= a and b <= e - base]
        inner = _pieces(text[a:b], base + a, diff)
        if not active:
            out.append(inner)
            continue
        active.sort(key=lambda f: (-severity_rank(f.severity), f.id))
        msg = " · ".join(f"{f.id} {f.severity} {f.kind}: {f.message}" for f in active)
        first = active[0]
        ident = ""
        if first.id not in anchored:
            anchored.add(first.id)
            ident = f' id="{first.id}"'
        out.append(
            f'<mark{ident} class="f {first.severity}" tabindex="0"'
            f' data-sev="{" ".join(f.severity for f in active)}"'
            f' data-kind="{" ".join(_e(f.kind) for f in active)}"'
            f' data-msg="{_e(msg)}">{inner}</mark>'
        )
    return "".join(out)


def _side(seg: Segment, side: Side, anchored: set[str]) -> str:
    sentences = seg.link.source if side == "source" else seg.link.target
    if not sentences:
        gap = "omitted: no translation" if side == "target" else "added: not in the source"
        return f'<span class="gap">{gap}</span>'
    text, base = (
        (seg.source, seg.source_start) if side == "source" else (seg.target, seg.target_start)
    )
    marks = []
    for f in seg.findings:
        span = f.source if side == "source" else f.target
        if span is not None and base <= span.start and span.end <= base + len(text):
            marks.append((span.start, span.end, f))
    return _cell(text, base, _diff_ranges(seg.link.diff, side), marks, anchored)


def _row(seg: Segment, report: Report, anchored: set[str]) -> str:
    link = seg.link
    # Mark the target first so a finding's id (the jump target) sits where the error is.
    tgt = _side(seg, "target", anchored)
    src = _side(seg, "source", anchored)
    where = ""
    if link.kind == "moved":
        where = f"<br>target sentence {link.target[0] + 1}"
    score = f"<br>{link.score:.2f}" if link.source and link.target else ""
    cls = f"k-{_e(link.kind)}" + (" has-f" if seg.findings else "")
    return (
        f'<tr id="L{seg.number}" class="{cls}"><td class="n">{seg.number}</td>'
        f'<td class="s" lang="{_e(report.source.language or "und")}">{src}</td>'
        f'<td class="t" lang="{_e(report.target.language or "und")}">{tgt}</td>'
        f'<td class="k"><b>{_e(link.kind)}</b>{score}{where}</td></tr>\n'
    )


def _summary(report: Report) -> str:
    s = report.summary
    cards = []
    mqm = s.mqm
    if mqm:
        cards.append(
            f'<div class="card"><small>MQM penalty / 100 words</small>'
            f"<b>{mqm['per_100_words']:.1f}</b><small>{mqm['penalty']:g} points, "
            f"{mqm['words']} words</small></div>"
        )
    for name, value in (("source", s.source_coverage), ("target", s.target_coverage)):
        cards.append(
            f'<div class="card"><small>{name} coverage</small><b>{value:.0%}</b>'
            f'<div class="bar"><i style="width:{value * 100:.0f}%"></i></div></div>'
        )
    sev = " ".join(f'<span class="sev {k}">{n} {k}</span>' for k, n in s.by_severity.items())
    cards.append(f'<div class="card"><small>findings by severity</small><div>{sev}</div></div>')
    if s.by_kind:
        rows = "".join(
            f"<tr><td><code>{_e(k)}</code></td><td>{n}</td></tr>" for k, n in s.by_kind.items()
        )
        cards.append(
            f'<div class="card"><small>findings by kind</small>'
            f'<table class="kinds">{rows}</table></div>'
        )
    metrics = [f"{k} {v}" for k, v in s.scores.items() if not k.endswith("_signature")]
    if metrics:
        cards.append(
            f'<div class="card"><small>reference metrics</small><div>'
            f"{_e(' · '.join(metrics))}</div></div>"
        )
    return (
        f'<p class="verdict">{_e(s.verdict)} · relation <b>{_e(s.relation)}</b></p>'
        f'<div class="cards">{"".join(cards)}</div>'
        f'<code class="sig">{_e(report.signature)}</code>'
    )


def _filters(report: Report) -> str:
    sev_boxes = "".join(
        f'<label><input type="checkbox" data-filter="sev" value="{k}" checked> {k}'
        f" ({report.summary.by_severity.get(k, 0)})</label>"
        for k in reversed(SEVERITIES)
    )
    kind_boxes = "".join(
        f'<label><input type="checkbox" data-filter="kind" value="{_e(k)}" checked>'
        f" {_e(k)} ({n})</label>"
        for k, n in report.summary.by_kind.items()
    )
    return (
        '<nav class="filters" aria-label="filters">'
        f"<fieldset><legend>severity</legend>{sev_boxes}</fieldset>"
        f"<fieldset><legend>kind</legend>{kind_boxes or 'none'}</fieldset>"
        '<label><input type="checkbox" id="only"> only pairs with findings</label>'
        '<label><input type="checkbox" id="diff" checked> word diff</label>'
        '<span class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/previous finding</span></nav>'
    )


def _findings(report: Report) -> str:
    ranked = sorted(report.findings, key=lambda f: (-severity_rank(f.severity), f.id))
    items = "".join(
        f'<li data-sev="{f.severity}" data-kind="{_e(f.kind)}"><a href="#{f.id}">{f.id}</a>'
        f'<span class="sev {f.severity}">{f.severity}</span><code>{_e(f.kind)}</code>'
        f"{_e(f.message)}</li>"
        for f in ranked
    )
    return f'<ol class="findings">{items or "<li>no findings</li>"}</ol>'


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    anchored: set[str] = set()
    rows = [_row(seg, report, anchored) for seg in segments(report)]
    bodies = "".join(
        "<tbody>" + "".join(rows[i : i + _ROWS_PER_BODY]) + "</tbody>"
        for i in range(0, len(rows), _ROWS_PER_BODY)
    )
    src_lang = _e(report.source.language or "und")
    tgt_lang = _e(report.target.language or "und")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_CSP_HASH}'"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>translaudit report</title><style>{_CSS}</style></head>\n<body>"
        f"<header><h1>translaudit report</h1>{_summary(report)}</header>\n<main>"
        f"{_filters(report)}<h2>Findings ({len(report.findings)})</h2>{_findings(report)}"
        f"<h2>Aligned sentences ({len(rows)} links)</h2>"
        '<table class="pairs"><colgroup><col class="n"><col><col><col class="k"></colgroup>'
        f"<thead><tr><th>#</th><th>source ({src_lang})</th><th>target ({tgt_lang})</th>"
        f"<th>link</th></tr></thead>\n{bodies}</table></main>\n"
        f"<script>{_JS}</script></body></html>\n"
    )
