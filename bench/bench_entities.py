"""Benchmark the entity check on DEMETR, Guerreiro et al. and BBH, next to pofilter ``acronyms``.

Run from the repository root::

    .venv/bin/python bench/bench_entities.py [--shared ../shared] [--show-errors N] [--sample N]

An item counts as flagged when the audit (``checks=("entity",)``, languages given) has an
``entity.*`` finding of severity major or critical. Items are split into a dev half (used to tune
the engine) and a test half by a hash of the sentence they come from, so a DEMETR perturbation,
its control and its xx-en/en-en twins always fall in the same half. The data is read in place
from ``../shared/bench/detect`` and never copied. translate-toolkit (GPL) is optional and only
imported here, never by translaudit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import pofilter, rate

import translaudit

Item = dict[str, Any]
Checker = Callable[[Item], bool]
SPLITS = ("dev", "test", "all")
CASED = frozenset("cs de es fr it pl ru".split())
UNCASED = frozenset("hi ja zh".split())


def _items(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _labels(item: Item) -> list[str]:
    label = item["label"]
    return list(label) if isinstance(label, list) else [label]


def _group(item: Item) -> str:
    """What the split hashes: the underlying sentence, shared by an item's variants."""
    if "sentence_id" in item:
        return f"demetr:{item['sentence_id']}"
    return str(item["id"])


def split_of(item: Item) -> str:
    digest = hashlib.sha256(_group(item).encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def _findings(item: Item) -> list[translaudit.Finding]:
    report = translaudit.audit(
        item["source"],
        item["translation"],
        source_lang=item["src_lang"],
        target_lang=item["tgt_lang"],
        checks=("entity",),
    )
    return [f for f in report.at_or_above("major") if f.family == "entity"]


def ours(item: Item) -> bool:
    return bool(_findings(item))


def _pofilter() -> Checker | None:
    run = pofilter("acronyms")
    return None if run is None else lambda item: run(item["source"], item["translation"])


class Table:
    def __init__(self, peer: Checker | None) -> None:
        self.peer = peer
        if peer is None:
            print("(translate-toolkit not installed: pofilter column skipped)")
        self.cache: dict[str, bool] = {}
        head = f"{'set':<16} {'metric':<24} " + " ".join(f"{s:<20}" for s in SPLITS)
        head += f" {'pofilter acronyms (all)':<22}"
        print(head)
        print("-" * len(head))

    def ours(self, item: Item) -> bool:
        key = f"{item['id']}|{item['src_lang']}"
        if key not in self.cache:
            self.cache[key] = ours(item)
        return self.cache[key]

    def row(self, name: str, metric: str, items: list[Item]) -> None:
        cells = []
        for split in SPLITS:
            part = [i for i in items if split == "all" or split_of(i) == split]
            cells.append(f"{rate(sum(self.ours(i) for i in part), len(part)):<20}")
        peer = rate(sum(self.peer(i) for i in items), len(items)) if self.peer else "-"
        print(f"{name:<16} {metric:<24} " + " ".join(cells) + f" {peer:<22}", flush=True)


def _show(table: Table, items: list[Item], want: bool, limit: int) -> None:
    shown = 0
    for it in items:
        if split_of(it) != "dev" or table.ours(it) == want:
            continue
        print(f"--- {it['id']} [{it['src_lang']}] {'missed' if want else 'false alarm'}")
        print("  S:", it["source"])
        print("  T:", it["translation"])
        if it.get("edit_vs_mt"):
            print("  edit:", it["edit_vs_mt"])
        for f in _findings(it):
            print("  F:", f.kind, f.severity, f.message)
        shown += 1
        if shown >= limit:
            return


def _sample(items: list[Item], n: int) -> list[Item]:
    return items if not n else [i for k, i in enumerate(items) if k % max(1, len(items) // n) == 0]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--show-errors", type=int, default=0, help="print N dev misses per label")
    ap.add_argument("--sample", type=int, default=0, help="about N items per label (iterating)")
    ap.add_argument("--only", default="", help="run only sets whose name contains this")
    args = ap.parse_args()
    root = Path(args.shared) / "bench" / "detect"
    if not root.is_dir():
        print(f"bench data not found at {root}; nothing to do")
        return 0
    table = Table(_pofilter())
    started = time.perf_counter()
    audited = 0
    sets = [
        ("DEMETR xx-en", root / "demetr" / "demetr_xx-en.jsonl"),
        ("DEMETR en-en", root / "demetr" / "demetr_en-en.jsonl"),
    ]
    for name, path in sets:
        if args.only not in name or not path.is_file():
            continue
        items = list(_items(path))
        by = {
            lab: _sample([i for i in items if lab in _labels(i)], args.sample)
            for lab in ("named_entity", "omission_named_entity", "none")
        }
        table.row(name, "replaced recall", by["named_entity"])
        table.row(name, "removed recall", by["omission_named_entity"])
        table.row(name, "controls flagged", by["none"])
        if name.endswith("xx-en"):  # sources without capitals can only be looked up
            for part, langs in (("cased src", CASED), ("hi/ja/zh src", UNCASED)):
                for label, metric in (
                    ("named_entity", "replaced"),
                    ("omission_named_entity", "removed"),
                    ("none", "controls"),
                ):
                    chosen = [i for i in by[label] if i["src_lang"] in langs]
                    table.row(f"  {part}", f"{metric}", chosen)
        audited += sum(len(v) for v in by.values())
        if args.show_errors:
            _show(table, by["named_entity"], True, args.show_errors)
            _show(table, by["omission_named_entity"], True, args.show_errors)
            _show(table, by["none"], False, args.show_errors)
    path = root / "guerreiro2023_hallucinations_deen" / "guerreiro2023_deen.jsonl"
    if "Guerreiro de-en".find(args.only) >= 0 and path.is_file():
        items = list(_items(path))
        pos = _sample([i for i in items if "named_entity" in _labels(i)], args.sample)
        neg = _sample([i for i in items if _labels(i) == ["none"]], args.sample)
        table.row("Guerreiro de-en", "named_entity recall", pos)
        table.row("Guerreiro de-en", "none flagged", neg)
        audited += len(pos) + len(neg)
        if args.show_errors:
            _show(table, pos, True, args.show_errors)
            _show(table, neg, False, args.show_errors)
    for path in sorted((root / "bbh_salient_translation_errors").glob("*.jsonl")):
        if "BBH de-en".find(args.only) < 0:
            continue
        items = list(_items(path))
        pos = [i for i in items if i["label"] == "named_entity"]
        other = [i for i in items if i["label"] != "named_entity"]
        table.row("BBH de-en", "named_entity recall", pos)
        table.row("BBH de-en", "other errors flagged", other)
        audited += len(items)
        if args.show_errors:
            _show(table, pos, True, args.show_errors)
    elapsed = time.perf_counter() - started
    if audited:
        print(
            f"{audited} pairs audited (checks=entity) in {elapsed:.0f} s, "
            f"{1000 * elapsed / audited:.1f} ms per pair incl. pofilter"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
