"""The Local Offer's SQL, built from a ``records.ServiceQuery`` (for ``Store``; no connection).

One place turns a typed query into ``FROM … WHERE …`` with its parameters, and one place maps
a result row to a ``ServiceSummary`` by column name, so no caller builds SQL from loose keyword
dictionaries or reads columns by position.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from typing import Any

from desktop.data import postcodes
from desktop.data.records import CATEGORY_NAMES, ServiceQuery, ServiceSummary

# The summary's columns, named as ServiceSummary's fields (rows are mapped by these names).
SUMMARY_FIELDS = tuple(f.name for f in fields(ServiceSummary))
SUMMARY_COLUMNS = ", ".join(f"s.{name}" for name in SUMMARY_FIELDS)

_TERM = "EXISTS (SELECT 1 FROM service_terms st WHERE st.service_rid = s.rid AND st.term_id = ?)"
# The area filter in two halves (``ranking_match`` runs them apart): the service's own areas
# text, and any of its locations.
AREA_TEXT = "',' || replace({}, ', ', ',') || ',' LIKE ? ESCAPE '\\'"
AREA_PLACES = (
    "SELECT l.service_rid FROM locations l "
    "WHERE l.district = ? AND (? = l.district OR l.postcode = ? OR l.postcode LIKE ?)"
)
_AREA = f"({AREA_TEXT.format('s.area')} OR s.rid IN ({AREA_PLACES}))"


def summary(row: sqlite3.Row) -> ServiceSummary:
    """A result row (any query selecting ``SUMMARY_COLUMNS``) as a ServiceSummary, by name."""
    values = {name: row[name] for name in SUMMARY_FIELDS}
    values["is_free"] = bool(values["is_free"])
    return ServiceSummary(**values)


def rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[sqlite3.Row]:
    """Run ``sql`` with rows readable by column name (the connection itself stays plain)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()


def filter_where(query: ServiceQuery) -> tuple[list[str], list[Any]]:
    """The query's filters as SQL conditions on ``services s`` (ANDed), with parameters."""
    where: list[str] = []
    params: list[Any] = []
    # A category is one of the 7 codes; a need is a feed need's term id ('need:…') or a
    # broad area ('need-area:CODE'). Both are terms of the service.
    for term_id in (f"category:{query.category}" if query.category else None, query.need):
        if term_id:
            where.append(_TERM)
            params.append(term_id)
    if query.age is not None:
        where.append(
            "(s.min_age IS NULL OR s.min_age <= ?) AND (s.max_age IS NULL OR s.max_age >= ?)"
        )
        params += [query.age, query.age]
    if query.free_only:
        where.append("s.is_free = 1")
    if query.area:
        where.append(_AREA)
        params += area_params(query.area)
    return where, params


def area_params(area: str) -> list[Any]:
    """The parameters of the area filter: AREA_TEXT's one, then AREA_PLACES' four.

    An area name, a postcode district ("BV3"), sector ("BV3 1") or a whole postcode
    ("BV3 6TE") of any of the service's locations; typed text may hold LIKE's own
    wildcards, so they are escaped (and postcodes are compared exactly).
    """
    like = area.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    code = " ".join(area.upper().split())
    # A sector ('BV3 1') matches its whole postcodes ('BV3 1AA'); NULL matches nothing.
    is_sector = bool(code) and not postcodes.is_full_postcode(code) and postcodes.sector(code) == code
    return [f"%,{like},%", code.split(" ", 1)[0], code, code, f"{code}__" if is_sector else None]


def body(query: ServiceQuery, match: str) -> tuple[str, list[Any]]:
    """``FROM … WHERE …`` over ``services s`` (joined to ``services_fts`` when ``match``)."""
    where, params = filter_where(query)
    if match:
        source = "services_fts JOIN services s ON s.rid = services_fts.rowid"
        where.insert(0, "services_fts MATCH ?")
        params.insert(0, match)
    else:
        source = "services s"
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return f"FROM {source}{clause}", params


def count(conn: sqlite3.Connection, query: ServiceQuery, match: str) -> int:
    if not query.has_filters:
        if match:  # no join needed to count matches
            sql, params = "SELECT count(*) FROM services_fts WHERE services_fts MATCH ?", [match]
        else:
            sql, params = "SELECT count(*) FROM services", []
    else:
        sql_body, params = body(query, match)
        sql = f"SELECT count(*) {sql_body}"
    return int(conn.execute(sql, params).fetchone()[0])


def by_name(
    conn: sqlite3.Connection, query: ServiceQuery, limit: int, offset: int
) -> list[ServiceSummary]:
    """No words: every service the filters allow, by name (then row id: a total order)."""
    sql_body, params = body(query, "")
    sql = (
        f"SELECT {SUMMARY_COLUMNS} {sql_body} ORDER BY s.name COLLATE NOCASE, s.rid "
        "LIMIT ? OFFSET ?"
    )
    return [summary(r) for r in rows(conn, sql, [*params, limit, offset])]


def summaries(conn: sqlite3.Connection, rids: list[int]) -> list[ServiceSummary]:
    """The summaries of ``rids``, in that order."""
    if not rids:
        return []
    sql = (
        f"SELECT s.rid, {SUMMARY_COLUMNS} FROM services s "
        "WHERE s.rid IN (SELECT value FROM json_each(?))"
    )
    found = {r["rid"]: summary(r) for r in rows(conn, sql, [json.dumps(rids)])}
    return [found[rid] for rid in rids if rid in found]


def facets(conn: sqlite3.Connection, query: ServiceQuery, match_of: Any) -> dict[str, Any]:
    """Counts per category, need and area, and of free services (see ``Store.facets``).

    ``match_of(text)`` is the FTS5 query for the words. Each facet is counted with every
    other filter applied but not its own.
    """
    match = match_of(query.text)
    result: dict[str, Any] = {}
    # Each facet is one range of term ids, read in index order: 'category:' … 'category;'
    # and, for needs, 'need-area:' … 'need;' (broad areas and the feed's needs together).
    for facet, lo, hi in (("category", "category:", "category;"), ("need", "need-area:", "need;")):
        others = query.without(facet)
        if match or others.has_filters:
            sql_body, params = body(others, match)
            subset = f"AND st.service_rid IN (SELECT s.rid {sql_body})"
        else:
            subset, params = "", []
        found = conn.execute(
            "SELECT st.term_id, count(*) FROM service_terms st "
            f"WHERE st.term_id >= ? AND st.term_id < ? {subset} GROUP BY st.term_id",
            [lo, hi, *params],
        ).fetchall()
        if facet == "category":
            codes = {f"category:{c}": c for c in CATEGORY_NAMES}
            result[facet] = {codes[k]: n for k, n in found if k in codes}
        else:  # the range also spans any other 'need…' vocabulary: keep only these two
            result[facet] = {k: n for k, n in found if k.startswith(("need:", "need-area:"))}
    sql_body, params = body(query.without("area"), match)
    area_counts: dict[str, int] = {}
    # Group in SQL first: there are few distinct area strings, however many services.
    for areas, n in conn.execute(f"SELECT s.area, count(*) {sql_body} GROUP BY s.area", params):
        for name in filter(None, (a.strip() for a in (areas or "").split(","))):
            area_counts[name] = area_counts.get(name, 0) + n
    result["area"] = dict(sorted(area_counts.items()))
    result["free"] = {"free": count(conn, query.but(free_only=True), match)}
    return result
