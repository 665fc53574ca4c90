"""Generation of parallel documents over an abstract source of choices (corruptions of them
are in ``_corrupt.py``).

Everything here is driven by a :class:`Draw` (an integer in a range, an item of a sequence, a
list of distinct elements). :mod:`translaudit.strategies` drives it with hypothesis (so
examples shrink by deleting sentences, towards the first template, the first name, the
smallest number); ``bench/bench_corruptions.py`` drives it with a seeded
:class:`random.Random` to run tens of thousands of cases quickly. Both therefore generate
exactly the same kinds of case. No hypothesis import here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
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

__all__ = [
    "ENTITY_KINDS",
    "GARBLINGS",
    "NUMBER_KINDS",
    "Draw",
    "Entity",
    "Quantity",
    "RandomDraw",
    "SampleDocument",
    "SampleNumber",
    "SampleSentence",
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
