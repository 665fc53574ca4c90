"""Fit the fresh-word scorer of ``coverage._fresh_word`` (session 8) on a file written by
``bench/probe_fresh_words.py`` for the DEMETR en-en **dev** half, and print its weights and
the dev recall / false-alarm rate at each threshold (in-sample and five-fold
cross-validated by item). A candidate is one of the three target words whose USE-m3
deletion gain is best and positive; it is a positive when it is the word DEMETR inserted.

    .venv/bin/python bench/fit_fresh_words.py /tmp/f_dev.jsonl
    .venv/bin/python bench/fit_fresh_words.py /tmp/f_test.jsonl \
        --weights 327,1.37,1.08,0.88,0.23,-5.18
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

NAMES = ("e5", "content", "head", "bridge", "z")
TOP = 3


def _candidates(rows: list[dict[str, Any]]) -> list[tuple[int, list[float], bool]]:
    out = []
    for r, row in enumerate(rows):
        gold = {g.lower() for g in row["gold"]}
        for link in row["links"] if row.get("reached", True) else []:
            for c in link["cands"]:
                if c.get("e5") is None or c["rank"] >= TOP or c["use"] <= 0:
                    continue
                x = [c["e5"], c["content"], c["head_shared"], c["bridge"], link["z"]]
                out.append(
                    (
                        r,
                        [float(v) for v in x],
                        row["label"] == "addition" and c["w"].lower() in gold,
                    )
                )
    return out


def _fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """L2-regularised (1.0, standardised features) logistic regression by Newton steps;
    weights in raw units, the bias last."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    ridge = np.r_[np.ones(len(w) - 1), 0.0]
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        g = z.T @ (p - y) + ridge * w
        h = (z * (p * (1 - p))[:, None]).T @ z + np.diag(ridge)
        w -= np.linalg.solve(h, g)
    coef = w[:-1] / sd
    return np.r_[coef, w[-1] - float(mu @ coef)]


def _rates(rows: list[dict[str, Any]], flag: npt.NDArray[np.bool_]) -> str:
    add = [i for i, r in enumerate(rows) if r["label"] == "addition"]
    con = [i for i, r in enumerate(rows) if r["label"] == "none"]
    tp, fp = int(flag[add].sum()), int(flag[con].sum())
    recall = f"{100 * tp / len(add):5.1f}% ({tp}/{len(add)})"
    return f"{recall} @ {100 * fp / len(con):4.1f}% ({fp}/{len(con)})"


def report(
    rows: list[dict[str, Any]],
    idx: npt.NDArray[np.int_],
    x: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    base: npt.NDArray[np.bool_],
    w: npt.NDArray[np.float64],
    *,
    fitted: bool,
    cuts: npt.NDArray[np.float64],
) -> None:
    """Prints the rates at each score cut-off; for fitted weights, five-fold cross-validated
    ones beside them (folds by a hash of the item id, so an item's candidates stay together)."""
    score = np.full(len(rows), -np.inf)
    np.maximum.at(score, idx, x @ w[:-1] + w[-1])
    cv = np.full(len(rows), -np.inf)
    if fitted:
        fold = np.array([hashlib.md5(rows[r]["id"].encode()).digest()[0] % 5 for r in idx])
        for f in range(5):
            wf = _fit(x[fold != f], y[fold != f])
            np.maximum.at(cv, idx[fold == f], x[fold == f] @ wf[:-1] + wf[-1])
    print("without the fresh-word rule", _rates(rows, base))
    for t in cuts:
        line = f"score >= {t:+.1f}: {_rates(rows, base | (score >= t))}"
        if fitted:
            line += f"   cross-validated: {_rates(rows, base | (cv >= t))}"
        print(line)


def fit_and_report(
    rows: list[dict[str, Any]],
    cands: Sequence[tuple[int, Sequence[float], bool]],
    weights: str,
    cuts: npt.NDArray[np.float64],
    names: Sequence[str] = (),
) -> None:
    """Fits the score on the candidates (item index, features, positive), or takes the
    comma-separated ``weights``, and prints :func:`report`'s table."""
    x = np.array([c[1] for c in cands])
    y = np.array([c[2] for c in cands], dtype=float)
    idx = np.array([c[0] for c in cands])
    base = np.array([r["base"] for r in rows])
    if weights:
        w = np.array([float(v) for v in weights.split(",")])
    else:
        w = _fit(x, y)
        rounded = np.round(w, 3).tolist()
        print("weights", dict(zip((*names, "bias"), rounded, strict=True)) if names else rounded)
    report(rows, idx, x, y, base, w, fitted=not weights, cuts=cuts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("--weights", default="", help="score with these instead of fitting")
    args = ap.parse_args()
    with Path(args.features).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    fit_and_report(rows, _candidates(rows), args.weights, np.arange(-1.0, 1.01, 0.1), NAMES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
