"""Store queries against the bundled database."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data.records import CATEGORY_NAMES
from desktop.data.store import Store, fts_query


def test_meta_says_demo(store: Store) -> None:
    meta = store.meta()
    assert meta["is_demo"] == "1"
    assert int(meta["service_count"]) >= 60
    assert meta["data_as_of"][:4] == "2026"


def test_guidance_sections_have_sources(store: Store) -> None:
    sections = store.guidance_sections()
    ids = [s.id for s in sections]
    assert len(sections) >= 3
    assert {"overview", "mediation", "tribunal-appeals"} <= set(ids)
    assert [s.order for s in sections] == sorted(s.order for s in sections)
    for s in sections:
        assert s.sources and s.body.strip()


def test_providers_are_sourced_and_dated(store: Store) -> None:
    providers = store.providers()
    assert len(providers) >= 2
    kids = next(p for p in providers if p.id == "kids-sen-mediation")
    assert kids.email == "senmediation@kids.org.uk"
    assert kids.phones == ("0333 006 2835",)
    for p in providers:
        assert p.source and p.checked_on


def test_empty_search_lists_all_by_name(store: Store) -> None:
    all_rows = store.search_services("", limit=1000)
    assert len(all_rows) == store.count_services("") >= 60
    names = [r.name.lower() for r in all_rows]
    assert names == sorted(names)


def test_search_narrows_and_prefix_matches(store: Store) -> None:
    total = store.count_services("")
    speech = store.search_services("speech", limit=100)
    assert 0 < len(speech) < total
    prefix = store.search_services("spee", limit=100)
    assert {r.id for r in speech} <= {r.id for r in prefix}


def test_search_is_case_and_accent_insensitive(store: Store) -> None:
    plain = [r.id for r in store.search_services("therapy")]
    assert plain
    assert [r.id for r in store.search_services("THERAPY")] == plain
    assert [r.id for r in store.search_services("thérapy")] == plain


def test_name_matches_rank_first(store: Store) -> None:
    results = store.search_services("swimming")
    assert results and "swim" in results[0].name.lower()


@pytest.mark.parametrize(
    "text",
    [
        '"autism',
        "AND OR",
        "*",
        "NEAR(",
        "carer's",
        "c++",
        "col:foo",
        "-",
        "''",
        "(((",
        "a AND",
        "🙂",
    ],
)
def test_any_user_text_is_safe(store: Store, text: str) -> None:
    store.search_services(text)
    store.count_services(text)
    store.facets(text)


def test_fts_query_quotes_every_token() -> None:
    assert fts_query("autism sup") == '"autism" AND "sup"*'
    assert fts_query("NEAR(") == '"NEAR"*'
    assert fts_query("  *:- ") == ""


def test_filters(store: Store) -> None:
    total = store.count_services("")
    free = store.search_services("", free_only=True, limit=1000)
    assert free and all(r.is_free for r in free) and len(free) < total
    for age in (3, 17, 24):
        rows = store.search_services("", age=age, limit=1000)
        assert rows
        assert all(
            (r.min_age is None or r.min_age <= age) and (r.max_age is None or r.max_age >= age)
            for r in rows
        )
    health = store.count_services("", category="health")
    education = store.count_services("", category="education")
    assert 0 < health < total and 0 < education < total
    riverside = store.search_services("", area="Riverside", limit=1000)
    assert riverside and all("Riverside" in r.area for r in riverside)


def test_facets_count_what_filters_would_give(store: Store) -> None:
    facets = store.facets("")
    assert {"education", "health", "social-care"} <= set(facets["category"]) <= set(CATEGORY_NAMES)
    for code, n in facets["category"].items():
        assert store.count_services("", category=code) == n
    assert facets["free"]["free"] == store.count_services("", free_only=True)
    assert sum(facets["area"].values()) >= store.count_services("")


def test_area_names_are_the_areas_the_facets_count(store: Store) -> None:
    """The area filter's choices (read without counting) are exactly the counted areas."""
    names = store.area_names()
    assert names == list(store.facets("")["area"])
    assert "Riverside" in names and all(n == n.strip() and "," not in n for n in names)


def test_service_detail(store: Store) -> None:
    first = store.search_services("", limit=1)[0]
    detail = store.service(first.id)
    assert detail is not None and detail.name == first.name
    assert detail.contacts or detail.email
    assert store.service("no-such-id") is None


def test_inactive_services_are_not_shown(store: Store) -> None:
    # The demo export has three inactive or defunct services; none reach the database.
    assert int(store.meta()["hidden_services"]) == 3


# -- Local Offer search: ranking, prefixes, filters, paging, hostile input ---------------------


def _all(store: Store, text: str = "", **filters: object) -> set[str]:
    return {r.id for r in store.search_services(text, limit=10_000, **filters)}


def test_exact_name_ranks_first(store: Store) -> None:
    for row in store.search_services("", limit=200)[::7]:
        results = store.search_services(row.name)
        assert results[0].name == row.name, row.name


def test_prefix_on_the_last_word_only(store: Store) -> None:
    assert _all(store, "physio") == _all(store, "physiotherapy") != set()
    # Only the last word is a prefix: "phys therapy" needs the word "phys".
    assert _all(store, "phys therapy") == set()
    assert _all(store, "therapy physio") <= _all(store, "therapy phys")


