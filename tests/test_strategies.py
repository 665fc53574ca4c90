"""translaudit.strategies: argument validation, the generated values, shrinking, and
translaudit's own properties checked with its corruption strategies (dogfooding)."""

from __future__ import annotations

import re
from datetime import date

import hypothesis.errors
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import translaudit
from translaudit import ConfigError
from translaudit import strategies as ts
from translaudit._generate import RandomDraw, draw_document
from translaudit._numbers import extract_numbers
from translaudit._numbers._lexicon import CURRENCY_PREFIX, CURRENCY_SUFFIX, MONTHS
from translaudit.testing import (
    ExpectedFinding,
    UnfaithfulTranslationError,
    assert_faithful,
    assert_findings,
)


def _doc(seed: int = 0, sentences: int = 3) -> ts.SampleDocument:
    """A concrete document, drawn reproducibly without hypothesis."""
    return draw_document(RandomDraw(seed), "en", sentences, sentences)


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ts.numbers(locale="xx"), "locale='xx' is not one of: 'en', 'de', 'fr', 'pl'"),
        (lambda: ts.numbers(kinds="count"), "kinds='count' must be a sequence"),
        (lambda: ts.numbers(kinds=[]), r"kinds=\[\] must not be empty"),
        (lambda: ts.numbers(kinds=["count", "roman"]), "holds 'roman', which is not one of"),
        (lambda: ts.entities(kinds=["planet"]), "holds 'planet'"),
        (lambda: ts.documents(language="english"), "language='english' is not one of"),
        (lambda: ts.documents(min_sentences=0), "min_sentences=0 must be a whole number"),
        (lambda: ts.documents(max_sentences=True), "max_sentences=True must be a whole number"),
        (lambda: ts.documents(max_sentences=29), "max_sentences=29 must be a whole number"),
        (
            lambda: ts.documents(min_sentences=3, max_sentences=2),
            "max_sentences=2 must be at least min_sentences=3",
        ),
        (lambda: ts.sentences(language=None), "language=None is not one of"),
        (lambda: ts.change_number("text"), "document='text' must be a SampleDocument"),
        (
            lambda: ts.drop_number(_doc(), translation=_doc(seed=1).translate("de")),
            "translation must be document.translate",
        ),
        (lambda: ts.garble_name(_doc(), methods=["rot13"]), "methods=.* holds 'rot13'"),
        (lambda: ts.corruptions(_doc(), kinds=["shuffle"]), "holds 'shuffle'"),
        (lambda: ts.format_number(1.5, "en"), "value=1.5 must be an int or a Decimal"),
        (lambda: ts.format_number(15, "de", group="."), "group='.' must be an int or None"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_bad_arguments_name_the_argument_and_value(call, message):
    with pytest.raises(ts.InvalidArgumentError, match=message) as info:
        call()
    # both a translaudit ConfigError and a hypothesis InvalidArgument
    assert isinstance(info.value, ConfigError)
    assert isinstance(info.value, hypothesis.errors.InvalidArgument)


def test_all_is_sorted_and_complete():
    assert ts.__all__ == sorted(ts.__all__, key=lambda n: (not n.isupper(), n[0].islower(), n))
    for name in ts.__all__:
        assert hasattr(ts, name), name
    assert set(ts.CORRUPTIONS) <= set(ts.__all__)


# --------------------------------------------------------------------------- values


@given(st.sampled_from(ts.LANGUAGES).flatmap(lambda lang: ts.documents(language=lang)))
def test_documents_know_where_their_names_and_numbers_are(doc):
    assert doc.text == " ".join(s.text for s in doc.sentences)
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        for p in s.pieces:
            assert doc.text[p.start : p.end] == p.text
    assert str(doc) == doc.text
    assert len({sp.template for sp in doc.plan}) == len(doc.plan)


@given(ts.documents(max_sentences=4), st.sampled_from(ts.LANGUAGES))
def test_translations_share_the_plan_names_and_values(doc, lang):
    other = doc.translate(lang)
    assert other.language == lang and other.plan == doc.plan
    assert len(other.sentences) == len(doc.sentences)
    assert [e.text for e in other.entities] == [e.text for e in doc.entities]
    assert [n.value for n in other.numbers] == [n.value for n in doc.numbers]
    for e in other.entities:
        assert e.text in other.text


@given(st.sampled_from(ts.LANGUAGES).flatmap(lambda lang: ts.documents(language=lang)))
def test_translaudit_segments_generated_documents_into_their_sentences(doc):
    got = [s.text for s in translaudit.segment(doc.text, doc.language)]
    assert got == [s.text for s in doc.sentences]


@given(st.data())
def test_numbers_mean_what_the_number_engine_reads(data):
    locale = data.draw(st.sampled_from(ts.LANGUAGES))
    number = data.draw(ts.numbers(locale=locale))
    mentions = extract_numbers(number.text, locale)
    if isinstance(number.value, date):
        got = {(m.kind, m.values[0]) for m in mentions}
        v = number.value
        assert {("date", v.day), ("month", v.month), ("year", v.year)} <= got, number
    else:
        assert len(mentions) == 1, (number, mentions)
        assert mentions[0].values[0] == number.value, (number, mentions)
        if number.kind == "money":
            assert mentions[0].kind in ("currency", "decimal"), mentions


def test_locale_tables_agree_with_the_number_lexicon():
    from translaudit._generate import _GROUPS, _MONEY, _MONTHS
    from translaudit._numbers._extract import _SPACE_GROUPS

    for lang, seps in _GROUPS.items():
        assert " " not in seps or lang in _SPACE_GROUPS, lang

    for lang, months in _MONTHS.items():
        for k, name in enumerate(months, 1):
            assert MONTHS[name.lower()] == k, (lang, name)
    words = {w.lower() for w in CURRENCY_SUFFIX} | {w.lower() for w in CURRENCY_PREFIX}
    for forms in _MONEY.values():
        for form in forms:
            unit = form.replace("{}", "").strip()
            assert unit.lower() in words, unit


@given(ts.entities())
def test_entities_are_capitalised_fictional_names(entity):
    assert entity.kind in ts.ENTITY_KINDS
    assert entity.text[:1].isupper() and entity.text.strip() == entity.text
    if entity.kind == "acronym":
        assert entity.text.isupper()


@given(ts.sentences(language="pl"))
def test_sentences_are_single_sentences(text):
    assert len(translaudit.segment(text, "pl")) == 1


def test_format_number_uses_each_locales_marks():
    assert ts.format_number(1234567, "en") == "1,234,567"
    assert ts.format_number(1234567, "de") == "1.234.567"
    assert ts.format_number(1234567, "fr") == "1\u202f234\u202f567"
    assert ts.format_number(1234567, "fr", group=1) == "1 234 567"
    assert ts.format_number(1234567, "pl", group=None) == "1234567"
    from decimal import Decimal

    assert ts.format_number(Decimal("-0.5"), "pl") == "-0,5"


# --------------------------------------------------------------------------- shrinking


def test_documents_shrink_to_one_sentence():
    doc = find(ts.documents(), lambda d: any(n.kind == "money" for n in d.numbers))
    assert len(doc.sentences) == 1


def test_numbers_shrink_to_the_smallest_value_and_the_usual_form():
    n = find(ts.numbers(locale="de", kinds=["count"]), lambda n: n.value >= 1000)
    assert (n.value, n.text) == (1000, "1.000")
    p = find(ts.numbers(locale="en", kinds=["percent"]), lambda n: n.value > 50)
    assert p.text == "51%"


def test_corruptions_shrink_to_a_small_case():
    def broken(case: tuple[ts.SampleDocument, ts.Corruption]) -> bool:
        return case[1].operator == "change_number"

    pairs = ts.documents(max_sentences=4).flatmap(
        lambda d: st.tuples(st.just(d), ts.corruptions(d, kinds=["change_number"]))
    )
    doc, _ = find(pairs, broken)
    assert len(doc.sentences) == 1


# --------------------------------------------------------------------------- corruptions


def test_a_corruption_unpacks_as_text_and_expected_findings():
    doc = _doc()
    corruption = find(ts.garble_name(doc), lambda c: True)
    text, expected = corruption
    assert text == corruption.text != doc.text
    assert [e.kind for e in expected] == ["entity.garbled"]
    with pytest.raises(AttributeError):
        corruption.text = ""  # type: ignore[misc]


def test_inapplicable_corruptions_generate_nothing():
    doc = find(ts.documents(max_sentences=1), lambda d: not d.numbers and not d.entities)
    assert ts.change_number(doc).is_empty
    assert ts.garble_name(doc).is_empty
    assert ts.drop_sentence(doc).is_empty
    assert ts.corruptions(doc, kinds=["drop_number", "substitute_entity"]).is_empty
    assert not ts.corruptions(doc).is_empty


@given(st.data())
def test_corruptions_change_the_text_and_expect_spans_inside_it(data):
    doc = data.draw(ts.documents(max_sentences=5))
    lang = data.draw(st.sampled_from(ts.LANGUAGES))
    translation = doc.translate(lang)
    c = data.draw(ts.corruptions(doc, translation=translation))
    assert c.text != translation.text
    for exp in c.expected:
        if exp.source is not None:
            assert 0 <= exp.source[0] < exp.source[1] <= len(doc.text)
        if exp.target is not None:
            assert 0 <= exp.target[0] < exp.target[1] <= len(c.text)
    assert (c.moved is not None) == (c.operator == "move_sentence")


def _audit(doc: ts.SampleDocument, text: str, lang: str = "en") -> translaudit.Report:
    return translaudit.audit(doc.text, text, source_lang=doc.language, target_lang=lang)


@given(st.sampled_from(ts.LANGUAGES).flatmap(lambda lang: ts.documents(language=lang)))
def test_a_document_audited_against_itself_has_no_findings(doc):
    assert _audit(doc, doc.text, doc.language).findings == ()


@given(st.data())
def test_number_corruptions_are_found_exactly(data):
    doc = data.draw(ts.documents(max_sentences=6))
    text, expected = data.draw(ts.corruptions(doc, kinds=["change_number", "drop_number"]))
    assert_findings(_audit(doc, text), expected)


@given(st.data())
def test_legitimate_reformatting_is_not_flagged(data):
    doc = data.draw(ts.documents(max_sentences=6))
    text, expected = data.draw(ts.reformat_number(doc))
    assert expected == ()
    assert_findings(_audit(doc, text), expected)


@given(st.data())
def test_loops_and_dropped_or_added_sentences_are_found(data):
    doc = data.draw(ts.documents(max_sentences=6))
    kinds = ["repetition_loop", "drop_sentence", "add_sentence"]
    text, expected = data.draw(ts.corruptions(doc, kinds=kinds))
    assert_findings(_audit(doc, text), expected, exact=False)


@given(st.data())
def test_garbled_names_are_found(data):
    doc = data.draw(ts.documents(max_sentences=6))
    # truncation and substitution of a sentence-initial word are known misses (below)
    c = data.draw(ts.garble_name(doc, methods=["swap", "transliterate", "acronym"]))
    report = _audit(doc, c.text)
    # found = an entity finding on the name on either side: a sentence-initial acronym turned
    # into a word ("KVTA inspectors" -> "Babb inspectors") comes out as dropped + added
    for e in c.expected:
        either = [
            ExpectedFinding("entity", source=e.source),
            ExpectedFinding("entity", target=e.target),
        ]
        assert any(x.matches(f) for x in either for f in report.findings), report.to_text()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            "Halvane Logistics reported a quarterly profit of EUR 42.5 million.",
            "Hal Logistics reported a quarterly profit of EUR 42.5 million.",
        ),
        (
            "Odile Dravnik said the bridge would reopen in 2006.",
            "Bruno Dravnik said the bridge would reopen in 2006.",
        ),
    ],
    ids=["truncated", "substituted"],
)
def test_a_damaged_first_word_of_a_name_is_found(source, target):
    # found by bench/bench_corruptions.py with garble_name / substitute_entity
    report = translaudit.audit(source, target, source_lang="en", target_lang="en")
    assert [f.family for f in report.findings] == ["entity"]


