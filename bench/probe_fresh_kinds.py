"""Wider candidates for the same-language fresh-word score (session 8, branch detect9,
issue 6): as ``bench/probe_fresh_words.py``, but besides the lower-case words whose
four-letter stem the source lacks (kind ``low``, the shipped rule's candidates) it records
capitalised words that do not open a sentence and whose stem the source lacks (``cap``:
"*African* Americans"), and lower-case words whose stem the source has but not the word
itself (``stem``: "*winged* insects" beside "wings"). Each candidate gets its USE-m3
deletion gain; the ``--top`` best of all kinds (positive gain) also their multilingual-e5
gain, so that ``bench/fit_fresh_kinds.py`` can replay the rule on any subset of kinds.

    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_fresh_kinds.py --split dev --out /tmp/k_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, is_dev, shared_root

import translaudit
from translaudit._checks import coverage
from translaudit._checks._signals import deletion_gains, is_content
from translaudit._e5 import queries
from translaudit._features import fold, words

RECORD: list[dict[str, Any]] = []


def _z(src: str, tgt: str) -> float:
    """The length z of a one-sentence link (``length_z``'s same-language spread)."""
    a, b = len(src.strip()), len(tgt.strip())
    return math.log(b / a) / (0.13 * math.sqrt(120.0 / max(60.0, min(a, b))))


def _opens(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or a quotation)."""
    before = text[:start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:;"


def _kind(text: str, s: int, w: str, have: set[str], exact: set[str]) -> str | None:
    stem = fold(w)[:4]
    if w[:1].islower():
        if stem not in have:
            return "low"
        return "stem" if fold(w) not in exact and len(w) > 4 else None
    if w[:1].isupper() and stem not in have and not _opens(text, s):
        return "cap"
    return None


def _record(top: int):  # type: ignore[no-untyped-def]
    def fresh(tgt: str, src: str, z: float) -> tuple[None, int]:
        src_words = [fold(w) for _, _, w in words(src)]
        exact, stems = set(src_words), [w[:4] for w in src_words]
        have, pairs = set(stems), set(pairwise(stems))
        tw = words(tgt)
        cuts, info = [], []
        for k, (s, e, w) in enumerate(tw):
            kind = _kind(tgt, s, w, have, exact)
            if kind is None:
                continue
            nxt = tw[k + 1][2] if k + 1 < len(tw) else ""
            prv = fold(tw[k - 1][2])[:4] if k else ""
            cuts.append((s, e, 1))
            info.append(
                {
                    "w": w,
                    "kind": kind,
                    "content": is_content(w),
                    "head_shared": bool(nxt) and is_content(nxt) and fold(nxt)[:4] in have,
                    "bridge": bool(prv and nxt) and (prv, fold(nxt)[:4]) in pairs,
                }
            )
        if not cuts:
            RECORD.append({"n": 0, "z": z, "cands": []})
            return None, 0
        gains = deletion_gains(tgt, src, cuts)
        order = sorted(range(len(cuts)), key=lambda i: -gains[i])
        ask = [i for i in order if gains[i] > 0][:top]
        e5 = deletion_gains(tgt, src, [cuts[i] for i in ask], encode=queries) if ask else []
        e5_of = dict(zip(ask, e5, strict=True))
        for i in range(len(cuts)):
            info[i]["use"] = gains[i]
            info[i]["e5"] = e5_of.get(i)
        RECORD.append({"n": len(cuts), "z": z, "cands": info})
        return None, 1

    return fresh


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--top", type=int, default=6)
    ap.add_argument("--out", required=True)
    ap.add_argument("--ungated", action="store_true", help="probe unreached items too")
    args = ap.parse_args()
    coverage._fresh_word = _record(args.top)  # type: ignore[assignment]
    items = [
        i
        for i in demetr(shared_root(), "en-en")
        if (is_dev(i.id) == (args.split == "dev")) and i.label in ("addition", "none")
    ]
    t0 = time.process_time()
    with Path(args.out).open("w", encoding="utf-8") as fh:
        for item in items:
            RECORD.clear()
            report = translaudit.audit(item.src, item.tgt, source_lang="en", target_lang="en")
            reached = bool(RECORD)
            if not reached and args.ungated:  # the z gate relaxed: whole texts, z as printed
                coverage._fresh_word(item.tgt, item.src, _z(item.src, item.tgt))
            gold = [
                e["translation"]
                for e in item.raw.get("edit_vs_mt") or []
                if e.get("op") in ("insert", "replace")
            ]
            row = {
                "id": item.id,
                "label": item.label,
                "base": any(f.kind.startswith("addition") for f in report.findings),
                "gold": gold,
                "tgt": item.tgt,
                "links": list(RECORD),
                "reached": reached,
            }
            fh.write(json.dumps(row) + "\n")
    print(f"{len(items)} items, {time.process_time() - t0:.1f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
