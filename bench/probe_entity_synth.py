"""A synthetic name-removal pool outside DEMETR's test half (session 15, branch ent15).

Usage: ``.venv/bin/python bench/probe_entity_synth.py [--only demetr|guerreiro|mqm] [--per N]
[--show N] [--json OUT] [--shared ../shared]``.

Faithful pairs that are no DEMETR test item — DEMETR xx-en dev controls (the unperturbed MT),
Guerreiro ``none`` items (de-en) and WMT21 TED MQM zh-en ``none`` items — get one name cut from
the English translation the way DEMETR's ``critical_id25_ne_removed`` cuts it (the name's words
only, sometimes with ``the``; punctuation and a possessive ``'s`` stay; a cut first word
capitalises the next). A "name" is a run of capitalised words (``of``/``de`` may join two) that
is not the sentence's lone first word, and, against a source written with capitals, one of
whose words the source spells alike (anyascii, first four letters), so it is a name the source
has, not a capitalised translation. Each variant is audited as bench_entities does
(``checks=("entity",)``, major and above); the rates are given over variants whose unperturbed
pair has no major entity finding, so a control's false alarm does not count as a hit. Prints
per set and source language: variants, recall (any entity major+) and ``entity.dropped``
major+, then up to ``--show`` misses per language. Nothing is tuned on DEMETR's test half: its
items are skipped before they are audited.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import demetr, guerreiro, mqm, rate
from anyascii import anyascii
from bench_entities import _findings, split_of

CONNECT = frozenset({"of", "de", "del", "da", "di", "du", "von", "van", "and"})
SKIP = frozenset(
    "I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Mr Mrs Ms Dr".split()
)
UNCASED = frozenset({"zh", "ja", "hi", "th", "ko", "ar", "he"})
_CORE = re.compile(r"^([\"'“‘(\[]*)(.*?)([\"'”’)\].,;:!?]*)$")
# a capital, then letters of any script ("Wójcik", "Čuba"), hyphens, dots, apostrophes
_CAP = re.compile(r"^[^\W\d_][^\W\d_]*(?:[-.'’][^\W\d_]+)*\.?$")


def _cap(word: str) -> bool:
    return word[:1].isupper() and _CAP.match(word) is not None


def _split(tok: str) -> tuple[str, str, str]:
    m = _CORE.match(tok)
    assert m is not None
    lead, core, trail = m.groups()
    for poss in ("'s", "’s"):
        if core.endswith(poss):
            core, trail = core[: -len(poss)], poss + trail
    return lead, core, trail


def _spans(toks: list[str]) -> Iterator[tuple[int, int]]:
    """Runs of capitalised tokens (start, end exclusive), a connector joining two."""
    i = 0
    while i < len(toks):
        core = _split(toks[i])[1]
        if not _cap(core) or core in SKIP:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and not _split(toks[j - 1])[2] and not _split(toks[j])[0]:
            core_j = _split(toks[j])[1]
            if _cap(core_j) and core_j not in SKIP:
                j += 1
            elif (
                core_j in CONNECT
                and j + 1 < len(toks)
                and not _split(toks[j])[2]
                and _cap(_split(toks[j + 1])[1])
            ):
                j += 2
            else:
                break
        yield i, j
        i = j


def _in_source(words: list[str], source: str) -> bool:
    # the source's capitalised words only: a lower-case adjective ("vietnamita") is no name
    src = " ".join(anyascii(w).lower() for w in re.findall(r"\w+", source) if w[:1].isupper())
    for w in words:
        key = re.sub(r"[^a-z]", "", anyascii(w).lower())
        if len(key) >= 2 and w.isupper() and re.search(rf"\b{key}", src):
            return True
        if len(key) >= 4 and key[:4] in src:
            return True
    return False


def _hash(text: str) -> int:
    return hashlib.sha256(text.encode("utf-8")).digest()[0]


def _cut(text: str, start: int, end: int, toks: list[str]) -> str:
    h = _hash(text + str(start))
    lead = _split(toks[start])[0]
    trail = _split(toks[end - 1])[2]
    before = toks[:start]
    if before and before[-1].lower() == "the" and h % 2:
        before = before[:-1]
    after = toks[end:]
    mid = (lead + trail).strip()
    out = list(before)
    if mid:
        if out and not mid.startswith(("'s", "’s")) and (trail[:1] in ",;:" or h % 4 < 2):
            out[-1] += mid
        else:
            out.append(mid)
    if (not out or out[-1][-1:] in ".!?") and after:  # a cut first word: the next gets a capital
        after = [after[0][:1].upper() + after[0][1:], *after[1:]]
    return " ".join(out + after)


def _pool(shared: str, only: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if "demetr".startswith(only):
        for it in demetr(shared, "xx-en"):
            raw = it.raw
            if raw["demetr_pert_name"] == "control_mt" and split_of(raw) == "dev":
                yield "demetr", raw
    if "guerreiro".startswith(only):
        for it in guerreiro(shared):
            if it.labels == ("none",):
                yield "guerreiro", it.raw
    if "mqm".startswith(only):
        for it in mqm(shared, "zhen"):
            if it.labels == ("none",):
                yield "mqm zhen", it.raw


def variants(item: dict[str, Any], per: int) -> list[tuple[str, str]]:
    """Up to ``per`` (cut name, translation without it) for one faithful pair."""
    text = item["translation"]
    toks = text.split()
    out = []
    for start, end in _spans(toks):
        words = [_split(t)[1] for t in toks[start:end]]
        first = start == 0 or toks[start - 1][-1:] in ".!?:"
        if first and end == start + 1:
            continue  # a lone first word proves nothing
        if item["src_lang"] not in UNCASED and not _in_source(words, item["source"]):
            continue
        cut = _cut(text, start, end, toks)
        if sum(ch.isalpha() for ch in cut) >= 20:  # a headline cut to nothing is no sentence
            out.append((" ".join(words), cut))
    out.sort(key=lambda v: _hash(v[0] + text))
    return out[:per]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--only", default="")
    ap.add_argument("--per", type=int, default=1, help="names cut per pair")
    ap.add_argument("--limit", type=int, default=0, help="pairs per set (0: all)")
    ap.add_argument("--show", type=int, default=0, help="misses shown per language")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    root = Path(args.shared) / "bench" / "detect"
    if not root.is_dir():
        print(f"bench data not found at {root}; nothing to do")
        return 0
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, hit, dropped, skipped
    misses: dict[str, list[str]] = defaultdict(list)
    verdicts: dict[str, bool] = {}
    taken: dict[str, int] = defaultdict(int)
    for name, item in _pool(args.shared, args.only):
        cuts = variants(item, args.per)
        if not cuts or (args.limit and taken[name] >= args.limit):
            continue
        taken[name] += 1
        group = f"{name} {item['src_lang']}"
        if _findings(item):
            counts[group][3] += len(cuts)
            continue
        for cut, text in cuts:
            found = _findings({**item, "translation": text})
            c = counts[group]
            c[0] += 1
            c[1] += bool(found)
            c[2] += any(f.kind == "entity.dropped" for f in found)
            verdicts[f"{group}|{item['id']}|{cut}"] = bool(found)
            if not found:
                misses[group].append(
                    f"--- {item['id']} cut {cut!r}\n  S: {item['source']}\n  T: {text}"
                )
    print(f"{'set':<16} {'variants':>8}  {'any major+':<20} {'dropped major+':<20} control flagged")
    tot = [0, 0, 0, 0]
    for group in sorted(counts):
        c = counts[group]
        tot = [a + b for a, b in zip(tot, c, strict=True)]
        print(f"{group:<16} {c[0]:>8}  {rate(c[1], c[0]):<20} {rate(c[2], c[0]):<20} {c[3]}")
    print(
        f"{'all':<16} {tot[0]:>8}  {rate(tot[1], tot[0]):<20} {rate(tot[2], tot[0]):<20} {tot[3]}"
    )
    if args.show:
        for group in sorted(misses):
            print(f"===== misses {group}: {len(misses[group])}")
            print("\n".join(misses[group][: args.show]))
    if args.json:
        Path(args.json).write_text(json.dumps(verdicts, indent=0, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
