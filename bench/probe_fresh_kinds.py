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
import sys
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_fresh_words import RECORD, write_rows

from translaudit._checks import coverage
from translaudit._checks._signals import deletion_gains, is_content
from translaudit._e5 import queries
from translaudit._features import fold, words


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
    return write_rows(args.split, args.out, 0, args.ungated)


if __name__ == "__main__":
    raise SystemExit(main())
