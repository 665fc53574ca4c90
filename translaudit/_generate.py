"""Generation of parallel documents and of corruptions, over an abstract source of choices.

Everything here is driven by a :class:`Draw` (two methods: an integer in a range, an item of a
sequence). :mod:`translaudit.strategies` drives it with hypothesis (so examples shrink towards
the first template, the first name, the smallest number); ``bench/bench_corruptions.py``
drives it with a seeded :class:`random.Random` to run tens of thousands of cases quickly. Both
therefore generate exactly the same kinds of case. No hypothesis import here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any, Final, Protocol, TypeVar

import regex

from ._errors import ConfigError
from ._numbers._extract import _DECIMAL_COMMA
from ._templates import (
    ACRONYMS,
    FIRST_NAMES,
    LANGUAGES,
    ORG_HEADS,
    ORG_TAILS,
    PLACES,
    SURNAMES,
    TEMPLATES,
)
from .testing import ExpectedFinding

__all__ = [
    "CORRUPTIONS",
    "ENTITY_KINDS",
    "GARBLINGS",
    "NUMBER_KINDS",
    "Corruption",
    "Draw",
    "Entity",
    "Quantity",
    "RandomDraw",
    "SampleDocument",
    "SampleNumber",
    "SampleSentence",
    "corrupt",
    "draw_document",
    "draw_entity",
    "draw_quantity",
    "format_number",
    "render",
]

T = TypeVar("T")

ENTITY_KINDS: Final[tuple[str, ...]] = ("person", "place", "organisation", "acronym")
NUMBER_KINDS: Final[tuple[str, ...]] = ("count", "decimal", "percent", "money", "date", "year")
GARBLINGS: Final[tuple[str, ...]] = ("swap", "transliterate", "truncate", "acronym")


class Draw(Protocol):
    """Where choices come from: hypothesis (shrinkable) or a seeded random generator."""

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``; shrinks towards ``low``."""

    def choice(self, items: Sequence[T]) -> T:
        """One of ``items``; shrinks towards the first."""

    def many(
        self, low: int, high: int, element: Callable[[Draw], T], key: Callable[[T], object]
    ) -> list[T]:
        """``low`` to ``high`` elements, distinct by ``key``; shrinks by deleting elements."""


class RandomDraw:
    """A :class:`Draw` from a seeded :class:`random.Random` (for benchmarks)."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self._random.randint(low, high)

    def choice(self, items: Sequence[T]) -> T:
        return items[self._random.randrange(len(items))]

    def many(
        self, low: int, high: int, element: Callable[[Draw], T], key: Callable[[T], object]
    ) -> list[T]:
        n = self.integer(low, high)
        out: dict[object, T] = {}
        while len(out) < n:
            item = element(self)
            out.setdefault(key(item), item)
        return list(out.values())


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Entity:
    """A fictional name; ``kind`` is one of :data:`ENTITY_KINDS`."""

    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A language-neutral number slot: ``value`` (a ``Decimal``, or a ``date`` for dates),
    its kind, the currency of money, and which of the locale's written forms to use."""

    kind: str
    value: Decimal | date
    currency: str | None = None
    style: int = 0


@dataclass(frozen=True, slots=True)
class SampleNumber:
    """A number as written in ``locale``: ``text`` means ``value`` (a ``Decimal`` or a
    ``date``)."""

    text: str
    value: Decimal | date
    kind: str
    locale: str
    currency: str | None = None


Fill = Entity | Quantity

_MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    # Polish dates use the genitive ("3 maja 2024")
    "pl": (
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ),
}
# Digit-group separators, most usual first; the decimal mark comes from translaudit._numbers.
_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "en": (",",),
    "de": (".",),
    "fr": ("\u202f", " "),
    "pl": ("\u00a0", " "),
}
_PERCENT: Final[dict[str, tuple[str, ...]]] = {
    "en": ("{}%", "{} percent", "{} per cent"),
    "de": ("{}\u00a0%", "{} Prozent", "{}%"),
    "fr": ("{}\u00a0%", "{} pour cent", "{} %"),
    "pl": ("{}%", "{} procent", "{}\u00a0%"),
}
_MONEY: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("en", "EUR"): ("€{}", "{} euros", "EUR {}"),
    ("en", "USD"): ("${}", "{} dollars", "US${}"),
    ("de", "EUR"): ("{} Euro", "{} €", "EUR {}"),
    ("de", "USD"): ("{} US-Dollar", "{} Dollar", "{} $"),
    ("fr", "EUR"): ("{} €", "{} euros", "{} EUR"),
    ("fr", "USD"): ("{} dollars", "{} $", "{} USD"),
    ("pl", "EUR"): ("{} euro", "{} EUR", "{} €"),
    ("pl", "USD"): ("{} dolarów", "{} USD", "{} $"),
}
_MILLION: Final[dict[str, str]] = {
    "en": "million",
    "de": "Millionen",
    "fr": "millions",
    "pl": "mln",
}
_DATES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("{d} {month} {y}", "{month} {d}, {y}", "{y}-{mm}-{dd}"),
    "de": ("{d}. {month} {y}", "{dd}.{mm}.{y}", "{d}.{m}.{y}"),
    "fr": ("{d} {month} {y}", "{dd}/{mm}/{y}"),
    "pl": ("{d} {month} {y}", "{dd}.{mm}.{y}"),
}
_MILLIONS = Decimal(10**6)


def _check_locale(locale: str, name: str = "locale") -> None:
    if locale not in LANGUAGES:
        choices = ", ".join(repr(lang) for lang in LANGUAGES)
        raise ConfigError(f"{name}={locale!r} is not one of: {choices}")


def format_number(value: Decimal | int, locale: str, *, group: int | None = 0) -> str:
    """``value`` written with ``locale``'s decimal mark, grouped with the locale's ``group``-th
    separator (``None``: not grouped).

    >>> format_number(Decimal("1250.5"), "de"), format_number(1250, "en", group=None)
    ('1.250,5', '1250')
    """
    _check_locale(locale)
    d = Decimal(value)
    sign = "-" if d < 0 else ""
    digits = format(abs(d), "f")
    whole, _, frac = digits.partition(".")
    if group is not None and len(whole) > 3:
        sep = _GROUPS[locale][group % len(_GROUPS[locale])]
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(sep + whole[i : i + 3] for i in range(head, len(whole), 3))
    mark = "," if locale in _DECIMAL_COMMA else "."
    return sign + whole + (mark + frac if frac else "")


def _styles(q: Quantity, locale: str) -> list[str]:
    """Every way ``locale`` writes ``q``; they all mean the same value."""
    v = q.value
    if q.kind == "date":
        assert isinstance(v, date)
        month = _MONTHS[locale][v.month - 1]
        return [
            s.format(
                d=v.day, dd=f"{v.day:02d}", m=v.month, mm=f"{v.month:02d}", y=v.year, month=month
            )
            for s in _DATES[locale]
        ]
    assert isinstance(v, Decimal)
    if q.kind == "year":
        return [str(v)]
    groups = range(len(_GROUPS[locale]))
    if q.kind == "count":
        return [format_number(v, locale, group=g) for g in groups] + [
            format_number(v, locale, group=None)
        ]
    if q.kind == "decimal":
        plain = format_number(v, locale)
        return [plain, plain + "0"]  # 3.5 and 3.50 are the same quantity
    if q.kind == "percent":
        n = format_number(v, locale)
        return [form.format(n) for form in _PERCENT[locale]]
    assert q.kind == "money" and q.currency is not None
    forms = _MONEY[(locale, q.currency)]
    amounts = [format_number(v, locale, group=g) for g in groups]
    if v >= _MILLIONS:
        amounts.insert(0, f"{format_number(v / _MILLIONS, locale)} {_MILLION[locale]}")
    return [form.format(a) for a in amounts for form in forms]


def quantity_text(q: Quantity, locale: str) -> str:
    styles = _styles(q, locale)
    return styles[q.style % len(styles)]


