"""Markdown for pull-request comments: a summary table, the top findings, collapsible details."""

from __future__ import annotations

from collections import Counter

from .._model import Finding, Report, severity_rank

__all__ = ["render_markdown"]


def _cell(text: str, limit: int = 80, *, code: bool = False) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not code:
        # Input text must not become markup in a pull-request comment (GitHub renders HTML);
        # a code span shows its text literally, and its backticks are replaced below.
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "'")


def _where(f: Finding) -> str:
    parts = []
    if f.source is not None:
        parts.append(f"src `{_cell(f.source.text, 40, code=True)}`")
    if f.target is not None:
        parts.append(f"tgt `{_cell(f.target.text, 40, code=True)}`")
    return " → ".join(parts)


def render_markdown(report: Report, *, top: int = 20) -> str:
    """The report as GitHub-flavoured Markdown."""
    s = report.summary
    lines = [
        "## translaudit report",
        "",
        f"**{s.verdict}** · source coverage {s.source_coverage:.0%} · "
        f"target coverage {s.target_coverage:.0%}",
        "",
        "| severity | findings |",
        "|---|---|",
    ]
    lines += [f"| {sev} | {n} |" for sev, n in s.by_severity.items()]
    if s.mqm:
        lines += [
            "",
            f"MQM penalty: **{s.mqm['per_100_words']:.1f}** per 100 words "
            f"({s.mqm['penalty']:g} points, {s.mqm['words']} target words)",
        ]
    if s.by_kind:
        lines += ["", "| kind | findings |", "|---|---|"]
        lines += [f"| `{kind}` | {n} |" for kind, n in s.by_kind.items()]
    ranked = sorted(report.findings, key=lambda f: (-severity_rank(f.severity), f.id))
    if ranked:
        lines += [
            "",
            f"### Top findings ({min(top, len(ranked))} of {len(ranked)})",
            "",
            "| id | severity | kind | message | where |",
            "|---|---|---|---|---|",
        ]
        for f in ranked[:top]:
            lines.append(
                f"| {f.id} | {f.severity} | `{f.kind}` | {_cell(f.message)} | {_where(f)} |"
            )
    if len(ranked) > top:
        lines += ["", "<details><summary>All findings</summary>", ""]
        lines += [f"- **{f.id}** {f.severity} `{f.kind}`: {_cell(f.message, 200)}" for f in ranked]
        lines += ["", "</details>"]
    kinds = Counter(link.kind for link in report.alignment)
    lines += ["", "<details><summary>Alignment</summary>", ""]
    lines += ["| link | count |", "|---|---|"]
    lines += [f"| {kind} | {n} |" for kind, n in sorted(kinds.items())]
    lines += ["", "</details>"]
    lines += ["", f"<sub>`{report.signature}`</sub>", ""]
    return "\n".join(lines)
