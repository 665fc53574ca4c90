"""Latent-term and word-shape features for the same-language fresh-word score (session 9,
branch addition9, issue 6). Step one (``record``) runs ``bench/probe_fresh_kinds.py``'s
recorder over DEMETR en-en items of one half and keeps each link's texts as well; step two
(``latent``) adds, for the three best candidates of the shipped kinds (as the rule asks e5),
features of multilingual-e5's sparse latent terms (:func:`translaudit._e5.latent_terms`)
of the target, the target without the word, the source and the word alone, plus word-shape
cues (Zipf frequency, the word's position before a shared noun, between an auxiliary and a
verb), so that ``bench/fit_fresh_latent.py`` can test them beside the shipped five.

    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_fresh_latent.py record --out /tmp/l_dev.jsonl
    OMP_NUM_THREADS=1 .venv/bin/python bench/probe_fresh_latent.py latent /tmp/l_dev.jsonl \
        --out /tmp/l_dev_x.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import probe_fresh_kinds
from probe_fresh_words import RECORD, write_rows

from translaudit._checks import coverage
from translaudit._features import fold, words

TOP = 3
KINDS = ("low", "adj", "stem")


def _kind(c: dict[str, Any]) -> str:
    if c["kind"] == "cap" and c["w"].endswith(("an", "ese", "ish")):
        return "adj"
    return str(c["kind"])


def record(split: str, out: str) -> int:
    inner = probe_fresh_kinds._record(6)

    def fresh(tgt: str, src: str, z: float) -> tuple[None, int]:
        result = inner(tgt, src, z)
        src_words = [fold(w) for _, _, w in words(src)]
        exact, have = set(src_words), {w[:4] for w in src_words}
        spans = [
            [s, e]
            for s, e, w in words(tgt)
            if probe_fresh_kinds._kind(tgt, s, w, have, exact) is not None
        ]
        RECORD[-1]["src"], RECORD[-1]["tgt"] = src, tgt
        for c, span in zip(RECORD[-1]["cands"], spans, strict=True):
            c["span"] = span
        return result

    coverage._fresh_word = fresh  # type: ignore[assignment]
    return write_rows(split, out, 0, False)


def _dense(terms: tuple[Any, Any]) -> dict[int, float]:
    return {int(i): float(v) for i, v in zip(*terms, strict=True)}


def _cos(a: dict[int, float], b: dict[int, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = sum(v * v for v in a.values()) ** 0.5
    nb = sum(v * v for v in b.values()) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


def _cover(a: dict[int, float], s: dict[int, float]) -> float:
    return sum(min(v, s.get(k, 0.0)) for k, v in a.items()) / max(1e-9, sum(a.values()))


def _jac(a: dict[int, float], b: dict[int, float]) -> float:
    return len(a.keys() & b.keys()) / max(1, len(a.keys() | b.keys()))


def _top(a: dict[int, float], k: int) -> dict[int, float]:
    return dict(sorted(a.items(), key=lambda kv: -kv[1])[:k])


def latent(path: str, out: str) -> int:
    from translaudit._e5 import latent_terms, queries

    t0 = time.process_time()
    with Path(path).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for row in rows:
        for link in row["links"]:
            cands = [c for c in link["cands"] if _kind(c) in KINDS and c["use"] > 0]
            ask = sorted(cands, key=lambda c: -c["use"])[:TOP]
            if not ask:
                continue
            src, tgt = link["src"], link["tgt"]
            texts = [tgt, src] + [tgt[: c["span"][0]] + tgt[c["span"][1] :] for c in ask]
            texts += [c["w"] for c in ask]
            terms = latent_terms(texts)
            vec = queries(texts)  # dense e5 of the same texts: target, source, cuts, words
            assert terms is not None
            t, s = _dense(terms[0]), _dense(terms[1])
            base = _cos(t, s)
            t_mass = sum(t.values())
            for k, c in enumerate(ask):
                m = _dense(terms[2 + k])
                alone = _dense(terms[2 + len(ask) + k])
                drop = {f: v - m.get(f, 0.0) for f, v in t.items() if v > m.get(f, 0.0)}
                novel = sum(min(d, max(0.0, t[f] - s.get(f, 0.0))) for f, d in drop.items())
                top_alone = sorted(alone, key=lambda f: -alone[f])[:16]
                word_vec = vec[2 + len(ask) + k]
                c["e5_word_rest"] = float(word_vec @ vec[2 + k])
                c["e5_word_src"] = float(word_vec @ vec[1])
                c["e5_word_rest_minus_src"] = c["e5_word_rest"] - c["e5_word_src"]
                c["lt_gain"] = _cos(m, s) - base
                c["lt_cover_gain"] = _cover(m, s) - _cover(t, s)
                c["lt_jac_gain"] = _jac(m, s) - _jac(t, s)
                c["lt_gain64"] = _cos(_top(m, 64), _top(s, 64)) - _cos(_top(t, 64), _top(s, 64))
                c["lt_drop"] = sum(drop.values()) / t_mass
                c["lt_novel"] = novel / t_mass
                c["lt_novel_share"] = novel / max(1e-9, sum(drop.values()))
                c["lt_lost"] = sum(1 for f in drop if f not in m) / max(1, len(t))
                c["lt_lost_fresh"] = sum(1 for f in drop if f not in m and f not in s)
                c["lt_alone_in_src"] = sum(alone[f] for f in top_alone if f in s) / max(
                    1e-9, sum(alone[f] for f in top_alone)
                )
                c["lt_alone_in_tgt_rest"] = sum(alone[f] for f in top_alone if f in m) / max(
                    1e-9, sum(alone[f] for f in top_alone)
                )
    with Path(out).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    print(f"{len(rows)} rows, {time.process_time() - t0:.1f} s CPU")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("--split", default="dev", choices=("dev", "test"))
    r.add_argument("--out", required=True)
    lt = sub.add_parser("latent")
    lt.add_argument("rows")
    lt.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.cmd == "record":
        return record(args.split, args.out)
    return latent(args.rows, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
