"""Deletion gains of the edge sentences of same-language multi-sentence links (session 14).

A link of two or more sentences on one side holds a stray when deleting one of its edge
sentences brings that side closer to the other (USE-multilingual cosine gained). This prints
the gains on DEMETR en-en (dev half only: test items are skipped before they are aligned),
the seed pair and translaudit's own corruptions (``add_sentence`` and faithful cases), to
choose :data:`translaudit._align._strays.STRAY_GAIN`.

    .venv/bin/python bench/probe_stray_sentences.py [--cases 2000]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from translaudit import AuditConfig
from translaudit._align import align
from translaudit._align._strays import edge_gains
from translaudit._corrupt import applicable, corrupt
from translaudit._generate import RandomDraw, draw_document
from translaudit._segment import segment


def _gains(src: str, tgt: str) -> list[tuple[str, float, str]]:
    """(side, gain, sentence) for each edge sentence of each multi-sentence link."""
    s = [x.text for x in segment(src, "en")]
    t = [x.text for x in segment(tgt, "en")]
    cfg = AuditConfig(stray_gain=1.0)
    links = align(s, t, source_lang="en", target_lang="en", config=cfg)
    return [(side, g, text) for side, g, text in edge_gains(links, s, t)]


def _show(name: str, rows: dict[str, list[float]]) -> None:
    for label, gains in sorted(rows.items()):
        gains.sort(reverse=True)
        top = ", ".join(f"{g:.3f}" for g in gains[:8])
        print(f"{name:10} {label:16} n={len(gains):5}  top: {top}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument(
        "--kinds", default="add_sentence,identity,move_sentence,drop_sentence,repetition_loop"
    )
    args = ap.parse_args()
    from _data import demetr, is_dev

    rows: dict[str, list[float]] = defaultdict(list)
    for item in demetr(None, "en-en"):
        if not is_dev(item.id):
            continue
        label = "control" if item.labels == ("none",) else item.labels[0]
        for side, g, text in _gains(item.src, item.tgt):
            rows[f"{label}/{side}"].append(g)
            if g > 0.03:
                print(f"  {item.id} {side} {g:.3f} {text[:90]!r}")
    _show("demetr", rows)

    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if seeds.is_dir():
        src = (seeds / "original_en.txt").read_text(encoding="utf-8")
        tgt = (seeds / "derivative_mt_en.txt").read_text(encoding="utf-8")
        rows = defaultdict(list)
        for side, g, text in _gains(src, tgt):
            rows[side].append(g)
            if g > 0.03:
                print(f"  seed {side} {g:.3f} {text[:90]!r}")
        _show("seed", rows)

    # Text+Berg's French side against two French MTs of its German side: real same-language
    # pairs, translated independently, so a stray found here is mostly a false alarm
    # (the human translator and the MT each render a sentence or two the other lacks).
    test = (
        Path(__file__).resolve().parents[2]
        / "shared"
        / "bench"
        / "align"
        / "textberg_defr"
        / "test"
    )
    for mt in ("mt_google_fr", "mt_europarlfull_fr"):
        rows = defaultdict(list)
        for doc in sorted(p.name for p in (test / "fr").iterdir()) if test.is_dir() else []:
            s = (test / "fr" / doc).read_text("utf-8").splitlines()
            t = (test / mt / doc).read_text("utf-8").splitlines()
            cfg = AuditConfig(stray_gain=1.0)
            links = align(s, t, source_lang="fr", target_lang="fr", config=cfg)
            for side, g, text in edge_gains(links, s, t):
                rows[side].append(g)
                if g > 0.03:
                    print(f"  textberg {mt} {doc} {side} {g:.3f} {text[:90]!r}")
        _show(mt[3:13], rows)

    rows = defaultdict(list)
    for kind in args.kinds.split(","):
        for seed in range(args.cases):
            d = RandomDraw(seed)
            doc = draw_document(d, "en", 1, 6)
            if kind == "identity":
                text, stray = doc.text, None
            else:
                if not applicable(kind, doc):
                    continue
                c = corrupt(d, kind, doc)
                text = c.text
                stray = c.expected[0].target if kind == "add_sentence" and c.expected else None
                if stray is None and kind == "drop_sentence" and c.expected:
                    stray = c.expected[0].source
            for side, g, sent in _gains(doc.text, text):
                whole = doc.text if kind == "drop_sentence" else text
                hit = stray is not None and sent == whole[stray[0] : stray[1]]
                rows[f"{kind}{'*' if hit else ''}/{side}"].append(g)
    _show("corrupt", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
