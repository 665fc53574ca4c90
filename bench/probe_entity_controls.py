"""List the dev-half faithful items that get a major+ entity finding (session 9, entities10).

Usage: ``.venv/bin/python bench/probe_entity_controls.py SET [--shared ../shared]`` where SET is
``xx-en``, ``en-en`` or ``guerreiro``. Prints each flagged dev control with its findings' kind,
rule (``details``) and spans. Dev half only: test items are skipped before they are audited.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_entities import _findings, _items, _labels, split_of


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=("xx-en", "en-en", "guerreiro"))
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    root = Path(args.shared) / "bench" / "detect"
    if args.set == "guerreiro":
        path = root / "guerreiro2023_hallucinations_deen" / "guerreiro2023_deen.jsonl"
    else:
        path = root / "demetr" / f"demetr_{args.set}.jsonl"
    flagged = total = 0
    for item in _items(path):
        if _labels(item) != ["none"] or split_of(item) != "dev":
            continue
        total += 1
        found = _findings(item)
        if not found:
            continue
        flagged += 1
        print(f"--- {item['id']} [{item['src_lang']}]")
        print("  S:", item["source"])
        print("  T:", item["translation"])
        for f in found:
            src = f.source.text if f.source else None
            tgt = f.target.text if f.target else None
            print(f"  F: {f.kind} {f.severity} src={src!r} tgt={tgt!r}")
            print(f"     {f.message}")
            print(f"     {dict(f.details)}")
    print(f"{flagged}/{total} dev controls flagged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
