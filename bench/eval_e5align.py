"""Before/after figures of the word aligner (``coverage._aligned``) on DEMETR xx-en, WMT MQM
TED zh-en or Guerreiro, one half at a time, without auditing everything twice.

Run from the repository root::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/eval_e5align.py \
        demetr dev [--controls N]

Every positive (omission, addition) and control is audited with the aligner off
(``e5_align_links=0``: the code before it) and scored with ``translaudit._wordalign``; every
item whose score passes a threshold while the old audit did not flag it is audited again
with the defaults. Since the aligner only adds findings, that gives the exact "after" flags
of every item. ``--controls`` samples that many controls (seeded) to save time.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import Item, demetr, guerreiro, is_dev, length_z, mqm, shared_root

import translaudit
from translaudit._checks import coverage
from translaudit._wordalign import align


def _kinds(item: Item, **options: int) -> set[str]:
    report = translaudit.audit(
        item.src, item.tgt, source_lang=item.src_lang, target_lang=item.tgt_lang, **options
    )
    return {f.kind.split(".", 1)[0] for f in report.findings}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=("demetr", "zhen", "guerreiro"))
    ap.add_argument("split", choices=("dev", "test"))
    ap.add_argument("--controls", type=int, default=0, help="sample this many (0: all)")
    ap.add_argument(
        "--sweep",
        action="store_true",
        help="also print recall and controls flagged over a grid of the omission gate "
        "(_ALIGN_LOST x _ALIGN_LOST_Z) and the addition threshold, from the same scores",
    )
    args = ap.parse_args()
    load = {
        "demetr": lambda: demetr(shared_root(), "xx-en"),
        "zhen": lambda: mqm(shared_root(), "zhen"),
        "guerreiro": lambda: guerreiro(shared_root()),
    }[args.set]
    items = [i for i in load() if is_dev(i.id) == (args.split == "dev")]
    controls = [i for i in items if i.labels == ("none",)]
    if args.controls:
        random.Random(7).shuffle(controls)
        controls = controls[: args.controls]
    groups = {
        "omission": [i for i in items if i.has("omission")],
        "addition": [i for i in items if i.has("addition")],
        "none": controls,
    }
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    scored: dict[str, tuple[float, float, float]] = {}  # lost, added, z
    for item in {i.id: i for g in groups.values() for i in g}.values():
        before[item.id] = _kinds(item, e5_align_links=0)
        scores = align(item.src, item.tgt)
        z = length_z(item)
        if scores is not None:
            scored[item.id] = (scores.lost, scores.added, z)
        lost = (
            scores is not None
            and z <= coverage._ALIGN_LOST_Z
            and scores.lost > coverage._ALIGN_LOST
        )
        added = (
            scores is not None
            and scores.added + coverage._ALIGN_ADDED_Z * z > coverage._ALIGN_ADDED
        )
        fresh = (lost and "omission" not in before[item.id]) or (
            added and "addition" not in before[item.id]
        )
        after[item.id] = _kinds(item) if fresh else before[item.id]
    for kind in ("omission", "addition"):
        for group in (kind, "none"):
            g = groups[group]
            if not g:
                continue
            b = sum(kind in before[i.id] for i in g)
            a = sum(kind in after[i.id] for i in g)
            what = "recall" if group != "none" else "controls flagged"
            print(
                f"{args.set} {args.split} {kind:<9} {what:<16} n={len(g):<4} "
                f"{100 * b / len(g):5.1f}% ({b}) -> {100 * a / len(g):5.1f}% ({a})"
            )
    if args.sweep:
        _sweep(groups, before, scored)
    return 0


def _sweep(
    groups: dict[str, list[Item]],
    before: dict[str, set[str]],
    scored: dict[str, tuple[float, float, float]],
) -> None:
    """Recall and controls flagged of each kind if the aligner's gate were elsewhere: an
    item counts as flagged when the audit without the aligner flagged it or its scores pass
    the gate (the aligner judges one-sentence pairs, so this is the audit's own answer up
    to the rule that skips a link other rules flagged for both kinds)."""

    def rate(group: str, kind: str, passes: Callable[[float, float, float], bool]) -> str:
        g = groups[group]
        n = sum(kind in before[i.id] or (i.id in scored and passes(*scored[i.id])) for i in g)
        return f"{100 * n / max(1, len(g)):5.1f}% ({n})"

    def omission_gate(lost_gate: float, z_gate: float) -> Callable[[float, float, float], bool]:
        return lambda lo, ad, z: z <= z_gate and lo > lost_gate

    def addition_gate(add_gate: float) -> Callable[[float, float, float], bool]:
        return lambda lo, ad, z: ad + 0.05 * z > add_gate

    print("omission gate: lost > L and z <= Z")
    for z_gate in (-0.25, -0.5, -0.75, -1.0):
        for lost_gate in (0.10, 0.12, 0.14, 0.16, 0.18, 0.20):
            gate = omission_gate(lost_gate, z_gate)
            print(
                f"  L={lost_gate:.2f} Z={z_gate:+.2f}  recall {rate('omission', 'omission', gate)}"
                f"  controls {rate('none', 'omission', gate)}"
            )
    print("addition gate: added + 0.05 z > A")
    for add_gate in (0.20, 0.22, 0.24, 0.26, 0.28, 0.30):
        gate = addition_gate(add_gate)
        print(
            f"  A={add_gate:.2f}  recall {rate('addition', 'addition', gate)}"
            f"  controls {rate('none', 'addition', gate)}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
