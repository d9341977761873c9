"""Hand-made normalised records (what the shape readers produce) and a database built from them.

``rich_record`` is shaped like a real Outpost service: a SEND statement with answers, two
cost options, an http website, a masked location, labelled phones with an extension, a
non-UK number, a duplicate phone, alerts, accessibility, languages and audiences. Only
Ofcom drama numbers and example.org addresses.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import sqlite_utils

from desktop.data import schema
from desktop.data.feeds import writer
from desktop.data.feeds.record import (
    Answer,
    ContactRecord,
    Cost,
    Link,
    Location,
    ServiceRecord,
    Term,
)
from desktop.data.records import CATEGORY_NAMES, NEED_AREAS, Phone

LONG_DESCRIPTION = (
    "Little Acorns is a small nursery for children from birth to four. "
    "Each child has a key person who plans play around what the child enjoys and can do. "
    "We work with the Early Years SEND Inclusion Team and with speech and language "
    "therapists, who visit every fortnight to see children and to coach our staff. "
    "Parents are welcome to stay for the first sessions, and we share a short diary every "
    "day so that families know how the day went.\n"
    "We are open all year apart from bank holidays."
)


def term_category(code: str) -> Term:
    return Term(f"category:{code}", "category", code, CATEGORY_NAMES[code])


def term_area(code: str) -> Term:
    return Term(f"need-area:{code}", "need-area", code, NEED_AREAS[code])


def term_need(slug: str, name: str) -> Term:
    return Term(f"need:{slug}", "need", slug, name)


OFFICE = Phone("0121 496 0303", "+441214960303", "303", "Office")
YOUTH_LINE = Phone("020 7946 0123", "+442079460123", "", "Youth line")
ABROAD = Phone("305-555-0142", "", "", "Florida office")  # not UK: as written, no tel:
SITE_PHONE = Phone("01632 960555", "+441632960555")


def rich_record(**changes: object) -> ServiceRecord:
    record = ServiceRecord(
        id="outpost-101",
        name="Little Acorns Nursery",
        organisation="Little Acorns Ltd",
        description=LONG_DESCRIPTION,
        url="http://example.org/little-acorns",
        email="hello@example.org",
        costs=[
            Cost(83.5, unit="per day", option="0–4s"),
            Cost(52.8, unit="per half day"),
        ],
        min_age=0,
        max_age=4,
        area="Northgate",
        locations=[
            Location(
                "Acorn Hall",
                "3 Oak Lane, Brookvale, BV3 6TE",
                "Brookvale",
                "BV3 6TE",
                52.4468,
                -1.5231,
            ),
            Location("Home visits", "", "Riverside", "BV7", masked=True),
        ],
        schedule="Monday to Friday: 8am to 6pm\nSaturday: 9am to 12pm",
        last_modified="2026-09-14T10:00:00Z",
        assured_date="2026-10-01",
        send_statement=(
            "We welcome children with special educational needs. Our SENCO meets every "
            "family before a child starts and writes a support plan with them."
        ),
        send_answers=[
            Answer("How do you support children with SEND?", "Each child has a key person."),
            Answer("Is the building accessible?", "Yes, with a ramp at the side door."),
        ],
        send_link="https://example.org/little-acorns/local-offer",
        accessibility=["Wheelchair accessible", "Accessible toilet"],
        languages=["English", "Polish"],
        audiences=["Parents and carers"],
        alerts=["Closed for refurbishment until 4 January."],
        how_to_access="Call the office to book a visit.",
        referral_needed=False,
        links=[Link("Facebook", "https://example.org/facebook/little-acorns")],
        contacts=[
            ContactRecord("Jo Bloggs", "SENCO", "senco@example.org", (OFFICE, OFFICE)),
        ],
        phones=[YOUTH_LINE, ABROAD],
        terms=[
            term_category("childcare"),
            term_category("education"),
            term_need("autism", "Autism"),
            term_need("hearing", "Hearing"),
            term_area("communication"),
            term_area("sensory-physical"),
            Term("outpost:early-years", "Outpost taxonomy", "early-years", "Early years"),
        ],
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def plain_record(n: int, **changes: object) -> ServiceRecord:
    """A thin record: nothing but what a minimal feed gives."""
    return replace(ServiceRecord(id=f"plain-{n}", name=f"Plain service {n}"), **changes)  # type: ignore[arg-type]


def build_db(path: Path, records: list[ServiceRecord], *, demo: bool = False) -> Path:
    """A complete database of ``records`` (no guidance or providers)."""
    conn = sqlite3.connect(path)
    try:
        db = sqlite_utils.Database(conn)
        with conn:
            schema.create(conn)
            writer.ServiceWriter(db).add_all(records)
            writer.write_meta(
                db,
                {
                    # What marks the file as this app's (desktop.data.dbcheck.OWN_META_KEYS).
                    "schema_version": str(schema.SCHEMA_VERSION),
                    "bundle_version": "test",
                    "is_demo": "1" if demo else "0",
                    "data_as_of": "2026-09-14",
                    "imported_at": "2026-12-01T09:00:00",
                },
            )
            writer.finish(db)
    finally:
        conn.close()
    return path
