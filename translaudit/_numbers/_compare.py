"""Compare the numbers of a source and a target as multisets of values."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from ._lexicon import WORD_LANGS
from ._model import NumberDiff, NumberMention

# Kinds that may be paired as "changed" with each other.
_GROUP: Final[dict[str, str]] = {
    "cardinal": "q",
    "decimal": "q",
    "word": "q",
    "ordinal": "q",
    "multiplier": "q",
    "currency": "q",
    "percent": "q",
    "year": "y",
    "date": "d",
    "time": "d",
    "month": "m",
    "code": "c",
}


def _cls(m: NumberMention) -> str:
    # Month numbers only ever match months: "February" must not absorb a plain 2.
    return "m" if m.kind == "month" else "n"


def _digits(m: NumberMention) -> str:
    v = m.values[0] if m.values else Decimal(0)
    return "".join(c for c in format(abs(v), "f") if c.isdigit()).lstrip("0") or "0"


def _edit(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _pair_cost(s: NumberMention, t: NumberMention, rs: float, rt: float) -> float | None:
    gs, gt = _GROUP.get(s.kind, "q"), _GROUP.get(t.kind, "q")
    ds, dt = _digits(s), _digits(t)
    if gs != gt and not ({gs, gt} == {"q", "y"} and abs(len(ds) - len(dt)) <= 1):
        return None
    if _cls(s) != _cls(t):
        return None
    cost = _edit(ds, dt) / max(len(ds), len(dt))
    cost += 0.25 * abs(len(ds) - len(dt)) + 0.5 * abs(rs - rt)
    if s.kind != t.kind:
        cost += 0.25
    return cost


def _match_key(m: NumberMention, strict: int) -> str:
    """What a mention must share to match in a pass: its kind and currency (2), its group
    (1), nothing more (0)."""
    if strict == 2:
        return f"{m.kind}:{m.currency or ''}"
    return _GROUP.get(m.kind, "q") if strict else ""


def _match(src: list[NumberMention], tgt: list[NumberMention]) -> dict[int, int]:
    """Maximum matching of source to target mentions sharing a reading.

    Pairs whose best readings agree are fixed first, so that ambiguous readings
    only resolve what is left over.
    """
    pairs: dict[int, int] = {}
    # Same kind first: in "1% … on 1 January" -> "0% … on 1 January" the day keeps its day
    # and the percentage is what changed. The very same kind (and currency) before the same
    # group: "2%" -> "€2 … 2%" leaves "€2" added, not the "2%" the source has (props13).
    for strict in (2, 1, 0):
        by_key: dict[tuple[str, str, Decimal], list[int]] = {}
        used = set(pairs.values())
        for j, t in enumerate(tgt):
            if t.values and j not in used:
                by_key.setdefault((_cls(t), _match_key(t, strict), t.values[0]), []).append(j)
        for i, s in enumerate(src):
            if s.values and i not in pairs:
                js = by_key.get((_cls(s), _match_key(s, strict), s.values[0]))
                if js:
                    pairs[i] = js.pop(0)
    left_s = [i for i in range(len(src)) if i not in pairs]
    used_t = set(pairs.values())
    left_t = [j for j in range(len(tgt)) if j not in used_t]
    if not left_s or not left_t:
        return pairs
    tsets = {j: set(tgt[j].values) for j in left_t}
    adj: dict[int, list[int]] = {}
    for i in left_s:
        vs = set(src[i].values)
        adj[i] = [j for j in left_t if _cls(src[i]) == _cls(tgt[j]) and not vs.isdisjoint(tsets[j])]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in left_s:
        if adj[i]:
            augment(i, set())
    for j, i in owner.items():
        pairs[i] = j
    _one_reading_per_date(src, tgt, pairs)
    return pairs


def _days_and_months(mentions: list[NumberMention]) -> dict[int, int]:
    """Day index -> month index of the dates written as day and month side by side
    ("02/01", "1 January"): their readings go together, the k-th day with the k-th month."""
    after = {m.start - 1: k for k, m in enumerate(mentions) if m.kind == "month"}
    before = {m.end + 1: k for k, m in enumerate(mentions) if m.kind == "month"}
    out: dict[int, int] = {}
    for k, m in enumerate(mentions):
        if m.kind == "date":
            month = after.get(m.end, before.get(m.start))
            if month is not None and len(mentions[month].values) == len(m.values):
                out[k] = month
    return out


def _one_reading_per_date(
    src: list[NumberMention], tgt: list[NumberMention], pairs: dict[int, int]
) -> None:
    """Unmatch a day or month matched on another reading of its date than its partner: the
    French "02/01/2000" (read 2 January, or February 1 as in the US) is no copy of
    "01/01/2000", yet its day matched on one reading and its month on the other (props13).
    The one the target's first reading leaves unmatched goes, to be paired as changed."""
    t_months = _days_and_months(tgt)
    for d, m in _days_and_months(src).items():
        td, tm = pairs.get(d), pairs.get(m)
        if td is None or tm is None or t_months.get(td) != tm:
            continue
        ours = set(zip(src[d].values, src[m].values, strict=True))
        theirs = list(zip(tgt[td].values, tgt[tm].values, strict=True))
        if ours.isdisjoint(theirs):
            del pairs[m if theirs[0][0] in src[d].values else d]


