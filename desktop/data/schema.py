"""Tables, indexes, the FTS index and the schema version (``PRAGMA user_version``)."""

from __future__ import annotations

import sqlite3

from desktop.errors import ExitCode, UserError

SCHEMA_VERSION = 1

# Column weights for bm25(): name counts most, then organisation, terms, area, description.
FTS_COLUMNS = ("name", "organisation", "terms", "area", "description")
FTS_WEIGHTS = (10.0, 4.0, 3.0, 2.0, 1.0)

DDL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE guidance_sections (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    ord INTEGER NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    sources TEXT NOT NULL,          -- JSON list of citations
    checked_on TEXT NOT NULL
);
CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    phones TEXT NOT NULL DEFAULT '[]', -- JSON list of display numbers
    email TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    hours TEXT NOT NULL DEFAULT '',
    area TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'bundled'
);
CREATE TABLE services (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active',
    url TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    cost_text TEXT NOT NULL DEFAULT '',
    is_free INTEGER NOT NULL DEFAULT 0,
    min_age INTEGER,
    max_age INTEGER,
    area TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    schedule TEXT NOT NULL DEFAULT '',
    eligibility TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT ''
);
CREATE INDEX services_name ON services(name COLLATE NOCASE);
CREATE INDEX services_area ON services(area);
CREATE TABLE contacts (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_rid, pos)
);
CREATE TABLE taxonomy_terms (
    id TEXT PRIMARY KEY,
    vocabulary TEXT NOT NULL,       -- 'category' or 'need' (or the export's own taxonomy)
    code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL
);
CREATE TABLE service_terms (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    term_id TEXT NOT NULL REFERENCES taxonomy_terms(id),
    PRIMARY KEY (service_rid, term_id)
);
CREATE INDEX service_terms_term ON service_terms(term_id, service_rid);
"""

# prefix='2 3': index 2- and 3-letter prefixes so type-ahead on a short last word ("ca*")
# does not expand to thousands of terms at query time (100k services: 142 → 59 ms; count 43 → 2 ms).
FTS_DDL = f"""
CREATE VIRTUAL TABLE services_fts USING fts5(
    {", ".join(FTS_COLUMNS)},
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);
"""


class SchemaError(UserError):
    """The database file cannot be used with this version of the app."""

    exit_code = ExitCode.DATA


class SchemaTooNew(SchemaError):
    exit_code = ExitCode.TOO_NEW


class SchemaTooOld(SchemaError):
    pass


def create(conn: sqlite3.Connection) -> None:
    """Create every table in an empty database and stamp the schema version."""
    conn.executescript(DDL + FTS_DDL)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Fill services_fts from services (run once after loading, not per row)."""
    conn.execute("DELETE FROM services_fts")
    conn.execute(
        """
        INSERT INTO services_fts (rowid, name, organisation, terms, area, description)
        SELECT s.rid, s.name, s.organisation,
               COALESCE((SELECT group_concat(t.name, ' ')
                         FROM service_terms st JOIN taxonomy_terms t ON t.id = st.term_id
                         WHERE st.service_rid = s.rid), ''),
               s.area || ' ' || s.postcode,
               s.description
        FROM services s
        """
    )
    conn.execute("INSERT INTO services_fts (services_fts) VALUES ('optimize')")


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, path: str) -> None:
    found = version_of(conn)
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path} was written by a newer version of SEND Adviser Desk "
            f"(data format {found}; this version reads up to {SCHEMA_VERSION}). "
            "Install the newer version, or start with --db pointing at another file."
        )
    if found < SCHEMA_VERSION:
        raise SchemaTooOld(
            f"{path} uses an older data format ({found}); it will be rebuilt from the bundled data."
        )
