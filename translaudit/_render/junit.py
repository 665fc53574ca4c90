"""JUnit XML, so CI dashboards list findings as failed tests.

One ``<testsuite>`` per check family; each finding is a ``<testcase>`` with a ``<failure>``
(``type`` is the severity), and a family without findings has one passing test case.
``neutral`` findings are reported as skipped: worth seeing, not a failure.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .._model import Finding, Report
from ._segments import xml_safe

__all__ = ["render_junit"]

_FAMILIES = {"coverage": ("omission", "addition", "unrelated"), "number": ("number",)}


def _family(f: Finding) -> str:
    for check, families in _FAMILIES.items():
        if f.family in families:
            return check
    return f.family


def _q(text: str) -> str:
    return quoteattr(xml_safe(text))


def _case(f: Finding) -> str:
    where = []
    for side in (f.source, f.target):
        if side is not None:
            where.append(f"{side.side} {side.start}-{side.end}: {side.text}")
    body = escape(xml_safe("\n".join(where)))
    name = _q(f"{f.id} {f.kind}: {f.message}")
    classname = _q(f"translaudit.{f.kind}")
    if f.severity == "neutral":
        inner = f"<skipped message={_q(f.message)}/>"
    else:
        inner = f"<failure type={_q(f.severity)} message={_q(f.message)}>{body}</failure>"
    return f"  <testcase classname={classname} name={name}>{inner}</testcase>\n"


def render_junit(report: Report) -> str:
    """The report as a JUnit XML ``<testsuites>`` document."""
    families = list(report.config.checks)
    by_family: dict[str, list[Finding]] = {name: [] for name in families}
    for f in report.findings:
        by_family.setdefault(_family(f), []).append(f)
    suites = []
    for name, found in by_family.items():
        failures = sum(1 for f in found if f.severity != "neutral")
        skipped = len(found) - failures
        cases = "".join(_case(f) for f in found) or (
            f'  <testcase classname="translaudit.{name}" name="no {name} findings"/>\n'
        )
        suites.append(
            f' <testsuite name="translaudit.{name}" tests="{max(len(found), 1)}"'
            f' failures="{failures}" errors="0" skipped="{skipped}">\n{cases} </testsuite>\n'
        )
    total = sum(max(len(v), 1) for v in by_family.values())
    failed = sum(1 for f in report.findings if f.severity != "neutral")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="translaudit" tests="{total}" failures="{failed}" errors="0">\n'
        f"{''.join(suites)}</testsuites>\n"
    )
