"""The report contract: JSON schema, spans, renderers."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema

import translaudit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _example():
    return translaudit.audit(
        (EXAMPLES / "original_en.txt").read_text("utf-8"),
        (EXAMPLES / "translation_en.txt").read_text("utf-8"),
    )


def test_json_follows_schema():
    schema = json.loads(
        resources.files("translaudit").joinpath("schema/report.schema.json").read_text("utf-8")
    )
    data = json.loads(_example().to_json())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == translaudit.SCHEMA_VERSION


def test_spans_are_tight_and_exact():
    report = _example()
    for f in report.findings:
        for side, doc in (("source", report.source), ("target", report.target)):
            span = getattr(f, side)
            if span is not None:
                assert span.text == doc.text[span.start : span.end]
                sentence = doc.sentences[span.sentence]
                assert sentence.start <= span.start <= span.end <= sentence.end
    number = next(f for f in report.findings if f.kind == "number.changed")
    assert (number.source.text, number.target.text) == ("350", "530")


def test_markdown_and_text():
    report = _example()
    md = report.to_markdown()
    assert md.startswith("## translaudit report") and "| major |" in md
    text = report.to_text(color=True)
    assert "\033[31m" in text and report.signature in text
    assert "\033[" not in report.to_text()


def test_ids_are_sequential_and_sorted():
    report = _example()
    assert [f.id for f in report.findings] == [
        f"F{i:04d}" for i in range(1, len(report.findings) + 1)
    ]
