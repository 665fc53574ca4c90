"""Entity check: JSON golden cases, positive and negative (false-positive traps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translaudit

CASES = json.loads((Path(__file__).parent / "golden" / "entities.json").read_text("utf-8"))["cases"]


def _audit(case):
    src_lang, tgt_lang = case["lang"]
    return translaudit.audit(
        case["source"],
        case["target"],
        source_lang=src_lang,
        target_lang=tgt_lang,
        checks=("entity",),
    )


def _matches(item, f):
    if not f.kind.startswith(item["kind"]):
        return False
    for side in ("source", "target"):
        if side in item:
            span = getattr(f, side)
            if span is None or item[side] not in span.text:
                return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case):
    report = _audit(case)
    for item in case.get("expect", []):
        assert any(_matches(item, f) for f in report.findings), (item, report.findings)
    for family in case.get("forbid", []):
        bad = [f for f in report.at_or_above("major") if f.kind.startswith(family)]
        assert bad == [], bad


NAMES = ["Halvorsen", "Marrowby", "Kestrelton", "Ostrava", "Vilnius", "Okonkwo", "Zubrowski"]


@given(name=st.sampled_from(NAMES), data=st.data())
def test_renaming_a_name_in_a_copy_is_always_found(name, data):
    i = data.draw(st.integers(0, len(name) - 2), label="position")
    letter = data.draw(st.sampled_from("aeioukrstz").filter(lambda c: c != name[i + 1].lower()))
    garbled = name[: i + 1] + letter + name[i + 2 :]
    text = f"The report on {name} was published on Monday. Critics welcomed it."
    report = translaudit.audit(
        text, text.replace(name, garbled), source_lang="en", target_lang="en", checks=("entity",)
    )
    assert any(f.kind.startswith("entity") and f.severity == "major" for f in report.findings)
