"""Sentence-boundary accuracy of ``translaudit.segment`` (session 11).

Run from the repository root::

    .venv/bin/python bench/bench_segment.py [--shared ../shared]

Two sets, both read in place:

* the research set of ``../shared/research/deps.md`` §2.2 (41 hard sentences in en, pl, de, fr,
  ru, each language joined into one paragraph; ``research/deps_bench/segdata.py``), scored as
  there: boundary precision / recall / F1 over character offsets with whitespace removed, and
  sentences reproduced exactly; plus its five easy 22-sentence paragraphs
  (``sents.py``), right when the count matches;
* DEMETR xx-en ``control_mt`` items (100 a language, 10 languages) joined with one space, per
  side: each join between two items is a gold boundary, so *joins cut* is boundary recall at
  item joins (no precision: an item may hold several sentences). Dev / test by the item after
  the join (``is_dev``).

Both backends (``sentencex``, ``regex``) are measured; speed is CPU µs a sentence on the easy
paragraphs.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, is_dev, shared_root

from translaudit import segment

Split = Callable[[str, str], list[str]]


def _bounds(sents: list[str]) -> set[int]:
    out, pos = set(), 0
    for s in sents:
        pos += len(re.sub(r"\s", "", s))
        out.add(pos)
    return out


def research_set(shared: Path, split: Split) -> str:
    sys.path.insert(0, str(shared / "research" / "deps_bench"))
    gold_sets = importlib.import_module("segdata").GOLD
    easy = importlib.import_module("sents").ALL
    tp = fp = fn = exact = total = 0
    for lang, gold in gold_sets.items():
        pred = split(" ".join(gold), lang)
        g, p = _bounds(gold), _bounds(pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        exact += sum(1 for s in pred if s in gold)
        total += len(gold)
    prec, rec = tp / (tp + fp), tp / (tp + fn)
    easy_ok = sum(len(split(" ".join(ss), lang)) == len(ss) for lang, ss in easy.items())
    n = sum(len(ss) for ss in easy.values()) * 50
    t0 = time.process_time()
    for _ in range(50):
        for lang, ss in easy.items():
            split(" ".join(ss), lang)
    us = (time.process_time() - t0) / n * 1e6
    return (
        f"P {prec:.3f} R {rec:.3f} F1 {2 * prec * rec / (prec + rec):.3f}  exact {exact}/{total}"
        f"  easy paragraphs {easy_ok}/{len(easy)}  {us:.1f} CPU µs/sentence"
    )


def demetr_joins(shared: Path, split_starts: Callable[[str, str], set[int]]) -> str:
    cut = {"dev": 0, "test": 0}
    joins = {"dev": 0, "test": 0}
    by_lang = []
    items_all = [it for it in demetr(shared, "xx-en") if it.raw["demetr_pert_name"] == "control_mt"]
    for lang in sorted({it.src_lang for it in items_all}):
        items = [it for it in items_all if it.src_lang == lang]
        lang_cut = 0
        for side, code in (("src", lang), ("tgt", items[0].tgt_lang)):
            texts = [(it.src if side == "src" else it.tgt).strip() for it in items]
            starts, pos = [], 0
            for t in texts:
                starts.append(pos)
                pos += len(t) + 1
            found = split_starts(" ".join(texts), code)
            for k in range(1, len(items)):
                half = "dev" if is_dev(items[k].id) else "test"
                joins[half] += 1
                hit = starts[k] in found
                cut[half] += hit
                lang_cut += hit
        by_lang.append(f"{lang} {2 * (len(items) - 1) - lang_cut}")
    rates = "  ".join(
        f"{h} {100 * cut[h] / joins[h]:.2f}% ({joins[h] - cut[h]} missed of {joins[h]})"
        for h in ("dev", "test")
    )
    allc, allj = cut["dev"] + cut["test"], joins["dev"] + joins["test"]
    return (
        f"{rates}  all {100 * allc / allj:.2f}% ({allj - allc} missed)\n"
        f"      missed by language: {', '.join(by_lang)}"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    args = ap.parse_args()
    shared = Path(args.shared)
    for backend in ("sentencex", "regex"):

        def split(text: str, lang: str, backend: str = backend) -> list[str]:
            return [s.text for s in segment(text, lang, segmenter=backend)]

        def starts(text: str, lang: str, backend: str = backend) -> set[int]:
            return {s.start for s in segment(text, lang, segmenter=backend)}

        print(f"{backend}:")
        print(f"  research set (deps.md §2.2): {research_set(shared, split)}")
        print(f"  DEMETR control joins cut: {demetr_joins(shared, starts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
