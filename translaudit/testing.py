"""Assertions for tests of translation systems: ``assert_faithful`` and ``assert_findings``.

Plain Python (no hypothesis needed)::

    >>> from translaudit.testing import assert_faithful
    >>> report = assert_faithful("The ferry carries 350 passengers.",
    ...                          "The ferry carries 350 passengers.",
    ...                          source_lang="en", target_lang="en")
    >>> report.findings
    ()
    >>> assert_faithful("The ferry carries 350 passengers.", "The ferry carries 530 passengers.",
    ...                 source_lang="en", target_lang="en")
    Traceback (most recent call last):
    ...
    translaudit.testing.UnfaithfulTranslationError: 1 finding at or above 'major':
    ...

With pytest, the ``translaudit`` plugin (installed with the package) adds the
``translaudit_audit`` fixture and ``--translaudit-report=DIR``, which writes the report of every
failing assertion of this module to ``DIR``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ._audit import audit
from ._errors import ConfigError
from ._model import SEVERITIES, Finding, Report, Span, severity_rank

__all__ = [
    "ExpectedFinding",
    "UnfaithfulTranslationError",
    "assert_faithful",
    "assert_findings",
]

_MAX_SHOWN = 10
_EXCERPT = 160


@dataclass(frozen=True, slots=True)
class ExpectedFinding:
    """A finding a test expects.

    ``kind`` is a full kind (``"number.changed"``) or a family (``"number"``). ``source`` and
    ``target`` are ``(start, end)`` document offsets the finding's span on that side must
    overlap (a check may report a slightly wider or narrower span than the edit: ``€5`` or
    ``5``); ``text`` must equal the text of the finding's source or target span. ``None``
    means "any".

    >>> ExpectedFinding("number", target=(4, 7)).describe()
    'number at target[4:7]'
    """

    kind: str
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or not self.kind:
            raise ConfigError(f"kind={self.kind!r} must be a finding kind such as 'number.changed'")
        for name in ("source", "target"):
            value = getattr(self, name)
            if value is None:
                continue
            if (
                not isinstance(value, tuple)
                or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                or not 0 <= value[0] <= value[1]
            ):
                raise ConfigError(f"{name}={value!r} must be a (start, end) pair of offsets")

    def matches(self, finding: Finding) -> bool:
        """True when ``finding`` is of this kind (or family) and lies where expected."""
        if finding.kind != self.kind and finding.family != self.kind:
            return False
        for want, span in ((self.source, finding.source), (self.target, finding.target)):
            if want is not None and (span is None or not _overlaps(want, span)):
                return False
        texts = {s.text for s in (finding.source, finding.target) if s is not None}
        return self.text is None or self.text in texts

    def describe(self) -> str:
        parts = [self.kind]
        if self.source is not None:
            parts.append(f"at source[{self.source[0]}:{self.source[1]}]")
        if self.target is not None:
            parts.append(f"at target[{self.target[0]}:{self.target[1]}]")
        if self.text is not None:
            parts.append(f"text {self.text!r}")
        return " ".join(parts)


def _overlaps(want: tuple[int, int], span: Span) -> bool:
    start, end = want
    if start == end:  # an empty expectation (an insertion point) is inside or at an edge
        return span.start <= start <= span.end
    return span.start < end and start < span.end


class UnfaithfulTranslationError(AssertionError):
    """Raised by :func:`assert_faithful`; ``report`` is the whole report, ``findings`` the
    ones that failed the assertion."""

    def __init__(self, message: str, report: Report, findings: tuple[Finding, ...]) -> None:
        super().__init__(message)
        self.report = report
        self.findings = findings


def _check_severity(value: object) -> str:
    if value not in SEVERITIES:
        choices = ", ".join(repr(s) for s in SEVERITIES)
        raise ConfigError(f"fail_on={value!r} is not one of: {choices}")
    assert isinstance(value, str)
    return value


def _check_kinds(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise ConfigError(f"ignore={value!r} must be a finding kind or a sequence of kinds")
    kinds = tuple(value)
    for kind in kinds:
        if not isinstance(kind, str) or not kind:
            raise ConfigError(f"ignore={value!r} holds {kind!r}, which is not a finding kind")
    return kinds


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


def _explain(report: Report, failing: tuple[Finding, ...], headline: str) -> str:
    """The headline, the text rendering of the failing findings, and their sentences."""
    shown = failing[:_MAX_SHOWN]
    excerpt = dataclasses.replace(report, findings=shown).to_text()
    lines = [headline, "", excerpt.rstrip("\n"), ""]
    for f in shown:
        lines.append(f"{f.id} {f.kind}: {f.message}")
        if f.source is not None:
            lines.append(f"    source: {_excerpt(report.source.sentences[f.source.sentence].text)}")
        if f.target is not None:
            lines.append(f"    target: {_excerpt(report.target.sentences[f.target.sentence].text)}")
    if len(failing) > len(shown):
        lines.append(f"... and {len(failing) - len(shown)} more")
    return "\n".join(lines)


def assert_faithful(
    source: str,
    target: str,
    *,
    fail_on: str = "major",
    ignore: str | Iterable[str] = (),
    **audit_kwargs: Any,
) -> Report:
    """Audit ``target`` against ``source`` and fail when a finding is at or above ``fail_on``.

    ``ignore`` lists finding kinds or families not to fail on (``"entity.added"``,
    ``"untranslated"``); ``audit_kwargs`` go to :func:`translaudit.audit` (``source_lang``,
    ``config``, any :class:`~translaudit.AuditConfig` field). Returns the report when the
    translation passes. Raises :class:`UnfaithfulTranslationError` (an ``AssertionError``) whose
    message is a readable excerpt of the report, and :class:`~translaudit.ConfigError` for a
    bad ``fail_on`` or ``ignore``.
    """
    threshold = _check_severity(fail_on)
    ignored = _check_kinds(ignore)
    report = audit(source, target, **audit_kwargs)
    failing = tuple(
        f
        for f in report.at_or_above(threshold)
        if f.kind not in ignored and f.family not in ignored
    )
    if failing:
        n = len(failing)
        headline = f"{n} finding{'s' if n != 1 else ''} at or above {threshold!r}:"
        raise UnfaithfulTranslationError(_explain(report, failing, headline), report, failing)
    return report


ExpectedLike = ExpectedFinding | tuple[str, str] | tuple[str, tuple[int, int]]


def _expected(item: object) -> ExpectedFinding:
    if isinstance(item, ExpectedFinding):
        return item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        kind, where = item
        if isinstance(where, str):
            return ExpectedFinding(kind, text=where)
        if isinstance(where, tuple):
            return _spanned(kind, where)
    raise ConfigError(
        f"expected item {item!r} must be an ExpectedFinding, (kind, text) or (kind, (start, end))"
    )


def _spanned(kind: str, where: tuple[Any, ...]) -> ExpectedFinding:
    # (kind, (start, end)) names a target span, or a source span for kinds with no target side
    target_less = kind.split(".", 1)[0] in ("omission",) or kind in ("number.dropped",)
    if target_less:
        return ExpectedFinding(kind, source=where)
    return ExpectedFinding(kind, target=where)


def assert_findings(
    report: Report,
    expected: Sequence[ExpectedLike] | Iterable[ExpectedLike],
    *,
    min_severity: str = "neutral",
    exact: bool = True,
) -> None:
    """Assert that ``report`` has exactly the ``expected`` findings.

    Each expectation is an :class:`ExpectedFinding`, a ``(kind, text)`` pair (the text of the
    finding's source or target span) or a ``(kind, (start, end))`` pair (target offsets; source
    offsets for ``omission`` and ``number.dropped``). Every expectation must be met by its own
    finding; with ``exact`` (the default) every finding at or above ``min_severity`` must also
    be expected. Raises ``AssertionError`` listing what is missing and what is unexpected.

    >>> import translaudit
    >>> report = translaudit.audit("We paid 400 euros.", "We paid 40 euros.",
    ...                            source_lang="en", target_lang="en")
    >>> assert_findings(report, [("number.changed", "40 euros")])
    """
    if not isinstance(report, Report):
        raise ConfigError(f"report={report!r} must be a translaudit Report")
    floor = severity_rank(_check_severity(min_severity))
    wanted = [_expected(item) for item in expected]
    findings = [f for f in report.findings if severity_rank(f.severity) >= floor]
    used: set[int] = set()
    missing: list[ExpectedFinding] = []
    # most specific expectations first, so a family-wide one does not take another's finding
    for exp in sorted(wanted, key=lambda e: -(e.source is not None) - (e.target is not None)):
        hit = next((k for k, f in enumerate(findings) if k not in used and exp.matches(f)), None)
        if hit is None:
            missing.append(exp)
        else:
            used.add(hit)
    unexpected = [f for k, f in enumerate(findings) if k not in used] if exact else []
    if not missing and not unexpected:
        return
    lines = ["the report's findings differ from the expected ones:"]
    lines += [f"  missing:    {e.describe()}" for e in missing]
    lines += [f"  unexpected: {f.id} {f.kind} ({f.severity}) {f.message}" for f in unexpected]
    raise AssertionError("\n".join(lines))