def test_paging_never_repeats_or_skips(store: Store) -> None:
    for text in ("", "support"):
        whole = [r.id for r in store.search_services(text, limit=1000)]
        paged = []
        for offset in range(0, len(whole), 7):
            paged += [r.id for r in store.search_services(text, limit=7, offset=offset)]
        assert paged == whole and len(set(whole)) == len(whole)


def test_each_filter_matches_the_details(store: Store) -> None:
    for code, label in (("education", "Education"), ("health", "Health")):
        ids = _all(store, category=code)
        assert ids and all(label in store.service(i).categories for i in ids)
        others = _all(store) - ids
        assert all(label not in store.service(i).categories for i in others)
    needs = store.need_names()
    need_id, need_name = next(iter(needs.items()))
    ids = _all(store, need=need_id)
    assert ids and all(need_name in store.service(i).needs for i in ids)
    assert all(need_name not in store.service(i).needs for i in _all(store) - ids)
    bv3 = _all(store, area="BV3")
    assert bv3 and all(store.service(i).postcode.startswith("BV3 ") for i in bv3)


def test_filters_combine_as_and(store: Store) -> None:
    combos = [
        {"category": "health", "free_only": True},
        {"category": "education", "age": 7, "area": "Riverside"},
        {"need": "need:autistic-spectrum-disorder", "age": 12, "free_only": True},
        {"category": "social-care", "need": "need:breaks-and-respite", "area": "Eastfield"},
    ]
    for combo in combos:
        expected = _all(store)
        for key, value in combo.items():
            expected &= _all(store, **{key: value})
        assert _all(store, **combo) == expected, combo
        assert store.count_services("", **combo) == len(expected)
        with_text = _all(store, "support", **combo)
        assert with_text == expected & _all(store, "support")


def test_age_boundaries(store: Store) -> None:
    row = next(
        r for r in store.search_services("", limit=200) if r.min_age and r.max_age is not None
    )
    lo, hi = row.min_age, row.max_age
    assert row.id in _all(store, age=lo) and row.id in _all(store, age=hi)
    assert row.id not in _all(store, age=lo - 1) and row.id not in _all(store, age=hi + 1)
    # Age 0 is a real age (a baby), not "no filter".
    assert _all(store, age=0) < _all(store)


def test_facets_follow_the_search_and_other_filters(store: Store) -> None:
    filters = {"age": 7, "free_only": True}
    facets = store.facets("therapy", **filters)
    for code, n in facets["category"].items():
        assert store.count_services("therapy", category=code, **filters) == n
    for need, n in facets["need"].items():
        assert store.count_services("therapy", need=need, **filters) == n
    for area, n in facets["area"].items():
        assert store.count_services("therapy", area=area, **filters) == n
    # The free count ignores the free filter itself but keeps the others.
    assert facets["free"]["free"] == store.count_services("therapy", age=7, free_only=True)
    chosen = store.facets("therapy", category="health")
    assert chosen["category"] == store.facets("therapy")["category"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40), last=st.sampled_from(["", "*", '"', "-", " AND", " NEAR(", ":"]))
def test_hypothesis_any_text_never_raises(store: Store, text: str, last: str) -> None:
    rows = store.search_services(text + last, age=5)
    assert store.count_services(text + last, age=5) >= len(rows)


def test_area_takes_a_whole_postcode_any_case_and_no_wildcards(store: Store) -> None:
    one = store.search_services("", limit=1000)
    postcode = next(r.id for r in one if store.service(r.id).postcode)
    code = store.service(postcode).postcode
    found = _all(store, area=code.lower())
    assert found and all(store.service(i).postcode == code for i in found)
    assert _all(store, area="bv3") == _all(store, area="BV3")
    # LIKE's wildcards are plain characters in typed text.
    assert store.count_services("", area="%") == 0
    assert store.count_services("", area="BV_") == 0
    assert store.count_services("", area="B%") == 0


@pytest.mark.parametrize(("chunk", "budget"), [(1, 0), (1, 10**9), (3, 10**9), (64, 10**9)])
def test_filtered_search_gives_the_same_pages_whatever_the_reading(
    store: Store, monkeypatch: pytest.MonkeyPatch, chunk: int, budget: int
) -> None:
    """Reading the ranking heads a posting at a time, or giving up at once (budget 0: every
    match scored), gives the same pages: the fast path is exact or steps aside."""
    from desktop.data import ranking, ranking_topk

    monkeypatch.setattr(ranking, "ENUMERATE", 0)  # the demo is small: make it read the heads
    cases = [
        ("support", {"free_only": True}),
        ("therapy", {"age": 7}),
        ("s", {"category": "education"}),
        ("group", {"area": "Riverside"}),
        ("children", {"category": "health", "age": 4}),
    ]
    expected = {}
    monkeypatch.setattr(ranking_topk, "BUDGET", 0)
    for text, filters in cases:
        expected[text] = [
            [r.id for r in store.search_services(text, limit=3, offset=o, **filters)]
            for o in (0, 3, 6)
        ]
    monkeypatch.setattr(ranking_topk, "BUDGET", budget)
    monkeypatch.setattr(ranking_topk, "CHUNK", chunk)
    for text, filters in cases:
        got = [
            [r.id for r in store.search_services(text, limit=3, offset=o, **filters)]
            for o in (0, 3, 6)
        ]
        assert got == expected[text], (text, filters)
    assert any(expected[t][0] for t, _ in cases)
