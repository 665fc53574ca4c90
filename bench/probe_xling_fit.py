"""Probe (session 8, branch xling8): per-item features of the cross-lingual omission signals,
cached as JSON lines, for fitting one decision rule that serves Guerreiro and DEMETR xx-en.

Run from the repository root (features once, then any number of fits over the cache)::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_xling_fit.py \\
        features --sets guerreiro --out /tmp/xling8/guerreiro.jsonl

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_xling_fit.py \\
        fit /tmp/xling8/guerreiro.jsonl /tmp/xling8/demetr.jsonl

One sentence pair per item (omission, addition and ``none`` items of the dev half,
``--split`` for others; each row carries its split), scored as the coverage check scores a
one-sentence link: the length z, the dropped-phrase probe's gains (USE-m3), multilingual-e5's
cosine of the pair and its gain when the USE-best cut is deleted, and a few surface features
(source length, a lost number or name, punctuation). ``fit`` reads the dev rows, cross-validates a
logistic combination of each candidate feature set within dev (5 folds; each set and class
weighs the same), fits the chosen one on all of dev and prints the shipped, rounded rule's
figures at a few thresholds. See docs/checks.md, "Session 8, branch xling8". ``nested``
(session 10) cross-validates the threshold too, to see whether the shipped constants are
over-fitted to dev ("Session 10, branch omission10").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import XLING_SETS, Item, is_dev, length_z

from translaudit import _e5
from translaudit._checks._signals import dropped_names, lost_number, phrase_cuts
from translaudit._embed import covers, embed
from translaudit._entities._extract import zipf

_SETS = XLING_SETS
F64 = npt.NDArray[np.float64]
Row = dict[str, Any]
_END = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", ")")


_LOWER = regex.compile(r"\p{Ll}\p{L}+")


def _unknown(text: str, lang: str) -> float:
    """Share of the lower-case words that wordfreq does not know (typos, lost umlauts:
    noisy web text); 0 for Chinese and Japanese, which it cannot cut into words here."""
    if lang in ("zh", "ja"):
        return 0.0
    found = _LOWER.findall(text)
    return sum(zipf(w, lang) == 0 for w in found) / max(1, len(found))


def features(item: Item) -> Row:
    src, tgt = item.src.strip(), item.tgt.strip()
    z = length_z(item)
    row: Row = {
        "id": item.id,
        "dev": is_dev(item.id),
        "labels": sorted(set(item.labels) & {"omission", "addition", "none"}),
        "lang": item.src_lang,
        "tgt_lang": item.tgt_lang,
        "z": z,
        "src_chars": float(len(src)),
        "tgt_chars": float(len(tgt)),
        "lost_num": lost_number(src, tgt),
        "lost_name": len(dropped_names(src, tgt, 0, len(src), item.src_lang)),
        "unk_src": _unknown(src, item.src_lang),
        "unk_tgt": _unknown(tgt, item.tgt_lang),
        "src_end": src.endswith(_END),
        "tgt_end": tgt.endswith(_END),
        "src_alpha": sum(c.isalpha() for c in src) / max(1, len(src)),
        "use": covers(item.src_lang) and covers(item.tgt_lang),
    }
    if not row["use"] or z > 1.0 or len(src) < 30:
        return row  # outside any gate tried: the probe's gains are not computed
    cuts = phrase_cuts(src)
    if not cuts:
        row["use"] = False
        return row
    v = np.asarray(embed([tgt, src] + [src[:a] + src[b:] for a, b in cuts], required=True))
    base = float(v[1] @ v[0])
    gains = v[2:] @ v[0] - base
    order = np.argsort(-gains)
    best = int(order[0])
    a, b = cuts[best]
    other = [int(k) for k in order if cuts[k][1] <= a or cuts[k][0] >= b]
    room = max(0.05, 1.0 - base)
    row |= {
        "cos": base,
        "gain": float(gains[best]),
        "rel": float(gains[best]) / room,
        "rel2": float(gains[other[0]]) / room if other else 0.0,
        "pos_share": float(np.mean(gains > 0)),
        "cut_share": (b - a) / len(src),
        "n_cuts": float(len(cuts)),
    }
    e = _e5.queries([tgt, src, src[:a] + src[b:]])
    row |= {"e5_cos": float(e[1] @ e[0]), "e5_gain": float(e[2] @ e[0] - e[1] @ e[0])}
    return row


#: Candidate features (row keys or derived below); the fit's choice is the first.
FEATURE_SETS: tuple[tuple[str, ...], ...] = (
    ("z", "rel", "num", "de", "loose"),
    ("z", "rel"),
    ("z", "rel", "num", "loose"),
    ("z", "rel", "num", "de", "loose", "name"),
    ("z", "rel", "num", "de", "loose", "cut"),
    ("z", "rel", "num", "de", "loose", "unk"),
    ("z", "rel", "num", "de", "loose", "unk_src", "unk_tgt"),
    ("z", "rel", "num", "de", "loose", "src_alpha"),
    ("z", "rel", "num", "de", "loose", "cos"),
    ("z", "rel", "num", "de", "loose", "rel2"),
    ("z", "rel", "num", "de", "loose", "lsrc"),
    ("z", "rel", "num", "loose", "cos"),
    ("z", "rel", "num", "de", "loose", "ends"),
    ("z", "rel", "cos", "lsrc", "e5_cos", "e5_gain"),
    ("z", "rel", "gain", "cos", "rel2", "loose", "cut_share", "lsrc", "num", "ends",
     "src_alpha", "de", "e5_cos", "e5_gain"),
)  # fmt: skip


def _x(r: Row, names: tuple[str, ...]) -> list[float]:
    derived = {
        "lsrc": math.log(r["src_chars"]),
        "de": float(r["lang"] == "de"),
        "num": float(r["lost_num"]),
        "ends": float(r["src_end"] and r["tgt_end"]),
        "loose": r.get("pos_share", 0.0),
        "name": float(r["lost_name"] > 0),
        "cut": float(r["src_end"] and not r["tgt_end"]),
        "unk": r.get("unk_src", 0.0) + r.get("unk_tgt", 0.0),
    }
    return [float(derived[n]) if n in derived else float(r[n]) for n in names]


def logistic(x: F64, y: F64, w: F64, l2: float = 1.0) -> F64:
    """Weighted L2-penalised logistic regression by Newton steps: [bias, coefficients]."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xb @ beta)))
        step = np.linalg.solve(
            (xb * (w * p * (1 - p))[:, None]).T @ xb + reg, xb.T @ (w * (p - y)) + reg @ beta
        )
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def _gated(r: Row) -> bool:
    """Where the coverage check asks the probe: USE-m3 languages, 60+ source characters,
    -3.5 < z <= 0."""
    return "rel" in r and r["src_chars"] >= 60 and -3.5 < r["z"] <= 0