@pytest.mark.parametrize(
    ("source", "order"),
    [
        (
            "About 2 people attended the festival in Marrowby. The weather stayed calm for most "
            "of the week. Marta Dravnik has led Northgate Shipping since 1990. Northgate Rail and "
            "KVTA agreed to share data from 1990. Marta Dravnik has headed NCFA since 1 January "
            "2000. Northgate Energy will hire 2 new staff in Kestrelholm by 1990.",
            [0, 1, 3, 4, 2, 5],
        ),
        (
            "The museum in Marrowby received 2 visitors in 1990. Marta Dravnik said the bridge "
            "would reopen in 1990. Northgate Shipping will hire 2 new staff in Marrowby by 1990.",
            [1, 2, 0],
        ),
    ],
    ids=["next-to-similar", "shared-numbers"],
)
def test_a_moved_sentence_is_not_an_error(source, order):
    # found by hypothesis with ts.move_sentence; the benchmark measures the rate
    s = [x + "." for x in source.removesuffix(".").split(". ")]
    moved = " ".join(s[k] for k in order)
    assert_findings(translaudit.audit(source, moved, source_lang="en", target_lang="en"), [])


@given(st.data())
def test_a_sentence_left_in_english_is_found_in_polish(data):
    doc = data.draw(ts.documents(max_sentences=5))
    c = data.draw(ts.untranslated_sentence(doc, translation=doc.translate("pl")))
    assert_findings(_audit(doc, c.text, "pl"), c.expected, exact=False)


