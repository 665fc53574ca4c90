"""Per-item verdicts on the dev halves of the entity benchmark, to diff two versions (entities10).

Usage: ``.venv/bin/python bench/probe_entity_dev.py OUT.json [--only xx-en|en-en|guerreiro]``
then ``.venv/bin/python bench/probe_entity_dev.py --diff OLD.json NEW.json``. Test items are
skipped before they are audited.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_entities import _items, _labels, ours, split_of

SETS = {
    "xx-en": ("demetr", "demetr_xx-en.jsonl"),
    "en-en": ("demetr", "demetr_en-en.jsonl"),
    "guerreiro": ("guerreiro2023_hallucinations_deen", "guerreiro2023_deen.jsonl"),
}
LABELS = ("named_entity", "omission_named_entity", "none")


def _label(item: dict[str, object]) -> str | None:
    labels = _labels(item)
    if labels == ["none"]:
        return "none"
    return next((lab for lab in LABELS if lab in labels), None)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?")
    ap.add_argument("--only", default="")
    ap.add_argument("--diff", nargs=2)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    if args.diff:
        old, new = (json.loads(Path(p).read_text()) for p in args.diff)
        for key in sorted(set(old) & set(new)):
            if old[key][1] != new[key][1]:
                print(f"{key}: {old[key][0]} {old[key][1]} -> {new[key][1]}")
        for version in (old, new):
            print(Counter((v[0], v[1]) for v in version.values()))
        return 0
    root = Path(args.shared) / "bench" / "detect"
    verdicts: dict[str, tuple[str, bool]] = {}
    for name, (folder, file) in SETS.items():
        if args.only not in name:
            continue
        for item in _items(root / folder / file):
            label = _label(item)
            if label is None or split_of(item) != "dev":
                continue
            verdicts[f"{name}|{item['id']}|{item['src_lang']}"] = (label, ours(item))
    Path(args.out).write_text(json.dumps(verdicts, indent=0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
