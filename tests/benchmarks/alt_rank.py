"""The ranked search as it was before the impact index (for the benchmarks' comparison only).

FTS5 ``bm25()`` on every match: unfiltered, rank and cut inside the FTS table and join only
the page; filtered, rank the best ``TOP_SLICE`` matches and filter those, else everything.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.data import offer_sql, schema
from desktop.data.records import ServiceQuery, ServiceSummary

TOP_SLICE = 2000
RANK = "bm25(services_fts, " + ", ".join(str(w) for w in schema.FTS_WEIGHTS) + ")"
_COLS = offer_sql.SUMMARY_COLUMNS


def top_slice(
    conn: sqlite3.Connection, query: ServiceQuery, match: str, limit: int, offset: int = 0
) -> list[ServiceSummary]:
    if not query.has_filters:
        sql = (
            f"SELECT {_COLS} FROM (SELECT rowid AS rid, {RANK} AS score FROM services_fts "
            "WHERE services_fts MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?) f "
            "JOIN services s ON s.rid = f.rid ORDER BY f.score, f.rid"
        )
        return [offer_sql.summary(r) for r in offer_sql.rows(conn, sql, [match, limit, offset])]
    where, params = offer_sql.filter_where(query)
    size = max(TOP_SLICE, 8 * (offset + limit))
    sql = (
        f"SELECT {_COLS} FROM (SELECT rowid AS rid, {RANK} AS score FROM services_fts "
        "WHERE services_fts MATCH ? ORDER BY score, rowid LIMIT ?) f "
        f"JOIN services s ON s.rid = f.rid WHERE {' AND '.join(where)} "
        "ORDER BY f.score, f.rid LIMIT ? OFFSET ?"
    )
    found = offer_sql.rows(conn, sql, [match, size, *params, limit, offset])
    matches = conn.execute(
        "SELECT count(*) FROM services_fts WHERE services_fts MATCH ?", [match]
    ).fetchone()[0]
    if len(found) == limit or matches <= size:
        return [offer_sql.summary(r) for r in found]
    body, params2 = offer_sql.body(query, match)
    sql = f"SELECT {_COLS} {body} ORDER BY {RANK}, s.rid LIMIT ? OFFSET ?"
    return [offer_sql.summary(r) for r in offer_sql.rows(conn, sql, [*params2, limit, offset])]


def raw(conn: sqlite3.Connection, match: str, limit: int = 50) -> list[Any]:
    """The plain FTS5 query: rank every match, keep the best ``limit`` (row ids only)."""
    sql = f"SELECT rowid FROM services_fts WHERE services_fts MATCH ? ORDER BY {RANK} LIMIT ?"
    return conn.execute(sql, (match, limit)).fetchall()
