"""Faithful DEMETR pairs audited as one document: findings by kind, item joins cut (session 11).

Usage: ``.venv/bin/python bench/probe_controls_doc.py [--mode xx-en|en-en] [--langs hi,cs,…]
[--json OUT] [--shared ../shared]``. For each source language, the 100 ``control_mt`` pairs
(faithful MT) are joined with one space, sources into one document and translations into
another, in DEMETR order, and audited as one pair (default config). Every finding is a false
alarm, so the ideal row is empty. It also counts *joins cut*: each item boundary is a gold
sentence boundary, and a join the splitter does not cut means two items became one sentence
(how the Hindi document lost eleven items to one unclosed quotation in session 10). A finding
is put in the dev or test half by the item its target (else source) span starts in
(``is_dev`` on the item id).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from bisect import bisect_right
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import Item, demetr, is_dev, shared_root

from translaudit import audit, segment

LANGS = "hi,cs,de,fr,es,it,pl,ru,ja,zh"


def _document(items: list[Item], side: str) -> tuple[str, list[int]]:
    texts = [(it.src if side == "src" else it.tgt).strip() for it in items]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return " ".join(texts), starts


def _joins_cut(text: str, starts: list[int], lang: str) -> tuple[int, int]:
    """(item boundaries that are sentence boundaries, item boundaries), a boundary per join."""
    sentence_starts = {s.start for s in segment(text, lang)}
    return sum(1 for s in starts[1:] if s in sentence_starts), len(starts) - 1


def _item_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


def probe(mode: str, lang: str, shared: str) -> dict[str, object]:
    name = lang
    controls = [it for it in demetr(shared, mode) if it.raw.get("demetr_pert_name") == "control_mt"]
    if mode == "en-en":  # all English: documents of 100 consecutive items, "en0" to "en9"
        k = int(lang[2:])
        items = controls[100 * k : 100 * (k + 1)]
        lang = "en"
    else:
        items = [it for it in controls if it.src_lang == lang]
    src, src_starts = _document(items, "src")
    tgt, tgt_starts = _document(items, "tgt")
    cut_src, joins = _joins_cut(src, src_starts, lang)
    cut_tgt, _ = _joins_cut(tgt, tgt_starts, items[0].tgt_lang)
    t0 = time.process_time()
    report = audit(src, tgt, source_lang=lang, target_lang=items[0].tgt_lang)
    cpu = time.process_time() - t0
    kinds: Counter[str] = Counter()
    halves: Counter[str] = Counter()
    for f in report.findings:
        kinds[f"{f.kind}@{f.severity}"] += 1
        if f.target is not None:
            k = _item_of(tgt_starts, f.target.start)
        elif f.source is not None:
            k = _item_of(src_starts, f.source.start)
        else:
            continue
        halves["dev" if is_dev(items[k].id) else "test"] += 1
    return {
        "lang": name,
        "items": len(items),
        "src_sentences": len(report.source.sentences),
        "tgt_sentences": len(report.target.sentences),
        "src_joins_cut": cut_src,
        "tgt_joins_cut": cut_tgt,
        "joins": joins,
        "findings": len(report.findings),
        "dev": halves["dev"],
        "test": halves["test"],
        "kinds": dict(sorted(kinds.items())),
        "cpu_s": round(cpu, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=("xx-en", "en-en"), default="xx-en")
    ap.add_argument("--langs", help="default hi,cs,de,fr,es,it,pl,ru,ja,zh; en-en: en0,…,en9")
    ap.add_argument("--json", help="write the rows here as JSON too")
    ap.add_argument("--shared", default=str(shared_root()))
    args = ap.parse_args()
    rows = []
    print(f"DEMETR {args.mode} control_mt, 100 faithful pairs a language as one document")
    print("lang  sents src/tgt  joins cut src/tgt  findings (dev/test)  kinds")
    default = ",".join(f"en{k}" for k in range(10)) if args.mode == "en-en" else LANGS
    for lang in (args.langs or default).split(","):
        row = probe(args.mode, lang, args.shared)
        rows.append(row)
        kinds = ", ".join(f"{k} {v}" for k, v in row["kinds"].items()) or "-"  # type: ignore[attr-defined]
        print(
            f"{lang:5} {row['src_sentences']:4}/{row['tgt_sentences']:<4}"
            f"  {row['src_joins_cut']:3}/{row['tgt_joins_cut']:<3} of {row['joins']}"
            f"  {row['findings']:4} ({row['dev']}/{row['test']})  {kinds}  [{row['cpu_s']} CPU s]",
            flush=True,
        )
    total = sum(int(r["findings"]) for r in rows)  # type: ignore[call-overload]
    dev = sum(int(r["dev"]) for r in rows)  # type: ignore[call-overload]
    test = sum(int(r["test"]) for r in rows)  # type: ignore[call-overload]
    print(f"all   findings {total} (dev {dev} / test {test})")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
