"""Each real feed shape, from its fixture file → Source → normaliser → ServiceRecord.

Fixtures (tests/data/feeds/<shape>/) follow each platform's public serialisers and the
HSDS/ORUK examples, with the mess real feeds carry. Only Ofcom drama numbers and
example.org contacts; the e-mail tests allow reserved domains (as the demo does), and
``test_real_feeds_drop_reserved_emails`` shows a real refresh drops them.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from desktop.data.feeds import detect
from desktop.data.feeds.coverage import Coverage
from desktop.data.feeds.oruk import Normaliser, default_crosswalk
from desktop.data.feeds.record import CATEGORY, NEED, NEED_AREA, ServiceRecord
from desktop.data.feeds.shapes.parts import Context
from desktop.data.feeds.sources import Source
from desktop.data.records import Phone

FEEDS = Path(__file__).parent / "data" / "feeds"


def read(
    location: Path | str, *, reserved: bool = True
) -> tuple[dict[str, ServiceRecord], Normaliser, Coverage, Source]:
    source = Source(str(location))
    ctx = Context(default_crosswalk(), allow_reserved_emails=reserved)
    normaliser = Normaliser(ctx, envelope_hint=source.envelope_hint)
    coverage = Coverage()
    records = {}
    for record in normaliser.records(source.services()):
        coverage.add(record)
        records[record.id] = record
    return records, normaliser, coverage, source


def vocab(record: ServiceRecord, name: str) -> set[str]:
    return {t.code for t in record.terms if t.vocabulary == name}


def needs(record: ServiceRecord) -> set[str]:
    return {t.name for t in record.terms if t.vocabulary == NEED}


def all_phones(record: ServiceRecord) -> list[Phone]:
    return [*record.phones, *(p for c in record.contacts for p in c.phones)]


@pytest.mark.parametrize(
    ("folder", "shape"),
    [
        ("outpost/services.json", detect.OUTPOST),
        ("placecube/services.json", detect.PLACECUBE),
        ("oruk1/services.json", detect.ORUK1),
        ("oruk3/services.json", detect.ORUK3),
        ("hsds3-csv", detect.HSDS3_CSV),
        ("hsds11-csv", detect.HSDS11_CSV),
    ],
)
def test_each_fixture_is_detected_and_mostly_categorised(folder: str, shape: str) -> None:
    records, normaliser, coverage, _ = read(FEEDS / folder)
    assert set(normaliser.shapes) == {shape}
    assert coverage.share("category") >= 0.8  # the target for real feeds
    assert records and coverage.services == len(records)


# -- Outpost / Scout ------------------------------------------------------------------------
def test_outpost_fields() -> None:
    records, normaliser, coverage, source = read(FEEDS / "outpost/services.json")
    report = normaliser.report
    assert (report.read, report.kept, report.hidden, report.skipped_count) == (6, 4, 1, 1)
    assert report.skipped == ["record 6: no id (name: A service with no id)"]
    swim = records["1042"]
    assert swim.organisation == "Kingfisher Lane Short Breaks"
    assert "• Changing Places toilet" in swim.description and "<" not in swim.description
    assert (swim.min_age, swim.max_age, swim.referral_needed) == (5, 18, False)
    assert swim.last_modified.startswith("2026-10-14")
    [pool] = swim.locations
    assert (pool.address, pool.postcode) == (
        "Lakeside Drive, Brookvale, Westshire, BV6 7LP",
        "BV6 7LP",
    )
    assert (pool.latitude, pool.longitude) == (52.4038, -1.5142)  # GeoJSON is [lon, lat]
    assert swim.accessibility == ["Hoist", "Accessible toilet facilities"]
    assert swim.schedule == "Saturday: 9am to 10:30am"
    assert [(c.amount, c.unit, c.option) for c in swim.costs] == [
        (83.5, "per day", "0-4s"),
        (52.8, "per half day", ""),
    ]
    assert ("cost", "amount not a price: 'NaN'") in swim.dropped
    assert [(p.number, p.extension, p.label) for p in all_phones(swim)] == [
        ("0121 496 0123", "303", ""),
        ("01632 960123", "", "Youth line"),
    ]
    assert [c.email for c in swim.contacts] == ["swim@example.org", ""]  # placeholder dropped
    assert ("e-mail", "placeholder address") in swim.dropped
    assert "Old contact" not in {c.name for c in swim.contacts}  # visible: false
    assert [(x.label, x.url) for x in swim.links] == [
        ("Organisation website", "https://example.org/kingfisher"),  # a bare domain, kept
        ("Facebook", "https://example.org/facebook/kingfisher"),
    ]
    assert swim.send_statement == "All our coaches hold a disability swimming qualification."
    assert [a.question for a in swim.send_answers] == [
        "How accessible is the environment (indoors and outdoors)?"
    ]  # the unanswered question is left out
    assert swim.send_link == "https://example.org/kingfisher/send-report"
    assert needs(swim) == {"Autism", "Sensory and physical needs", "Physical disabilities"}
    assert vocab(swim, NEED_AREA) == {"communication", "sensory-physical"}
    assert vocab(swim, CATEGORY) == {"short-breaks"}
    assert swim.audiences == ["Older people"]
    haven = records["1043"]
    [masked] = haven.locations
    assert masked.masked and (masked.address, masked.town, masked.postcode) == (
        "",
        "Brookvale",
        "BV3",
    )
    assert masked.latitude is None and masked.name == ""
    assert (haven.min_age, haven.max_age) == (0, 2)  # -1 is unknown; the age bands say 0-2
    assert haven.is_free and haven.referral_needed
    assert all_phones(haven)[0].extension == "2286"
    acorns = records["1044"]
    assert acorns.url == "https://www.example.org/little-acorns"
    assert (acorns.min_age, acorns.max_age) == (0, None)
    assert acorns.locations[0].latitude == 52.4289  # given the wrong way round: put right
    assert all_phones(acorns)[0] == Phone("+1 305 555 0123", "+13055550123")
    assert acorns.is_free  # a funded-hours option costs nothing
    work = records["1045"]
    assert work.alerts == ["This service is temporarily closed."]
    assert (work.min_age, work.max_age) == (16, None) and (
        "ages",
        "out of range: '250'",
    ) in work.dropped
    assert work.locations[0].postcode == "BV1 7NP"  # via service_at_locations
    assert work.send_answers[0].answer == "Paid work or an apprenticeship."
    assert coverage.have["SEND statement"] == 2 and coverage.have["address"] == 4
    assert source.listed_total == 6 and not source.more_pages


# -- Placecube ------------------------------------------------------------------------------
def test_placecube_fields() -> None:
    records, normaliser, coverage, _ = read(FEEDS / "placecube/services.json")
    hub = records["6f1d0c1e-2a7b-4d3c-9e10-000000000001"]
    assert hub.audiences == ["Care leavers", "Homeless"]
    assert hub.assured_date == "2026-09-02" and hub.last_modified == "2026-08-30"
    assert hub.email == "" and ("e-mail", "placeholder address") in hub.dropped
    assert hub.is_free and hub.fees_text == "Free"
    assert hub.referral_needed is True
    assert hub.how_to_access == "By referral.\nAsk your personal adviser to refer you."
    assert (hub.min_age, hub.max_age) == (16, 25)
    assert hub.eligibility == "Young people who have been in care"
    assert hub.area == "Brookvale, South Brookvale"
    assert hub.languages == ["English", "Polish"]
    assert hub.locations[0].address == "6 Mill Race, Brookvale, BV3 6TE"
    assert "Tuesday, Thursday: 1pm to 4pm" in hub.schedule
    assert vocab(hub, CATEGORY) == {"family-support"}
    assert all_phones(hub)[0].label == "Duty line"
    play = records["6f1d0c1e-2a7b-4d3c-9e10-000000000002"]
    assert (play.min_age, play.max_age) == (None, None)  # -1 means unknown
    assert play.costs[0].amount == 2.5 and play.costs[0].description == "Pay what you can"
    assert vocab(play, CATEGORY) == {"short-breaks"}  # from the name: the feed has no terms
    deaf = records["6f1d0c1e-2a7b-4d3c-9e10-000000000003"]
    assert needs(deaf) == {"Hearing impairment"} and vocab(deaf, NEED_AREA) == {"sensory-physical"}
    assert deaf.phones == [Phone("0117 496 0777", "+441174960777", "12", "Textphone")]
    advice = records["6f1d0c1e-2a7b-4d3c-9e10-000000000004"]
    assert all_phones(advice)[0] == Phone("305-555-0199", "", "", "International line")
    assert normaliser.report.hidden == 1
    assert coverage.from_name == 2


# -- ORUK 1.0 -------------------------------------------------------------------------------
def test_oruk1_fields() -> None:
    records, normaliser, _coverage, source = read(FEEDS / "oruk1/services.json")
    assert source.listed_total == 6  # the lower-case 'totalelements'
    slt = records["esd-101"]
    assert (slt.min_age, slt.max_age, slt.eligibility) == (0, 4, "Children under 5")
    assert slt.locations[0].postcode == "BV1 4QT" and slt.locations[0].latitude == 52.4468
    assert slt.accessibility == ["Wheelchair accessible entrance"]
    assert slt.schedule == "Thursday: 9:30am to 11:30am"  # ISO weekday 4 on the link
    assert slt.area == "Northgate" and slt.languages == ["English", "Urdu"]
    assert slt.is_free and slt.email == "slt@example.org"
    assert vocab(slt, CATEGORY) == {"health"}
    assert needs(slt) == {"Speech, language and communication needs"}
    org = slt.contacts[-1]
    assert (org.name, org.title, org.email) == (
        "Brookvale Children's Therapies",
        "Organisation",
        "therapies@example.org",
    )
    assert [p.number for p in org.phones] == ["01632 960500"]
    assert slt.contacts[0].phones[0].extension == "42"
    club = records["esd-102"]
    assert (club.min_age, club.max_age) == (6, 8) and any("swapped" in r for _, r in club.dropped)
    assert club.phones[0].extension == "7"
    assert vocab(club, CATEGORY) == {"short-breaks"}
    line = records["esd-103"]
    assert line.organisation == "Brookvale Early Help" and line.email == "earlyhelp@example.org"
    assert [p.number for p in line.phones] == ["0808 157 0192"]
    assert vocab(line, CATEGORY) == {"family-support"}  # AIRS code PH-6500
    forum = records["esd-106"]
    assert forum.status == "active" and forum.url == "https://www.example.org/youth-forum"
    assert "Young people’s forum" in forum.description  # entities decoded
    assert records["esd-105"].organisation == "Brookvale Council"  # a bare list entry is kept
    assert normaliser.report.hidden_ids == ["esd-104"]


# -- HSDS / ORUK 3.0 JSON -------------------------------------------------------------------
def test_oruk3_fields() -> None:
    records, normaliser, _coverage, _ = read(FEEDS / "oruk3/services.json")
    c = records["ac148810-0000-441c-9679-000000000001"]
    assert c.alerts == ["Most sessions are now online. Call reception for a room booking."]
    assert c.assured_date == "2026-06-01" and c.last_modified.startswith("2026-10-15")
    assert c.how_to_access.startswith("Ask your GP")
    assert c.eligibility == "Young people aged 12 and over who live in Brookvale."
    assert c.fees_text.startswith("Free for under-18s")
    assert [(x.amount, x.option) for x in c.costs] == [(0.0, "Under 18"), (50.0, "Adults")]
    assert ("cost", "amount not a price: 'inf'") in c.dropped  # 1e400 in the file
    [where] = c.locations
    assert where.address == "33 Cooper's Yard, Brookvale, BV4 3RS"  # the physical, not postal
    assert c.accessibility == ["Induction loop at reception (Switch hearing aid to T.)"]
    assert c.languages == ["Polish", "Urdu", "Interpreters for Urdu and Polish"]
    assert c.phones == [Phone("0121 496 0234", "+441214960234", "100", "Reception")]
    venue = next(x for x in c.contacts if x.title == "Venue")
    assert venue.name == "Oldmarket Wellbeing Centre" and venue.phones[0].label == "Centre desk"
    assert [(x.label, x.url) for x in c.links] == [
        ("Organisation website", "https://example.org/trust"),
        ("Referral form", "https://example.org/counselling/refer"),
    ]
    assert vocab(c, CATEGORY) == {"health"}
    assert vocab(c, NEED_AREA) == {"semh"}
    play = records["ac148810-0000-441c-9679-000000000002"]
    assert vocab(play, CATEGORY) == {"childcare"}  # a term placed it: the name is not used
    assert play.contacts[0].phones[0].label == ""  # a long description is not a label
    travel = records["ac148810-0000-441c-9679-000000000004"]
    assert vocab(travel, CATEGORY) == {"adulthood"}
    assert travel.locations == [] or travel.locations[0].latitude is None  # latitude 100
    group = records["ac148810-0000-441c-9679-000000000005"]
    assert needs(group) == {"Autistic Spectrum Disorder (ASD)"}
    assert vocab(group, CATEGORY) == {"family-support"}
    assert normaliser.report.skipped == [
        "record 3: ac148810-0000-441c-9679-000000000003: a name that is not text"
    ]


# -- HSDS 3.0 CSV package -------------------------------------------------------------------
def zipped(folder: Path, out: Path, *, prefix: str = "export/", seed: int = 3) -> Path:
    """The folder as a zip, members in a shuffled order (real exports do not sort them)."""
    members = sorted(folder.iterdir())
    random.Random(seed).shuffle(members)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in members:
            archive.write(path, prefix + path.name)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hsds3_package_fields_whatever_the_file_order(tmp_path: Path, seed: int) -> None:
    package = zipped(FEEDS / "hsds3-csv", tmp_path / "p.zip", seed=seed)
    records, normaliser, _coverage, source = read(package)
    assert source.shape_hint == detect.HSDS3_CSV and source.modified
    drop_in = records["svc-1"]
    assert drop_in.organisation == "Brookvale Example Charity"
    assert "javascript" not in drop_in.description and drop_in.how_to_access == "Just come along."
    assert drop_in.locations[0].postcode == "BV1 2AA" and drop_in.latitude == 52.41
    assert drop_in.contacts[0].phones[0].number == "0121 496 0555"  # the quotes were dropped
    assert drop_in.contacts[0].title == "Administrator"
    venue = next(x for x in drop_in.contacts if x.title == "Venue")
    assert venue.phones[0].label == "Textphone"  # linked by service_at_location_id
    assert (drop_in.min_age, drop_in.max_age, drop_in.is_free) == (0, 4, True)
    assert drop_in.assured_date == "2026-05-01" and drop_in.languages == ["Urdu"]
    assert drop_in.area == "Northgate" and drop_in.schedule == "Monday: 9:30am to 12pm"
    # taxonomies.csv holds the vocabularies; taxonomy_terms.csv the terms: both are read
    assert vocab(drop_in, CATEGORY) == {"education"}
    assert needs(drop_in) == {"Speech language and communication needs"}
    assert any(t.vocabulary == "Brookvale categories" for t in drop_in.terms)
    club = records["svc-2"]
    assert club.description == "Inclusive holiday play,\nwith 1:1 support where needed."
    assert vocab(club, CATEGORY) == {"short-breaks"}  # 'Holiday activities' and its parent
    assert club.phones[0] == Phone("01632 960123", "+441632960123", "12", "Bookings")
    assert club.latitude is None  # latitude 100 is out of range
    assert ("e-mail", "not an e-mail address") in club.dropped
    forum = records["svc-4"]
    org = next(x for x in forum.contacts if x.title == "Organisation")
    assert org.phones[0].label == "Forum office"  # a phone linked by organization_id
    assert forum.is_free and forum.max_age is None
    wheel = records["svc-5"]
    assert wheel.accessibility == ["Changing Places toilet"]
    assert next(x for x in wheel.contacts if x.title == "Venue").phones[0].number == "020 7946 0777"
    assert wheel.costs == [] and wheel.schedule == "Saturday: 10am to 11am (Saturdays in term time)"
    assert normaliser.report.skipped == ["record 4: no id (name: No id here)"]
    assert normaliser.report.hidden_ids == ["svc-3"]


# -- HSDS 1.1 CSV package -------------------------------------------------------------------
def test_hsds11_package_fields(tmp_path: Path) -> None:
    for location in (FEEDS / "hsds11-csv", zipped(FEEDS / "hsds11-csv", tmp_path / "p.zip")):
        records, normaliser, _coverage, source = read(location)
        assert source.shape_hint == detect.HSDS11_CSV
        ot = records["s11-1"]
        assert (
            ot.locations[0].address
            == "Unit 5, Lockside Business Park, Canal Road, Brookvale, BV3 9FB"
        )
        assert ot.schedule == "Monday to Thursday: 9am to 5pm\nFriday: 9am to 4:30pm"
        assert ot.eligibility == "Children and young people up to 19"
        assert vocab(ot, CATEGORY) == {"health"}  # 'Therapies' and its parent 'Health'
        assert needs(ot) == {"Physical disabilities"}
        referral = ot.contacts[0]
        assert (referral.name, referral.email, referral.phones[0].extension) == (
            "Referral coordinator",
            "referrals@example.org",
            "15",
        )
        assert any(
            c.title == "Venue" and c.phones[0].number == "0121 496 0700" for c in ot.contacts
        )
        scheme = records["s11-2"]
        assert scheme.phones[0].label == "Bookings" and scheme.fees_text == "£20 per day"
        circle = records["s11-4"]  # recovered from after an unclosed quote
        assert any(
            c.title == "Venue" and c.phones[0].number == "01632 960778" for c in circle.contacts
        )
        assert vocab(circle, CATEGORY) == {"family-support"}
        assert normaliser.report.skipped_count == 1
        assert "a quote in column 6 is never closed" in normaliser.report.skipped[0]
        forum_phone = {p.number for c in circle.contacts for p in c.phones}
        assert "01632 960777" in forum_phone  # the organisation's own phone


def test_real_feeds_drop_reserved_emails() -> None:
    records, _, coverage, _ = read(FEEDS / "outpost/services.json", reserved=False)
    assert coverage.have["e-mail"] == 0
    assert coverage.dropped[("e-mail", "reserved domain")] == 4
    assert records["1042"].contacts[0].email == ""


def test_coverage_figures_of_the_outpost_fixture() -> None:
    _, _, coverage, _ = read(FEEDS / "outpost/services.json")
    assert {name: coverage.have[name] for name in coverage.have} == {
        "phone": 4,
        "e-mail": 4,
        "website": 3,  # http: and www. kept (issue 10)
        "address": 4,
        "postcode": 4,
        "map position": 3,
        "ages": 4,
        "needs": 3,
        "category": 4,
        "opening times": 2,
        "cost": 3,
        "SEND statement": 2,
    }
