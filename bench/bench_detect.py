"""Benchmark the hallucination and fluency checks: recall, precision and false-positive rate.

Run from the repository root::

    .venv/bin/python bench/bench_detect.py [--quick] [--shared ../shared] [--show TYPE]

Each item is audited as one sentence pair with ``translaudit.audit(src, tgt, source_lang=…,
target_lang=…)``. An item counts as flagged for a type when the report has a finding of that
type (``unrelated``: ``summary.relation == "unrelated"``). Recall is over the items carrying
the label; the false-positive rate over the set's controls (``none``); precision over those
two groups only. Figures are given on the dev half (ids hashing even; thresholds were tuned
there), on the test half and on the whole. ``--quick`` audits a fixed sample.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import Item, demetr, detect_root, guerreiro, is_dev, mqm, shared_root

import translaudit
from translaudit import Report


@dataclass(frozen=True)
class Task:
    """One line of the table: which items are positives, and what counts as flagged."""

    set_name: str
    type_name: str
    positive: Callable[[Item], bool]
    predicted: str  # the type looked for in the report
    target: tuple[float, float] | None  # (min recall, max FPR)


def _flags(report: Report) -> frozenset[str]:
    kinds = {f.kind.split(".", 1)[0] for f in report.findings}
    if report.summary.relation == "unrelated":
        kinds.add("unrelated")
    return frozenset(kinds)


def _label(name: str) -> Callable[[Item], bool]:
    return lambda item: item.has(name)


def _detached(item: Item) -> bool:
    return item.has("hallucination_strongly_detached") or item.has("hallucination_fully_detached")


def _demetr_pert(name: str) -> Callable[[Item], bool]:
    return lambda item: item.raw.get("demetr_pert_name") == name


REP, OMI = (0.90, 0.01), (0.70, 0.05)


def _tasks(set_name: str) -> list[Task]:
    if set_name == "Guerreiro de-en":
        return [
            Task(set_name, "repetition", _label("repetition"), "repetition", REP),
            Task(set_name, "omission", _label("omission"), "omission", OMI),
            Task(set_name, "detached (unrelated)", _detached, "unrelated", None),
        ]
    if set_name.startswith("DEMETR"):
        return [
            Task(set_name, "repetition", _label("repetition"), "repetition", None),
            Task(set_name, "repetition x4", _demetr_pert("minor_id2_repeat4"), "repetition", REP),
            Task(set_name, "omission", _label("omission"), "omission", OMI),
            Task(set_name, "addition", _label("addition"), "addition", OMI),
            Task(set_name, "unrelated", _label("unrelated"), "unrelated", (1.0, 0.0)),
        ]
    return [
        Task(set_name, "untranslated", _label("untranslated"), "untranslated", None),
        Task(set_name, "omission", _label("omission"), "omission", None),
        Task(set_name, "addition", _label("addition"), "addition", None),
    ]


def _control(item: Item) -> bool:
    return item.labels == ("none",)


def _sample(items: list[Item], tasks: list[Task], per_group: int) -> list[Item]:
    """A fixed sample: up to ``per_group`` positives of each task and 3x as many controls."""
    rng = random.Random(20261121)
    chosen: dict[str, Item] = {}
    groups = [[i for i in items if t.positive(i)] for t in tasks]
    groups.append([i for i in items if _control(i)])
    for n, group in enumerate(groups):
        k = per_group * 3 if n == len(groups) - 1 else per_group
        for item in rng.sample(group, min(k, len(group))):
            chosen[item.id] = item
    return list(chosen.values())


def _rate(k: int, n: int) -> str:
    return f"{100 * k / n:5.1f}% ({k}/{n})" if n else "n/a"


def _verdict(task: Task, tp: int, npos: int, fp: int, nneg: int) -> str:
    if task.target is None or not npos or not nneg:
        return "-"
    recall_ok = tp / npos >= task.target[0] - 1e-9
    fpr_ok = fp / nneg <= task.target[1] + 1e-9
    return "met" if recall_ok and fpr_ok else "NOT met"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    ap.add_argument("--quick", action="store_true", help="audit a fixed sample of each set")
    ap.add_argument("--per-group", type=int, default=40, help="sample size with --quick")
    ap.add_argument("--sets", default="guerreiro,demetr-xx,demetr-en,mqm-zhen,mqm-ende")
    ap.add_argument(
        "--similarity",
        default="auto",
        choices=("auto", "lexical"),
        help="lexical: no embeddings",
    )
    ap.add_argument(
        "--langs",
        default="",
        help="audit only items whose source language is one of these (comma-separated)",
    )
    ap.add_argument("--show", default="", help="print dev misses and false alarms of this type")
    ap.add_argument("--show-limit", type=int, default=8)
    args = ap.parse_args()
    if not detect_root(args.shared).is_dir():
        print(f"bench data not found at {detect_root(args.shared)}; nothing to do")
        return 0
    loaders: dict[str, tuple[str, Callable[[], list[Item]]]] = {
        "guerreiro": ("Guerreiro de-en", lambda: guerreiro(args.shared)),
        "demetr-xx": ("DEMETR xx-en", lambda: demetr(args.shared, "xx-en")),
        "demetr-en": ("DEMETR en-en", lambda: demetr(args.shared, "en-en")),
        "mqm-zhen": ("MQM TED zh-en", lambda: mqm(args.shared, "zhen")),
        "mqm-ende": ("MQM TED en-de", lambda: mqm(args.shared, "ende")),
    }
    header = (
        f"{'set':<16} {'type':<21} {'split':<5} {'recall':<18} {'FPR':<18} {'precision':<9} "
        f"{'target':<14} {'':<7}"
    )
    print(header)
    print("-" * len(header))
    total_items, total_time = 0, 0.0
    for key in args.sets.split(","):
        set_name, load = loaders[key]
        tasks = _tasks(set_name)
        items = [i for i in load() if _control(i) or any(t.positive(i) for t in tasks)]
        if args.langs:
            items = [i for i in items if i.src_lang in args.langs.split(",")]
        if args.quick:
            items = _sample(items, tasks, args.per_group)
        flags: dict[str, frozenset[str]] = {}
        t0 = time.perf_counter()
        for item in items:
            report = translaudit.audit(
                item.src,
                item.tgt,
                source_lang=item.src_lang,
                target_lang=item.tgt_lang,
                similarity=args.similarity,
            )
            flags[item.id] = _flags(report)
        total_time += time.perf_counter() - t0
        total_items += len(items)
        for task in tasks:
            for split, keep in (
                ("dev", lambda i: is_dev(i.id)),
                ("test", lambda i: not is_dev(i.id)),
                ("all", lambda i: True),
            ):
                pos = [i for i in items if keep(i) and task.positive(i)]
                neg = [i for i in items if keep(i) and _control(i)]
                tp = sum(task.predicted in flags[i.id] for i in pos)
                fp = sum(task.predicted in flags[i.id] for i in neg)
                prec = f"{100 * tp / (tp + fp):5.1f}%" if tp + fp else "n/a"
                target = f">={task.target[0]:.0%} @<={task.target[1]:.0%}" if task.target else "-"
                print(
                    f"{set_name:<16} {task.type_name:<21} {split:<5} {_rate(tp, len(pos)):<18} "
                    f"{_rate(fp, len(neg)):<18} {prec:<9} {target:<14} "
                    f"{_verdict(task, tp, len(pos), fp, len(neg)):<7}"
                )
            if args.show and task.predicted == args.show:
                _show(items, task, flags, args.show_limit)
    if total_items:
        print(
            f"\n{total_items} audits in {total_time:.1f} s "
            f"({1000 * total_time / total_items:.1f} ms per sentence pair, "
            f"embeddings {'on' if _embeddings() and args.similarity == 'auto' else 'off'})"
        )
    return 0


def _embeddings() -> bool:
    from translaudit._embed import available

    return available()


def _show(items: list[Item], task: Task, flags: dict[str, frozenset[str]], limit: int) -> None:
    """Misses and false alarms of the dev half only: the test half is for reporting."""
    dev = [i for i in items if is_dev(i.id)]
    misses = [i for i in dev if task.positive(i) and task.predicted not in flags[i.id]]
    alarms = [i for i in dev if _control(i) and task.predicted in flags[i.id]]
    for title, group in (("missed", misses), ("false alarm", alarms)):
        for item in group[:limit]:
            print(f"  --- {title} {item.id} [{item.src_lang}-{item.tgt_lang}]")
            print(f"      S: {item.src[:300]}")
            print(f"      T: {item.tgt[:300]}")


if __name__ == "__main__":
    raise SystemExit(main())
