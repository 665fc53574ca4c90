"""translaudit.testing (assert_faithful, assert_findings) and the pytest plugin."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

import translaudit
from translaudit import ConfigError
from translaudit.testing import (
    ExpectedFinding,
    UnfaithfulTranslationError,
    assert_faithful,
    assert_findings,
)

pytest_plugins = ["pytester"]

SRC = "The ferry carries 350 passengers to Marrowby. The council met on Tuesday."
BAD = "The ferry carries 530 passengers to Marowby. The council met on Tuesday."


def _audit(source: str, target: str) -> translaudit.Report:
    return translaudit.audit(source, target, source_lang="en", target_lang="en")


def test_import_translaudit_imports_neither_hypothesis_nor_strategies():
    code = (
        "import sys, translaudit, translaudit.testing; "
        "bad = [m for m in ('hypothesis', 'translaudit.strategies') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def test_assert_faithful_passes_a_faithful_translation_and_returns_the_report():
    report = assert_faithful(SRC, SRC, source_lang="en", target_lang="en")
    assert report.findings == ()


def test_assert_faithful_message_is_a_readable_excerpt_of_the_report():
    with pytest.raises(UnfaithfulTranslationError) as info:
        assert_faithful(SRC, BAD, source_lang="en", target_lang="en")
    message = str(info.value)
    assert message.startswith("2 findings at or above 'major':")
    assert "number.changed" in message and "'350' became '530'" in message
    assert "entity.garbled" in message and "'Marrowby'" in message
    assert "source: The ferry carries 350 passengers to Marrowby." in message
    assert "target: The ferry carries 530 passengers to Marowby." in message
    assert "signature: translaudit:" in message
    assert isinstance(info.value, AssertionError)
    assert {f.kind for f in info.value.findings} == {"number.changed", "entity.garbled"}
    assert info.value.report.target.text == BAD


def test_assert_faithful_ignore_and_fail_on():
    with pytest.raises(UnfaithfulTranslationError, match="1 finding at or above"):
        assert_faithful(SRC, BAD, ignore="entity", source_lang="en", target_lang="en")
    assert_faithful(
        SRC, BAD, ignore=("number.changed", "entity"), source_lang="en", target_lang="en"
    )
    # a minor finding fails only when fail_on says so
    added = SRC.replace("met on Tuesday", "met on Tuesday at 12")
    minor = _audit(SRC, added).findings
    assert minor and all(f.severity == "minor" for f in minor)
    assert_faithful(SRC, added, source_lang="en", target_lang="en")
    with pytest.raises(UnfaithfulTranslationError):
        assert_faithful(SRC, added, fail_on="minor", source_lang="en", target_lang="en")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fail_on": "fatal"}, "fail_on='fatal' is not one of"),
        ({"ignore": 3}, "ignore=3 must be a finding kind"),
        ({"ignore": ["number", ""]}, "holds '', which is not a finding kind"),
        ({"min_link_score": 2.0}, "min_link_score=2.0 must be a number from 0 to 1"),
    ],
)
def test_assert_faithful_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        assert_faithful(SRC, SRC, **kwargs)


def test_assert_findings_exact_by_text_and_by_span():
    report = _audit(SRC, BAD)
    assert_findings(report, [("number.changed", "530"), ("entity.garbled", "Marowby")])
    start = BAD.index("530")
    assert_findings(report, [("number", (start, start + 3)), ExpectedFinding("entity")])
    # exact: an unexpected finding fails, a missing one too, and both are listed
    with pytest.raises(AssertionError) as info:
        assert_findings(report, [("number.changed", "530"), ("repetition", "Marowby")])
    text = str(info.value)
    assert "missing:    repetition text 'Marowby'" in text
    assert "unexpected: F0002 entity.garbled" in text
    assert_findings(report, [("number.changed", "530")], exact=False)
    assert_findings(_audit(SRC, SRC), [])


def test_assert_findings_source_offsets_for_omissions():
    dropped = SRC.split(". ")[0] + "."
    report = _audit(SRC, dropped)
    second = SRC.index("The council")
    assert_findings(report, [("omission", (second, len(SRC)))])
    with pytest.raises(AssertionError, match="missing"):
        assert_findings(report, [("omission", (0, 10))])


def test_expected_finding_matching_rules():
    report = _audit(SRC, BAD)
    number = next(f for f in report.findings if f.family == "number")
    s, t = number.source, number.target
    assert ExpectedFinding("number.changed", source=(s.start, s.end)).matches(number)
    assert ExpectedFinding("number", target=(t.start + 1, t.start + 2)).matches(number)
    assert not ExpectedFinding("number.dropped").matches(number)
    assert not ExpectedFinding("number", target=(0, 3)).matches(number)
    assert not ExpectedFinding("number", text="350 passengers").matches(number)
    assert ExpectedFinding("number", source=(s.start, s.start)).matches(number)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("",), "kind='' must be a finding kind"),
        (("number", (5, 2)), r"source=\(5, 2\) must be a \(start, end\) pair"),
        (("number", None, [1, 2]), r"target=\[1, 2\] must be a \(start, end\) pair"),
    ],
)
def test_expected_finding_validates(args, message):
    with pytest.raises(ConfigError, match=message):
        ExpectedFinding(*args)


def test_assert_findings_rejects_what_is_not_an_expectation():
    report = _audit(SRC, SRC)
    with pytest.raises(ConfigError, match="expected item 'number' must be"):
        assert_findings(report, ["number"])  # type: ignore[list-item]
    with pytest.raises(ConfigError, match="report=None must be a translaudit Report"):
        assert_findings(None, [])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- pytest plugin

PLUGIN_TESTS = """
from translaudit.testing import assert_faithful