def sample_number(q: Quantity, locale: str) -> SampleNumber:
    return SampleNumber(quantity_text(q, locale), q.value, q.kind, locale, q.currency)


def draw_quantity(d: Draw, kind: str) -> Quantity:
    """A quantity of ``kind``; small values and the first written form are the simplest."""
    style = d.integer(0, 5)
    if kind == "count":
        return Quantity(kind, Decimal(d.integer(2, 250_000)), style=style)
    if kind == "decimal":
        tenths = d.integer(11, 999)
        if tenths % 10 == 0:
            tenths += 1  # a whole number is a count
        return Quantity(kind, Decimal(tenths) / 10, style=style)
    if kind == "percent":
        value = Decimal(d.integer(1, 99))
        if d.integer(0, 1):
            value += Decimal(d.integer(1, 9)) / 10
        return Quantity(kind, value, style=style)
    if kind == "money":
        currency = d.choice(("EUR", "USD"))
        if d.integer(0, 1):
            tenths = d.integer(11, 999)
            amount = Decimal(tenths if tenths % 10 else tenths + 1) * 100_000
        else:
            amount = Decimal(d.integer(2, 99_999))
        return Quantity(kind, amount, currency, style)
    if kind == "date":
        return Quantity(
            kind, date(d.integer(2000, 2030), d.integer(1, 12), d.integer(1, 28)), style=style
        )
    if kind == "year":
        return Quantity(kind, Decimal(d.integer(1990, 2030)))
    raise ValueError(kind)


_ENTITY_POOLS: Final[dict[str, tuple[str, ...]]] = {
    "person": tuple(f"{f} {s}" for s in SURNAMES for f in FIRST_NAMES),
    "place": PLACES,
    "organisation": tuple(f"{h} {t}" for h in ORG_HEADS for t in ORG_TAILS),
    "acronym": ACRONYMS,
}


def draw_entity(d: Draw, kind: str, avoid: frozenset[str] = frozenset()) -> Entity:
    """A fictional name of ``kind`` not in ``avoid`` (the names a document already uses)."""
    pool = [n for n in _ENTITY_POOLS[kind] if n not in avoid]
    return Entity(d.choice(pool), kind)


# --------------------------------------------------------------------------- documents

_SLOT_KIND: Final[dict[str, str]] = {
    "P": "person",
    "P2": "person",
    "C": "place",
    "C2": "place",
    "O": "organisation",
    "A": "acronym",
    "N": "count",
    "N2": "count",
    "D": "decimal",
    "PCT": "percent",
    "EUR": "money",
    "USD": "money",
    "DATE": "date",
    "YEAR": "year",
}
_PLACEHOLDER = regex.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class SentencePlan:
    """One sentence, language-neutral: a template and what fills its placeholders."""

    template: int
    fills: tuple[tuple[str, Fill], ...]

    def fill(self, slot: str) -> Fill:
        return dict(self.fills)[slot]


@dataclass(frozen=True, slots=True)
class Piece:
    """A filled placeholder in a rendered document: document offsets and the slot's name."""

    slot: str
    start: int
    end: int
    text: str

    @property
    def is_number(self) -> bool:
        return _SLOT_KIND[self.slot] in NUMBER_KINDS


@dataclass(frozen=True, slots=True)
class SampleSentence:
    """A sentence of a :class:`SampleDocument`, with its filled placeholders."""

    index: int
    start: int
    end: int
    text: str
    pieces: tuple[Piece, ...]

    def piece(self, slot: str) -> Piece:
        return next(p for p in self.pieces if p.slot == slot)


