"""Sentence splitting: golden cases and the offset invariant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translaudit import segment

CASES = [
    (
        "en",
        "Dr. Smith flew to the U.S. in May. He stayed a week.",
        ["Dr. Smith flew to the U.S. in May.", "He stayed a week."],
    ),
    (
        "en",
        "It was decided on the Armenian side.[3]Since January, talks resumed.",
        ["It was decided on the Armenian side.[3]", "Since January, talks resumed."],
    ),
    ("en", "He said (in brackets.) Then he left.", ["He said (in brackets.)", "Then he left."]),
    ("en", "“Go now.” She went.", ["“Go now.”", "She went."]),
    (
        "en",
        "A Heading\r\nFirst sentence. Second one?\r\n\r\nLast!",
        ["A Heading", "First sentence.", "Second one?", "Last!"],
    ),
    (
        "pl",
        "Dnia 5 maja 2024 r. w Warszawie podpisano umowę. Nr. 5 leży tu.",
        ["Dnia 5 maja 2024 r. w Warszawie podpisano umowę.", "Nr. 5 leży tu."],
    ),
    (
        "pl",
        "Spotkanie o godz. 10.00 przy ul. Długiej. Potem obiad.",
        ["Spotkanie o godz. 10.00 przy ul. Długiej.", "Potem obiad."],
    ),
    ("de", "Am 3. Mai 2024 kam er. Es regnete.", ["Am 3. Mai 2024 kam er.", "Es regnete."]),
    # the day of an ISO date is no German ordinal, even before a name that starts like "März"
    ("en", "It opened on 2000-01-01. Marta spoke.", ["It opened on 2000-01-01.", "Marta spoke."]),
    ("fr", "M. Dupont est arrivé. Il pleuvait.", ["M. Dupont est arrivé.", "Il pleuvait."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_golden(lang, text, expected):
    assert [s.text for s in segment(text, lang)] == expected


@pytest.mark.parametrize("segmenter", ["sentencex", "regex"])
@given(text=st.text(max_size=300))
def test_offsets_index_the_text(segmenter, text):
    sentences = segment(text, "en", segmenter=segmenter)
    last = 0
    for k, s in enumerate(sentences):
        assert s.index == k
        assert s.text == text[s.start : s.end]
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
    covered = "".join(s.text for s in sentences)
    assert "".join(covered.split()) == "".join("".join(text.split()).split())
