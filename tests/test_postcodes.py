"""UK postcodes: normalising, districts and sectors (the postcode fallback and masking)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.data.postcodes import (
    district,
    is_district,
    is_full_postcode,
    normalise_postcode,
    sector,
)


@pytest.mark.parametrize(
    ("text", "postcode", "full", "is_dist", "dist", "sect"),
    [
        ("BV3 6TE", "BV3 6TE", True, False, "BV3", "BV3 6"),
        ("bv36te", "BV3 6TE", True, False, "BV3", "BV3 6"),
        ("  bv3   6te ", "BV3 6TE", True, False, "BV3", "BV3 6"),
        ("EC1A 1BB", "EC1A 1BB", True, False, "EC1A", "EC1A 1"),
        ("B1 1AA", "B1 1AA", True, False, "B1", "B1 1"),
        ("1 Example Road, Brookvale BV3 6TE", "BV3 6TE", False, False, "BV3", "BV3 6"),
        ("BV3", "", False, True, "BV3", ""),
        ("bv3", "", False, True, "BV3", ""),
        ("BV36", "", False, True, "BV36", ""),  # a two-digit district, not a sector
        ("E1W", "", False, True, "E1W", ""),
        ("BV3 6", "", False, False, "", "BV3 6"),
        ("bv3  6", "", False, False, "", "BV3 6"),
        ("BV3 6T", "", False, False, "", ""),
        ("Brookvale", "", False, False, "", ""),
        ("", "", False, False, "", ""),
        (None, "", False, False, "", ""),
        (36, "", False, False, "", ""),
    ],
)
def test_postcodes(
    text: object, postcode: str, full: bool, is_dist: bool, dist: str, sect: str
) -> None:
    assert normalise_postcode(text) == postcode
    assert is_full_postcode(text) is full
    assert is_district(text) is is_dist
    assert district(text) == dist
    assert sector(text) == sect


@given(st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", fullmatch=True))
def test_a_full_postcode_cuts_down_consistently(text: str) -> None:
    postcode = normalise_postcode(text)
    assert is_full_postcode(text) and is_full_postcode(postcode)
    assert postcode.startswith(sector(postcode)) and sector(postcode).startswith(district(postcode))
    assert is_district(district(postcode))
    assert normalise_postcode(postcode.lower().replace(" ", "")) == postcode


@given(st.text(max_size=30))
def test_never_raises_and_a_district_is_never_a_full_postcode(text: str) -> None:
    assert not (is_district(text) and is_full_postcode(text))
    for cut in (normalise_postcode(text), district(text), sector(text)):
        assert cut == cut.strip().upper()
