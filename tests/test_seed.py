"""The seed pair that started the project (needs ../shared; skipped without it)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import translaudit


def test_seed_scores_clean(shared, tmp_path):
    seeds = shared / "seeds"
    report = tmp_path / "r.json"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "translaudit",
            "audit",
            str(seeds / "original_en.txt"),
            str(seeds / "derivative_mt_en.txt"),
            "--format",
            "json",
            "--output",
            str(report),
        ],
        capture_output=True,
        timeout=300,
    )
    assert out.returncode in (0, 1), out.stderr
    score = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score_audit.py"),
            str(seeds / "expected.json"),
            "seed",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert score.returncode == 0, score.stdout


@pytest.mark.parametrize(
    "name",
    [
        "original_en.txt",
        "derivative_mt_en.txt",
        "unrelated_report_newsweek.txt",
        "unrelated_report_rcsp.txt",
        "unrelated_report_azerbaijan_us.txt",
    ],
)
def test_identity_control(shared, name):
    text = (shared / "seeds" / name).read_text("utf-8")
    report = translaudit.audit(text, text)
    assert report.at_or_above("major") == ()
    assert {link.kind for link in report.alignment} == {"1-1"}


@pytest.mark.parametrize(
    "name",
    [
        "unrelated_report_newsweek.txt",
        "unrelated_report_rcsp.txt",
        "unrelated_report_azerbaijan_us.txt",
    ],
)
def test_unrelated_control(shared, name):
    original = (shared / "seeds" / "original_en.txt").read_text("utf-8")
    report = translaudit.audit(original, (shared / "seeds" / name).read_text("utf-8"))
    assert report.summary.relation == "unrelated"
    assert not report.summary.is_derivative
    assert [f.kind for f in report.findings] == ["unrelated"]
    data = json.loads(report.to_json())
    assert all(not (link["source"] and link["target"]) for link in data["alignment"])
