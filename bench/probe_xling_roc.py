"""Probe: what recall does each cross-lingual omission/addition signal give at false-positive
rates up to 5%, per set, and which set's controls bind one shared threshold? (Session 7,
branch xling7; docs/checks.md, "Session 7, branch xling7".)

Run from the repository root::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_xling_roc.py \\
        [--split dev|test] [--sets demetr,guerreiro,mqm-zhen,mqm-ende]

One sentence pair per item, scored as the coverage check scores a one-sentence link (no
alignment, no document ratio). Signals: the length z (``-z`` for omissions, ``z`` for
additions); the dropped-phrase probe (``_signals.dropped_phrase``: best relative gain over the
source's phrase cuts) alone and as the rule's score (relative gain - 0.08 z, on a source of
60+ characters with z <= 0); for additions, the best gain over the target's lower-case content
words deleted one at a time. Each signal's recall is read at the threshold that flags 1-5% of
that set's own controls ("own ROC"); then the rule's score is swept over shared thresholds
and every set's recall and FPR printed side by side, which shows the set whose controls stop
the threshold from going lower. Pairs outside USE-m3's languages have no gain (-inf).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import XLING_SETS, Item, is_dev, length_z
from probe_dropped_phrase import word_cuts

from translaudit._checks._signals import phrase_cuts
from translaudit._embed import covers, embed

_SETS = XLING_SETS
_RATES = (0.01, 0.02, 0.03, 0.04, 0.05)
NEG = -math.inf


def _signals(item: Item) -> dict[str, float]:
    z = length_z(item)
    out = {"-z": -z, "z": z, "gain": NEG, "score": NEG, "add gain": NEG}
    if z <= -3.5:
        out["score"] = math.inf  # the rule's length tier
    if not (covers(item.src_lang) and covers(item.tgt_lang)):
        return out
    sc, tc = phrase_cuts(item.src), word_cuts(item.tgt)
    texts = [item.tgt, item.src] + [item.src[:a] + item.src[b:] for a, b in sc]
    texts += [item.tgt[:a] + item.tgt[b:] for a, b in tc]
    v = np.asarray(embed(texts, required=True), dtype=np.float64)
    base = float(v[1] @ v[0])
    room = max(0.05, 1.0 - base)
    if sc:
        rel = float((v[2 : 2 + len(sc)] @ v[0]).max() - base) / room
        out["gain"] = rel
        if len(item.src.strip()) >= 60 and -3.5 < z <= 0:
            out["score"] = rel - 0.08 * z
    if tc:
        out["add gain"] = float((v[2 + len(sc) :] @ v[1]).max() - base)
    return out


def _auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--sets", default=",".join(_SETS))
    args = ap.parse_args()
    rows: dict[str, list[tuple[frozenset[str], dict[str, float]]]] = {}
    spent = 0.0
    for name in args.sets.split(","):
        for it in _SETS[name]():
            labels = frozenset(it.labels) & {"omission", "addition", "none"}
            if is_dev(it.id) != (args.split == "dev") or not labels:
                continue
            if min(len(it.src.strip()), len(it.tgt.strip())) < 12:
                continue
            t0 = time.process_time()
            rows.setdefault(name, []).append((labels, _signals(it)))
            spent += time.process_time() - t0
    head = " ".join(f"@{int(100 * r)}%" for r in _RATES)
    print(f"own ROC ({args.split}): recall at the threshold flagging 1-5% of the set's controls")
    print(f"{'set':10s} {'type':9s} {'signal':8s} {'AUC':>5s}  {head}   (positives/controls)")
    for name, items in rows.items():
        neg_rows = [s for lab, s in items if lab == {"none"}]
        for kind, signals in (
            ("omission", ("-z", "gain", "score")),
            ("addition", ("z", "add gain")),
        ):
            pos_rows = [s for lab, s in items if kind in lab]
            if not pos_rows or not neg_rows:
                continue
            for sig in signals:
                pos = np.array([s[sig] for s in pos_rows])
                neg = np.array([s[sig] for s in neg_rows])
                ok = np.isfinite(neg)
                cells = []
                for r in _RATES:
                    t = np.quantile(neg[ok], 1 - r) if ok.any() else math.inf
                    cells.append(f"{100 * np.mean(pos > t):4.1f}")
                a = _auc(
                    np.nan_to_num(pos, neginf=-9, posinf=9), np.nan_to_num(neg, neginf=-9, posinf=9)
                )
                print(
                    f"{name:10s} {kind:9s} {sig:8s} {a:5.3f}  {'  '.join(cells)}"
                    f"   ({len(pos_rows)}/{len(neg_rows)})"
                )
    print("\nshared threshold on the rule's score (rel. gain - 0.08 z; z <= -3.5 always flagged):")
    for t in (0.18, 0.22, 0.26, 0.30, 0.34, 0.38):
        cells = []
        for name, items in rows.items():
            hits = [s["score"] > t for lab, s in items if "omission" in lab]
            alarms = [s["score"] > t for lab, s in items if lab == {"none"}]
            if hits and alarms:
                cells.append(f"{name} {100 * np.mean(hits):5.1f} @ {100 * np.mean(alarms):4.1f}")
        print(f"  > {t:.2f}: " + " | ".join(cells))
    n = sum(len(v) for v in rows.values())
    print(f"\n{n} pairs, {1000 * spent / max(1, n):.0f} ms CPU per pair")


if __name__ == "__main__":
    main()
