"""Thread counts: one by default; the user's OMP_NUM_THREADS / OPENBLAS_NUM_THREADS win."""

from __future__ import annotations

import pytest

from translaudit import _threads

VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS")


@pytest.fixture
def no_vars(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in VARS:
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("value", "want"), [(None, 1), ("3", 3), ("0", 1), ("x", 1), ("", 1)])
def test_onnxruntime_threads_follow_omp_num_threads(
    no_vars: pytest.MonkeyPatch, value: str | None, want: int
) -> None:
    if value is not None:
        no_vars.setenv("OMP_NUM_THREADS", value)
    assert _threads.count() == want


def test_sessions_are_built_with_that_count(no_vars: pytest.MonkeyPatch) -> None:
    ort = pytest.importorskip("onnxruntime")
    import numpy as np

    from translaudit import _int8

    q = np.ones((8, 4), dtype=np.int8)
    assert _int8.Product(ort, [q]).session.get_session_options().intra_op_num_threads == 1
    no_vars.setenv("OMP_NUM_THREADS", "2")
    assert _int8.Product(ort, [q]).session.get_session_options().intra_op_num_threads == 2


@pytest.fixture
def openblas(no_vars: pytest.MonkeyPatch):
    found = _threads._openblas()
    if found is None:
        pytest.skip("numpy's BLAS is not an OpenBLAS found in /proc/self/maps")
    get, put = found
    before = get()
    put(2)
    if get() != 2:
        put(before)
        pytest.skip("this OpenBLAS cannot run two threads")
    yield get
    put(before)


def test_blas_runs_on_one_thread_inside_and_is_restored(openblas, no_vars) -> None:
    with _threads.blas_limited():
        assert openblas() == 1
        with _threads.blas_limited():  # nested: still one, and the outer call restores
            assert openblas() == 1
        assert openblas() == 1
    assert openblas() == 2


@pytest.mark.parametrize("var", VARS)
def test_a_count_the_user_set_is_left_alone(openblas, no_vars, var: str) -> None:
    no_vars.setenv(var, "2")
    with _threads.blas_limited():
        assert openblas() == 2


def test_align_runs_its_products_on_one_thread(openblas, no_vars) -> None:
    from translaudit import _align

    seen = []
    original = _align.align_features

    def spy(*args, **kwargs):
        seen.append(openblas())
        return original(*args, **kwargs)

    no_vars.setattr(_align, "align_features", spy)
    _align.align(["A cat sat.", "It slept."], ["A cat sat.", "It slept."])
    assert seen == [1]
    assert openblas() == 2