def _flags(rows: list[Row], score: dict[int, float], t: float) -> list[bool]:
    """The coverage check's decision for one-sentence links, with ``score`` on gated rows."""
    out = []
    for i, r in enumerate(rows):
        if r["z"] <= -3.5:
            out.append(True)
        elif not r["use"] and "rel" not in r:
            out.append(r["z"] <= -2.5 and not covers(r["lang"]))  # no probe: length alone
        else:
            out.append(i in score and score[i] > t)
    return out


def report(rows: list[Row], flags: list[bool], label: str) -> tuple[str, dict[str, float]]:
    cells, rates = [], {}
    for name in ("guerreiro", "demetr"):
        got = [(f, r) for r, f in zip(rows, flags, strict=True) if r["set"] == name]
        pos = [f for f, r in got if "omission" in r["labels"]]
        neg = [f for f, r in got if r["labels"] == ["none"]]
        if pos and neg:
            rates[name], rates[name + " fpr"] = float(np.mean(pos)), float(np.mean(neg))
            cells.append(
                f"{name} {100 * np.mean(pos):4.1f}% ({sum(pos)}/{len(pos)}) @ "
                f"{100 * np.mean(neg):3.1f}% ({sum(neg)}/{len(neg)})"
            )
    return f"{label:34s} " + " | ".join(cells), rates


