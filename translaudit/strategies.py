"""Hypothesis strategies for testing translation systems (``pip install translaudit[hypothesis]``).

Generators of realistic documents in English, German, French and Polish, with numbers in each
locale's formats, dates, currencies, percentages and fictional names, and **corruption
strategies** that damage a translation the way machine translation does and say which
findings a faithful audit must report::

    from hypothesis import given, strategies as st
    from translaudit import audit
    from translaudit.strategies import corruptions, documents
    from translaudit.testing import assert_findings

    @given(st.data())
    def test_audit_finds_what_was_broken(data):
        doc = data.draw(documents(language="en"))
        text, expected = data.draw(corruptions(doc, kinds=["change_number", "garble_name"]))
        report = audit(doc.text, text, source_lang="en", target_lang="en")
        assert_findings(report, expected, exact=False)

Each document is rendered from a language-neutral plan, so ``doc.translate("pl")`` is a
deterministic reference translation of it; pass it as ``translation=`` to corrupt a
translation instead of a copy. Every strategy is built from ``integers`` and ``sampled_from``
draws, so failing examples shrink to few sentences, the first template, the first names and
the smallest numbers. Importing this module imports hypothesis; ``import translaudit`` does
not.

Bad arguments raise :class:`InvalidArgumentError`, which is both hypothesis's
``hypothesis.errors.InvalidArgument`` (so hypothesis reports it as a usage error) and
translaudit's :class:`~translaudit.ConfigError`; the message names the argument and its value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

import hypothesis.errors
from hypothesis import strategies as st

from ._corrupt import CORRUPTIONS, OPERATORS, Corruption, applicable
from ._errors import ConfigError
from ._generate import (
    ENTITY_KINDS,
    GARBLINGS,
    NUMBER_KINDS,
    Draw,
    Entity,
    SampleDocument,
    SampleNumber,
    SampleSentence,
    draw_entity,
    draw_plan,
    draw_quantity,
    render,
    sample_number,
)
from ._generate import format_number as _format_number
from ._templates import LANGUAGES
from .testing import ExpectedFinding

__all__ = [
    "CORRUPTIONS",
    "ENTITY_KINDS",
    "GARBLINGS",
    "LANGUAGES",
    "NUMBER_KINDS",
    "Corruption",
    "Entity",
    "ExpectedFinding",
    "InvalidArgumentError",
    "SampleDocument",
    "SampleNumber",
    "SampleSentence",
    "add_sentence",
    "change_number",
    "corruptions",
    "documents",
    "drop_number",
    "drop_sentence",
    "entities",
    "format_number",
    "garble_name",
    "move_sentence",
    "numbers",
    "reformat_number",
    "repetition_loop",
    "sentences",
    "substitute_entity",
    "untranslated_sentence",
]

T = TypeVar("T")


class InvalidArgumentError(ConfigError, hypothesis.errors.InvalidArgument):
    """A strategy was called with a bad argument; the message names it and its value."""


class _HypothesisDraw:
    """The :class:`~translaudit._generate.Draw` of a hypothesis ``draw`` function."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        return self._draw(st.integers(low, high))

    def choice(self, items: Sequence[T]) -> T:
        return self._draw(st.sampled_from(items))

    def many(
        self, low: int, high: int, element: Callable[[Draw], T], key: Callable[[T], object]
    ) -> list[T]:
        one = st.composite(lambda draw: element(_HypothesisDraw(draw)))()
        return self._draw(st.lists(one, min_size=low, max_size=high, unique_by=key))


