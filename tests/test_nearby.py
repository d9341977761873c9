"""Near a postcode, offline: widening a postcode, estimating where it is, nearest first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data import nearby
from desktop.data.nearby import AreaChoice, Origin, estimate_origin, miles_text, wider_areas
from desktop.data.store import Store


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("bv3 1aa", [("BV3 1AA", "postcode"), ("BV3 1", "sector"), ("BV3", "district")]),
        ("BV31AA", [("BV3 1AA", "postcode"), ("BV3 1", "sector"), ("BV3", "district")]),
        ("bv3  1", [("BV3 1", "sector"), ("BV3", "district")]),
        ("bv3", [("BV3", "district")]),
        ("Riverside", []),
        ("", []),
    ],
)
def test_wider_areas(text: str, levels: list[tuple[str, str]]) -> None:
    assert wider_areas(text) == levels


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("speech therapy BV3 1AA", ("speech therapy", "BV3 1AA")),
        ("bv31aa", ("", "BV3 1AA")),
        ("autism bv3 6te groups", ("autism groups", "BV3 6TE")),
        ("BV3", ("BV3", "")),  # a district alone is an ordinary word of the search
        ("BV3 1AA BV4 2BE", ("BV4 2BE", "BV3 1AA")),
        ("carer's group", ("carer's group", "")),
    ],
)
def test_a_whole_postcode_is_taken_out_of_the_words(text: str, split: tuple[str, str]) -> None:
    assert nearby.split_postcode(text) == split


@pytest.mark.parametrize(
    ("miles", "text"),
    [
        (None, "distance not known"),
        (0.2, "under half a mile"),
        (0.6, "about 1 mile"),
        (1.4, "about 1 mile"),
        (2.4, "about 2 miles"),
        (9.4, "about 9 miles"),
        (12.0, "about 10 miles"),
        (13.0, "about 15 miles"),
    ],
)
def test_miles_are_said_roughly(miles: float | None, text: str) -> None:
    assert miles_text(miles) == text


def test_miles_between_real_places() -> None:
    # Central London to central Birmingham: about 101 miles as the crow flies.
    assert 99 < nearby.miles_between(51.5074, -0.1278, 52.4862, -1.8904) < 103
    assert nearby.miles_between(52.4, -1.5, 52.4, -1.5) == 0


def test_the_estimate_averages_the_narrowest_area_with_positions() -> None:
    positions = {
        "BV3 1": [(52.40, -1.50), (52.42, -1.52), (0.0, 0.0)],  # 0,0: a feed's placeholder
        "BV3": [(53.0, -1.0)],
    }
    origin = estimate_origin("bv3 1aa", positions)
    assert origin is not None
    assert (origin.asked, origin.basis, origin.level, origin.services) == (
        "BV3 1AA",
        "BV3 1",
        "sector",
        2,
    )
    assert origin.latitude == pytest.approx(52.41) and origin.longitude == pytest.approx(-1.51)
    assert "estimate" in origin.describe() and "2 services in BV3 1" in origin.describe()
    assert origin.label() == "BV3 1"  # exports name the sector, never the family's postcode
    assert estimate_origin("bv3 1aa", {"BV3 1": [(0.0, 0.0)]}) is None
    assert estimate_origin("not a postcode", positions) is None


# -- through the Store, on the demo data ------------------------------------------------------
def test_a_postcode_with_no_services_widens_to_its_district(store: Store) -> None:
    """Issue 13: BV3 1AA found nothing while BV3 found 12. Now it finds those 12 and says why."""
    district = store.count_services("", area="BV3")
    assert district == 12
    assert store.count_services("", area="BV3 1AA") == 0
    for text, filters in (("", {"area": "BV3 1AA"}), ("BV3 1AA", {}), ("bv31aa", {})):
        plan = store.plan_search(text, **filters)
        assert plan.text == "" and plan.filters["area"] == "BV3"
        assert plan.area == AreaChoice("BV3 1AA", "BV3", "district", 12)
        assert store.count_services(plan.text, **plan.filters) == district
        assert "BV3 1AA or BV3 1" in plan.note and "wider BV3 area" in plan.note


def test_a_postcode_widens_to_its_sector_first(store: Store) -> None:
    sector = store.count_services("", area="BV3 6")
    assert 0 < sector < store.count_services("", area="BV3")
    plan = store.plan_search("", area="BV3 6AA")
    assert plan.filters["area"] == "BV3 6" and plan.area and plan.area.level == "sector"
    assert "BV3 6AA itself" in plan.note and "BV3 6" in plan.note


def test_a_postcode_that_matches_is_used_as_it_is(store: Store) -> None:
    plan = store.plan_search("BV3 6TE", category=None)
    assert plan.filters["area"] == "BV3 6TE" and not plan.note
    assert (
        store.count_services(plan.text, **plan.filters)
        == store.count_services("", area="BV3 6TE")
        > 0
    )
    # Words and the postcode together: the widening counts with the words.
    plan = store.plan_search("therapy bv36te")
    assert plan.text == "therapy"
    assert store.count_services(plan.text, **plan.filters) > 0


def test_nowhere_near_any_service_finds_nothing_and_says_nothing(store: Store) -> None:
    plan = store.plan_search("", area="BV9 1AA")
    assert plan.filters["area"] == "BV9 1AA" and not plan.note
    assert store.count_services(plan.text, **plan.filters) == 0
    # A chosen area wins over a postcode in the words: the words are searched as words.
    plan = store.plan_search("BV3 6TE", area="Riverside")
    assert plan.text == "BV3 6TE" and plan.filters["area"] == "Riverside"


def test_locate_uses_the_narrowest_area_that_has_positions(store: Store) -> None:
    exact = store.locate("bv3 6te")
    assert exact and exact.level == "postcode" and exact.services >= 1
    sector = store.locate("BV3 6AA")
    assert sector and sector.level == "sector" and sector.basis == "BV3 6"
    district = store.locate("BV3 1AA")
    assert district and district.level == "district" and district.services == 12
    assert store.locate("BV9 1AA") is None and store.locate("speech") is None


def test_positions_outside_the_uk_are_not_used(db_copy: Path) -> None:
    with sqlite3.connect(db_copy) as conn:
        conn.execute(
            "UPDATE services SET postcode = 'BV8 1AA', latitude = 0, longitude = 0 WHERE rid = "
            "(SELECT min(rid) FROM services)"
        )
    conn.close()
    with Store.open(db_copy) as store:
        assert store.locate("BV8 1AA") is None


def test_nearest_first_orders_by_distance_with_unknown_last(store: Store) -> None:
    origin = store.locate("BV1 4QT")
    assert origin is not None
    rows = store.search_nearest("", origin, limit=1000)
    assert {s.id for s, _m in rows} == {s.id for s in store.search_services("", limit=1000)}
    miles = [m for _s, m in rows]
    known = [m for m in miles if m is not None]
    assert known == sorted(known) and known[0] < 0.5
    assert miles[len(known) :] == [None] * (len(miles) - len(known))  # no position: last
    assert len(known) < len(miles)  # the demo has services without a position
    # Pages fetched with offset continue the same order.
    paged = store.search_nearest("", origin, limit=7) + store.search_nearest(
        "", origin, limit=1000, offset=7
    )
    assert [s.id for s, _m in paged] == [s.id for s, _m in rows]


def test_nearest_first_keeps_words_and_filters(store: Store) -> None:
    origin = store.locate("BV6 1QB")
    assert origin is not None
    rows = store.search_nearest("autism", origin, limit=100, free_only=True)
    expected = {s.id for s in store.search_services("autism", limit=100, free_only=True)}
    assert rows and {s.id for s, _m in rows} == expected


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_any_text_is_safe_near_a_postcode(store: Store, text: str) -> None:
    plan = store.plan_search(text, area=text or None)
    store.count_services(plan.text, **plan.filters)
    origin = store.locate(text)
    if origin is not None:
        store.search_nearest(text, origin, limit=5)
    store.search_nearest(text, Origin(text, "BV3", "district", 52.4, -1.5, 1), limit=5)
