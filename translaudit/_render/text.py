"""Terminal text, coloured by severity when asked (the CLI asks when stdout is a TTY and
``NO_COLOR`` is unset)."""

from __future__ import annotations

from .._model import Report

__all__ = ["render_text"]

_COLORS = {"critical": "\033[1;31m", "major": "\033[31m", "minor": "\033[33m", "neutral": "\033[2m"}
_RESET = "\033[0m"


def render_text(report: Report, *, color: bool = False) -> str:
    """One line per finding, then the summary and the signature."""
    lines = []
    for f in report.findings:
        sev = f"{f.severity:<8}"
        if color:
            sev = f"{_COLORS.get(f.severity, '')}{sev}{_RESET}"
        where = []
        if f.source is not None:
            where.append(f"src {f.source.start}-{f.source.end}")
        if f.target is not None:
            where.append(f"tgt {f.target.start}-{f.target.end}")
        lines.append(f"{f.id} {sev} {f.kind:<20} {f.message}  [{', '.join(where)}]")
    s = report.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.by_severity.items() if n)
    lines.append("")
    lines.append(f"{s.verdict}")
    lines.append(
        f"coverage: source {s.source_coverage:.0%}, target {s.target_coverage:.0%}; "
        f"findings: {counts or 'none'}"
    )
    if s.mqm:
        lines.append(
            f"MQM penalty: {s.mqm['per_100_words']:.1f} per 100 words "
            f"({s.mqm['penalty']:g} points, {s.mqm['words']} words)"
        )
    lines.append(f"signature: {report.signature}")
    return "\n".join(lines) + "\n"