def match_numbers(
    source: Sequence[NumberMention], target: Sequence[NumberMention]
) -> dict[int, int]:
    """Mentions that agree by value: source index -> target index (markers never match)."""
    src = [i for i, m in enumerate(source) if m.kind != "marker"]
    tgt = [j for j, m in enumerate(target) if m.kind != "marker"]
    pairs = _match([source[i] for i in src], [target[j] for j in tgt])
    return {src[i]: tgt[j] for i, j in pairs.items()}


def _reportable(m: NumberMention, words_checkable: bool) -> bool:
    # Numbers inside codes ("COVID-19", "km2") are often left out of a paraphrase.
    if m.weak or m.kind in ("month", "code"):
        return False
    return words_checkable or not m.from_words


def compare_numbers(
    source: Sequence[NumberMention],
    target: Sequence[NumberMention],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    include_notes: bool = False,
) -> tuple[NumberDiff, ...]:
    """Differences between the numbers of ``source`` and ``target``.

    Numbers are compared as multisets of values: two mentions match when any reading
    of one equals any reading of the other (month components only match months), so
    a value written twice in the source and once in the target is reported dropped.
    Unmatched mentions are paired by closeness (same kind, digit edit distance,
    relative position) into ``changed``; the rest are ``dropped`` or ``added``.

    Weak mentions (a number word meaning 1, "double", CJK numerals) and months never
    produce a finding on their own. When ``source_lang`` or ``target_lang`` names a
    language whose number words are not read, number words on the other side are not
    reported either. With ``include_notes`` a match whose kinds differ in a way worth
    a look (31 % vs 31, another currency) is returned as ``op="note"``.
    """
    src = [m for m in source if m.kind != "marker"]
    tgt = [m for m in target if m.kind != "marker"]
    if not include_notes and _same_primary(src, tgt):
        return ()  # fast path: the best readings already agree one to one
    pairs = _match(src, tgt)
    diffs: list[NumberDiff] = []
    if include_notes:
        for i, j in pairs.items():
            s, t = src[i], tgt[j]
            if (s.kind == "percent") != (t.kind == "percent") or (
                s.currency and t.currency and s.currency != t.currency
            ):
                diffs.append(NumberDiff("note", s, t))
    src_words_ok = target_lang is None or _base(target_lang) in WORD_LANGS
    tgt_words_ok = source_lang is None or _base(source_lang) in WORD_LANGS
    matched_t = set(pairs.values())
    ls = [i for i in range(len(src)) if i not in pairs]
    lt = [j for j in range(len(tgt)) if j not in matched_t]
    rep_s = {i: _reportable(src[i], src_words_ok) for i in ls}
    rep_t = {j: _reportable(tgt[j], tgt_words_ok) for j in lt}
    ns, nt = max(len(src), 1), max(len(tgt), 1)
    cands: list[tuple[float, int, int]] = []
    for i in ls:
        for j in lt:
            # Codes and months are not reported alone, but a changed one is.
            both = src[i].kind == tgt[j].kind and src[i].kind in ("code", "month")
            if not (rep_s[i] or rep_t[j] or both):
                continue
            c = _pair_cost(src[i], tgt[j], i / ns, j / nt)
            if c is not None:
                cands.append((c, i, j))
    cands.sort()
    done_s: set[int] = set()
    done_t: set[int] = set()
    for _, i, j in cands:
        if i in done_s or j in done_t:
            continue
        done_s.add(i)
        done_t.add(j)
        diffs.append(NumberDiff("changed", src[i], tgt[j]))
    diffs.extend(NumberDiff("dropped", src[i], None) for i in ls if i not in done_s and rep_s[i])
    diffs.extend(NumberDiff("added", None, tgt[j]) for j in lt if j not in done_t and rep_t[j])
    diffs.sort(key=_order)
    return tuple(diffs)


def _key(m: NumberMention) -> tuple[bool, Decimal]:
    return (m.kind == "month", m.values[0] if m.values else Decimal(0))


def _same_primary(src: list[NumberMention], tgt: list[NumberMention]) -> bool:
    if len(src) != len(tgt):
        return False
    return sorted(map(_key, src)) == sorted(map(_key, tgt))


def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _order(d: NumberDiff) -> tuple[float, float, int]:
    s = d.source.start if d.source is not None else math.inf
    t = d.target.start if d.target is not None else math.inf
    return (s, t, 0 if d.op == "note" else 1)
