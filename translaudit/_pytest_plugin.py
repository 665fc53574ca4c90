"""The ``translaudit`` pytest plugin (entry point ``pytest11``), loaded whenever translaudit is
installed; it imports nothing heavy until a test uses it.

* ``translaudit_audit`` fixture: :func:`translaudit.audit`, remembering each report of the test.
* ``--translaudit-report=DIR``: for each failed test, write to ``DIR`` the reports it audited
  (through the fixture, or carried by an :class:`~translaudit.testing.UnfaithfulTranslationError`)
  as JSON, and as HTML when the HTML renderer is available.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ._model import Report

__all__ = ["pytest_addoption", "pytest_runtest_makereport", "translaudit_audit"]

_REPORTS = pytest.StashKey[list["Report"]]()
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_MAX_STEM = 150  # + "-" + 12 hex + "-NN.html" stays well under 255 bytes


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("translaudit")
    group.addoption(
        "--translaudit-report",
        metavar="DIR",
        default=None,
        help="write the translaudit report (JSON, and HTML when available) of each failing "
        "test to DIR",
    )


@pytest.fixture
def translaudit_audit(request: pytest.FixtureRequest) -> Callable[..., Report]:
    """``translaudit.audit``, remembering every report so a failing test's can be saved."""
    from ._audit import audit

    reports = request.node.stash.setdefault(_REPORTS, [])

    def _audit(source: str, target: str, **kwargs: Any) -> Report:
        report = audit(source, target, **kwargs)
        reports.append(report)
        return report

    return _audit


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    outcome = yield
    directory = item.config.getoption("--translaudit-report")
    if directory and outcome.when == "call" and outcome.failed:
        stored = item.stash.get(_REPORTS, None)
        reports = [*stored] if stored is not None else []
        error = call.excinfo.value if call.excinfo is not None else None
        carried = getattr(error, "report", None)
        if carried is not None and all(carried is not r for r in reports):
            reports.append(carried)
        if reports:
            from ._errors import TranslauditError

            # A report that cannot be written must not abort the whole session (pytest
            # turns an exception here into an INTERNALERROR): say so in the test's report.
            try:
                written = _write(Path(directory), item.nodeid, reports)
                note = "reports written: " + ", ".join(str(p) for p in written)
            except (OSError, TranslauditError) as exc:
                note = f"reports not written: {exc}"
            outcome.sections.append(("translaudit", note))
    return outcome


def _write(directory: Path, nodeid: str, reports: list[Report]) -> list[Path]:
    from ._io import write_atomic
    from ._render import FORMATS

    directory.mkdir(parents=True, exist_ok=True)
    stem = _UNSAFE.sub("_", nodeid).strip("_")
    if len(stem) > _MAX_STEM:  # a long parametrize id: "File name too long" (255 bytes)
        digest = hashlib.sha1(nodeid.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
        stem = f"{stem[:_MAX_STEM]}-{digest}"
    paths: list[Path] = []
    for n, report in enumerate(reports, 1):
        suffix = f"-{n}" if len(reports) > 1 else ""
        for fmt, ext in (("json", "json"), ("html", "html")):
            if fmt not in FORMATS:
                continue  # the HTML renderer is optional
            path = directory / f"{stem}{suffix}.{ext}"
            write_atomic(str(path), FORMATS[fmt](report))
            paths.append(path)
    return paths
