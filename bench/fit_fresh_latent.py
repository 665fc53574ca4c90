"""Test extra features for the fresh-word score (session 9, branch addition9): reads a file of
``bench/probe_fresh_latent.py latent`` (DEMETR en-en **dev**), takes the three best
candidates of the shipped kinds per link (as the rule does), prints each feature's AUC
(the inserted word against the controls' candidates) and refits the logistic score with
the shipped five plus the features asked for (five-fold cross-validated by item).

    .venv/bin/python bench/fit_fresh_latent.py /tmp/l_dev_x.jsonl --add lt_novel,zipf
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_fresh_words import fit_and_report
from probe_fresh_latent import KINDS, TOP, _kind

from translaudit._checks._signals import is_content
from translaudit._entities._extract import zipf
from translaudit._features import fold, words

STEM_TOPICAL: float | None = None  # --stem-topical: the stem kind's topical cosine, fixed
SHIPPED = "327,1.37,1.08,0.88,0.23,-5.18"
AUX = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "do", "does", "did", "not",
}  # fmt: skip
ADJ_ENDINGS = (
    "ous", "ful", "less", "ive", "ic", "ical", "al", "able", "ible", "ent", "ant", "ary",
    "ly", "ish", "ese", "ian", "an", "est", "ier",
)  # fmt: skip


def _shape(link: dict[str, Any], c: dict[str, Any]) -> dict[str, float]:
    tgt, src = link["tgt"], link["src"]
    tw = words(tgt)
    k = next(i for i, (s, _, _) in enumerate(tw) if s == c["span"][0])
    prev = fold(tw[k - 1][2]) if k else ""
    nxt = fold(tw[k + 1][2]) if k + 1 < len(tw) else ""
    src_f = {fold(w) for _, _, w in words(src)}
    src_stems = {f[:4] for f in src_f}
    w = fold(c["w"])
    return {
        "zipf": zipf(c["w"], "en"),
        "ly": float(w.endswith("ly")),
        "aux_adv": float(prev in AUX and w.endswith("ly")),
        "after_article": float(prev in {"a", "an", "the"}),
        "comma_near": float(
            tgt[c["span"][1] : c["span"][1] + 1] == ","
            or tgt[: c["span"][0]].rstrip().endswith(",")
        ),
        "prev_in_src": float(prev in src_f),
        "next_in_src": float(nxt in src_f),
        "both_in_src": float(prev in src_f and nxt in src_f),
        "len": float(len(c["w"])),
        # session 11: an adjective or adverb by its ending (DEMETR inserts one; no tagger)
        "adj_suffix": float(w.endswith(ADJ_ENDINGS)),
        # a modifier slipped between two words the source has (both neighbours' stems)
        "tight": float(prev[:4] in src_stems and nxt[:4] in src_stems and bool(prev and nxt)),
        "nfresh": float(len(link["cands"])),
        # session 12: before a content word the source has with no content modifier of its
        # own (an empty slot: "the *violent* conflict" for "this conflict")
        "slot_empty": _slot_empty(nxt, words(src), {fold(w)[:4] for _, _, w in tw}),
    }


def _slot_empty(nxt: str, src_words: list[tuple[int, int, str]], tgt_stems: set[str]) -> float:
    stems = [fold(w)[:4] for _, _, w in src_words]
    if not nxt or not is_content(nxt) or nxt[:4] not in stems:
        return 0.0
    p = stems.index(nxt[:4])
    before = src_words[p - 1][2] if p else ""
    return float(not before or not is_content(before) or fold(before)[:4] in tgt_stems)


def _rows(rows: list[dict[str, Any]], add: list[str]) -> tuple[Any, Any, Any, Any]:
    out = []
    for r, row in enumerate(rows):
        gold = {g.lower() for g in row["gold"]}
        for link in row["links"]:
            cands = [c for c in link["cands"] if _kind(c) in KINDS and c["use"] > 0]
            for c in sorted(cands, key=lambda c: -c["use"])[:TOP]:
                feats = {**c, **_shape(link, c), "z": link["z"]}
                if STEM_TOPICAL is not None and c["kind"] == "stem":
                    feats["e5_word_rest"] = STEM_TOPICAL
                x = [c["e5"], c["content"], c["head_shared"], c["bridge"], link["z"]]
                x += [feats[a] for a in add]
                hit = row["label"] == "addition" and c["w"].lower() in gold
                out.append((r, [float(v) for v in x], hit, row["label"] == "none", feats))
    return out


def _auc(pos: list[float], neg: list[float]) -> float:
    p, n = np.array(pos), np.array(neg)
    return float(
        ((p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum())
        / (len(p) * len(n))
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("--add", default="")
    ap.add_argument("--weights", default="")
    ap.add_argument("--auc", action="store_true")
    ap.add_argument("--stem-topical", type=float, default=None)
    args = ap.parse_args()
    global STEM_TOPICAL
    STEM_TOPICAL = args.stem_topical
    with Path(args.features).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    add = [a for a in args.add.split(",") if a]
    cands = _rows(rows, add)
    if args.auc:
        names = sorted(k for k, v in cands[0][4].items() if isinstance(v, (int, float, bool)))
        for name in names:
            pos = [float(c[4][name]) for c in cands if c[2] and c[4].get(name) is not None]
            neg = [float(c[4][name]) for c in cands if c[3] and c[4].get(name) is not None]
            if pos and neg:
                print(
                    f"{name:22s} AUC {_auc(pos, neg):.3f}  pos mean {np.mean(pos):8.4f}  "
                    f"controls mean {np.mean(neg):8.4f}"
                )
    positive = sum(bool(c[2]) for c in cands)
    print(f"{len(cands)} candidates, {positive} positive; shipped five and", add)
    fit_and_report(rows, cands, args.weights, np.arange(-0.6, 0.61, 0.2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
