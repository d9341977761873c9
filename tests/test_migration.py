"""Schema v1 → v2: a live copy refreshed from a real feed keeps its services after an upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.data import schema
from desktop.data.detail_records import Contact, Place
from desktop.data.livedb import open_live
from desktop.data.records import Phone
from desktop.data.schema_v1 import parse_phone_text
from tests.conftest import ROOT

V1_SQL = (ROOT / "tests" / "data" / "schema-v1.sql").read_text(encoding="utf-8")


def make_v1(path: Path, bundled: Path, *, demo: bool = False) -> Path:
    """A version 1 live copy as the v1 writer left it after a refresh from a feed."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    conn.execute("ATTACH DATABASE ? AS b", (bundled.resolve().as_uri() + "?mode=ro",))
    with conn:
        for table in ("guidance_sections", "providers", "meta"):
            conn.execute(f"INSERT INTO {table} SELECT * FROM b.{table}")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'is_demo'", ("1" if demo else "0",))
        conn.execute("UPDATE meta SET value = 'v1-digest' WHERE key = 'sources_sha256'")
        conn.executemany(
            "INSERT INTO services (rid, id, name, organisation, description, url, cost_text, "
            "is_free, min_age, max_age, area, postcode, address, latitude, longitude, "
            "last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    1,
                    "feed-1",
                    "Riverside Autism Group",
                    "Parents Together",
                    "Meets weekly.",
                    "https://example.org/rag",
                    "£2 a session",
                    0,
                    5,
                    18,
                    "Riverside",
                    "BV3 6TE",
                    "Hall, 3 Oak Lane, Brookvale, BV3 6TE",
                    52.44,
                    -1.52,
                    "2026-05-01",
                ),
                (
                    2,
                    "feed-2",
                    "Admissions Advice",
                    "",
                    "Help with school places.",
                    "",
                    "",
                    1,
                    None,
                    None,
                    "Northgate",
                    "",
                    "",
                    None,
                    None,
                    "",
                ),
            ],
        )
        conn.executemany(
            "INSERT INTO contacts (service_rid, pos, name, phone, email) VALUES (?, ?, ?, ?, ?)",
            [
                (1, 0, "Duty officer", "0121 496 0104 ext. 12", "duty@example.org"),
                (1, 1, "Duty officer", "0121 496 0105", "duty@example.org"),
                (1, 2, "", "020 7946 0999", ""),
                (2, 0, "Admissions", "", "admissions@example.org"),
            ],
        )
        conn.executemany(
            "INSERT INTO taxonomy_terms (id, vocabulary, code, name) VALUES (?, ?, ?, ?)",
            [
                ("need:autism", "need", "asd", "Autism"),
                ("category:education", "category", "education", "Education"),
            ],
        )
        conn.executemany(
            "INSERT INTO service_terms (service_rid, term_id) VALUES (?, ?)",
            [(1, "need:autism"), (2, "category:education")],
        )
    conn.execute("DETACH DATABASE b")
    conn.close()
    return path


def test_a_refreshed_v1_copy_opens_as_current_with_its_services(
    tmp_path: Path, bundled_db: Path
) -> None:
    live = make_v1(tmp_path / "send-desk.sqlite", bundled_db)
    opened = open_live(live, bundled_db)
    store = opened.store
    try:
        assert store.schema_version() == schema.SCHEMA_VERSION
        assert "Guidance and providers were updated" in opened.notice
        assert store.count_services("") == 2 and not store.is_demo
        d = store.service("feed-1")
        assert d is not None
        assert d.contacts == (
            Contact(
                "Duty officer",
                "duty@example.org",
                "",
                (
                    Phone("0121 496 0104", "+441214960104", "12"),
                    Phone("0121 496 0105", "+441214960105"),
                ),
            ),
        )
        assert d.phones == (Phone("020 7946 0999", "+442079460999"),)
        assert d.locations == (
            Place(
                address="Hall, 3 Oak Lane, Brookvale, BV3 6TE",
                postcode="BV3 6TE",
                latitude=52.44,
                longitude=-1.52,
            ),
        )
        assert d.cost_shown == "£2 a session" and d.needs == ("Autism",)
        other = store.service("feed-2")
        assert other is not None and other.locations == () and other.phones == ()
        assert other.contacts == (Contact("Admissions", "admissions@example.org"),)
        # The new search index and the new filters work on the old rows.
        assert [r.id for r in store.search_services("autism")] == ["feed-1"]
        assert [r.id for r in store.search_services("bv3")] == ["feed-1"]
        assert [r.id for r in store.search_services("", area="BV3")] == ["feed-1"]
        assert store.facets("")["need"] == {"need:autism": 1}
        # The bundled guidance came in; the old rows stayed.
        assert store.guidance_sections()
    finally:
        store.close()
    assert not list(tmp_path.glob("send-desk.sqlite.old*"))


def test_a_demo_v1_copy_is_upgraded_then_replaced_by_the_new_demo(
    tmp_path: Path, bundled_db: Path
) -> None:
    live = make_v1(tmp_path / "send-desk.sqlite", bundled_db, demo=True)
    opened = open_live(live, bundled_db)
    try:
        assert opened.store.is_demo and opened.store.count_services("") >= 60
    finally:
        opened.store.close()
    # Demo data is simply replaced: no .bak is written for it (a .bak may hold refreshed data).
    assert not (tmp_path / "send-desk.sqlite.bak").exists()


def test_a_v1_copy_that_cannot_be_upgraded_is_kept_aside_unchanged(
    tmp_path: Path, bundled_db: Path
) -> None:
    live = make_v1(tmp_path / "send-desk.sqlite", bundled_db)
    conn = sqlite3.connect(live)
    conn.execute("DROP TABLE contacts")  # damaged: the migration fails half-way
    conn.close()
    opened = open_live(live, bundled_db)
    try:
        assert "older format" in opened.notice and opened.store.is_demo
    finally:
        opened.store.close()
    (kept,) = tmp_path.glob("send-desk.sqlite.old*")  # set aside under a numbered name
    assert kept.name in opened.notice
    aside = sqlite3.connect(kept)
    try:  # rolled back: still version 1 with both services and no v2 column
        assert schema.version_of(aside) == 1
        assert aside.execute("SELECT count(*) FROM services").fetchone()[0] == 2
        columns = {r[1] for r in aside.execute("PRAGMA table_info(services)")}
        assert "send_statement" not in columns
    finally:
        aside.close()


def test_migrate_refuses_a_version_it_does_not_know(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "zero.sqlite")
    try:
        with pytest.raises(schema.SchemaTooOld):
            schema.migrate(conn)
    finally:
        conn.close()
    assert not schema.migrate_file(tmp_path / "zero.sqlite")
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 50)
    assert not schema.migrate_file(tmp_path / "junk.sqlite")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("0121 496 0104", ("", "0121 496 0104", "")),
        ("0121 496 0104 ext. 12", ("", "0121 496 0104", "12")),
        ("Youth line: 020 7946 0123", ("Youth line", "020 7946 0123", "")),
        ("Text only: 07700 900123 ext. 4", ("Text only", "07700 900123", "4")),
        ("+1 305-555-0142", ("", "+1 305-555-0142", "")),
    ],
)
def test_v1_phone_texts_split_back_into_their_parts(text: str, parts: tuple[str, str, str]) -> None:
    assert parse_phone_text(text) == parts
    label, number, ext = parts
    assert Phone(number, extension=ext, label=label).text == text
