"""Building the ranking index (``ranking``) from a filled ``services_fts``: once per import.

Everything per posting runs inside SQLite (an ``fts5vocab`` view read in term order, so the
postings are appended in key order); Python only computes one idf per term and one length
per service.
"""

from __future__ import annotations

import math
import sqlite3

from desktop.data import schema
from desktop.data.ranking import HEAD

K1, B = 1.2, 0.75  # BM25's usual constants (FTS5's bm25() and Lucene use the same)
SCALE = 1000  # impacts are integers: scores add exactly, so every path orders alike

DDL = """
CREATE TABLE IF NOT EXISTS rank_terms (
    id INTEGER PRIMARY KEY,            -- in term order: a prefix's terms are one id range
    term TEXT NOT NULL UNIQUE,         -- as services_fts holds it (porter stem)
    df INTEGER NOT NULL,               -- services holding it
    tail INTEGER NOT NULL DEFAULT 0    -- best impact not in rank_heads (0: the head is all)
);
CREATE TABLE IF NOT EXISTS rank_postings (
    term_id INTEGER NOT NULL,
    rid INTEGER NOT NULL,
    impact INTEGER NOT NULL,           -- >= 1: the term's BM25 part for the service, x SCALE
    PRIMARY KEY (term_id, rid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rank_heads (
    list_id INTEGER NOT NULL,          -- rank_terms.id
    neg INTEGER NOT NULL,              -- minus the impact: ascending reads best first
    rid INTEGER NOT NULL,
    PRIMARY KEY (list_id, neg, rid)
) WITHOUT ROWID;
-- A wide prefix ('th*') reads the heads of all its terms together, best first.
CREATE INDEX IF NOT EXISTS rank_heads_order ON rank_heads(neg, rid, list_id);
"""
TABLES = schema.RANKING_TABLES

_WEIGHT = "CASE v.col " + " ".join(
    f"WHEN '{c}' THEN {w}" for c, w in zip(schema.FTS_COLUMNS, schema.FTS_WEIGHTS, strict=True)
) + " ELSE 0 END"


def _varints(blob: bytes) -> list[int]:
    out, value, shift = [], 0, 0
    for byte in blob:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            out.append(value)
            value, shift = 0, 0
    return out


def build(conn: sqlite3.Connection, head: int = HEAD) -> None:
    """(Re)build the ranking tables from services_fts, in the caller's transaction.

    ``head``: postings kept in impact order per term (tests make it small, so that the
    threshold has to prove its pages on a small corpus)."""
    # One statement at a time: executescript would commit the caller's transaction.
    for statement in filter(str.strip, DDL.split(";")):
        if statement.strip().startswith("--") and "CREATE" not in statement:
            continue
        conn.execute(statement)
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.execute("CREATE VIRTUAL TABLE temp.rank_vrow USING fts5vocab(main, services_fts, row)")
    conn.execute(
        "CREATE VIRTUAL TABLE temp.rank_vinst USING fts5vocab(main, services_fts, instance)"
    )
    try:
        _fill(conn, head)
    finally:
        for name in ("rank_vrow", "rank_vinst", "rank_len", "rank_idf", "rank_cut"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


def _fill(conn: sqlite3.Connection, head: int) -> None:
    # Each service's length in tokens (FTS5's docsize record: one varint per column).
    lengths = [
        (rid, sum(_varints(size)))
        for rid, size in conn.execute("SELECT id, sz FROM services_fts_docsize")
    ]
    if not lengths:
        return
    average = sum(n for _, n in lengths) / len(lengths) or 1.0
    conn.execute("CREATE TEMP TABLE rank_len (rid INTEGER PRIMARY KEY, k REAL NOT NULL)")
    conn.executemany(
        "INSERT INTO temp.rank_len VALUES (?, ?)",
        ((rid, K1 * (1 - B + B * n / average)) for rid, n in lengths),
    )
    conn.execute(
        "INSERT INTO rank_terms (id, term, df) "
        "SELECT row_number() OVER (ORDER BY term), term, doc FROM temp.rank_vrow"
    )
    total = len(lengths)
    conn.execute("CREATE TEMP TABLE rank_idf (id INTEGER PRIMARY KEY, idf REAL NOT NULL)")
    conn.executemany(
        "INSERT INTO temp.rank_idf VALUES (?, ?)",
        (
            (i, math.log(1 + (total - df + 0.5) / (df + 0.5)))
            for i, df in conn.execute("SELECT id, df FROM rank_terms").fetchall()
        ),
    )
    # f: the term's occurrences weighted by column; impact = idf * f(k1+1) / (f + k).
    conn.execute(
        f"""
        INSERT INTO rank_postings (term_id, rid, impact)
        SELECT t.id, v.doc,
               max(1, CAST(round(i.idf * v.f * {K1 + 1} / (v.f + l.k) * {SCALE}) AS INTEGER))
        FROM (SELECT v.term, v.doc, sum({_WEIGHT}) AS f FROM temp.rank_vinst v
              GROUP BY v.term, v.doc) v
        CROSS JOIN rank_terms t ON t.term = v.term
        CROSS JOIN temp.rank_idf i ON i.id = t.id
        CROSS JOIN temp.rank_len l ON l.rid = v.doc
        """
    )
    # The head of each term: its best HEAD postings, and the best impact past them.
    conn.execute(
        f"""
        CREATE TEMP TABLE rank_cut AS
        SELECT term_id, impact, rid, n FROM (
            SELECT term_id, impact, rid,
                   row_number() OVER (PARTITION BY term_id ORDER BY impact DESC, rid) AS n
            FROM rank_postings WHERE term_id IN (SELECT id FROM rank_terms WHERE df > {head}))
        WHERE n <= {head + 1}
        """
    )
    conn.execute(
        f"INSERT INTO rank_heads (list_id, neg, rid) SELECT p.term_id, -p.impact, p.rid "
        f"FROM rank_postings p JOIN rank_terms t ON t.id = p.term_id WHERE t.df <= {head} "
        f"UNION ALL SELECT term_id, -impact, rid FROM temp.rank_cut WHERE n <= {head}"
    )
    conn.execute(
        "UPDATE rank_terms SET tail = (SELECT c.impact FROM temp.rank_cut c "
        f"WHERE c.term_id = rank_terms.id AND c.n = {head + 1}) WHERE df > {head}"
    )
