"""Reading one service and every part of it into a ``detail_records.ServiceDetail`` (for ``Store``).

Rows are mapped by column name (``sqlite3.Row``), never by position, so a column added to
a table later cannot shift another field.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from desktop.data.records import NEED_AREAS, Phone

if TYPE_CHECKING:  # loaded by ``load``: the start's ``read`` builds no record (issue 16)
    from desktop.data.detail_records import ServiceDetail

# services columns copied into ServiceDetail fields of the same name, as they are.
_PLAIN = (
    "id",
    "name",
    "organisation",
    "description",
    "status",
    "url",
    "email",
    "min_age",
    "max_age",
    "cost_text",
    "area",
    "postcode",
    "address",
    "latitude",
    "longitude",
    "schedule",
    "eligibility",
    "last_modified",
    "fees_text",
    "send_statement",
    "send_link",
    "how_to_access",
    "assured_date",
)
_TEXT_FIELDS = {
    "accessibility": "accessibility",
    "language": "languages",
    "audience": "audiences",
    "alert": "alerts",
}


def _rows(conn: sqlite3.Connection, sql: str, rid: int) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, (rid,)).fetchall()


def _phone(row: sqlite3.Row) -> Phone:
    return Phone(row["number"], row["tel"], row["extension"], row["label"])


_PARTS = {
    "phones": "SELECT * FROM phones WHERE service_rid = ? ORDER BY pos",
    "contacts": "SELECT * FROM contacts WHERE service_rid = ? ORDER BY pos",
    "locations": "SELECT * FROM locations WHERE service_rid = ? ORDER BY pos",
    "costs": "SELECT * FROM costs WHERE service_rid = ? ORDER BY pos",
    "links": "SELECT * FROM links WHERE service_rid = ? ORDER BY pos",
    "send_answers": "SELECT * FROM send_answers WHERE service_rid = ? ORDER BY pos",
    "texts": "SELECT kind, value FROM service_texts WHERE service_rid = ? ORDER BY kind, pos",
    "terms": (
        "SELECT t.id, t.vocabulary, t.code, t.name FROM service_terms st "
        "JOIN taxonomy_terms t ON t.id = st.term_id WHERE st.service_rid = ? "
        "ORDER BY t.name COLLATE NOCASE, t.id"
    ),
}


def _fetch(conn: sqlite3.Connection, service_id: str) -> dict[str, Any] | None:
    """Every row of one service: its ``services`` row (``"service"``) and each part's rows."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    row = cursor.execute("SELECT * FROM services WHERE id = ?", (service_id,)).fetchone()
    if row is None:
        return None
    rows: dict[str, Any] = {"service": row}
    for part, sql in _PARTS.items():
        rows[part] = _rows(conn, sql, row["rid"])
    return rows


def read(conn: sqlite3.Connection, service_id: str) -> bool:
    """Read every row ``load`` reads, building nothing: whether the service exists. The
    start's check that the first page of the Local Offer can be read (``app.first_queries``)."""
    return _fetch(conn, service_id) is not None


def load(conn: sqlite3.Connection, service_id: str) -> ServiceDetail | None:
    rows = _fetch(conn, service_id)
    return None if rows is None else _build(rows)


def _build(rows: dict[str, Any]) -> ServiceDetail:
    from desktop.data.detail_records import (
        Contact,
        Cost,
        NamedLink,
        Place,
        QuestionAnswer,
        ServiceDetail,
    )

    row = rows["service"]
    values: dict[str, Any] = {k: row[k] for k in _PLAIN}
    values["is_free"] = bool(row["is_free"])
    referral = row["referral_needed"]
    values["referral_needed"] = None if referral is None else bool(referral)

    by_contact: dict[int, list[Phone]] = defaultdict(list)
    by_location: dict[int, list[Phone]] = defaultdict(list)
    own: list[Phone] = []
    for p in rows["phones"]:
        if p["contact_pos"] is not None:
            by_contact[p["contact_pos"]].append(_phone(p))
        elif p["location_pos"] is not None:
            by_location[p["location_pos"]].append(_phone(p))
        else:
            own.append(_phone(p))
    values["phones"] = tuple(own)
    values["contacts"] = tuple(
        Contact(c["name"], c["email"], c["title"], tuple(by_contact[c["pos"]]))
        for c in rows["contacts"]
    )
    values["locations"] = tuple(
        Place(
            name=x["name"],
            address=x["address"],
            town=x["town"],
            postcode=x["postcode"],
            latitude=x["latitude"],
            longitude=x["longitude"],
            masked=bool(x["masked"]),
            phones=tuple(by_location[x["pos"]]),
        )
        for x in rows["locations"]
    )
    values["costs"] = tuple(
        Cost(x["amount"], x["currency"], x["unit"], x["option"], x["description"])
        for x in rows["costs"]
    )
    values["links"] = tuple(NamedLink(x["label"], x["url"]) for x in rows["links"])
    values["send_answers"] = tuple(
        QuestionAnswer(x["question"], x["answer"]) for x in rows["send_answers"]
    )
    texts: dict[str, list[str]] = defaultdict(list)
    for x in rows["texts"]:
        texts[x["kind"]].append(x["value"])
    for kind, field_name in _TEXT_FIELDS.items():
        values[field_name] = tuple(texts[kind])
    values.update(_terms(rows["terms"]))
    return ServiceDetail(**values)


def _terms(rows: list[sqlite3.Row]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"categories": [], "needs": [], "need_areas": [], "topics": []}
    areas = {code: n for n, code in enumerate(NEED_AREAS)}
    area_rows = []
    for t in rows:
        vocabulary = t["vocabulary"]
        if vocabulary == "category":
            out["categories"].append(t["name"])
        elif vocabulary == "need":
            out["needs"].append(t["name"])
        elif vocabulary == "need-area":
            area_rows.append(t)
        else:
            out["topics"].append(t["name"])
    # The four broad areas in the Code of Practice's order, with its own words.
    codes = [(t["code"] or t["id"].split(":", 1)[-1], t["name"]) for t in area_rows]
    codes.sort(key=lambda c: areas.get(c[0], len(areas)))
    out["need_areas"] = [NEED_AREAS.get(code, name) for code, name in codes]
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}
