"""Store queries against the bundled database."""

from __future__ import annotations

import pytest

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
    assert fts_query("autism sup") == '"autism" "sup"*'
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
    assert set(facets["category"]) == {"education", "health", "social-care"}
    for code, n in facets["category"].items():
        assert store.count_services("", category=code) == n
    assert facets["free"]["free"] == store.count_services("", free_only=True)
    assert sum(facets["area"].values()) >= store.count_services("")


def test_service_detail(store: Store) -> None:
    first = store.search_services("", limit=1)[0]
    detail = store.service(first.id)
    assert detail is not None and detail.name == first.name
    assert detail.contacts or detail.email
    assert store.service("no-such-id") is None


def test_inactive_services_are_not_shown(store: Store) -> None:
    # The demo export has three inactive or defunct services; none reach the database.
    assert int(store.meta()["hidden_services"]) == 3
