"""Writing normalised records into a database built by schema.create (sqlite-utils, batched)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from desktop.data import schema
from desktop.data.feeds.record import ServiceRecord

BATCH = 2000

_SERVICE_COLUMNS = [
    "id",
    "name",
    "organisation",
    "description",
    "status",
    "url",
    "email",
    "cost_text",
    "is_free",
    "min_age",
    "max_age",
    "area",
    "postcode",
    "address",
    "latitude",
    "longitude",
    "schedule",
    "eligibility",
    "last_modified",
]


_IS_FREE = _SERVICE_COLUMNS.index("is_free")
_INSERT_SERVICE = (
    f"INSERT OR REPLACE INTO services (rid, {', '.join(_SERVICE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(_SERVICE_COLUMNS) + 1))})"
)


class ServiceWriter:
    """Loads services in batches inside the caller's transaction; the last record with an id wins."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.rids: dict[str, int] = {}
        self._batch: dict[str, ServiceRecord] = {}

    def add(self, record: ServiceRecord) -> None:
        self._batch[record.id] = record
        if len(self._batch) >= BATCH:
            self.flush()

    def add_all(self, records: Iterable[ServiceRecord]) -> None:
        for record in records:
            self.add(record)
        self.flush()

    def flush(self) -> None:
        if not self._batch:
            return
        services: list[tuple[object, ...]] = []
        contacts: list[tuple[int, int, str, str, str]] = []
        links: list[tuple[int, str]] = []
        terms: dict[str, tuple[str, str, str, str]] = {}
        old_rids = []
        for record in self._batch.values():
            rid = self.rids.get(record.id)
            if rid is None:
                rid = len(self.rids) + 1
                self.rids[record.id] = rid
            else:
                old_rids.append(rid)
            row = [getattr(record, k) for k in _SERVICE_COLUMNS]
            row[_IS_FREE] = int(record.is_free)
            services.append((rid, *row))
            for pos, (name, phone, email) in enumerate(_contact_rows(record)):
                contacts.append((rid, pos, name, phone, email))
            for t in record.terms:
                terms[t.id] = (t.id, t.vocabulary, t.code, t.name)
                links.append((rid, t.id))
        conn = self.db.conn
        for rid in old_rids:
            conn.execute("DELETE FROM contacts WHERE service_rid = ?", (rid,))
            conn.execute("DELETE FROM service_terms WHERE service_rid = ?", (rid,))
        # The schema is explicit (schema.py), so rows go in with plain executemany: sqlite-utils'
        # per-row type checks cost more than the insert itself at 100,000 services.
        conn.executemany(_INSERT_SERVICE, services)
        conn.executemany(
            "INSERT OR REPLACE INTO contacts (service_rid, pos, name, phone, email) "
            "VALUES (?, ?, ?, ?, ?)",
            contacts,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO taxonomy_terms (id, vocabulary, code, name) VALUES (?, ?, ?, ?)",
            terms.values(),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO service_terms (service_rid, term_id) VALUES (?, ?)", links
        )
        self._batch = {}


def _contact_rows(record: ServiceRecord) -> list[tuple[str, str, str]]:
    """One (name, phone, email) row per contact phone, then the service's own phones."""
    rows: list[tuple[str, str, str]] = []
    for contact in record.contacts:
        for phone in contact.phones or (None,):
            rows.append((contact.name, phone.text if phone else "", contact.email))
    rows += [("", phone.text, "") for phone in record.phones]
    return list(dict.fromkeys(rows))


def write_meta(db: sqlite_utils.Database, values: dict[str, object]) -> None:
    rows = [
        {"key": k, "value": v if isinstance(v, str) else json.dumps(v)} for k, v in values.items()
    ]
    db["meta"].insert_all(rows, replace=True)


def finish(db: sqlite_utils.Database) -> None:
    """Build the FTS index after loading and record the service count."""
    schema.rebuild_fts(db.conn)
    count = db.conn.execute("SELECT count(*) FROM services").fetchone()[0]
    write_meta(db, {"service_count": str(count)})
