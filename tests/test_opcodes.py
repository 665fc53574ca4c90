"""The link diff's opcodes: difflib's exact ones for sentences, a valid and cheaper diff for a
link of thousands of words a side."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translaudit import _opcodes
from translaudit._opcodes import opcodes

tokens = st.lists(st.sampled_from("the cat sat on a mat and dog ran".split()), max_size=60)


def _applied(a: list[str], b: list[str], ops: list[_opcodes.Opcode]) -> list[str]:
    """``b`` rebuilt from ``a`` and the opcodes, checking they tile both sides in order."""
    out: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        else:
            assert (i2 > i1 or j2 > j1) and (tag != "delete" or j2 == j1)
        out += b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    return out


@given(tokens, tokens)
def test_a_sentence_gets_difflibs_exact_diff(a: list[str], b: list[str]) -> None:
    assert opcodes(a, b) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@pytest.fixture(scope="module")
def cheap_path() -> Iterator[None]:
    """Every pair takes the cheap path."""
    exact = _opcodes.EXACT_PRODUCT
    _opcodes.EXACT_PRODUCT = -1
    yield
    _opcodes.EXACT_PRODUCT = exact


@given(head=tokens, a=tokens, b=tokens)
def test_a_long_link_gets_a_valid_diff(
    cheap_path: None, head: list[str], a: list[str], b: list[str]
) -> None:
    a, b = head + a + head, head + b + head
    ops = opcodes(a, b)
    assert _applied(a, b, ops) == b
    assert all(x[0] != "equal" or y[0] != "equal" for x, y in itertools.pairwise(ops))


def test_a_long_copy_is_one_equal_step() -> None:
    words = "alpha beta gamma delta".split() * 5_000  # 20,000 tokens of four kinds
    assert opcodes(words, list(words)) == [("equal", 0, 20_000, 0, 20_000)]