def _best(rows: list[Row], score: dict[int, float], gmax: float = 0.04) -> tuple[float, str]:
    """The threshold of most recall (both sets) with Guerreiro's controls at most ``gmax``
    flagged and DEMETR's at most 4.5%."""
    best: tuple[float, float, str] = (-1.0, 0.0, "")
    for t in sorted(set(np.round(list(score.values()), 3))):
        line, rates = report(rows, _flags(rows, score, t), "")
        if rates["guerreiro fpr"] <= gmax and rates["demetr fpr"] <= 0.045:
            key = rates["guerreiro"] + rates["demetr"]
            if key > best[0]:
                best = (key, float(t), line)
    return best[1], best[2]


def design(rows: list[Row]) -> tuple[list[int], Any, Any, Any]:
    """The gated rows' indices, their labels (omission 1, control 0), their weights (each
    (set, class) weighs the same: one rule for two sets of different sizes) and their
    five folds (by a hash of the id)."""
    idx = [i for i, r in enumerate(rows) if _gated(r)]
    y = np.array([float("omission" in rows[i]["labels"]) for i in idx])
    sets = np.array([rows[i]["set"] for i in idx])
    w = np.zeros(len(idx))
    for name in ("guerreiro", "demetr"):
        for c in (0.0, 1.0):
            m = (sets == name) & (y == c)
            w[m] = 1.0 / max(1, int(m.sum()))
    w *= len(idx) / w.sum()
    fold = np.array([hashlib.md5(rows[i]["id"].encode()).digest()[0] % 5 for i in idx])
    return idx, y, w, fold


def cross_validate(
    rows: list[Row], feature_sets: Sequence[Sequence[str]]
) -> tuple[list[int], Any, Any, Any]:
    """Prints, for each feature set, the five-fold cross-validated weighted logistic score's
    best threshold (:func:`_best`); returns :func:`design`'s arrays."""
    idx, y, w, fold = design(rows)
    print("five-fold cross-validated within dev (best threshold, Guerreiro <= 4.0%):")
    for names in feature_sets:
        x = np.array([_x(rows[i], names) for i in idx])
        xs = (x - x.mean(0)) / (x.std(0) + 1e-9)
        cv = np.zeros(len(idx))
        for k in range(5):
            beta = logistic(xs[fold != k], y[fold != k], w[fold != k])
            cv[fold == k] = beta[0] + xs[fold == k] @ beta[1:]
        print(" ", _best(rows, dict(zip(idx, cv.tolist(), strict=True)))[1], "+".join(names))
    return idx, y, w, fold


def _fit(caches: list[str]) -> None:
    rows: list[Row] = []
    for c in caches:
        with Path(c).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    rows = [r for r in rows if r["dev"] and (r["labels"] == ["none"] or "omission" in r["labels"])]
    old = {i: r["rel"] - 0.08 * r["z"] for i, r in enumerate(rows) if _gated(r)}
    print(report(rows, _flags(rows, old, 0.34), "session 6 rule (rel - 0.08 z > 0.34)")[0])
    idx, y, w, _ = cross_validate(rows, FEATURE_SETS)
    names = FEATURE_SETS[0]
    x = np.array([_x(rows[i], names) for i in idx])
    mu, sd = x.mean(0), x.std(0) + 1e-9
    beta = logistic((x - mu) / sd, y, w)
    raw = beta[1:] / sd
    bias = beta[0] - float((raw * mu).sum())
    scale = raw[names.index("rel")]
    print(
        f"fit on all of dev, in units of relative gain: bias {bias / scale:+.4f}, "
        + ", ".join(f"{n} {c / scale:+.4f}" for n, c in zip(names, raw, strict=True))
    )
    shipped = {"z": -0.075, "rel": 1.0, "num": 0.15, "de": -0.05, "loose": -0.25}
    score = {i: sum(shipped[n] * v for n, v in zip(names, _x(rows[i], names), strict=True))
             for i in idx}  # fmt: skip
    for t in (0.2, 0.21, 0.215, 0.22, 0.23, 0.24):
        print(report(rows, _flags(rows, score, t), f"shipped, rounded, over {t}")[0])


