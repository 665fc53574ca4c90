"""Replay the fresh-word score on wider candidate sets (session 8, branch detect9): reads a
file of ``bench/probe_fresh_kinds.py`` (DEMETR en-en **dev**), keeps the candidates of the
kinds asked for, takes the three best by USE-m3 gain (positive) per link as the rule does,
and fits the logistic score (``bench/fit_fresh_words.py``'s features, plus an indicator per
extra kind) or applies given weights; prints dev recall / false alarms, in-sample and
five-fold cross-validated by item, at thresholds around 0.

    .venv/bin/python bench/fit_fresh_kinds.py /tmp/k_dev.jsonl --kinds low,cap,stem
    .venv/bin/python bench/fit_fresh_kinds.py /tmp/k_dev.jsonl --kinds low \
        --weights 327,1.37,1.08,0.88,0.23,-5.18
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_fresh_words import fit_and_report

TOP = 3


def _tokens(gold: list[str]) -> set[str]:
    return {t.lower() for g in gold for t in re.findall(r"[\w'-]+", g)}


def _kind(c: dict[str, Any]) -> str:
    """``cap`` split: ``adj`` for a nationality or region adjective ("Asian", "Swedish")."""
    if c["kind"] == "cap" and c["w"].endswith(("an", "ese", "ish")):
        return "adj"
    return str(c["kind"])


def _candidates(
    rows: list[dict[str, Any]], kinds: list[str], extra: list[str], loose: bool, gate: float
) -> tuple[list[tuple[int, list[float], bool]], int]:
    out, missing = [], 0
    for r, row in enumerate(rows):
        gold = _tokens(row["gold"]) if loose else {g.lower() for g in row["gold"]}
        for link in row["links"]:
            if not row.get("reached", True) and link["z"] < gate:
                continue
            cands = [c for c in link["cands"] if _kind(c) in kinds and c["use"] > 0]
            for c in sorted(cands, key=lambda c: -c["use"])[:TOP]:
                if c["e5"] is None:
                    missing += 1
                    continue
                x = [c["e5"], c["content"], c["head_shared"], c["bridge"], link["z"]]
                x += [_kind(c) == k for k in extra]
                hit = row["label"] == "addition" and c["w"].lower() in gold
                out.append((r, [float(v) for v in x], hit))
    return out, missing


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("--kinds", default="low")
    ap.add_argument("--extra", default="", help="kinds that get an indicator feature")
    ap.add_argument("--loose", action="store_true", help="any word of a gold phrase is positive")
    ap.add_argument("--weights", default="")
    ap.add_argument(
        "--gate", type=float, default=99.0, help="unreached items (--ungated probe) from this z"
    )
    args = ap.parse_args()
    with Path(args.features).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    kinds, extra = args.kinds.split(","), [k for k in args.extra.split(",") if k]
    cands, missing = _candidates(rows, kinds, extra, args.loose, args.gate)
    positive = sum(bool(c[2]) for c in cands)
    print(f"{len(cands)} candidates, {positive} positive, {missing} without e5")
    fit_and_report(rows, cands, args.weights, np.arange(-0.6, 0.61, 0.2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
