"""Probe (session 10, branch omission10): how many items of each cross-lingual set name a
weekday or month in the source that the target names in no form
(:func:`translaudit._checks._calendar.lost_dates`), by label. No model is loaded.

    .venv/bin/python bench/probe_dates.py [--split dev|test|all] [--sets demetr,guerreiro] [--show]

``--show`` prints the items (dev only: the rule was written on dev). See docs/checks.md,
"Session 10, branch omission10".
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import XLING_SETS, is_dev

from translaudit._checks._calendar import lost_dates


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="demetr,guerreiro,mqm-zhen,mqm-ende")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    for name in args.sets.split(","):
        counts: Counter[str] = Counter()
        for it in XLING_SETS[name]():
            labels = set(it.labels) & {"omission", "addition", "none"}
            if not labels or (args.split != "all" and is_dev(it.id) != (args.split == "dev")):
                continue
            kind = (
                "omission" if "omission" in labels else "none" if labels == {"none"} else "addition"
            )
            counts[kind] += 1
            lost = lost_dates(it.src, it.tgt, it.src_lang, it.tgt_lang)
            if lost:
                counts[kind + " losing a date"] += 1
                if args.show and args.split == "dev":
                    print(f"  {it.id} {kind}: {[it.src[a:b] for a, b in lost]}")
        print(name, args.split, dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