def _one_of(name: str, value: object, allowed: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise InvalidArgumentError(f"{name}={value!r} is not one of: {choices}")
    return value


def _subset(name: str, value: object, allowed: Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidArgumentError(
            f"{name}={value!r} must be a sequence of names from: "
            + ", ".join(repr(a) for a in allowed)
        )
    items = tuple(value)
    if not items:
        raise InvalidArgumentError(f"{name}={value!r} must not be empty")
    for item in items:
        if item not in allowed:
            raise InvalidArgumentError(
                f"{name}={value!r} holds {item!r}, which is not one of: "
                + ", ".join(repr(a) for a in allowed)
            )
    return tuple(dict.fromkeys(items))


def _count(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidArgumentError(f"{name}={value!r} must be a whole number from {low} to {high}")
    return value


def _document(name: str, value: object) -> SampleDocument:
    if not isinstance(value, SampleDocument):
        raise InvalidArgumentError(
            f"{name}={value!r} must be a SampleDocument drawn from documents(), "
            f"not {type(value).__name__}"
        )
    return value


def _pair(document: object, translation: object) -> tuple[SampleDocument, SampleDocument]:
    source = _document("document", document)
    if translation is None:
        return source, source
    target = _document("translation", translation)
    if target.plan != source.plan:
        raise InvalidArgumentError(
            "translation must be document.translate(language) (the same plan), got another "
            f"document: translation={target.text[:60]!r}"
        )
    return source, target


# --------------------------------------------------------------------------- values


def format_number(value: Decimal | int, locale: str, *, group: int | None = 0) -> str:
    """``value`` as ``locale`` writes it; ``group`` picks the digit-group separator (``None``:
    no grouping).

    >>> format_number(1250000, "pl"), format_number(Decimal("12.5"), "fr")
    ('1\\xa0250\\xa0000', '12,5')
    """
    _one_of("locale", locale, LANGUAGES)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InvalidArgumentError(f"value={value!r} must be an int or a Decimal")
    # NaN and Infinity have no written form; formatting them raised decimal.InvalidOperation
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidArgumentError(f"value={value!r} must be a finite number")
    if group is not None and (isinstance(group, bool) or not isinstance(group, int)):
        raise InvalidArgumentError(f"group={group!r} must be an int or None")
    return _format_number(value, locale, group=group)


def numbers(
    *, locale: str = "en", kinds: Sequence[str] = NUMBER_KINDS
) -> st.SearchStrategy[SampleNumber]:
    """Numbers written as ``locale`` writes them: :class:`SampleNumber` with the ``text`` and
    the ``value`` it means (a ``Decimal``, or a ``datetime.date`` for dates).

    ``kinds`` is a subset of :data:`NUMBER_KINDS`: ``count`` (``12,500`` / ``12.500`` /
    ``12 500``), ``decimal``, ``percent`` (``12 %``, ``12 Prozent``), ``money`` (EUR and USD,
    ``€4.5 million``, ``4,5 mln euro``), ``date`` (``3 May 2024``, ``03.05.2024``), ``year``.
    Shrinks towards the first kind, small values and each locale's most usual form.
    """
    lang = _one_of("locale", locale, LANGUAGES)
    chosen = _subset("kinds", kinds, NUMBER_KINDS)

    @st.composite
    def _numbers(draw: st.DrawFn) -> SampleNumber:
        d = _HypothesisDraw(draw)
        return sample_number(draw_quantity(d, d.choice(chosen)), lang)

    return _numbers()


def entities(*, kinds: Sequence[str] = ENTITY_KINDS) -> st.SearchStrategy[Entity]:
    """Fictional names: people (``Marta Dravnik``), places (``Marrowby``), organisations
    (``Northgate Shipping``) and acronyms (``KVTA``). Shrinks towards the first of each list."""
    chosen = _subset("kinds", kinds, ENTITY_KINDS)

    @st.composite
    def _entities(draw: st.DrawFn) -> Entity:
        d = _HypothesisDraw(draw)
        return draw_entity(d, d.choice(chosen))

    return _entities()


def documents(
    *, language: str = "en", min_sentences: int = 1, max_sentences: int = 8
) -> st.SearchStrategy[SampleDocument]:
    """Documents of ``min_sentences`` to ``max_sentences`` sentences (at most 28), each from a
    different template, in ``language`` (``en``, ``de``, ``fr`` or ``pl``).

    A :class:`SampleDocument` has ``text``, ``sentences`` (with the offsets of each name and
    number), ``numbers``, ``entities``, and ``translate(language)``. Shrinks by dropping
    sentences, then towards the first template, the first names and the smallest numbers.
    """
    lang = _one_of("language", language, LANGUAGES)
    from ._templates import TEMPLATES

    low = _count("min_sentences", min_sentences, 1, len(TEMPLATES))
    high = _count("max_sentences", max_sentences, 1, len(TEMPLATES))
    if high < low:
        raise InvalidArgumentError(
            f"max_sentences={max_sentences!r} must be at least min_sentences={min_sentences!r}"
        )

    @st.composite
    def _documents(draw: st.DrawFn) -> SampleDocument:
        return render(draw_plan(_HypothesisDraw(draw), low, high), lang)

    return _documents()


def sentences(*, language: str = "en") -> st.SearchStrategy[str]:
    """Single sentences (plain ``str``) in ``language``, with names and numbers."""
    return documents(language=language, min_sentences=1, max_sentences=1).map(lambda d: d.text)


# --------------------------------------------------------------------------- corruptions


def _operator(
    name: str, document: object, translation: object, **options: Any
) -> st.SearchStrategy[Corruption]:
    source, target = _pair(document, translation)
    if not applicable(name, target, source):
        # nothing to work on (a document without numbers): no example, as st.nothing()
        return st.nothing()
    op = partial(OPERATORS[name], **options) if options else OPERATORS[name]

    @st.composite
    def _corrupt(draw: st.DrawFn) -> Corruption:
        return op(_HypothesisDraw(draw), source, target)

    return _corrupt()


_OPERATOR_DOC = """

    ``document`` is the source (from :func:`documents`); ``translation`` is the text to
    corrupt, ``document.translate(lang)`` (default: ``document`` itself, a same-language
    pair). Generates :class:`Corruption` values, which unpack as ``(text, expected)``;
    generates nothing when ``document`` has nothing to corrupt this way."""


def change_number(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A number changed: a digit replaced, two swapped, one dropped, a factor of ten, another
    day, month or year. Expects ``number.changed``."""
    return _operator("change_number", document, translation)


def drop_number(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A number (not a date) deleted from its sentence. Expects ``number.dropped``."""
    return _operator("drop_number", document, translation)


def reformat_number(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A number rewritten in another correct form of the language (``12%`` → ``12 per
    cent``, ``€1,250`` → ``1,250 euros``, ``3 May 2024`` → ``May 3, 2024``). Expects no
    finding."""
    return _operator("reformat_number", document, translation)


def garble_name(
    document: SampleDocument,
    *,
    translation: SampleDocument | None = None,
    methods: Sequence[str] = GARBLINGS,
) -> st.SearchStrategy[Corruption]:
    """A name damaged: two letters swapped (``Kestrelhoml``), a lossy transliteration
    (``Marrowby`` → ``Merrowbyov``), truncation (``Ostermoor`` → ``Oste``) or an acronym
    mangled (``NCFA`` → ``NKFA``, ``CSTO`` → ``Zakb``). ``methods`` is a subset of
    :data:`GARBLINGS`. Expects ``entity.garbled``."""
    chosen = _subset("methods", methods, GARBLINGS)
    if chosen == GARBLINGS:
        return _operator("garble_name", document, translation)
    return _operator("garble_name", document, translation, methods=chosen)


def substitute_entity(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A name replaced by another of the same kind. Expects ``entity.changed``."""
    return _operator("substitute_entity", document, translation)


def repetition_loop(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """One to three words repeated three to five times in a row. Expects ``repetition``."""
    return _operator("repetition_loop", document, translation)


def drop_sentence(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A sentence left out. Expects ``omission``."""
    return _operator("drop_sentence", document, translation)


def add_sentence(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A sentence the source does not have, inserted. Expects ``addition``."""
    return _operator("add_sentence", document, translation)


def move_sentence(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A sentence moved elsewhere. Expects no finding; ``Corruption.moved`` says which
    sentence went where (the alignment should have a ``moved`` link for it)."""
    return _operator("move_sentence", document, translation)


def untranslated_sentence(
    document: SampleDocument, *, translation: SampleDocument | None = None
) -> st.SearchStrategy[Corruption]:
    """A sentence of the translation left in the source language (for a same-language pair:
    put into another language). Expects ``untranslated``."""
    return _operator("untranslated_sentence", document, translation)


for _f in (
    change_number,
    drop_number,
    reformat_number,
    garble_name,
    substitute_entity,
    repetition_loop,
    drop_sentence,
    add_sentence,
    move_sentence,
    untranslated_sentence,
):
    _f.__doc__ = (_f.__doc__ or "") + _OPERATOR_DOC
del _f


def corruptions(
    document: SampleDocument,
    *,
    translation: SampleDocument | None = None,
    kinds: Sequence[str] = CORRUPTIONS,
) -> st.SearchStrategy[Corruption]:
    """One corruption of one of ``kinds`` (a subset of :data:`CORRUPTIONS`) among those that
    apply to the document. Shrinks towards the first kind listed."""
    chosen = _subset("kinds", kinds, CORRUPTIONS)
    source, target = _pair(document, translation)
    usable = [k for k in chosen if applicable(k, target, source)]
    if not usable:
        return st.nothing()
    return st.sampled_from(usable).flatmap(lambda k: _operator(k, source, translation))