SRC = "The ferry carries 350 passengers to Marrowby. The council met on Tuesday."

def test_fixture_passes(translaudit_audit):
    report = translaudit_audit(SRC, SRC, source_lang="en", target_lang="en")
    assert report.findings == ()

def test_fixture_fails(translaudit_audit):
    report = translaudit_audit(SRC, SRC.replace("350", "35"), source_lang="en",
                               target_lang="en")
    assert report.findings == ()

def test_assertion_fails():
    assert_faithful(SRC, SRC.replace("Marrowby", "Marowby"), source_lang="en",
                    target_lang="en")
"""


def test_plugin_is_registered_as_a_pytest11_entry_point():
    names = {e.value for e in entry_points(group="pytest11")}
    assert "translaudit._pytest_plugin" in names


def test_plugin_writes_the_reports_of_failing_tests(pytester):
    pytester.makepyfile(test_pairs=PLUGIN_TESTS)
    result = pytester.runpytest("--translaudit-report=reports")
    result.assert_outcomes(passed=1, failed=2)
    written = sorted(p.name for p in (pytester.path / "reports").iterdir())
    from translaudit._render import FORMATS

    expected = ["test_pairs.py_test_assertion_fails", "test_pairs.py_test_fixture_fails"]
    exts = ["html", "json"] if "html" in FORMATS else ["json"]
    assert written == sorted(f"{stem}.{ext}" for stem in expected for ext in exts)
    data = json.loads((pytester.path / "reports" / f"{expected[1]}.json").read_text("utf-8"))
    assert [f["kind"] for f in data["findings"]] == ["number.changed"]
    data = json.loads((pytester.path / "reports" / f"{expected[0]}.json").read_text("utf-8"))
    assert [f["kind"] for f in data["findings"]] == ["entity.garbled"]
    result.stdout.fnmatch_lines(["*1 finding at or above 'major':*"])


def test_plugin_writes_nothing_without_the_option(pytester):
    pytester.makepyfile(test_pairs=PLUGIN_TESTS)
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=2)
    assert not (pytester.path / "reports").exists()
    assert "--translaudit-report=DIR" in pytester.runpytest("--help").stdout.str()


def test_plugin_survives_a_long_test_id_and_an_unwritable_directory(pytester):
    # session 10: a parametrize id longer than a file name allows raised out of the hook, and
    # pytest stopped the whole session with an INTERNALERROR
    pytester.makepyfile(
        test_long="""
import pytest
LONG = "The ferry carries 350 passengers to Marrowby. " * 8

@pytest.mark.parametrize("src", [LONG], ids=str)
def test_long(translaudit_audit, src):
    report = translaudit_audit(src, src.replace("350", "35"), source_lang="en",
                               target_lang="en")
    assert report.findings == ()
"""
    )
    result = pytester.runpytest("--translaudit-report=reports")
    result.assert_outcomes(failed=1)
    (written,) = {p.stem for p in (pytester.path / "reports").iterdir()}
    assert written.startswith("test_long.py_test_long_The_ferry") and len(written) < 200
    (pytester.path / "blocked").write_text("a file, not a directory", "utf-8")
    result = pytester.runpytest("--translaudit-report=blocked/reports")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*reports not written:*"])
