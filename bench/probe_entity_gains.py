"""Every e5 name question's deletion gain on a half of DEMETR xx-en, to fit thresholds (entities12).

Usage: ``.venv/bin/python bench/probe_entity_gains.py OUT.json [--split dev] [--langs cs,de]``
then ``.venv/bin/python bench/probe_entity_gains.py --sweep OUT.json [OUT2.json ...]``. The
questions are asked in every source language (German too) and always answered "no", so each
item's verdict without e5 is recorded beside the gains; the sweep prints, per language, the
items flagged at each threshold (flagged without e5, or a gain at or above it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_entities import _items, _labels, split_of

import translaudit
import translaudit._checks.entities as checks
from translaudit._e5 import queries

LOG: list[tuple[str, float]] = []
LABELS = ("named_entity", "omission_named_entity")


def _judged(pair: Any) -> bool:
    return not pair.same_language and "entity" in pair.config.checks


def _asked(ctx: Any, name: Any, other: Any, own: Any) -> bool:
    key = (other.text, own.text, name.text)
    at = own.text.find(name.text)
    if key in ctx.unsupported or at < 0 or len(ctx.unsupported) >= checks._UNSUPPORTED_ASKS:
        return False
    cut = own.text[:at] + own.text[at + len(name.text) :]
    v = queries([other.text, own.text, cut])
    LOG.append((name.text, round(float(v[2] @ v[0] - v[1] @ v[0]), 4)))
    ctx.unsupported[key] = False
    return False


def _sweep(paths: list[str]) -> None:
    rows = [r for p in paths for r in json.loads(Path(p).read_text())]
    for t in (0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02):
        cells = []
        for lang in sorted({r["lang"] for r in rows}):
            got = {}
            for label in (*LABELS, "none"):
                part = [r for r in rows if r["lang"] == lang and r["label"] == label]
                hit = sum(r["base"] or any(a[-1] >= t for a in r["asks"]) for r in part)
                got[label] = f"{hit}/{len(part)}"
            cells.append(f"{lang} rem {got[LABELS[1]]} rep {got[LABELS[0]]} ctl {got['none']}")
        print(t, " | ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="*")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--langs", default="")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    if args.sweep:
        _sweep(args.out)
        return 0
    checks.e5_names_judged = _judged  # type: ignore[assignment]
    checks._unsupported = _asked  # type: ignore[assignment]
    checks._E5_DROPPED_SKIP = frozenset()  # German dropped names are asked too
    langs = set(args.langs.split(",")) if args.langs else None
    path = Path(args.shared) / "bench" / "detect" / "demetr" / "demetr_xx-en.jsonl"
    out = []
    for item in _items(path):
        if split_of(item) != args.split or (langs and item["src_lang"] not in langs):
            continue
        labels = _labels(item)
        label = "none" if labels == ["none"] else next((x for x in LABELS if x in labels), None)
        if label is None:
            continue
        LOG.clear()
        report = translaudit.audit(
            item["source"],
            item["translation"],
            source_lang=item["src_lang"],
            target_lang=item["tgt_lang"],
            checks=("entity",),
        )
        base = any(f.family == "entity" for f in report.at_or_above("major"))
        out.append(
            {
                "id": item["id"],
                "lang": item["src_lang"],
                "label": label,
                "base": base,
                "asks": list(LOG),
            }
        )
    Path(args.out[0]).write_text(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