@given(st.data())
def test_numbers_changed_in_a_polish_translation_are_found(data):
    doc = data.draw(ts.documents(max_sentences=5))
    c = data.draw(ts.change_number(doc, translation=doc.translate("pl")))
    report = _audit(doc, c.text, "pl")
    assert_findings(report, c.expected, min_severity="major", exact=False)


# --------------------------------------------------------------------------- the how-to


def _house_style(text: str, *, bug: bool) -> str:
    """The toy "translation" of docs/testing.md: English copy-edited to a house style."""
    text = re.sub(r"(\d) ?(?:per ?cent)", r"\1%", text)  # 12 per cent -> 12%
    text = re.sub(r"€(\d[\d,.]*(?: million)?)", r"\1 euros", text)  # €40 -> 40 euros
    if bug:
        text = re.sub(r"(\d),(\d{3})", r"\1.\2", text)  # a German thousands separator
    return text


@pytest.mark.parametrize("bug", [True, False])
def test_howto_house_style(bug):
    @settings(deadline=None, max_examples=30, database=None, derandomize=True)
    @given(ts.documents(language="en"))
    def test_house_style_keeps_the_meaning(doc):
        assert_faithful(
            doc.text, _house_style(doc.text, bug=bug), source_lang="en", target_lang="en"
        )

    if not bug:
        test_house_style_keeps_the_meaning()
        return
    with pytest.raises(UnfaithfulTranslationError) as info:
        test_house_style_keeps_the_meaning()
    # shrunk to a single sentence with one grouped number
    assert len(info.value.report.source.sentences) == 1
    assert [f.kind for f in info.value.findings] == ["number.changed"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_format_number_rejects_non_finite_values(value):
    # robustness sweep, session 9: these raised decimal.InvalidOperation
    from decimal import Decimal

    with pytest.raises(ts.InvalidArgumentError, match="finite"):
        ts.format_number(Decimal(value), "en")
