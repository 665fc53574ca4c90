"""Corruptions: a translation damaged the way machine translation damages it, with the
findings a faithful audit must report. Driven by a :class:`~translaudit._generate.Draw`, like
the documents they corrupt."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any, Final

import regex

from ._generate import (
    _MILLIONS,
    _SLOT_KIND,
    ENTITY_KINDS,
    GARBLINGS,
    NUMBER_KINDS,
    Draw,
    Entity,
    Piece,
    Quantity,
    SampleDocument,
    SampleSentence,
    _render_sentence,
    _styles,
    draw_entity,
    draw_sentence_plan,
    quantity_text,
)
from ._templates import LANGUAGES, TEMPLATES
from .testing import ExpectedFinding

__all__ = ["CORRUPTIONS", "OPERATORS", "Corruption", "applicable", "corrupt"]

CORRUPTIONS: Final[tuple[str, ...]] = (
    "change_number",
    "drop_number",
    "reformat_number",
    "garble_name",
    "substitute_entity",
    "repetition_loop",
    "drop_sentence",
    "add_sentence",
    "move_sentence",
    "untranslated_sentence",
)


@dataclass(frozen=True, slots=True)
class Corruption:
    """A corrupted translation and the findings a faithful audit must report.

    Unpacks as ``(text, expected)``. ``operator`` names the corruption, ``description`` says
    what changed, and ``moved`` is ``(source sentence, target sentence)`` for a moved sentence
    (an alignment fact, not a finding: a reordered sentence is not an error).
    """

    text: str
    expected: tuple[ExpectedFinding, ...]
    operator: str
    description: str
    moved: tuple[int, int] | None = None

    def __iter__(self) -> Iterator[Any]:
        yield self.text
        yield self.expected


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _number_pieces(doc: SampleDocument, kinds: Sequence[str]) -> list[tuple[int, Piece]]:
    return [(s.index, p) for s in doc.sentences for p in s.pieces if _SLOT_KIND[p.slot] in kinds]


def _name_pieces(doc: SampleDocument) -> list[tuple[int, Piece]]:
    return [
        (s.index, p) for s in doc.sentences for p in s.pieces if _SLOT_KIND[p.slot] in ENTITY_KINDS
    ]


def _source_span(source: SampleDocument, sentence: int, slot: str) -> tuple[int, int]:
    p = source.sentences[sentence].piece(slot)
    return (p.start, p.end)


def _changed_value(d: Draw, q: Quantity) -> Quantity:
    """A plausible wrong value: a digit replaced, two digits swapped, a digit dropped, a
    factor of ten, another day, month or year."""
    v = q.value
    if isinstance(v, date):
        part = d.choice(("day", "month", "year"))
        if part == "day":
            day = d.integer(1, 27)
            return replace(q, value=v.replace(day=day if day < v.day else day + 1))
        if part == "month":
            month = d.integer(1, 11)
            return replace(q, value=v.replace(month=month if month < v.month else month + 1))
        return replace(q, value=v.replace(year=v.year + d.choice((1, -1, 2, 10))))
    exponent = v.as_tuple().exponent
    assert isinstance(exponent, int)
    # millions change in their written digits (4.5 million -> 5.4 million), not in the zeros
    scale = Decimal(10) ** max(0, -exponent)
    if q.kind == "money" and v >= _MILLIONS:
        scale = Decimal(1) / 100_000
    digits = str(int(v * scale))
    op = d.choice(("digit", "swap", "drop", "times10"))
    new = digits
    if op == "digit":
        k = d.integer(0, len(digits) - 1)
        first = 1 if k == 0 and len(digits) > 1 else 0
        choices = [str(c) for c in range(first, 10) if str(c) != digits[k]]
        new = digits[:k] + d.choice(choices) + digits[k + 1 :]
    elif op == "swap":
        pairs = [
            k
            for k in range(len(digits) - 1)
            if digits[k] != digits[k + 1] and not (k == 0 and digits[1] == "0")
        ]
        if pairs:
            k = d.choice(pairs)
            new = digits[:k] + digits[k + 1] + digits[k] + digits[k + 2 :]
    elif op == "drop" and len(digits) > 2:
        k = d.integer(1, len(digits) - 1)
        new = digits[:k] + digits[k + 1 :]
    if new == digits:  # times10, or the other edits had nothing to work on
        new = digits + "0"
    if q.kind == "year":
        new = str(int(digits) + d.choice((1, -1, 10)))
    return replace(q, value=Decimal(int(new)) / scale)


def _change_number(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    i, piece = d.choice(_number_pieces(target, NUMBER_KINDS))
    q = target.plan[i].fill(piece.slot)
    assert isinstance(q, Quantity)
    new_q = _changed_value(d, q)
    new = quantity_text(new_q, target.language)
    if new == piece.text or new_q.value == q.value:
        new_q = replace(q, value=q.value + 1) if isinstance(q.value, Decimal) else new_q
        new = quantity_text(new_q, target.language)
    exp = ExpectedFinding(
        "number.changed",
        source=_source_span(source, i, piece.slot),
        target=(piece.start, piece.start + len(new)),
    )
    return Corruption(
        _splice(target.text, piece.start, piece.end, new),
        (exp,),
        "change_number",
        f"{piece.text!r} -> {new!r}",
    )


def _drop_number(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    # a date is three mentions (day, month, year); dropping one number is the common error
    i, piece = d.choice(_number_pieces(target, ("count", "decimal", "percent", "money", "year")))
    start, end = piece.start, piece.end
    if target.text[end : end + 1] == " ":
        end += 1
    elif target.text[start - 1 : start] == " ":
        start -= 1
    exp = ExpectedFinding("number.dropped", source=_source_span(source, i, piece.slot))
    return Corruption(
        _splice(target.text, start, end, ""), (exp,), "drop_number", f"{piece.text!r} dropped"
    )


def _reformattable(doc: SampleDocument) -> list[tuple[int, Piece, list[str]]]:
    out = []
    for i, piece in _number_pieces(doc, NUMBER_KINDS):
        q = doc.plan[i].fill(piece.slot)
        assert isinstance(q, Quantity)
        others = [s for s in dict.fromkeys(_styles(q, doc.language)) if s != piece.text]
        if others:
            out.append((i, piece, others))
    return out


def _reformat_number(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    _, piece, others = d.choice(_reformattable(target))
    new = d.choice(others)
    return Corruption(
        _splice(target.text, piece.start, piece.end, new),
        (),
        "reformat_number",
        f"{piece.text!r} -> {new!r} (same value)",
    )


_VOWEL_SHIFT: Final[dict[str, str]] = {"a": "e", "e": "i", "i": "e", "o": "u", "u": "o", "y": "e"}
_FOREIGN_ENDINGS: Final[tuple[str, ...]] = ("", "a", "ov", "ian", "ek")
_CONSONANT_SHIFT: Final[dict[str, str]] = {
    "c": "k",
    "w": "v",
    "v": "w",
    "k": "c",
    "b": "p",
    "d": "t",
    "g": "k",
}


def _garble_word(d: Draw, word: str, method: str) -> str:
    """``word`` damaged as machine translation damages names."""
    if method == "swap":
        ks = [k for k in range(1, len(word) - 1) if word[k].lower() != word[k + 1].lower()]
        k = d.choice(ks)
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    if method == "transliterate":
        # as if through another script and back: a vowel heard differently, maybe a
        # consonant, and an ending of the other language (Yerevan -> Erywan)
        vowels = [k for k in range(1, len(word)) if word[k] in _VOWEL_SHIFT]
        k = d.choice(vowels)
        out = word[:k] + _VOWEL_SHIFT[word[k]] + word[k + 1 :]
        consonants = [k for k in range(1, len(out)) if out[k] in _CONSONANT_SHIFT]
        if consonants and d.integer(0, 1):
            c = d.choice(consonants)
            out = out[:c] + _CONSONANT_SHIFT[out[c]] + out[c + 1 :]
        return out + d.choice(_FOREIGN_ENDINGS)
    if method == "truncate":
        return word[: max(3, len(word) // 2)]
    # acronym: one letter replaced (NCFA -> NKFA), or a pronounceable non-word (CSTO -> Zakb)
    if d.integer(0, 1):
        k = d.integer(0, len(word) - 1)
        letters = [c for c in "BDGKLMNPRSTVZ" if c != word[k]]
        return word[:k] + d.choice(letters) + word[k + 1 :]
    return (
        d.choice("BDGKLMPRSTVZ")
        + d.choice("aeiou")
        + d.choice("bdgklmnprstvz")
        + d.choice("bdgkqvxz")
    )


def _garble_methods(name: Entity) -> list[str]:
    word = _garbled_word(name)
    swappable = any(word[k].lower() != word[k + 1].lower() for k in range(1, len(word) - 1))
    methods = ["swap"] if swappable else []
    if name.kind == "acronym":
        return [*methods, "acronym"]
    methods.append("transliterate")
    if len(word) >= 6:
        methods.append("truncate")
    return methods


def _garbled_word(name: Entity) -> str:
    # the distinctive word: a person's surname, an organisation's first word
    words = name.text.split()
    return words[-1] if name.kind == "person" else words[0]


def _garble_name(
    d: Draw, source: SampleDocument, target: SampleDocument, methods: Sequence[str] = GARBLINGS
) -> Corruption:
    candidates = []
    for i, piece in _name_pieces(target):
        fill = target.plan[i].fill(piece.slot)
        assert isinstance(fill, Entity)
        usable = [m for m in _garble_methods(fill) if m in methods]
        if usable:
            candidates.append((i, piece, fill, usable))
    i, piece, name, usable = d.choice(candidates)
    method = d.choice(usable)
    word = _garbled_word(name)
    garbled = _garble_word(d, word, method)
    new = name.text.replace(word, garbled, 1)
    exp = ExpectedFinding(
        "entity.garbled",
        source=_source_span(source, i, piece.slot),
        target=(piece.start, piece.start + len(new)),
    )
    return Corruption(
        _splice(target.text, piece.start, piece.end, new),
        (exp,),
        "garble_name",
        f"{name.text!r} -> {new!r} ({method})",
    )


def _substitute_entity(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    i, piece = d.choice(_name_pieces(target))
    fill = target.plan[i].fill(piece.slot)
    assert isinstance(fill, Entity)
    used = frozenset(e.text for e in source.entities) | {e.text for e in target.entities}
    other = draw_entity(d, fill.kind, used)
    exp = ExpectedFinding(
        "entity.changed",
        source=_source_span(source, i, piece.slot),
        target=(piece.start, piece.start + len(other.text)),
    )
    return Corruption(
        _splice(target.text, piece.start, piece.end, other.text),
        (exp,),
        "substitute_entity",
        f"{fill.text!r} -> {other.text!r}",
    )


_WORD = regex.compile(r"[\p{L}'’-]+")


def _plain_words(s: SampleSentence) -> list[tuple[int, int]]:
    """Document offsets of the words of ``s`` outside its filled placeholders."""
    inside = [(p.start, p.end) for p in s.pieces]
    out = []
    for m in _WORD.finditer(s.text):
        a, b = s.start + m.start(), s.start + m.end()
        if not any(a < pe and ps < b for ps, pe in inside):
            out.append((a, b))
    return out


def _repetition_loop(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    sentence = d.choice([s for s in target.sentences if len(_plain_words(s)) >= 2])
    words = _plain_words(sentence)
    size = d.integer(1, min(3, len(words)))
    first = d.integer(0, len(words) - size)
    chosen = words[first : first + size]
    # only words next to each other: not across a comma or a name
    while len(chosen) > 1 and any(target.text[a[1] : b[0]] != " " for a, b in pairwise(chosen)):
        chosen.pop()
    start, end = chosen[0][0], chosen[-1][1]
    phrase = target.text[start:end]
    count = d.integer(3, 5)
    loop = " ".join([phrase] * count)
    exp = ExpectedFinding("repetition", target=(start, start + len(loop)))
    return Corruption(
        _splice(target.text, start, end, loop), (exp,), "repetition_loop", f"{phrase!r} x{count}"
    )


def _join(sentences: Sequence[str]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    return " ".join(sentences), starts


def _drop_sentence(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    k = d.integer(0, len(target.sentences) - 1)
    texts = [s.text for s in target.sentences]
    dropped = texts.pop(k)
    src = source.sentences[k]
    exp = ExpectedFinding("omission", source=(src.start, src.end))
    return Corruption(
        _join(texts)[0], (exp,), "drop_sentence", f"sentence {k} dropped: {dropped[:40]!r}"
    )


def _add_sentence(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    unused = [t for t in range(len(TEMPLATES)) if t not in {sp.template for sp in target.plan}]
    extra = draw_sentence_plan(d, d.choice(unused))
    new = _render_sentence(extra, target.language, 0, 0).text
    k = d.integer(0, len(target.sentences))
    texts = [s.text for s in target.sentences]
    texts.insert(k, new)
    text, starts = _join(texts)
    exp = ExpectedFinding("addition", target=(starts[k], starts[k] + len(new)))
    return Corruption(text, (exp,), "add_sentence", f"sentence added at {k}: {new[:40]!r}")


def _move_sentence(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    n = len(target.sentences)
    k = d.integer(0, n - 1)
    j = d.integer(0, n - 2)
    j = j if j < k else j + 1
    texts = [s.text for s in target.sentences]
    texts.insert(j, texts.pop(k))
    return Corruption(
        _join(texts)[0], (), "move_sentence", f"sentence {k} moved to {j}", moved=(k, j)
    )


def _untranslatable(source: SampleDocument, target: SampleDocument) -> list[tuple[str, int]]:
    """(wrong language, sentence) pairs long enough, in both languages, to be judged."""
    # across languages, a sentence left in the source language; in a same-language pair, a
    # sentence in another language (the mirror error: translated when it should not be)
    wrongs = (
        [source.language]
        if source.language != target.language
        else [lang for lang in LANGUAGES if lang != target.language]
    )
    return [
        (lang, s.index)
        for lang in wrongs
        for s in target.sentences
        if _lower_letters(s.text) >= _JUDGED
        and _lower_letters(_render_sentence(target.plan[s.index], lang, 0, 0).text) >= _JUDGED
    ]


def _untranslated_sentence(d: Draw, source: SampleDocument, target: SampleDocument) -> Corruption:
    wrong, k = d.choice(_untranslatable(source, target))
    new = _render_sentence(target.plan[k], wrong, 0, 0).text
    texts = [s.text for s in target.sentences]
    texts[k] = new
    text, starts = _join(texts)
    exp = ExpectedFinding("untranslated", target=(starts[k], starts[k] + len(new)))
    return Corruption(text, (exp,), "untranslated_sentence", f"sentence {k} left in {wrong}")


# the untranslated check judges sentences with at least 20 letters in lower-case words
_JUDGED = 24


def _lower_letters(text: str) -> int:
    # the untranslated check does not judge sentences made mostly of names and numbers
    return sum(len(w) for w in _WORD.findall(text) if w[:1].islower())


Operator = Callable[[Draw, SampleDocument, SampleDocument], Corruption]

OPERATORS: Final[dict[str, Operator]] = {
    "change_number": _change_number,
    "drop_number": _drop_number,
    "reformat_number": _reformat_number,
    "garble_name": _garble_name,
    "substitute_entity": _substitute_entity,
    "repetition_loop": _repetition_loop,
    "drop_sentence": _drop_sentence,
    "add_sentence": _add_sentence,
    "move_sentence": _move_sentence,
    "untranslated_sentence": _untranslated_sentence,
}


def applicable(operator: str, doc: SampleDocument, source: SampleDocument | None = None) -> bool:
    """Whether ``operator`` has something to work on in ``doc`` (a translation of
    ``source``; default: a same-language copy)."""
    n = len(doc.sentences)
    checks: dict[str, Callable[[], bool]] = {
        "change_number": lambda: bool(_number_pieces(doc, NUMBER_KINDS)),
        "drop_number": lambda: bool(
            _number_pieces(doc, ("count", "decimal", "percent", "money", "year"))
        ),
        "reformat_number": lambda: bool(_reformattable(doc)),
        "garble_name": lambda: bool(_name_pieces(doc)),
        "substitute_entity": lambda: bool(_name_pieces(doc)),
        "repetition_loop": lambda: any(len(_plain_words(s)) >= 2 for s in doc.sentences),
        "drop_sentence": lambda: n >= 2,
        "add_sentence": lambda: len(doc.plan) < len(TEMPLATES),
        "move_sentence": lambda: n >= 2,
        "untranslated_sentence": lambda: bool(_untranslatable(source or doc, doc)),
    }
    return checks[operator]()


def corrupt(
    d: Draw, operator: str, source: SampleDocument, target: SampleDocument | None = None
) -> Corruption:
    """Apply ``operator`` to ``target`` (default: ``source`` itself, a same-language pair)."""
    return OPERATORS[operator](d, source, target if target is not None else source)
