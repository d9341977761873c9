"""Tables, indexes, the FTS index and the schema version (``PRAGMA user_version``).

Version 2 keeps every part of a normalised service record (``feeds.record.ServiceRecord``):
``services`` holds one row per service with the flat columns lists and filters use (first
location's postcode, address and position, cost text, free, ages, area) and the single
texts (SEND statement, how to access, referral, assured date); each list of the record
has a child table keyed by ``(service_rid, pos)``. ``migrate`` brings a version 1 file up
to date in place, so a copy refreshed from a real feed keeps its services.

Version 3 added a ranking index built from ``services_fts``; version 4 replaces it with
packed lists, sets and filters (``RANKING_TABLES``; see ``ranking_build``), so a page, a
count or the filter counts cost what they need at national scale. ``migrate`` builds it for
a version 2 or 3 file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.errors import ExitCode, UserError

SCHEMA_VERSION = 4

# Column weights for bm25(): what a service is called counts most; then who runs it; then
# what it is tagged with (categories, needs, broad areas, the feed's own terms, audience);
# then where it is (areas, towns, postcodes); then what it says of itself; last the rest
# (SEND answers, access, languages, eligibility, street address).
FTS_COLUMNS = ("name", "organisation", "terms", "area", "description", "extra")
FTS_WEIGHTS = (10.0, 4.0, 3.0, 2.0, 1.0, 0.5)

# What each kind of service_texts row holds (the record's plain lists).
TEXT_KINDS = ("accessibility", "language", "audience", "alert")

# The ranking index (desktop/data/ranking_build.py), rebuilt with the FTS index.
RANKING_TABLES = (
    "rank_info", "rank_terms", "rank_extra", "rank_lists", "rank_heads", "rank_bits",
    "rank_filters", "rank_arrays",
)  # fmt: skip

# Every table filled from a Local Offer feed (a refresh rebuilds these; the rest is copied).
LOCAL_OFFER_TABLES = frozenset(
    {
        "services",
        "contacts",
        "phones",
        "locations",
        "costs",
        "links",
        "send_answers",
        "service_texts",
        "taxonomy_terms",
        "service_terms",
        *RANKING_TABLES,
    }
)

_REFERENCE_DDL = """
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
"""

# Columns version 2 added to services (the migration adds them to a version 1 table).
SERVICES_V2_COLUMNS = (
    "fees_text TEXT NOT NULL DEFAULT ''",
    "send_statement TEXT NOT NULL DEFAULT ''",  # the provider's own SEND Local Offer text
    "send_link TEXT NOT NULL DEFAULT ''",
    "how_to_access TEXT NOT NULL DEFAULT ''",
    "referral_needed INTEGER",  # 1 needed, 0 not needed, NULL not said
    "assured_date TEXT NOT NULL DEFAULT ''",  # a person checked it (the publisher's: last_modified)
)

_SERVICES_DDL = f"""
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
    postcode TEXT NOT NULL DEFAULT '',  -- the first location's (flat, for lists and filters)
    address TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    schedule TEXT NOT NULL DEFAULT '',
    eligibility TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    {", ".join(SERVICES_V2_COLUMNS)}
);
CREATE INDEX services_name ON services(name COLLATE NOCASE);
CREATE INDEX services_area ON services(area);
CREATE TABLE taxonomy_terms (
    id TEXT PRIMARY KEY,
    vocabulary TEXT NOT NULL,       -- 'category', 'need', 'need-area' or the feed's own taxonomy
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

# The child tables of version 2: one row per item of a record's list, in the feed's order.
CHILD_DDL = f"""
CREATE TABLE contacts (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_rid, pos)
) WITHOUT ROWID;
CREATE TABLE locations (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',   -- '' when masked
    town TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',  -- 'BV3 6TE'; the district alone when masked
    district TEXT NOT NULL DEFAULT '',  -- 'BV3', for the area filter
    latitude REAL,
    longitude REAL,
    masked INTEGER NOT NULL DEFAULT 0,  -- show only the town and postcode district
    PRIMARY KEY (service_rid, pos)
) WITHOUT ROWID;
-- The area filter's one index: a district, or a whole postcode within its district
-- (the key also holds service_rid, so neither needs the table).
CREATE INDEX locations_district ON locations(district, postcode);
CREATE TABLE phones (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    contact_pos INTEGER,                -- its contact (contacts.pos), or NULL
    location_pos INTEGER,               -- its location (locations.pos), or NULL; both NULL: the service's own
    number TEXT NOT NULL,               -- as shown; a non-UK number as written
    tel TEXT NOT NULL DEFAULT '',       -- E.164 for tel:, '' when it must not be dialled
    extension TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_rid, pos)
) WITHOUT ROWID;
CREATE TABLE costs (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    amount REAL,                        -- NULL: no amount given (the description says it)
    currency TEXT NOT NULL DEFAULT 'GBP',
    unit TEXT NOT NULL DEFAULT '',
    option TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_rid, pos)
) WITHOUT ROWID;
CREATE TABLE links (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL,
    PRIMARY KEY (service_rid, pos)
) WITHOUT ROWID;
CREATE TABLE send_answers (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    pos INTEGER NOT NULL,
    question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_rid, pos)
) WITHOUT ROWID;
CREATE TABLE service_texts (
    service_rid INTEGER NOT NULL REFERENCES services(rid),
    kind TEXT NOT NULL CHECK (kind IN ({", ".join(f"'{k}'" for k in TEXT_KINDS)})),
    pos INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (service_rid, kind, pos)
) WITHOUT ROWID;
"""

DDL = _REFERENCE_DDL + _SERVICES_DDL + CHILD_DDL

# No prefix indexes (``prefix = '2 3'`` until issue 16): search and counts answer a prefix
# from the ranking index (a term-id range, or a wide prefix's own list), so FTS5 meets one
# only inside a quoted phrase the synonym list does not store ('"speech th'). Without them
# FTS builds in half the time (100k services: 8.2 → 4.3 s) and the file is 18% smaller
# (4.7 → 3.8 MB per 1,000), for ~1 ms more on such a phrase (docs/decisions.md). A file
# built with them answers the same (they only speed FTS5's prefix lookups).
# content='': contentless (version 4). Nothing reads the indexed text back (lists and details
# read ``services``), so FTS5 keeps no second copy of it: 130 MB less at 100,000 services.
FTS_DDL = f"""
CREATE VIRTUAL TABLE services_fts USING fts5(
    {", ".join(FTS_COLUMNS)},
    tokenize = 'porter unicode61 remove_diacritics 2',
    content = ''
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
    from desktop.data.ranking_build import DDL as RANKING_DDL

    conn.executescript(DDL + FTS_DDL + RANKING_DDL)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _group(sql: str) -> str:
    """A correlated ' '-joined list for one service (``sql`` selects one text per row)."""
    return f"COALESCE((SELECT group_concat(x, ' ') FROM ({sql})), '')"


# Where a service is: every location's venue, town, postcode (the tokenizer splits 'BV3 6TE'
# into its district and the rest) and the postcode without its space ('bv36te').
_PLACES = _group(
    "SELECT l.name || ' ' || l.town || ' ' || l.postcode || ' ' "
    "|| replace(l.postcode, ' ', '') AS x FROM locations l WHERE l.service_rid = s.rid"
)
_TERMS = _group(
    "SELECT t.name AS x FROM service_terms st JOIN taxonomy_terms t ON t.id = st.term_id "
    "WHERE st.service_rid = s.rid "
    "UNION ALL SELECT v.value FROM service_texts v "
    "WHERE v.service_rid = s.rid AND v.kind = 'audience'"
)
_EXTRA = _group(
    "SELECT a.question || ' ' || a.answer AS x FROM send_answers a WHERE a.service_rid = s.rid "
    "UNION ALL SELECT v.value FROM service_texts v "
    "WHERE v.service_rid = s.rid AND v.kind IN ('accessibility', 'language') "
    "UNION ALL SELECT l.address FROM locations l WHERE l.service_rid = s.rid"
)


# What services_fts indexes for each service, column by column (FTS_COLUMNS' order).
_FTS_TEXT = f"""
SELECT s.rid, s.name, s.organisation, {_TERMS},
       s.area || ' ' || {_PLACES},
       s.description || ' ' || s.send_statement,
       s.eligibility || ' ' || s.how_to_access || ' ' || {_EXTRA}
FROM services s
"""


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Fill services_fts from services and their child tables (once after loading, not per row)."""
    # A contentless table is emptied by its own command (it cannot DELETE rows it lacks).
    conn.execute("INSERT INTO services_fts (services_fts) VALUES ('delete-all')")
    conn.execute(f"INSERT INTO services_fts (rowid, {', '.join(FTS_COLUMNS)}) {_FTS_TEXT}")
    conn.execute("INSERT INTO services_fts (services_fts) VALUES ('optimize')")


def fts_text(conn: sqlite3.Connection, rid: int, column: str) -> str:
    """The text services_fts indexed in ``column`` for one service (the index keeps none:
    it is made again from the same tables, so its words sit at the index's offsets)."""
    at = FTS_COLUMNS.index(column) + 1
    row = conn.execute(f"{_FTS_TEXT} WHERE s.rid = ?", (rid,)).fetchone()
    return str(row[at] or "") if row else ""


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


def migrate(conn: sqlite3.Connection) -> int:
    """Bring an older database up to SCHEMA_VERSION in place; returns the version it had.

    Version 1 → 2 keeps every service, term, contact and phone; the new child tables get
    what version 1 kept flat (one location from the address columns) and stay empty where
    version 1 kept nothing (cost options, links, SEND statement…) until the next refresh.
    Version 2 or 3 → 4 makes the FTS index anew (contentless) and builds the ranking index
    from it (nothing else changes).
    Raises SchemaTooOld for a version no migration starts from (the caller rebuilds).
    """
    from desktop.data import ranking_build
    from desktop.data.schema_v1 import upgrade_v1

    found = version_of(conn)
    if found == SCHEMA_VERSION:
        return found
    if found not in (1, 2, 3):
        raise SchemaTooOld(f"data format {found} cannot be upgraded; it will be rebuilt.")
    if found == 1:
        upgrade_v1(conn)  # in a transaction it leaves open: committed below with the rest
    else:
        # Python's sqlite3 opens no transaction for DDL by itself: without this BEGIN the
        # DROP would be committed at once, and a failure later would leave a file with no
        # FTS index that no later start could upgrade.
        conn.commit()
        conn.execute("BEGIN")
    try:
        if found != 1:  # the FTS index of versions 2 and 3 kept a copy of its text
            conn.execute("DROP TABLE IF EXISTS services_fts")
            conn.execute(FTS_DDL.strip().rstrip(";"))
        rebuild_fts(conn)
        ranking_build.build(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
    except BaseException:
        conn.rollback()  # the file is as it was, in its older format
        raise
    return found


def migrate_file(path: str | Path) -> bool:
    """Upgrade the database at ``path`` in place if it is older and can be; True when it was.

    Anything else (current, newer, unknown, damaged or read-only) leaves the file exactly as
    it was and returns False: opening it then says what is wrong, as before.
    """
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        return False
    try:
        if not 0 < version_of(conn) < SCHEMA_VERSION:
            return False
        migrate(conn)
        return True
    except (sqlite3.Error, SchemaError):
        return False
    finally:
        conn.close()
