"""docsets.bits_of: the bitmap of a set of row ids, by either of its two ways of building it
(bit by bit for few members, a byte per bit for many), against the bitmap summed bit by bit."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.data.docsets import DocSet, bits_of, members_of


def reference(rids: set[int]) -> int:
    return sum(1 << r for r in rids)


@given(
    st.integers(1, 300).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n * 8 - 1))))
)
def test_both_ways_give_the_bitmap_of_the_members(case: tuple[int, set[int]]) -> None:
    nbytes, rids = case
    for given_as in (sorted(rids), set(rids), dict.fromkeys(rids, 1), iter(sorted(rids))):
        bits = bits_of(given_as, nbytes)
        assert bits == reference(rids)
        assert list(members_of(bits, nbytes)) == sorted(rids)


@pytest.mark.parametrize("share", [0.0, 0.01, 0.04, 0.05, 0.5, 1.0])
def test_the_two_ways_meet_at_every_density(share: float) -> None:
    rng = random.Random(3)
    nbytes = 2500
    rids = sorted(rng.sample(range(nbytes * 8), int(nbytes * 8 * share)))
    bits = bits_of(rids, nbytes)
    assert bits == reference(set(rids)) and bits.bit_count() == len(rids)
    assert bits_of(iter(rids), nbytes) == bits  # not Sized: the bit-by-bit way
    assert DocSet.of(nbytes, rids).count() == len(rids)


def test_the_last_row_of_the_bitmap_is_kept() -> None:
    assert bits_of([0, 79], 10) == (1 << 79) | 1
    assert bits_of(list(range(80)), 10) == (1 << 80) - 1
