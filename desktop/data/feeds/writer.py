"""Writing normalised records into a database built by schema.create (batched executemany).

Every part of a ``ServiceRecord`` is stored: the flat ``services`` row, then one row per
contact, phone (with the contact or location it belongs to), location, cost option, link,
SEND answer, list text (accessibility, languages, audiences, alerts) and term.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import sqlite_utils

from desktop.data import ranking_build, schema
from desktop.data.feeds.record import Location, ServiceRecord
from desktop.data.records import Phone

BATCH = 2000

# The flat services columns: what lists and filters read without a join. (The import
# benchmark inserts exactly these with sqlite-utils as its yardstick.)
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
_V2_COLUMNS = [
    "fees_text",
    "send_statement",
    "send_link",
    "how_to_access",
    "referral_needed",
    "assured_date",
]


def _insert(table: str, columns: str) -> str:
    n = columns.count(",") + 1
    return f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({', '.join('?' * n)})"


_INSERT_SERVICE = _insert("services", ", ".join(["rid", *_SERVICE_COLUMNS, *_V2_COLUMNS]))
_INSERTS = {
    "contacts": _insert("contacts", "service_rid, pos, name, title, email"),
    "phones": _insert(
        "phones", "service_rid, pos, contact_pos, location_pos, number, tel, extension, label"
    ),
    "locations": _insert(
        "locations",
        "service_rid, pos, name, address, town, postcode, district, latitude, longitude, masked",
    ),
    "costs": _insert("costs", "service_rid, pos, amount, currency, unit, option, description"),
    "links": _insert("links", "service_rid, pos, label, url"),
    "send_answers": _insert("send_answers", "service_rid, pos, question, answer"),
    "service_texts": _insert("service_texts", "service_rid, kind, pos, value"),
    "service_terms": _insert("service_terms", "service_rid, term_id"),
}
_CHILD_TABLES = tuple(_INSERTS)
# The record's plain lists, by the service_texts kind they are stored as.
_TEXT_LISTS = (
    ("accessibility", "accessibility"),
    ("language", "languages"),
    ("audience", "audiences"),
    ("alert", "alerts"),
)


def _first_location(record: ServiceRecord) -> Location:
    for location in record.locations:
        if location.postcode or location.address or location.latitude is not None:
            return location
    return Location()


class _Rows:
    """The child rows of one batch, table by table (plain lists: executemany takes them as they are)."""

    def __init__(self) -> None:
        self.contacts: list[tuple[object, ...]] = []
        self.phones: list[tuple[object, ...]] = []
        self.locations: list[tuple[object, ...]] = []
        self.costs: list[tuple[object, ...]] = []
        self.links: list[tuple[object, ...]] = []
        self.send_answers: list[tuple[object, ...]] = []
        self.service_texts: list[tuple[object, ...]] = []
        self.service_terms: list[tuple[object, ...]] = []
        self.terms: dict[str, tuple[str, str, str, str]] = {}

    def by_table(self) -> dict[str, list[tuple[object, ...]]]:
        return {table: getattr(self, table) for table in _CHILD_TABLES}

    def add(self, rid: int, r: ServiceRecord) -> None:
        # Phones with their owner: (contact pos, location pos); both None is the service's own.
        # An exact duplicate for the same owner is stored once (dict keys keep the order).
        owned: dict[tuple[int | None, int | None, Phone], None] = dict.fromkeys(
            (None, None, p) for p in r.phones
        )
        for pos, c in enumerate(r.contacts):
            self.contacts.append((rid, pos, c.name, c.title, c.email))
            for p in c.phones:
                owned[(pos, None, p)] = None
        for pos, loc in enumerate(r.locations):
            postcode = loc.postcode
            self.locations.append(
                (rid, pos, loc.name, loc.address, loc.town, postcode, postcode.split(" ", 1)[0],
                 loc.latitude, loc.longitude, int(loc.masked))
            )  # fmt: skip
            # Feeds whose locations carry their own phones (HSDS phones.location_id).
            for p in getattr(loc, "phones", ()):
                owned[(None, pos, p)] = None
        if owned:
            self.phones += [
                (rid, n, contact, location, p.number, p.tel, p.extension, p.label)
                for n, (contact, location, p) in enumerate(owned)
            ]
        if r.costs:
            self.costs += [
                (rid, pos, c.amount, c.currency, c.unit, c.option, c.description)
                for pos, c in enumerate(r.costs)
            ]
        if r.links:
            self.links += [(rid, pos, x.label, x.url) for pos, x in enumerate(r.links)]
        if r.send_answers:
            self.send_answers += [
                (rid, pos, a.question, a.answer) for pos, a in enumerate(r.send_answers)
            ]
        for kind, attribute in _TEXT_LISTS:
            values = getattr(r, attribute)
            if values:
                unique = dict.fromkeys(v for v in values if v)
                self.service_texts += [(rid, kind, pos, v) for pos, v in enumerate(unique)]
        for t in r.terms:
            self.terms[t.id] = (t.id, t.vocabulary, t.code, t.name)
            self.service_terms.append((rid, t.id))


def _service_row(rid: int, r: ServiceRecord) -> tuple[object, ...]:
    first = _first_location(r)
    if first.masked:  # the publisher shows only the town and district: so do lists
        address = ", ".join(p for p in (first.town, first.postcode) if p)
    elif first.name and not first.address.startswith(first.name):
        address = ", ".join(p for p in (first.name, first.address) if p)
    else:
        address = first.address
    referral = None if r.referral_needed is None else int(r.referral_needed)
    return (
        rid,
        r.id,
        r.name,
        r.organisation,
        r.description,
        r.status,
        r.url,
        r.email,
        r.cost_text,
        int(r.is_free),
        r.min_age,
        r.max_age,
        r.area,
        first.postcode,
        address,
        first.latitude,
        first.longitude,
        r.schedule,
        r.eligibility,
        r.last_modified,
        r.fees_text,
        r.send_statement,
        r.send_link,
        r.how_to_access,
        referral,
        r.assured_date,
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
        rows = _Rows()
        old_rids = []
        for record in self._batch.values():
            rid = self.rids.get(record.id)
            if rid is None:
                rid = len(self.rids) + 1
                self.rids[record.id] = rid
            else:
                old_rids.append((rid,))
            services.append(_service_row(rid, record))
            rows.add(rid, record)
        conn = self.db.conn
        if old_rids:  # a later record with the same id replaces every row of the earlier one
            for table in _CHILD_TABLES:
                conn.executemany(f"DELETE FROM {table} WHERE service_rid = ?", old_rids)
        # The schema is explicit (schema.py), so rows go in with plain executemany: sqlite-utils'
        # per-row type checks cost more than the insert itself at 100,000 services.
        conn.executemany(_INSERT_SERVICE, services)
        for table, table_rows in rows.by_table().items():
            if table_rows:
                conn.executemany(_INSERTS[table], table_rows)
        conn.executemany(
            "INSERT OR REPLACE INTO taxonomy_terms (id, vocabulary, code, name) VALUES (?, ?, ?, ?)",
            rows.terms.values(),
        )
        self._batch = {}


def write_meta(db: sqlite_utils.Database, values: Mapping[str, object]) -> None:
    rows = [
        {"key": k, "value": v if isinstance(v, str) else json.dumps(v)} for k, v in values.items()
    ]
    db.table("meta").insert_all(rows, replace=True)


def service_count(db: sqlite_utils.Database) -> int:
    """How many services the database being written holds (the one count of the writers)."""
    return int(db.conn.execute("SELECT count(*) FROM services").fetchone()[0])


def finish(db: sqlite_utils.Database) -> None:
    """Build the FTS and ranking indexes after loading and record the service count."""
    schema.rebuild_fts(db.conn)
    ranking_build.build(db.conn)
    count = service_count(db)
    write_meta(db, {"service_count": str(count)})
