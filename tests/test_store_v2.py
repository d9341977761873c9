"""Schema v2: every part of a normalised record goes through the writer and comes back from Store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.data import schema
from desktop.data.detail_records import Contact, Cost, NamedLink, Place, QuestionAnswer
from desktop.data.feeds import writer
from desktop.data.feeds.record import ContactRecord, Location, Term
from desktop.data.records import Phone
from desktop.data.store import Store
from tests.feed_records import (
    ABROAD,
    LONG_DESCRIPTION,
    OFFICE,
    SITE_PHONE,
    YOUTH_LINE,
    build_db,
    plain_record,
    rich_record,
    term_area,
    term_category,
    term_need,
)


@pytest.fixture
def rich_store(tmp_path: Path):
    records = [
        rich_record(),
        rich_record(
            id="outpost-102",
            name="Riverside Hearing Support",
            description="Visits at home for children with hearing loss.",
            area="Riverside",
            locations=[Location("", "", "Riverside", "BV7", masked=True)],
            terms=[term_need("hearing", "Hearing"), term_area("sensory-physical")],
            contacts=[],
            phones=[],
            costs=[],
            audiences=["Care leavers"],
            accessibility=[],
            send_statement="",
            send_answers=[],
        ),
        plain_record(1, terms=[term_need("autism", "Autism"), term_category("health")]),
        plain_record(2, description="A club for anyone."),
    ]
    store = Store.open(build_db(tmp_path / "v2.sqlite", records))
    yield store
    store.close()


def _ids(store: Store, text: str = "", **filters: object) -> set[str]:
    return {r.id for r in store.search_services(text, limit=1000, **filters)}


def test_every_part_of_the_record_comes_back(rich_store: Store) -> None:
    d = rich_store.service("outpost-101")
    assert d is not None
    assert (d.name, d.organisation, d.description) == (
        "Little Acorns Nursery",
        "Little Acorns Ltd",
        LONG_DESCRIPTION,
    )
    assert d.url == "http://example.org/little-acorns" and d.email == "hello@example.org"
    assert (d.min_age, d.max_age, d.ages_text) == (0, 4, "Ages 0–4")
    assert d.costs == (Cost(83.5, unit="per day", option="0–4s"), Cost(52.8, unit="per half day"))
    assert d.cost_shown == "£83.50 per day (0–4s); £52.80 per half day"
    assert d.cost_text == d.cost_shown and not d.is_free
    assert d.locations == (
        Place(
            "Acorn Hall", "3 Oak Lane, Brookvale, BV3 6TE", "Brookvale", "BV3 6TE", 52.4468, -1.5231
        ),
        Place("Home visits", "", "Riverside", "BV7", masked=True),
    )
    assert d.locations[1].text == "Home visits, Riverside, BV7"
    # The flat columns hold the first location that says where.
    assert (d.postcode, d.latitude, d.longitude) == ("BV3 6TE", 52.4468, -1.5231)
    assert d.address == "Acorn Hall, 3 Oak Lane, Brookvale, BV3 6TE"
    assert d.schedule == "Monday to Friday: 8am to 6pm\nSaturday: 9am to 12pm"
    assert (d.last_modified, d.assured_date) == ("2026-09-14T10:00:00Z", "2026-10-01")
    assert d.send_statement.startswith("We welcome children with special educational needs.")
    assert d.send_answers == (
        QuestionAnswer("How do you support children with SEND?", "Each child has a key person."),
        QuestionAnswer("Is the building accessible?", "Yes, with a ramp at the side door."),
    )
    assert d.send_link == "https://example.org/little-acorns/local-offer"
    assert d.accessibility == ("Wheelchair accessible", "Accessible toilet")
    assert d.languages == ("English", "Polish")
    assert d.audiences == ("Parents and carers",)
    assert d.alerts == ("Closed for refurbishment until 4 January.",)
    assert d.how_to_access == "Call the office to book a visit."
    assert d.referral_needed is False
    assert d.links == (NamedLink("Facebook", "https://example.org/facebook/little-acorns"),)
    # The contact's duplicated phone is stored once; the service's own phones stay its own.
    assert d.contacts == (Contact("Jo Bloggs", "senco@example.org", "SENCO", (OFFICE,)),)
    assert d.phones == (YOUTH_LINE, ABROAD)
    assert d.all_phones == [YOUTH_LINE, ABROAD, OFFICE]
    assert d.all_emails == ["hello@example.org", "senco@example.org"]
    assert d.categories == ("Childcare and early years", "Education")
    assert d.needs == ("Autism", "Hearing")
    assert d.need_areas == ("Communication and interaction", "Sensory and/or physical needs")
    assert d.topics == ("Early years",)


def test_a_thin_record_gives_empty_parts_not_errors(rich_store: Store) -> None:
    d = rich_store.service("plain-2")
    assert d is not None
    assert d.contacts == d.phones == d.locations == d.costs == d.links == d.send_answers == ()
    assert d.alerts == d.accessibility == d.languages == d.audiences == ()
    assert d.referral_needed is None and d.latitude is None and d.address == ""
    assert d.cost_shown == "Cost not given" and d.ages_text == "Ages not given"


def test_masked_first_location_shows_only_town_and_district_in_lists(rich_store: Store) -> None:
    d = rich_store.service("outpost-102")
    assert d is not None
    assert d.locations[0].masked and d.locations[0].address == ""
    assert (d.address, d.postcode) == ("Riverside, BV7", "BV7")


def test_mess_none_coordinates_long_text_and_duplicate_phones(tmp_path: Path) -> None:
    long_text = "A sentence about the service. " * 4000
    record = plain_record(
        7,
        description=long_text.strip(),
        locations=[Location("Hall", "1 Road, Brookvale", "Brookvale", "", None, None)],
        phones=[SITE_PHONE, SITE_PHONE, Phone("0121 496 0999")],
        contacts=[ContactRecord("Team", phones=(SITE_PHONE,))],
        accessibility=["", "Hearing loop", "Hearing loop"],
    )
    with Store.open(build_db(tmp_path / "mess.sqlite", [record])) as store:
        d = store.service("plain-7")
        assert d is not None
        assert d.description == long_text.strip()
        assert d.locations[0].latitude is None and d.latitude is None
        assert d.phones == (SITE_PHONE, Phone("0121 496 0999"))
        assert d.contacts[0].phones == (SITE_PHONE,)
        assert d.all_phones == [SITE_PHONE, Phone("0121 496 0999")]  # once, wherever it is
        assert d.accessibility == ("Hearing loop",)


def test_a_later_record_with_the_same_id_replaces_every_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "BATCH", 1)  # the two records land in different batches
    second = rich_record(
        costs=[],
        links=[],
        alerts=[],
        contacts=[],
        phones=[SITE_PHONE],
        send_answers=[],
        terms=[term_need("hearing", "Hearing")],
        locations=[],
    )
    with Store.open(build_db(tmp_path / "dup.sqlite", [rich_record(), second])) as store:
        d = store.service("outpost-101")
        assert d is not None
        assert d.phones == (SITE_PHONE,) and d.contacts == () and d.costs == ()
        assert d.links == () and d.alerts == () and d.send_answers == () and d.locations == ()
        assert d.needs == ("Hearing",) and d.need_areas == ()
        assert store.count_services("") == 1
    with sqlite3.connect(tmp_path / "dup.sqlite") as conn:
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("phones", "contacts", "costs", "locations", "service_terms")
        }
        assert counts == {
            "phones": 1,
            "contacts": 0,
            "costs": 0,
            "locations": 0,
            "service_terms": 1,
        }


# -- search covers what the feed tags, and where a service is ------------------------------------
def test_autism_finds_every_service_tagged_autism(rich_store: Store) -> None:
    assert _ids(rich_store, "autism") == {"outpost-101", "plain-1"}


def test_broad_area_target_audience_and_own_terms_are_searchable(rich_store: Store) -> None:
    assert _ids(rich_store, "communication and interaction") == {"outpost-101"}
    assert _ids(rich_store, "sensory physical") == {"outpost-101", "outpost-102"}
    assert _ids(rich_store, "care leavers") == {"outpost-102"}
    assert _ids(rich_store, "early years") >= {"outpost-101"}
    assert _ids(rich_store, "wheelchair") == {"outpost-101"}  # accessibility
    assert _ids(rich_store, "ramp") == {"outpost-101"}  # a SEND answer
    assert _ids(rich_store, "SENCO") == {"outpost-101"}  # the SEND statement


@pytest.mark.parametrize("typed", ["BV3", "bv3", "BV3 6TE", "bv36te", "Oak Lane", "Brookvale"])
def test_postcodes_districts_towns_and_streets_find_the_service(
    rich_store: Store, typed: str
) -> None:
    assert "outpost-101" in _ids(rich_store, typed)
    assert "plain-2" not in _ids(rich_store, typed)


def test_a_masked_locations_district_finds_its_services(rich_store: Store) -> None:
    assert _ids(rich_store, "BV7") == {"outpost-101", "outpost-102"}


def test_the_name_still_outranks_a_tag(tmp_path: Path) -> None:
    named = plain_record(1, name="Autism Family Group")
    tagged = plain_record(2, name="Saturday Club", terms=[term_need("autism", "Autism")])
    with Store.open(build_db(tmp_path / "rank.sqlite", [tagged, named])) as store:
        assert [r.id for r in store.search_services("autism")] == ["plain-1", "plain-2"]


# -- filters and facets -------------------------------------------------------------------------
def test_need_filter_takes_a_feed_need_or_a_broad_area(rich_store: Store) -> None:
    assert _ids(rich_store, need="need:autism") == {"outpost-101", "plain-1"}
    assert _ids(rich_store, need="need-area:sensory-physical") == {"outpost-101", "outpost-102"}
    assert _ids(rich_store, need="need-area:semh") == set()


def test_category_filter_over_the_seven_categories(rich_store: Store) -> None:
    assert _ids(rich_store, category="childcare") == {"outpost-101"}
    assert _ids(rich_store, category="health") == {"plain-1"}
    assert _ids(rich_store, category="short-breaks") == set()


def test_area_filter_matches_any_location(rich_store: Store) -> None:
    # BV7 is only the second (masked) location of outpost-101.
    assert _ids(rich_store, area="BV7") == {"outpost-101", "outpost-102"}
    assert _ids(rich_store, area="BV3 6TE") == {"outpost-101"}
    assert _ids(rich_store, area="Riverside") == {"outpost-102"}


def test_facets_count_categories_needs_and_broad_areas(rich_store: Store) -> None:
    facets = rich_store.facets("")
    assert facets["category"] == {"childcare": 1, "education": 1, "health": 1}
    assert facets["need"] == {
        "need:autism": 2,
        "need:hearing": 2,
        "need-area:communication": 1,
        "need-area:sensory-physical": 2,
    }
    for key, n in facets["need"].items():
        assert rich_store.count_services("", need=key) == n
    # Each facet is counted with the other filters but not its own.
    narrowed = rich_store.facets("", need="need:autism", category="childcare")
    assert narrowed["need"]["need:autism"] == 1
    assert narrowed["category"] == {"childcare": 1, "education": 1, "health": 1}


def test_a_feed_category_outside_the_seven_is_not_a_facet(tmp_path: Path) -> None:
    odd = plain_record(1, terms=[Term("category:parking", "category", "parking", "Parking")])
    with Store.open(build_db(tmp_path / "odd.sqlite", [odd])) as store:
        assert store.facets("")["category"] == {}


def test_need_area_names_are_the_four_broad_areas(rich_store: Store) -> None:
    assert list(rich_store.need_area_names()) == [
        "need-area:communication",
        "need-area:cognition",
        "need-area:semh",
        "need-area:sensory-physical",
    ]


def test_schema_indexes_what_filters_use(tmp_path: Path) -> None:
    conn = sqlite3.connect(build_db(tmp_path / "ix.sqlite", [rich_record()]))
    try:
        plan = " ".join(
            str(r)
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT service_rid FROM locations WHERE district = 'BV3'"
            )
        )
        assert "locations_district" in plan
        assert schema.version_of(conn) == schema.SCHEMA_VERSION == 4
    finally:
        conn.close()


def test_a_refresh_keeps_none_of_the_old_feeds_rows(db_copy: Path, tmp_path: Path) -> None:
    """Every Local Offer table is rebuilt, none copied across with guidance and providers."""
    import json

    from desktop.data.feeds import refresh
    from desktop.data.feeds.sources import Source

    export = tmp_path / "one.json"
    export.write_text(json.dumps([{"id": "only-1", "name": "The only service"}]))
    result = refresh.prepare(db_copy, Source(str(export)))
    try:
        conn = sqlite3.connect(result.new_path)
        try:
            rebuilt = {"services", "taxonomy_terms", *schema.RANKING_TABLES}
            for table in schema.LOCAL_OFFER_TABLES - rebuilt:
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
            # The ranking index holds the one new service only (built anew, not copied).
            assert conn.execute("SELECT value FROM rank_info WHERE key = 'docs'").fetchone() == (1,)
            assert conn.execute("SELECT count(*) FROM rank_lists").fetchone()[0] > 0
            assert conn.execute("SELECT count(*) FROM services").fetchone()[0] == 1
            assert conn.execute("SELECT count(*) FROM guidance_sections").fetchone()[0] > 0
        finally:
            conn.close()
    finally:
        refresh.discard(result)


def test_phones_a_location_carries_are_kept_with_that_location(tmp_path: Path) -> None:
    """HSDS phones.location_id: when the record's Location gains ``phones``, they are stored."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class LocationWithPhones(Location):
        phones: tuple[Phone, ...] = ()

    record = plain_record(
        8,
        locations=[
            Location("Main hall", "1 Road, Brookvale, BV1 1AA", "Brookvale", "BV1 1AA"),
            LocationWithPhones("Annexe", "2 Road, Brookvale, BV1 2AA", "Brookvale", "BV1 2AA",
                               phones=(SITE_PHONE, SITE_PHONE)),
        ],
        phones=[YOUTH_LINE],
    )  # fmt: skip
    with Store.open(build_db(tmp_path / "locphones.sqlite", [record])) as store:
        d = store.service("plain-8")
        assert d is not None
        assert d.locations[0].phones == () and d.locations[1].phones == (SITE_PHONE,)
        assert d.phones == (YOUTH_LINE,)
        assert d.all_phones == [YOUTH_LINE, SITE_PHONE]


