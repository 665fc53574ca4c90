"""Garbled, changed, dropped, invented and inconsistently rendered names.

Per aligned link, source names are matched to target names in passes, most certain first:
exact or alias (``U.S.`` = ``United States``); a shared word (``Yerevan Dialogue`` /
``Ery of Ery of Dialogue``); a known garbled form (below); similar spelling; and a leftover
name paired with a leftover non-word. What is left is dropped or added.

Garbled forms are also recognised across the document: target words that are not words of the
target language (wordfreq) and not in the source are clustered by spelling (``Erenana``,
``Erying``, ``Erywan``), and a cluster is tied to the source name its members resemble or were
paired with in some link. So a garbled name is caught even in a sentence whose source is not
in the excerpt, and a name rendered several ways becomes one ``entity.inconsistent`` finding.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .._entities import (
    Chunk,
    NameToken,
    alias_equivalent,
    is_regular_rendering,
    name_similarity,
    zipf,
)
from .._features import fold, words
from .._model import Finding, Span
from .._numbers._lexicon import MONTHS
from ._base import AlignedPair, finding

__all__ = ["check_entities"]

_UNKNOWN_ZIPF = 1.0  # below this a word is not a word of the language (wordfreq's Zipf scale)
_CLUSTER_SIMILARITY = 0.6
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may"
    " june july august september october november december montag dienstag mittwoch donnerstag"
    " freitag samstag sonntag januar februar marz juni juli oktober dezember".split()
)
# Month names are date components: the number check compares them (3 May = 2024-05-03).
_MONTHS = frozenset(fold(m) for m in MONTHS)
_KNOWN_ZIPF = 2.5  # both names ordinary words (Russia / Russian): a derivation, not a garbling
_MAP_WITHOUT_EVIDENCE = 0.7


@dataclass
class _Outcome:
    kind: str  # garbled | changed | dropped | added | case | far-garbled
    source: Chunk | NameToken | None
    target: Chunk | NameToken | None
    words: tuple[str, ...] = ()


@dataclass
class _Context:
    pair: AlignedPair
    unknown: set[str] = field(default_factory=set)
    cluster_of: dict[str, str] = field(default_factory=dict)  # target key -> source key
    first_source: dict[str, NameToken] = field(default_factory=dict)


def _span(pair: AlignedPair, side: str, item: Chunk | NameToken) -> Span:
    doc = pair.source if side == "source" else pair.target
    return doc.span("source" if side == "source" else "target", item.sentence, item.start, item.end)


def _tokens(chunks: list[Chunk]) -> Iterator[NameToken]:
    for c in chunks:
        yield from c.tokens


def _best_similarity(a: Chunk, b: Chunk) -> float:
    return max(name_similarity(x.key, y.key) for x in a.tokens for y in b.tokens)


def _pair_up(
    src: list[Chunk], tgt: list[Chunk], same: Callable[[str, str], bool], matched: set[str]
) -> None:
    """Remove from both lists the chunks that ``same`` pairs, noting their keys."""
    for cs in list(src):
        for ct in tgt:
            if same(cs.key, ct.key):
                src.remove(cs)
                tgt.remove(ct)
                matched.update((cs.key, ct.key))
                break


def _match_link(ctx: _Context, src: list[Chunk], tgt: list[Chunk]) -> list[_Outcome]:
    outcomes: list[_Outcome] = []
    matched_keys: set[str] = set()
    src, tgt = list(src), list(tgt)

    # 1. exact
    _pair_up(src, tgt, str.__eq__, matched_keys)

    # 2. a shared word: the same name with some words changed
    for cs in list(src):
        for ct in tgt:
            shared = {t.key for t in cs.tokens} & {t.key for t in ct.tokens}
            if not shared:
                continue
            src.remove(cs)
            tgt.remove(ct)
            rest_s = [t for t in cs.tokens if t.key not in shared]
            rest_t = [t for t in ct.tokens if t.key not in shared]
            if rest_s and rest_t:
                similar = any(
                    name_similarity(a.key, b.key) >= ctx.pair.config.entity_similarity
                    for a in rest_s
                    for b in rest_t
                )
                looping = len({t.key for t in rest_t}) < len(rest_t)  # Ery of Ery of Ery of
                garbled = similar or looping or any(t.key in ctx.unknown for t in rest_t)
                words = tuple(f"{a.text} → {b.text}" for a, b in zip(rest_s, rest_t, strict=False))
                outcomes.append(_Outcome("garbled" if garbled else "changed", cs, ct, words))
            break

    # 2b. aliases and acronyms (after shared words, so NCFA -> NKFA beats NCFA -> expansion)
    _pair_up(src, tgt, alias_equivalent, matched_keys)
    # Repeated mentions collapse in translation ("Armenia ... Armenia's" -> "Armenia").
    src = [c for c in src if c.key not in matched_keys]
    tgt = [c for c in tgt if c.key not in matched_keys]

    # 3. target words known to be garbled forms of a source name
    for ct in list(tgt):
        for tok in ct.tokens:
            origin = ctx.cluster_of.get(tok.key)
            if origin is None:
                continue
            partner = next((cs for cs in src if any(t.key == origin for t in cs.tokens)), None)
            if partner is not None:
                src.remove(partner)
                outcomes.append(_Outcome("garbled", partner, ct))
            elif origin in ctx.first_source:
                outcomes.append(_Outcome("far-garbled", ctx.first_source[origin], tok))
            tgt.remove(ct)
            break

    # 4. similar spelling
    pairs = sorted(
        ((_best_similarity(cs, ct), i, j) for i, cs in enumerate(src) for j, ct in enumerate(tgt)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_s: set[int] = set()
    used_t: set[int] = set()
    for sim, i, j in pairs:
        if sim < ctx.pair.config.entity_similarity:
            break
        if i in used_s or j in used_t:
            continue
        used_s.add(i)
        used_t.add(j)
        if sim >= 0.9 and _known(ctx, src[i]) and _known(ctx, tgt[j]):
            continue  # Russia / Russian, Kremlin / Kremlin's: the same name, derived
        outcomes.append(_Outcome("garbled", src[i], tgt[j]))
    src = [c for i, c in enumerate(src) if i not in used_s]
    tgt = [c for j, c in enumerate(tgt) if j not in used_t]

    # 5. a leftover name against a leftover non-word (CSTO -> Zakbb), or one name for another
    strange = [c for c in tgt if any(t.key in ctx.unknown for t in c.tokens)]
    for cs, ct in zip(list(src), strange, strict=False):
        src.remove(cs)
        tgt.remove(ct)
        outcomes.append(_Outcome("garbled", cs, ct))
    if len(src) == 1 and len(tgt) == 1 and src[0].tokens[0].strong and tgt[0].tokens[0].strong:
        outcomes.append(_Outcome("changed", src[0], tgt[0]))
        src, tgt = [], []

    # 6. what is left: dropped or added, unless only the capitals changed
    return outcomes + _leftovers(src, tgt)


def _known(ctx: _Context, chunk: Chunk) -> bool:
    lang = ctx.pair.target.language or "en"
    return all(zipf(t.text.lower(), lang) >= _KNOWN_ZIPF for t in chunk.tokens)


def _leftovers(src: list[Chunk], tgt: list[Chunk]) -> list[_Outcome]:
    return [_Outcome("dropped", cs, None) for cs in src] + [
        _Outcome("added", None, ct) for ct in tgt
    ]


def _clusters(ctx: _Context, tokens: list[NameToken]) -> list[list[str]]:
    keys = sorted({t.key for t in tokens if t.key in ctx.unknown})
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a[:1] == b[:1] and name_similarity(a, b) >= _CLUSTER_SIMILARITY:
                parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[root(k)].append(k)
    return [g for _, g in sorted(groups.items())]


def _map_clusters(
    ctx: _Context, clusters: list[list[str]], evidence: Counter[tuple[str, str]]
) -> dict[str, str]:
    mapping: dict[str, str] = {}
    names = sorted(ctx.first_source)
    for members in clusters:
        best_key, best_score, best_sim, best_ev = "", 0.0, 0.0, 0
        for name in names:
            sim = max(name_similarity(m, name) for m in members)
            ev = sum(evidence[(m, name)] for m in members)
            score = sim + 0.5 * ev
            if score > best_score:
                best_key, best_score, best_sim, best_ev = name, score, sim, ev
        if best_key and (best_ev > 0 or best_sim >= _MAP_WITHOUT_EVIDENCE):
            for m in members:
                mapping[m] = best_key
    return mapping


def _run_links(ctx: _Context) -> list[tuple[_Outcome, frozenset[str]]]:
    pair = ctx.pair
    result: list[tuple[_Outcome, frozenset[str]]] = []
    for link in pair.aligned_links:
        src = pair.source_names.in_sentences(link.source)
        tgt = pair.target_names.in_sentences(link.target)
        text = " ".join(pair.target.sentences[j].text for j in link.target)
        target_words = frozenset(fold(w).replace(".", "") for _, _, w in words(text))
        result.extend((o, target_words) for o in _match_link(ctx, src, tgt))
    return result


def check_entities(pair: AlignedPair) -> Iterator[Finding]:
    """Entity findings for an aligned pair (see the module docstring)."""
    src_names, tgt_names = pair.source_names, pair.target_names
    lang = pair.target.language or "en"
    ctx = _Context(pair)
    for tok in _tokens(list(src_names.chunks)):
        if tok.strong or tok.key not in ctx.first_source:
            ctx.first_source.setdefault(tok.key, tok)
    all_target = list(_tokens(list(tgt_names.chunks)))
    ctx.unknown = {
        t.key
        for t in all_target
        if t.key not in src_names.vocabulary and zipf(t.text.lower(), lang) < _UNKNOWN_ZIPF
    }
    clusters = _clusters(ctx, all_target)

    # First pass: clusters tied by spelling alone; collect which source names garbled forms replace.
    ctx.cluster_of = _map_clusters(ctx, clusters, Counter())
    evidence: Counter[tuple[str, str]] = Counter()
    for outcome, _ in _run_links(ctx):
        if (
            outcome.kind in ("garbled", "changed")
            and isinstance(outcome.source, Chunk)
            and isinstance(outcome.target, Chunk)
        ):
            for t in outcome.target.tokens:
                if t.key in ctx.unknown:
                    for s in outcome.source.tokens:
                        evidence[(t.key, s.key)] += 1
    ctx.cluster_of = _map_clusters(ctx, clusters, evidence)

    renderings: dict[str, set[str]] = defaultdict(set)
    seen_far: set[tuple[int, int]] = set()
    for outcome, target_words in _run_links(ctx):
        yield from _findings(ctx, outcome, target_words, renderings, seen_far)

    # Garbled forms in target sentences that no source sentence aligns with.
    aligned_targets = {j for link in pair.aligned_links for j in link.target}
    for tok in all_target:
        origin = ctx.cluster_of.get(tok.key)
        if origin is None or tok.sentence in aligned_targets or (tok.start, tok.end) in seen_far:
            continue
        yield from _findings(
            ctx,
            _Outcome("far-garbled", ctx.first_source[origin], tok),
            frozenset(),
            renderings,
            seen_far,
        )

    for key, forms in sorted(renderings.items()):
        if len(forms) < 2:
            continue
        name = ctx.first_source[key]
        listed = sorted(forms)
        yield finding(
            pair,
            "entity.inconsistent",
            "major",
            f"{name.text!r} is rendered {len(listed)} different ways: {', '.join(listed)}",
            source=_span(pair, "source", name),
            mqm="Terminology/Inconsistent use of terminology",
            details={"name": name.text, "renderings": listed},
        )


def _findings(
    ctx: _Context,
    o: _Outcome,
    target_words: frozenset[str],
    renderings: dict[str, set[str]],
    seen_far: set[tuple[int, int]],
) -> Iterator[Finding]:
    pair = ctx.pair
    same = pair.same_language
    s_span = _span(pair, "source", o.source) if o.source is not None else None
    t_span = _span(pair, "target", o.target) if o.target is not None else None
    if o.kind in ("garbled", "far-garbled", "changed"):
        assert s_span is not None and t_span is not None and o.source and o.target
        s_key = fold(s_span.text).replace(".", "")
        t_key = fold(t_span.text).replace(".", "")
        if not same and all(
            is_regular_rendering(a, b) for a, b in zip(s_key.split(), t_key.split(), strict=False)
        ):
            return  # a regular transliteration or inflection across languages is fine
        if s_span.text.casefold() == t_span.text.casefold():
            return
        if same and fold(s_span.text) in _MONTHS and fold(t_span.text) in _MONTHS:
            return  # a changed month is a changed date: the number check reports it
        for tok in o.target.tokens if isinstance(o.target, Chunk) else (o.target,):
            origin = ctx.cluster_of.get(tok.key)
            if origin is not None:
                renderings[origin].add(tok.text)
        if isinstance(o.source, NameToken) and isinstance(o.target, NameToken):
            renderings[o.source.key].add(o.target.text)
            seen_far.add((o.target.start, o.target.end))
        kind = "entity.changed" if o.kind == "changed" else "entity.garbled"
        what = "replaced by another name" if kind == "entity.changed" else "garbled"
        where = "" if o.kind != "far-garbled" else " (the name appears elsewhere in the source)"
        detail = f" ({'; '.join(o.words)})" if o.words else ""
        yield finding(
            pair,
            kind,
            "major",
            f"name {s_span.text!r} {what} as {t_span.text!r}{detail}{where}",
            source=s_span,
            target=t_span,
            mqm="Accuracy/Mistranslation",
            details={"source_name": s_span.text, "target_name": t_span.text},
        )
    elif o.kind == "dropped":
        assert s_span is not None and isinstance(o.source, Chunk)
        key = fold(s_span.text).replace(".", "")
        if all(w in target_words for w in key.split()):
            common = all(
                zipf(t.text.lower(), pair.source.language or "en") >= 3.0 for t in o.source.tokens
            )
            if not common:
                yield finding(
                    pair,
                    "entity.garbled",
                    "minor",
                    f"capitalisation of the name {s_span.text!r} changed",
                    source=s_span,
                    mqm="Fluency/Spelling",
                    details={"source_name": s_span.text},
                )
            return
        if all(t.key in (_CALENDAR if not same else _MONTHS) for t in o.source.tokens):
            return  # weekdays and months are translated words; the number check sees dates
        strong = any(t.strong for t in o.source.tokens)
        missing = [t for t in o.source.tokens if t.key not in target_words]
        # "Zvartnots Airport" -> "the airport": only "Zvartnots" is missing
        s_span = pair.source.span("source", o.source.sentence, missing[0].start, missing[-1].end)
        yield finding(
            pair,
            "entity.dropped",
            "major" if strong else "minor",
            f"name {s_span.text!r} is missing from the translation",
            source=s_span,
            mqm="Accuracy/Omission",
            details={"source_name": s_span.text},
        )
    elif o.kind == "added":
        assert t_span is not None and isinstance(o.target, Chunk)
        if all(t.key in _MONTHS for t in o.target.tokens):
            return  # "2024-05-03" -> "3 May 2024": the number check compares months
        new = all(t.key not in pair.source_names.vocabulary for t in o.target.tokens)
        strong = any(t.strong for t in o.target.tokens)
        yield finding(
            pair,
            "entity.added",
            "major" if (new and strong) else "minor",
            f"name {t_span.text!r} is not in the source sentence",
            target=t_span,
            mqm="Accuracy/Addition",
            details={"target_name": t_span.text},
        )
