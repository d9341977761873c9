-- The version 1 schema (desktop/data/schema.py before schema v2), for the migration tests.
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
CREATE VIRTUAL TABLE services_fts USING fts5(
    name, organisation, terms, area, description,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);
PRAGMA user_version = 1;
