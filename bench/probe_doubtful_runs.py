"""Session 12 (branch addition12, issue 6): the fresh-word score of the words inside the runs
that the same-language addition rules other than the fresh-word rule flag (a word slipped
into a shared phrase, a run of content words the source lacks on a long text), on DEMETR
en-en items of one half. Reads a ``bench/probe_fresh_latent.py record`` file (its ``base``
flag says which items those rules flag, with the fresh-word rule replaced by a recorder),
audits those items again and scores every fresh word of each flagged span as
``coverage._word_scores`` does; prints one line per item, lowest score first, so that a
threshold under which a run is dismissed (``coverage._DOUBT``) can be read off.

    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_fresh_latent.py record --split dev \
        --out /tmp/l_dev.jsonl
    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_doubtful_runs.py /tmp/l_dev.jsonl

Run it on the code before session 12 (``_DOUBT`` absent or very low): with the dismissal in
place the dismissed runs are no longer flagged and so not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, shared_root

import translaudit
from translaudit._checks import coverage


def _scores(tgt: str, src: str, z: float, start: int, end: int) -> list[tuple[str, float]]:
    cands = coverage._fresh_candidates(tgt, src, z, within=(start, end))
    if not cands:
        return []
    scores = coverage._word_scores(tgt, src, cands)
    return [(tgt[c.cut[0] : c.cut[1]], round(s, 3)) for c, s in zip(cands, scores, strict=True)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("record")
    args = ap.parse_args()
    coverage._DOUBT = -1e9  # type: ignore[attr-defined]  # score the runs, dismiss none
    with Path(args.record).open(encoding="utf-8") as fh:
        ids = {row["id"] for line in fh if (row := json.loads(line))["base"]}
    rows: list[tuple[float, str, str, list[str], list[str]]] = []
    for item in demetr(shared_root(), "en-en"):
        if item.id not in ids:
            continue
        report = translaudit.audit(item.src, item.tgt, source_lang="en", target_lang="en")
        best, spans = float("-inf"), []  # -inf: no fresh word in any run (never dismissed)
        for f in report.findings:
            if not f.kind.startswith("addition") or f.target is None:
                continue
            spans.append(f.target.text)
            scored = _scores(
                item.tgt, item.src, f.details["length_z"], f.target.start, f.target.end
            )
            best = max([s for _, s in scored], default=best)
        edits: list[dict[str, Any]] = item.raw.get("edit_vs_mt") or []
        gold = [e["translation"] for e in edits if e.get("op") in ("insert", "replace")]
        rows.append((best, item.label, item.id, spans, gold))
    for best, label, item_id, spans, gold in sorted(rows, key=lambda r: (r[0] == float("-inf"), r)):
        on_gold = any(g.lower() in s.lower() for g in gold for s in spans)
        mark = "gold" if on_gold else "-"
        print(f"{best:8.3f} {label:9s} {mark:4s} {item_id:40s} {spans} {gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