def nested(rows: list[Row], names: tuple[str, ...], l2: float = 1.0) -> dict[int, float]:
    """Session 10: the weighted logistic score cross-validated with its threshold too (fitted
    and chosen, :func:`_best`, on four folds of dev, applied to the fifth), as score minus
    threshold per gated row: whether the shipped constants are over-fitted to dev."""
    idx, y, w, fold = design(rows)
    x = np.array([_x(rows[i], names) for i in idx])
    every = np.array([hashlib.md5(r["id"].encode()).digest()[0] % 5 for r in rows])
    out: dict[int, float] = {}
    for k in range(5):
        tr = fold != k
        mu, sd = x[tr].mean(0), x[tr].std(0) + 1e-9
        beta = logistic((x[tr] - mu) / sd, y[tr], w[tr], l2)
        s = beta[0] + ((x - mu) / sd) @ beta[1:]
        sub = [j for j in range(len(rows)) if every[j] != k]
        at = {j: n for n, j in enumerate(sub)}
        t, _ = _best(
            [rows[j] for j in sub],
            {at[i]: float(v) for i, v in zip(idx, s, strict=True) if i in at},
        )
        out |= {i: float(v) - t for i, v, f in zip(idx, s, fold, strict=True) if f == k}
    return out


def _nested(caches: list[str]) -> None:
    rows: list[Row] = []
    for c in caches:
        with Path(c).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    rows = [r for r in rows if r["dev"] and (r["labels"] == ["none"] or "omission" in r["labels"])]
    for names, l2 in (
        (FEATURE_SETS[0], 1.0), (FEATURE_SETS[0], 10.0), (FEATURE_SETS[0], 50.0),
        (("z", "rel"), 1.0), (("z", "rel", "num", "loose"), 1.0), (("z", "rel", "num", "de"), 1.0),
    ):  # fmt: skip
        label = f"nested {'+'.join(names)} L2 {l2:g}"
        print(report(rows, _flags(rows, nested(rows, names, l2), 0.0), label)[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("features")
    f.add_argument("--sets", default=",".join(_SETS))
    f.add_argument("--out", required=True)
    f.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    fit = sub.add_parser("fit")
    fit.add_argument("cache", nargs="+")
    nest = sub.add_parser("nested")
    nest.add_argument("cache", nargs="+")
    args = ap.parse_args()
    if args.cmd == "fit":
        _fit(args.cache)
        return
    if args.cmd == "nested":
        _nested(args.cache)
        return
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    spent, n = 0.0, 0
    with out.open("w", encoding="utf-8") as fh:
        for name in args.sets.split(","):
            for it in _SETS[name]():
                if not set(it.labels) & {"omission", "addition", "none"}:
                    continue
                if args.split != "all" and is_dev(it.id) != (args.split == "dev"):
                    continue
                if min(len(it.src.strip()), len(it.tgt.strip())) < 12:
                    continue
                t0 = time.process_time()
                row = features(it)
                spent += time.process_time() - t0
                n += 1
                row["set"] = name
                fh.write(json.dumps(row) + "\n")
    print(f"{n} pairs, {1000 * spent / max(1, n):.0f} ms CPU per pair", file=sys.stderr)


if __name__ == "__main__":
    main()
