"""Added words across languages USE-m3 cannot judge (Czech, Hindi sources of DEMETR xx-en):
what a cheaper form of session 10's ``_wide_word`` (branch addition10, not merged) would
find (session 11, branch addition11, issue 6). addition10 deleted every lower-case target
word of three letters or more with multilingual-e5 (one sentence-length text per word,
~0.6 s of CPU a link) and read the two best words' own latent terms. Here each link records,
for every such word: its e5 deletion gain, its Zipf frequency, and the e5 cosine of the word
*alone* to the source and to the target (a one-word text costs about a sixth of a sentence),
and, for the four best by gain, the sum of its own latent terms (as ``_latent_word``); so
``--fit`` can replay addition10's rule and cheaper ones (gains only for the few words a
cheap prior ranks first) on the same items, cross-validated by item.

    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_wide_word.py --split dev --out /tmp/w_dev.jsonl
    .venv/bin/python bench/probe_wide_word.py --fit /tmp/w_dev.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, is_dev, shared_root
from fit_fresh_words import _fit

import translaudit
from translaudit._checks import coverage
from translaudit._e5 import latent_terms, queries
from translaudit._entities._extract import zipf
from translaudit._features import words

LANGS = ("cs", "hi")
ZS: list[float] = []
TOP_TERMS = 4
DEDUPE = True


def _own(t: dict[int, float], rest: dict[int, float], s: dict[int, float]) -> float:
    return sum(
        x
        for f, x in t.items()
        if x >= coverage._LATENT_W
        and rest.get(f, 0.0) < coverage._LATENT_KEEP * x
        and s.get(f, 0.0) < coverage._LATENT_KEEP * x
    )


def features(src: str, tgt: str, z: float) -> dict[str, Any]:
    cuts = [(a, b) for a, b, w in words(tgt) if w[:1].islower() and len(w) >= 3]
    if not cuts:
        return {"z": z, "cands": []}
    t0 = time.process_time()
    alone = queries([tgt[a:b] for a, b in cuts])
    t1 = time.process_time()
    v = queries([src, tgt, *(tgt[:a] + tgt[b:] for a, b in cuts)])
    base = float(v[1] @ v[0])
    gains = v[2:] @ v[0] - base
    t2 = time.process_time()
    top = sorted(range(len(cuts)), key=lambda k: -gains[k])[:TOP_TERMS]
    terms = latent_terms([src, tgt, *(tgt[: cuts[k][0]] + tgt[cuts[k][1] :] for k in top)])
    assert terms is not None
    s, t = (dict(zip(i.tolist(), w.tolist(), strict=True)) for i, w in terms[:2])
    own = {}
    for k, (ids, ws) in zip(top, terms[2:], strict=True):
        own[k] = _own(t, dict(zip(ids.tolist(), ws.tolist(), strict=True)), s)
    cands = [
        {
            "w": tgt[a:b],
            "g": float(gains[k]),
            "zipf": zipf(tgt[a:b], "en"),
            "ws": float(alone[k] @ v[0]),
            "wt": float(alone[k] @ v[1]),
            "own": own.get(k),
        }
        for k, (a, b) in enumerate(cuts)
    ]
    return {
        "z": z,
        "cos": base,
        "cands": cands,
        "ms_alone": 1000 * (t1 - t0),
        "ms_dense": 1000 * (t2 - t1),
        "ms_terms": 1000 * (time.process_time() - t2) / max(1, len(top)),
    }


def record(split: str, out: str) -> int:
    length_z = coverage.length_z

    def hook(pair: Any, link: Any) -> float | None:
        z = length_z(pair, link)
        if z is not None:
            ZS.append(z)
        return z

    coverage.length_z = hook  # type: ignore[assignment]
    items = [
        i
        for i in demetr(shared_root(), "xx-en")
        if is_dev(i.id) == (split == "dev")
        and i.label in ("addition", "none")
        and i.src_lang in LANGS
    ]
    with Path(out).open("w", encoding="utf-8") as fh:
        for item in items:
            ZS.clear()
            report = translaudit.audit(
                item.src, item.tgt, source_lang=item.src_lang, target_lang=item.tgt_lang
            )
            row = {
                "id": item.id,
                "label": item.label,
                "lang": item.src_lang,
                "flagged": any(f.kind.startswith("addition") for f in report.findings),
                "gold": [e["translation"] for e in item.raw.get("edit_vs_mt") or []],
                "links": [features(item.src, item.tgt, ZS[0])] if len(ZS) == 1 else [],
            }
            fh.write(json.dumps(row) + "\n")
    return 0


PRIORS = {
    "gain": lambda c: c["g"],  # addition10: every word deleted
    "zipf": lambda c: -c["zipf"],  # rarest words first
    "ws": lambda c: -c["ws"],  # words alone least like the source first
    "ws_zipf": lambda c: -c["ws"] - 0.02 * c["zipf"],
}


def _x(link: dict[str, Any], prior: str, m: int, k: int) -> list[float] | None:
    """Features of a link when only the ``m`` candidates the prior ranks first get deletion
    gains, and the ``k`` best of those by gain their latent terms (None: none recorded)."""
    cands = list(link["cands"])
    if DEDUPE:  # one candidate per word form (the rule asks "the" once)
        seen: set[str] = set()
        cands = [c for c in cands if not (c["w"] in seen or seen.add(c["w"]))]
    if prior != "gain":
        cands = sorted(cands, key=PRIORS[prior], reverse=True)[:m]
    ask = sorted(cands, key=lambda c: -c["g"])[:k]
    if not ask:
        return None
    g = ask[0]["g"]
    # own terms were read for the four best words by gain; one outside them counts 0
    own = min(5.0, max(c["own"] or 0.0 for c in ask))
    return [g, own, link["z"]]


def fit(path: str, prior: str, m: int, k: int, bias_shift: float) -> int:
    with Path(path).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    lab = np.array([r["label"] for r in rows])
    n_pos, n_neg = int((lab == "addition").sum()), int((lab == "none").sum())
    flagged = np.array([r["flagged"] for r in rows])

    def rates(flag: np.ndarray) -> str:
        tp, fp = int(flag[lab == "addition"].sum()), int(flag[lab == "none"].sum())
        return f"{100 * tp / n_pos:5.1f}% ({tp}/{n_pos}) @ {100 * fp / n_neg:4.1f}% ({fp}/{n_neg})"

    x, y, idx, texts = [], [], [], 0.0
    for r, row in enumerate(rows):
        for link in row["links"]:
            if not link["cands"] or not (-1.0 <= link["z"] < 2.5):
                continue
            feats = _x(link, prior, m, k)
            if feats is None:
                continue
            n = len(link["cands"])
            texts += (n if prior == "gain" else min(m, n)) + 2
            x.append(feats)
            y.append(float(row["label"] == "addition"))
            idx.append(r)
    xa, ya, ia = np.array(x), np.array(y), np.array(idx)
    print(
        f"{prior} m={m} k={k}: {len(x)} scoped, {texts / max(1, len(x)):.1f} sentence texts a link"
    )
    print(f"  length rule alone {rates(flagged)}")
    w = _fit(xa, ya)
    unit = w / w[0]
    print("  fit, units of e5 gain:", np.round(unit, 4).tolist())
    fold = np.array([hashlib.md5(rows[r]["id"].encode()).digest()[0] % 5 for r in ia])
    cv = np.zeros(len(ia))
    for f in range(5):
        wf = _fit(xa[fold != f], ya[fold != f])
        cv[fold == f] = (xa[fold == f] @ wf[:-1] + wf[-1]) / wf[0]
    ins = xa @ unit[:-1] + unit[-1]
    for t in np.arange(-0.004, 0.0081, 0.002) + bias_shift:
        a = np.zeros(len(rows), dtype=bool)
        b = np.zeros(len(rows), dtype=bool)
        np.logical_or.at(a, ia, ins >= t)
        np.logical_or.at(b, ia, cv >= t)
        print(f"  over {t:+.3f}: {rates(flagged | a)}   cross-validated {rates(flagged | b)}")
    return 0


def auc(path: str) -> int:
    """Where the inserted word ranks among a link's candidates under each prior."""
    with Path(path).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for prior, key in PRIORS.items():
        ranks = []
        for row in rows:
            if row["label"] != "addition":
                continue
            gold = {g.lower() for g in row["gold"]}
            for link in row["links"]:
                order = sorted(link["cands"], key=key, reverse=True)
                hit = [i for i, c in enumerate(order) if c["w"].lower() in gold]
                ranks.append(hit[0] if hit else 99)
        rk = np.array(ranks)
        print(
            f"{prior:8s} inserted word first {int((rk == 0).sum())}, top 2 {int((rk < 2).sum())},"
            f" top 4 {int((rk < 4).sum())}, top 6 {int((rk < 6).sum())},"
            f" absent {int((rk == 99).sum())} of {len(rk)}"
        )
    ms = [
        (ln["ms_alone"], ln["ms_dense"], ln["ms_terms"])
        for r in rows
        for ln in r["links"]
        if "ms_alone" in ln
    ]
    a, d, t = np.mean(ms, 0)
    print(f"ms CPU a link: words alone {a:.0f}, deletions {d:.0f}, latent terms per text {t:.0f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--out")
    ap.add_argument("--fit")
    ap.add_argument("--rank")
    ap.add_argument("--prior", default="gain", choices=tuple(PRIORS))
    ap.add_argument("-m", type=int, default=99)
    ap.add_argument("-k", type=int, default=2)
    ap.add_argument("--shift", type=float, default=0.0)
    args = ap.parse_args()
    if args.fit:
        return fit(args.fit, args.prior, args.m, args.k, args.shift)
    if args.rank:
        return auc(args.rank)
    t0 = time.process_time()
    record(args.split, args.out)
    print(f"{time.process_time() - t0:.1f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
