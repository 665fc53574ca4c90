"""Glossaries: CSV and TBX term lists, their findings, and clear errors for bad files."""

from __future__ import annotations

import pytest
from test_cli import run

import translaudit
from translaudit import ConfigError, DecodeError, InputError

SOURCE = "The delegation flew from Marrowby to Kestrelton on Monday."
FOLLOWED = "Delegacja poleciała w poniedziałek z Marrowby do Kestrelbergu."
BROKEN = "Delegacja poleciała w poniedziałek z Marrowby do Kestrelton."

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>Kestrelton</term></termSec></langSec>
      <langSec xml:lang="pl"><termSec><term>Kestrelberg</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""
TBX2 = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <langSet xml:lang="en-GB"><tig><term>Kestrelton</term></tig></langSet>
    <langSet xml:lang="pl-PL"><ntig><termGrp><term>Kestrelberg</term></termGrp></ntig></langSet>
  </termEntry>
</body></text></martif>
"""


def _audit(target, glossary):
    return translaudit.audit(
        SOURCE, target, source_lang="en", target_lang="pl", checks=("entity",), glossary=glossary
    )


def _glossary_findings(report):
    return [f for f in report.findings if f.kind == "entity.glossary"]


@pytest.fixture
def csv_glossary(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("source,target\n# places\nKestrelton,Kestrelberg\n", "utf-8")
    return str(path)


def test_csv_term_rendered_otherwise_is_a_finding(csv_glossary):
    (f,) = _glossary_findings(_audit(BROKEN, csv_glossary))
    assert f.severity == "major"
    assert f.source.text == "Kestrelton"
    assert f.details["expected"] == ["Kestrelberg"]


def test_csv_term_followed_inflected_is_no_finding_and_overrides_the_guess(csv_glossary):
    report = _audit(FOLLOWED, csv_glossary)
    assert _glossary_findings(report) == []
    # without the glossary "Kestrelbergu" looks like another name for "Kestrelton"
    assert [f for f in report.at_or_above("major") if f.family == "entity"] == []
    assert _audit(FOLLOWED, None).at_or_above("major") != ()


@pytest.mark.parametrize("tbx", [TBX3, TBX2], ids=["tbx3", "tbx2"])
def test_tbx_glossary_uses_the_audit_languages(tmp_path, tbx):
    path = tmp_path / "terms.tbx"
    path.write_text(tbx, "utf-8")
    assert len(_glossary_findings(_audit(BROKEN, str(path)))) == 1
    assert _glossary_findings(_audit(FOLLOWED, str(path))) == []


def test_tab_separated_glossary_with_several_accepted_renderings(tmp_path):
    path = tmp_path / "terms.tsv"
    path.write_text("Kestrelton\tKestrelberg\tKestrelton\n", "utf-8")
    assert _glossary_findings(_audit(BROKEN, str(path))) == []


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        ("Kestrelton\n", InputError, "line 1: expected 'source,target'"),
        ("source,target\n", InputError, "has no entries"),
        ("<tbx><text><body><termEntry>", InputError, "not well-formed"),
        ("<html><body>hello</body></html>", InputError, "neither CSV nor TBX"),
        (b"Kestrelton,Kestrelberg\xff\n", DecodeError, "not UTF-8"),
    ],
)
def test_bad_glossary_file_is_a_clear_error(tmp_path, content, error, words):
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    with pytest.raises(error, match=words) as info:
        _audit(BROKEN, str(path))
    assert str(path) in str(info.value)


def test_missing_glossary_file(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        _audit(BROKEN, str(tmp_path / "nowhere.csv"))


@pytest.mark.parametrize("value", [5, "", "  "])
def test_glossary_option_must_be_a_path(value):
    with pytest.raises(ConfigError, match="glossary="):
        translaudit.AuditConfig(glossary=value)


def test_cli_glossary(tmp_path, csv_glossary):
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text(SOURCE, "utf-8")
    tgt.write_text(BROKEN, "utf-8")
    args = ["audit", str(src), str(tgt), "--source-lang", "en", "--target-lang", "pl"]
    done = run(*args, "--glossary", csv_glossary, "--format", "json")
    assert done.returncode == 1
    assert b"entity.glossary" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("only-one-column\n", "utf-8")
    done = run(*args, "--glossary", str(bad))
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1
    assert "line 1" in done.stderr.decode()