def test_need_facet_counts_only_needs_and_broad_areas(tmp_path: Path) -> None:
    """Term ids sorting between 'need-area:' and 'need:' (another vocabulary) are not needs."""
    record = plain_record(
        1,
        terms=[
            term_need("autism", "Autism"),
            term_area("semh"),
            Term("need-type:respite", "need-type", "respite", "Respite"),
        ],
    )
    with Store.open(build_db(tmp_path / "needs.sqlite", [record])) as store:
        assert store.facets("")["need"] == {"need:autism": 1, "need-area:semh": 1}
        assert store.facets("autism")["need"] == {"need:autism": 1, "need-area:semh": 1}


def test_unknown_ages_never_read_as_all_ages() -> None:
    """A feed's -1 or no ages at all is "Ages not given": "All ages" could send a family to
    a service that is not for their child (found end to end with Placecube's -1)."""
    from desktop.data.records import ages_text

    assert ages_text(None, None) == "Ages not given"
    assert ages_text(0, None) == "0+"
    assert ages_text(None, 11) == "Up to 11"
    assert ages_text(5, 11) == "Ages 5–11"


@pytest.mark.parametrize(
    "part",
    ["phones", "contacts", "locations", "costs", "links", "send_answers", "service_texts",
     "service_terms", "taxonomy_terms"],
)  # fmt: skip
def test_read_service_reads_every_table_service_reads(tmp_path: Path, part: str) -> None:
    """The start's damage check (``app.first_queries``) reads the rows the details pane
    reads, so a part it cannot read fails both alike; tests/test_architecture.py checks that
    it loads none of the details' records."""
    import sqlite3

    from desktop.bundle import build
    from desktop.data.store import Store
    from tests.conftest import RESOURCES

    db = tmp_path / "bundled.sqlite"
    build(db, RESOURCES)
    with Store.open(db, read_only=True) as store:
        first = store.search_services("", limit=1)[0].id
        assert store.read_service(first) is True and store.service(first) is not None
        assert store.read_service("no-such-service") is False
        assert store.service("no-such-service") is None
    with Store.open(db, read_only=True) as store:
        conn = sqlite3.connect(db)  # after the open's checks: the part can no longer be read
        conn.execute(f"ALTER TABLE {part} RENAME TO gone")
        conn.commit()
        conn.close()
        for read in (store.read_service, store.service):
            with pytest.raises(sqlite3.OperationalError, match=f"no such table: {part}"):
                read(first)
