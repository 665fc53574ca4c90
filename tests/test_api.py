"""The public surface: __all__, the exception tree, configuration errors, input errors."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import translaudit
from translaudit import AuditConfig, ConfigError, EmptyInputError, InputError, TranslauditError

EXPECTED_ALL = {
    "CHECKS",
    "FINDING_KINDS",
    "SCHEMA_VERSION",
    "SEVERITIES",
    "AuditConfig",
    "BackendError",
    "ConfigError",
    "DecodeError",
    "Document",
    "EmptyInputError",
    "Finding",
    "InputError",
    "Link",
    "OutputError",
    "Report",
    "Sentence",
    "Span",
    "Summary",
    "TranslauditError",
    "__version__",
    "align",
    "audit",
    "segment",
}


def test_public_names_are_exactly_all():
    assert set(translaudit.__all__) == EXPECTED_ALL
    for name in translaudit.__all__:
        assert hasattr(translaudit, name), name
    public = {n for n in dir(translaudit) if not n.startswith("_")}
    # nothing public leaks besides __all__ and the private subpackages' module names
    leaked = {
        n
        for n in public - EXPECTED_ALL
        if not isinstance(getattr(translaudit, n), type(translaudit))
    }
    assert leaked == set()


def test_every_module_but_init_is_private():
    for info in pkgutil.iter_modules(translaudit.__path__):
        assert info.name.startswith("_") or info.name in {"strategies", "testing", "schema"}, (
            info.name
        )


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (translaudit.InputError, ValueError),
        (translaudit.EmptyInputError, ValueError),
        (translaudit.DecodeError, UnicodeError),
        (translaudit.ConfigError, ValueError),
        (translaudit.BackendError, RuntimeError),
        (translaudit.OutputError, OSError),
    ],
)
def test_exceptions_inherit_root_and_builtin(cls, builtin):
    assert issubclass(cls, TranslauditError)
    assert issubclass(cls, builtin)


def test_config_is_frozen_and_replace_validates():
    config = AuditConfig()
    with pytest.raises(AttributeError):
        config.min_link_score = 0.5  # type: ignore[misc]
    assert config.replace(min_link_score=0.5).min_link_score == 0.5
    with pytest.raises(ConfigError, match=r"min_link_score=1\.5 must be a number from 0 to 1"):
        config.replace(min_link_score=1.5)
    with pytest.raises(ConfigError, match=r"'min_score' is not an audit option"):
        config.replace(min_score=0.5)
    with pytest.raises(ConfigError, match=r"checks='spelling' is not one of"):
        AuditConfig(checks=("number", "spelling"))
    with pytest.raises(ConfigError, match=r"severity\['omission'\]='fatal' is not one of"):
        AuditConfig(severity={"omission": "fatal"})
    # session 10: a misspelt kind used to be accepted and silently ignored
    with pytest.raises(ConfigError, match=r"severity key='entity.garbeld' is not one of"):
        AuditConfig(severity={"entity.garbeld": "minor"})
    assert AuditConfig(severity={"entity": "minor"}).severity_for("entity.garbled", "major") == (
        "minor"
    )


def test_every_finding_kind_can_be_given_a_severity():
    report = translaudit.audit(
        "We paid 400 euros in Paris. The bill came on Monday.",
        "We paid 40 euros in Parris. The bill came on Monday. It was paid twice.",
        source_lang="en",
        target_lang="en",
        severity=dict.fromkeys(translaudit.FINDING_KINDS, "neutral"),
    )
    assert report.findings
    assert {f.severity for f in report.findings} == {"neutral"}


def test_missing_glossary_fails_before_the_alignment(monkeypatch):
    # session 10: the error used to come after segmentation and alignment, and not at all when
    # the entity check was not selected
    import translaudit._audit as audit_module

    def no_segmentation(*args, **kwargs):
        raise AssertionError("segmented before the glossary was read")

    monkeypatch.setattr(audit_module, "segment", no_segmentation)
    with pytest.raises(InputError, match=r"glossary '/nonexistent/terms.csv' cannot be read"):
        translaudit.audit(
            "A text.", "A text.", checks=("number",), glossary="/nonexistent/terms.csv"
        )


@pytest.mark.parametrize(
    ("source", "target", "error", "message"),
    [
        ("", "text", EmptyInputError, "source is empty"),
        ("text", "   \n\t", EmptyInputError, "target is only whitespace"),
        (b"bytes", "text", InputError, "source is bytes"),
        ("text", 42, InputError, "target must be str, not int"),
        # robustness sweep, session 9: a lone surrogate used to pass here and crash every
        # renderer's UTF-8 write later with a UnicodeEncodeError
        ("Cost: 5 \udc80euros.", "Cost: 5 euros.", InputError, r"source has a lone surrogate"),
    ],
)
def test_audit_rejects_bad_input(source, target, error, message):
    with pytest.raises(error, match=message):
        translaudit.audit(source, target)


def test_audit_rejects_bad_language_and_option():
    with pytest.raises(ConfigError, match="source_lang='english'"):
        translaudit.audit("A text.", "A text.", source_lang="english")
    with pytest.raises(ConfigError, match="'fail_on' is not an audit option"):
        translaudit.audit("A text.", "A text.", fail_on="major")


def test_report_is_immutable_and_explains_itself():
    report = translaudit.audit(
        "We paid 400 euros on 3 May.",
        "We paid 40 euros on 3 May.",
        source_lang="en",
        target_lang="en",
    )
    with pytest.raises(AttributeError):
        report.findings = ()  # type: ignore[misc]
    assert report.signature.startswith("translaudit:")
    assert "lid:" in report.signature and "align:" in report.signature
    assert report.summary.is_derivative


def _modules():
    for info in pkgutil.walk_packages(translaudit.__path__, "translaudit."):
        if info.name.endswith("__main__"):
            continue
        yield importlib.import_module(info.name)


@pytest.mark.parametrize("module", list(_modules()), ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_readme_examples():
    from pathlib import Path

    readme = Path(__file__).resolve().parent.parent / "README.md"
    result = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_ci_runs_the_readme_test_command():
    """CI is green only if a new user's install works: .ci/run must run README's command."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    blocks = re.findall(r"```bash\n(.*?)\n```", (root / "README.md").read_text(), re.S)
    command = next(b for b in blocks if "pytest" in b)
    ci = (root / ".ci" / "run").read_text()
    # CI may add steps (pip upgrade, a browser), but never drop one of the README's
    steps = [s.strip() for s in command.split("&&")]
    assert all(step in ci for step in steps), [s for s in steps if s not in ci]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        # robustness sweep, session 9: these raised TypeError from deep inside, or (a str for a
        # list, a non-ASCII "code") were silently accepted
        (lambda: translaudit.align("A cat.", ["A cat."]), InputError, "must be a list of str"),
        (lambda: translaudit.align([None], ["A cat."]), InputError, r"\[0\] is a NoneType"),
        (lambda: translaudit.align(["A."], ["A."], source_lang="english"), ConfigError, "english"),
        (lambda: translaudit.align(["A."], ["A."], config="x"), ConfigError, "AuditConfig"),
        (lambda: translaudit.segment(b"A cat."), InputError, "text must be str, not bytes"),
        (lambda: translaudit.segment("A cat.", segmenter="nltk"), ConfigError, "segmenter="),
        (lambda: translaudit.audit("A cat.", "A cat.", source_lang="şş"), ConfigError, "şş"),
        (lambda: AuditConfig(mqm_weights={"major": float("nan")}), ConfigError, "finite"),
        (lambda: AuditConfig(mqm_weights={"minor": float("inf")}), ConfigError, "finite"),
    ],
)
def test_public_functions_reject_bad_arguments_with_documented_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
