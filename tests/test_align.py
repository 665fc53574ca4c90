"""Alignment: n-m beads, insertions, deletions, moved sentences, unrelated text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translaudit import align

SOURCE = [
    "The committee met in Lisbon on Monday morning.",
    "It discussed the harbour budget for next year.",
    "Fishing quotas were left unchanged.",
    "A new lighthouse keeper was appointed for the northern cape.",
    "The meeting ended before noon.",
]


def covers_once(links, n, m):
    src = sorted(i for link in links for i in link.source)
    tgt = sorted(j for link in links for j in link.target)
    return src == list(range(n)) and tgt == list(range(m))


def test_identity_is_one_to_one():
    links = align(SOURCE, SOURCE)
    got = [(link.source, link.target, link.kind) for link in links]
    assert got == [((i,), (i,), "1-1") for i in range(5)]


def test_deletion_insertion_and_merge():
    target = [
        "The committee met in Lisbon on Monday morning and discussed the harbour budget"
        " for next year.",
        "Fishing quotas were left unchanged.",
        "Everyone praised the weather.",
        "The meeting ended before noon.",
    ]
    links = align(SOURCE, target)
    kinds = {(link.source, link.target): link.kind for link in links}
    assert kinds[((0, 1), (0,))] == "2-1"
    assert kinds[((3,), ())] == "1-0"
    assert kinds[((), (2,))] == "0-1"
    assert covers_once(links, 5, 4)


def test_moved_sentence_is_recovered():
    target = [SOURCE[1], SOURCE[2], SOURCE[3], SOURCE[4], SOURCE[0]]
    links = align(SOURCE, target)
    moved = [link for link in links if link.kind == "moved"]
    assert len(moved) == 1
    assert covers_once(links, 5, 5)
    pairs = [link for link in links if link.source and link.target]
    assert all(SOURCE[link.source[0]] == target[link.target[0]] for link in pairs)


def test_unrelated_sentences_stay_unaligned():
    other = ["Bananas are rich in potassium.", "Volcanoes erupt when pressure builds."]
    links = align(SOURCE, other)
    assert all(not (link.source and link.target) for link in links)


@given(
    st.lists(st.text(min_size=1, max_size=40), max_size=12),
    st.lists(st.text(min_size=1, max_size=40), max_size=12),
)
def test_every_sentence_in_exactly_one_link(src, tgt):
    links = align(src, tgt)
    assert covers_once(links, len(src), len(tgt))
    assert align(src, tgt) == links  # deterministic