@dataclass(frozen=True, slots=True)
class SampleDocument:
    """A generated document: its ``text``, ``language`` and sentences, and the plan it was
    rendered from, so that :meth:`translate` renders the same content in another language
    (a deterministic reference translation)."""

    text: str
    language: str
    # kept out of the repr so a failing example reads as its text
    sentences: tuple[SampleSentence, ...] = field(repr=False)
    plan: tuple[SentencePlan, ...] = field(repr=False)

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # hypothesis (and IPython) print a failing example with this: the text is enough
        printer.text(repr(self))

    def translate(self, language: str) -> SampleDocument:
        """The same document in ``language`` (one of ``en``, ``de``, ``fr``, ``pl``)."""
        return render(self.plan, language)

    @property
    def entities(self) -> tuple[Entity, ...]:
        """The names the document mentions, in order of first mention."""
        seen: dict[str, Entity] = {}
        for sp in self.plan:
            for _, fill in sp.fills:
                if isinstance(fill, Entity):
                    seen.setdefault(fill.text, fill)
        return tuple(seen.values())

    @property
    def numbers(self) -> tuple[SampleNumber, ...]:
        """The numbers the document mentions, as written in its language."""
        return tuple(
            sample_number(fill, self.language)
            for sp in self.plan
            for _, fill in sp.fills
            if isinstance(fill, Quantity)
        )


def _render_sentence(sp: SentencePlan, lang: str, offset: int, index: int) -> SampleSentence:
    template = TEMPLATES[sp.template][LANGUAGES.index(lang)]
    fills = dict(sp.fills)
    out: list[str] = []
    pieces: list[Piece] = []
    pos = 0
    for k, part in enumerate(_PLACEHOLDER.split(template)):
        if k % 2 == 0:
            out.append(part)
            pos += len(part)
            continue
        fill = fills[part]
        text = fill.text if isinstance(fill, Entity) else quantity_text(fill, lang)
        pieces.append(Piece(part, offset + pos, offset + pos + len(text), text))
        out.append(text)
        pos += len(text)
    text = "".join(out)
    return SampleSentence(index, offset, offset + len(text), text, tuple(pieces))


def render(plan: Sequence[SentencePlan], lang: str) -> SampleDocument:
    """The document ``plan`` describes, written in ``lang``; sentences joined by a space."""
    _check_locale(lang)
    sentences: list[SampleSentence] = []
    offset = 0
    for i, sp in enumerate(plan):
        if i:
            offset += 1
        s = _render_sentence(sp, lang, offset, i)
        sentences.append(s)
        offset = s.end
    text = " ".join(s.text for s in sentences)
    return SampleDocument(text, lang, tuple(sentences), tuple(plan))


def slots_of(template: int) -> tuple[str, ...]:
    return tuple(_PLACEHOLDER.findall(TEMPLATES[template][0]))


def draw_sentence_plan(d: Draw, template: int) -> SentencePlan:
    """The fills of one sentence: names distinct within it (two places of one sentence are
    two places); across sentences names recur by chance, as in real text."""
    fills: list[tuple[str, Fill]] = []
    local: set[str] = set()
    for slot in slots_of(template):
        kind = _SLOT_KIND[slot]
        if kind in ENTITY_KINDS:
            entity = draw_entity(d, kind, frozenset(local))
            local.add(entity.text)
            fills.append((slot, entity))
        else:
            fills.append((slot, draw_quantity(d, kind)))
    return SentencePlan(template, tuple(fills))


def draw_plan(d: Draw, min_sentences: int, max_sentences: int) -> tuple[SentencePlan, ...]:
    """Sentences from distinct templates: two sentences from one template would restate
    each other, which a coverage check rightly treats as a repetition, not content. Each
    sentence is one element of a list, so a failing example shrinks by deleting sentences."""

    def sentence(d: Draw) -> SentencePlan:
        return draw_sentence_plan(d, d.integer(0, len(TEMPLATES) - 1))

    return tuple(d.many(min_sentences, min(max_sentences, len(TEMPLATES)), sentence, _template_of))


def _template_of(sp: SentencePlan) -> int:
    return sp.template


def draw_document(
    d: Draw, language: str = "en", min_sentences: int = 1, max_sentences: int = 8
) -> SampleDocument:
    return render(draw_plan(d, min_sentences, max_sentences), language)


# --------------------------------------------------------------------------- corruptions

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
