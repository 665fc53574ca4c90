"""Per-candidate features of same-language fresh words (session 8, issue 6): for each DEMETR
en-en item of one half, the audit runs with the fresh-word probe replaced by a recorder, so
the report says what the other rules flag; the recorder keeps, for every lower-case target
word whose four-letter stem the source lacks, its USE-m3 deletion gain and (for the
``--top`` best by that gain) its multilingual-e5 deletion gain, with the word's shape
(Zipf, a modifier before a head word the source has, an adverb) and the link's length z.
Written as JSON lines for ``--out``; a scorer is fitted on the dev file only.

    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_fresh_words.py --split dev --out /tmp/f_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, is_dev, shared_root

import translaudit
from translaudit._checks import coverage
from translaudit._checks._signals import deletion_gains, is_content
from translaudit._e5 import queries
from translaudit._entities._extract import zipf
from translaudit._features import fold, words

RECORD: list[dict[str, Any]] = []


def _z(src: str, tgt: str) -> float:
    a, b = len(src.strip()), len(tgt.strip())
    spread = 0.13 * math.sqrt(120.0 / max(60.0, min(a, b)))
    return math.log(b / a) / spread


def _cos(a: str, b: str, encode) -> float:  # type: ignore[no-untyped-def]
    from translaudit._checks._signals import _cut_similarities

    return _cut_similarities(a, b, [], encode)[0]


def _record(top: int):  # type: ignore[no-untyped-def]
    def fresh(tgt: str, src: str, z: float | None = None) -> tuple[None, int]:
        z = _z(src, tgt) if z is None else z
        have = {fold(w)[:4] for _, _, w in words(src)}
        src_w = [fold(w)[:4] for _, _, w in words(src)]
        tw = words(tgt)
        cuts = []
        info = []
        for k, (s, e, w) in enumerate(tw):
            if not (w[:1].islower() and fold(w)[:4] not in have):
                continue
            nxt = tw[k + 1][2] if k + 1 < len(tw) else ""
            prv = tw[k - 1][2] if k > 0 else ""
            cuts.append((s, e, 1))
            info.append(
                {
                    "w": w,
                    "zipf": zipf(w, "en"),
                    "content": is_content(w),
                    "ly": w.lower().endswith("ly"),
                    "head_shared": bool(nxt) and fold(nxt)[:4] in have and is_content(nxt),
                    "prev_shared": bool(prv) and fold(prv)[:4] in have,
                    "bridge": bool(prv and nxt)
                    and any(
                        src_w[i] == fold(prv)[:4] and src_w[i + 1] == fold(nxt)[:4]
                        for i in range(len(src_w) - 1)
                    ),
                    "pos": k / max(1, len(tw) - 1),
                }
            )
        if not cuts:
            RECORD.append({"n": 0, "z": z, "cands": []})
            return None, 0
        gains = deletion_gains(tgt, src, cuts)
        cos_use = _cos(tgt, src, None)
        cos_e5 = _cos(tgt, src, queries)
        order = sorted(range(len(cuts)), key=lambda i: -gains[i])
        ask = order[:top]
        e5 = deletion_gains(tgt, src, [cuts[i] for i in ask], encode=queries)
        e5_of = dict(zip(ask, e5, strict=True))
        # how far deleting the word moves the target itself (1 - cosine to the whole target)
        vec = queries([tgt] + [tgt[: cuts[i][0]] + tgt[cuts[i][1] :] for i in ask])
        move_of = {i: 1.0 - float(vec[0] @ vec[k + 1]) for k, i in enumerate(ask)}
        for rank, i in enumerate(order):
            info[i]["use"] = gains[i]
            info[i]["rank"] = rank
            info[i]["e5"] = e5_of.get(i)
            info[i]["e5_move"] = move_of.get(i)
            info[i]["span"] = [cuts[i][0], cuts[i][1]]
        RECORD.append({"n": len(cuts), "z": z, "cands": info, "cos": cos_use, "cos_e5": cos_e5})
        return None, 1

    return fresh


def write_rows(split: str, out: str, limit: int, ungated: bool) -> int:
    """Audits the DEMETR en-en additions and controls of ``split`` with the fresh-word probe
    replaced (by the caller) with a recorder, and writes one JSON line per item to ``out``:
    whether the other rules flag it, DEMETR's inserted words, and the recorded links. With
    ``ungated``, an item the probe never reached is probed on its whole texts."""
    items = [
        i
        for i in demetr(shared_root(), "en-en")
        if (is_dev(i.id) == (split == "dev")) and i.label in ("addition", "none")
    ]
    if limit:
        items = items[:limit]
    t0 = time.process_time()
    with Path(out).open("w", encoding="utf-8") as fh:
        for item in items:
            RECORD.clear()
            report = translaudit.audit(item.src, item.tgt, source_lang="en", target_lang="en")
            flagged = any(f.kind.startswith("addition") for f in report.findings)
            reached = bool(RECORD)
            if not reached and not flagged and ungated:  # the z gate relaxed: whole texts
                coverage._fresh_word(item.tgt, item.src, _z(item.src, item.tgt))
            gold = [
                e["translation"]
                for e in item.raw.get("edit_vs_mt") or []
                if e.get("op") in ("insert", "replace")
            ]
            row = {
                "id": item.id,
                "label": item.label,
                "base": flagged,
                "gold": gold,
                "tgt": item.tgt,
                "links": list(RECORD),
                "reached": reached,
            }
            fh.write(json.dumps(row) + "\n")
    print(f"{len(items)} items, {time.process_time() - t0:.1f} s CPU")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--top", type=int, default=4)
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--ungated", action="store_true", help="probe unreached items too")
    args = ap.parse_args()
    coverage._fresh_word = _record(args.top)  # type: ignore[assignment]
    return write_rows(args.split, args.out, args.limit, args.ungated)


if __name__ == "__main__":
    raise SystemExit(main())
