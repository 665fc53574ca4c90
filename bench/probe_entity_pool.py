"""Faithful text outside the tuned dev controls, to find general causes of false entity alarms
(session 14, branch ent14).

Usage: ``.venv/bin/python bench/probe_entity_pool.py [--only demetr|guerreiro|mqm] [--json OUT]
[--quiet] [--shared ../shared]``. Audits, as bench_entities does (``checks=("entity",)``, major
and above): the DEMETR dev controls (xx-en and en-en; test items are skipped before they are
audited), the Guerreiro ``none`` items (both halves: Guerreiro is not a target metric) and the
WMT21 TED MQM items with no error label (zh-en, en-de). Prints the rate per set and the flagged
items grouped by finding kind and rule (``details["rule"]`` or, failing that, the detail keys).
``--json`` writes the flagged items' keys and kinds, to diff two versions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, guerreiro, mqm, rate
from bench_entities import _findings, split_of

import translaudit


def _pool(shared: str, only: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if "demetr".startswith(only) or only in ("xx-en", "en-en"):
        for mode in ("xx-en", "en-en"):
            if only in ("xx-en", "en-en") and only != mode:
                continue
            for it in demetr(shared, mode):
                if it.labels == ("none",) and split_of(it.raw) == "dev":
                    yield f"demetr {mode}", it.raw
    if "guerreiro".startswith(only):
        for it in guerreiro(shared):
            if it.labels == ("none",):
                yield "guerreiro none", it.raw
    if "mqm".startswith(only):
        for pair in ("zhen", "ende"):
            for it in mqm(shared, pair):
                if it.labels == ("none",):
                    yield f"mqm {pair} none", it.raw


def _rule(f: translaudit.Finding) -> str:
    details = dict(f.details)
    rule = details.get("rule") or details.get("reason") or details.get("pass")
    return str(rule) if rule else ",".join(sorted(details)) or "-"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--only", default="")
    ap.add_argument("--json", default="")
    ap.add_argument("--quiet", action="store_true", help="rates only")
    args = ap.parse_args()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[str, list[str]] = defaultdict(list)
    flagged: dict[str, list[str]] = {}
    for name, item in _pool(args.shared, args.only):
        totals[name][1] += 1
        found = _findings(item)
        if not found:
            continue
        totals[name][0] += 1
        key = f"{name}|{item['id']}|{item['src_lang']}"
        flagged[key] = sorted({f"{f.kind}/{_rule(f)}" for f in found})
        lines = [f"--- {key}", f"  S: {item['source']}", f"  T: {item['translation']}"]
        for f in found:
            src = f.source.text if f.source else None
            tgt = f.target.text if f.target else None
            lines.append(f"  F: {f.kind} {f.severity} src={src!r} tgt={tgt!r} {dict(f.details)}")
        groups[" + ".join(flagged[key])].append("\n".join(lines))
    if not args.quiet:
        for group, entries in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"===== {group}: {len(entries)}")
            print("\n".join(entries))
    for name, (hits, n) in totals.items():
        print(f"{name:<20} {rate(hits, n)}")
    hits = sum(v[0] for v in totals.values())
    print(f"{'pool':<20} {rate(hits, sum(v[1] for v in totals.values()))}")
    if args.json:
        Path(args.json).write_text(json.dumps(flagged, indent=0, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
