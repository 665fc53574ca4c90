"""Invariants of the whole pipeline, checked on generated inputs."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

import translaudit
from translaudit import TranslauditError, strategies
from translaudit._align._score import interruptions

WORDS = (
    "the council port ferry island budget agreed voted harbour passengers minister "
    "weather report week morning evening plan new old road bridge school"
).split()
NAMES = ["Marrowby", "Halvorsen", "Kestrel", "Ostrava", "NCFA", "Vilnius", "Okonkwo"]


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))
    if draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words))), draw(st.sampled_from(NAMES)))
    if draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words))), str(draw(st.integers(2, 99999))))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


documents = st.lists(sentences(), min_size=1, max_size=8).map(" ".join)


@given(documents)
def test_a_text_audited_against_itself_has_no_findings(text):
    report = translaudit.audit(text, text, source_lang="en", target_lang="en")
    assert report.findings == ()
    assert all(link.kind == "1-1" for link in report.alignment)


@given(st.text(min_size=1, max_size=200))
@example("x y z")  # no lexical unit: used to align to nothing and come out `unrelated`
@example("!!! ???")
@example("\x80")  # anyascii folds it away
@example("约翰·刘易斯访问了上海。")  # a Chinese dotted name was looked for in Latin capitals only
def test_any_text_audited_against_itself_has_no_findings(text):
    try:
        report = translaudit.audit(text, text)
    except TranslauditError:
        return  # e.g. whitespace only: a documented error
    assert report.findings == ()
    assert report.summary.relation == "derivative"


def test_self_audit_of_a_word_glued_to_more_letters_or_digits():
    # hypothesis seed 1 (sessions 10, 11): a sentence's first letters, glued to a digit or an
    # apostrophe, were taken for a name the other side (read by whole tokens) never has
    for text in ("Aß㐀0", "A㐀a'A", "Boeing747 landed.", "Zqx9 met Pashinyan."):
        assert translaudit.audit(text, text).findings == (), text


@given(documents)
def test_same_input_gives_byte_identical_json(text):
    target = text.replace("the", "a")
    first = translaudit.audit(text, target, source_lang="en", target_lang="en").to_json()
    second = translaudit.audit(text, target, source_lang="en", target_lang="en").to_json()
    assert first == second
    json.loads(first)


@given(st.text(min_size=1, max_size=200), st.text(min_size=1, max_size=200))
def test_arbitrary_text_raises_nothing_unexpected(source, target):
    try:
        report = translaudit.audit(source, target)
    except TranslauditError:
        return  # e.g. whitespace-only input: a documented error
    for f in report.findings:
        for span, doc in ((f.source, report.source), (f.target, report.target)):
            if span is not None:
                assert span.text == doc.text[span.start : span.end]


@given(value=st.integers(10, 10**7), data=st.data())
def test_a_changed_number_is_always_found(value, data):
    digits = str(value)
    k = data.draw(st.integers(0, len(digits) - 1), label="digit")
    new = data.draw(st.sampled_from("0123456789").filter(lambda d: d != digits[k]), label="new")
    if k == 0 and new == "0":
        new = "9" if digits[0] != "9" else "1"
    changed = digits[:k] + new + digits[k + 1 :]
    source = f"The harbour budget was {digits} euros last year. The council voted on Tuesday."
    target = source.replace(digits, changed, 1)
    report = translaudit.audit(source, target, source_lang="en", target_lang="en")
    found = [f for f in report.findings if f.kind.startswith("number")]
    assert found and found[0].severity in ("major", "critical")


@given(
    english=st.lists(strategies.sentences(language="en"), min_size=1, max_size=4),
    quoted=st.sampled_from(["de", "fr", "pl"]).flatmap(
        lambda lang: strategies.sentences(language=lang)
    ),
    at=st.integers(0, 4),
)
@example(  # a quoted French line used to be `untranslated` (major) against itself
    english=["We met the mayor at noon in the old town hall.", "We left after lunch."],
    quoted="Je ne regrette rien, absolument rien de tout cela.",
    at=1,
)
def test_a_mixed_language_text_audited_against_itself_has_no_findings(english, quoted, at):
    """A same-language pair with a line in another language (a quotation, a motto), the
    languages given: the line is kept as the source had it, not untranslated."""
    text = " ".join([*english[:at], quoted, *english[at:]])
    report = translaudit.audit(text, text, source_lang="en", target_lang="en")
    assert report.findings == ()


@given(
    doc=st.sampled_from(["en", "de", "fr", "pl"]).flatmap(
        lambda lang: strategies.documents(language=lang, max_sentences=4)
    ),
    spacing=st.sampled_from(["  ", "\t", " \u00a0", "   "]),
)
@example(  # "€1.1  million" was read as "€1.1": a critical number.changed
    doc="Prices at Northgate Shipping rose to €1.1 million last year.",
    spacing="  ",
)
def test_a_target_differing_only_in_spacing_has_no_findings(doc, spacing):
    text, lang = (doc, "en") if isinstance(doc, str) else (doc.text, doc.language)
    report = translaudit.audit(text, text.replace(" ", spacing), source_lang=lang, target_lang=lang)
    assert report.findings == ()


ALIGN_PIECES = ["The", "cat", "sat", "Der", "Hund", "lief", "1", "12.", "Berlin", "*", ")"]
lines = st.one_of(
    st.lists(st.sampled_from(ALIGN_PIECES), max_size=5).map(" ".join),
    st.sampled_from(["", " ", "* * *", ".", "—", "\u200b"]),  # blank lines and debris
)


def _interrupting(lines: list[str]) -> frozenset[int]:
    """The lines `align` leaves out of the bead around them: `interruptions` of the lines
    that are not blank (blank lines are set aside first), as indices into ``lines``."""
    kept = [k for k, line in enumerate(lines) if line.strip()]
    return frozenset(kept[k] for k in interruptions([lines[k] for k in kept]))


@given(
    st.lists(lines, max_size=10),
    st.lists(lines, max_size=10),
    st.sampled_from([(None, None), ("en", "de"), ("en", "en")]),
    st.integers(1, 6),
)
@example(["The", "* * *"], ["The The The The", "* * *", "cat"], (None, None), 2)
@example(["The"], ["The The The The", "", "", "", "12.", "cat"], (None, None), 2)
@example(["1", "", "The"], ["cat"], (None, None), 2)  # the blank stood after its bead
@example(["cat cat The", "1", "The"], ["1.", "The The", "* * *", "The a)"], (None, None), 1)
@example(["The"], ["The The The The", "* * *", "cat"], (None, None), 2)  # an interruption
def test_align_links_are_contiguous_blocks_in_reading_order(source, target, langs, max_bead):
    # Session 11 (props11): a blank line inside a 2-1 bead was its own link after the bead
    # ([0, 2]:[0] then [1]:[]); a line of no content after a moved pair's target was put
    # after the moved link, ahead of the link of the target lines before it.
    # Session 12 (align12): a line that interrupts a sentence (`_score.interruptions`, a
    # caption or OCR junk at a page break) stays out of the bead around it, as Text+Berg's
    # gold does; it is then the only gap a bead may have, and it stands alone after it.
    config = translaudit.AuditConfig(similarity="lexical", max_bead=max_bead)
    links = translaudit.align(
        source, target, source_lang=langs[0], target_lang=langs[1], config=config
    )
    cut = (_interrupting(source), _interrupting(target))
    for side, n in ((0, len(source)), (1, len(target))):
        got = [i for link in links for i in (link.source, link.target)[side]]
        assert sorted(got) == list(range(n))  # each line in exactly one link
        last, skipped = -1, set()
        for link in links:
            idx = (link.source, link.target)[side]
            if not idx:
                continue
            gaps = set(range(idx[0], idx[-1] + 1)) - set(idx)
            assert gaps <= cut[side], links  # contiguous but for interrupting lines
            skipped |= gaps
            if set(idx) & skipped:
                assert set(idx) <= skipped, links
                continue  # interrupting lines, after the bead that skipped them
            if link.kind != "moved":
                assert idx[0] > last, links  # reading order, moved pairs aside
                last = idx[-1]
