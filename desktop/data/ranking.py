"""Local Offer ranking and counting over the ranking index (``ranking_build``).

FTS5's terms decide which services match (the index's lists are FTS5's own, term by term;
phrases come from FTS5); the integer impacts decide the order: score descending, then row
id, a total order, so pages fetched with ``offset`` meet. A search is planned into index
tokens (``ranking_plan``), its matches found as a set (``ranking_match``), then:

- few matches (``ENUMERATE``): every one scored;
- else the threshold algorithm over the lists' heads (``ranking_topk.top``), and every match
  scored when it cannot prove the page (deep pages, very narrow filters).

``reference`` is the definition the fast path is tested against: the matches FTS5 and the
filters' SQL give (``offer_sql.body``), each scored and sorted.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.data import offer_sql, ranking_match
from desktop.data.docsets import DocSet
from desktop.data.ranking_index import Index, MissingIndex
from desktop.data.ranking_plan import Alt, Plan, plan
from desktop.data.ranking_topk import Scorer, enumerate_top, top
from desktop.data.records import ServiceQuery, ServiceSummary
from desktop.data.search_terms import Query

ENUMERATE = 1500  # at most this many matches: score them all (cheaper than the heads)

__all__ = ["Index", "MissingIndex", "has_index", "reference", "search", "top_rids"]


def _key(parsed: Query, query: ServiceQuery) -> tuple[Any, ...]:
    return (parsed, query.category, query.age, query.free_only, query.area, query.need)


def plan_of(index: Index, parsed: Query) -> Plan:
    key = ("plan", parsed)
    found = index.recall(key)
    if found is None:
        found = index.remember(key, plan(index, parsed), 256)
    return found


def matches_of(index: Index, parsed: Query | None, query: ServiceQuery) -> DocSet | None:
    """The services the words and filters match (cached: a keystroke counts, then searches)."""
    if parsed is None:
        return ranking_match.matches(index, None, query)
    key = ("matches", *_key(parsed, query))
    found = index.recall(key)
    if found is None:
        found = ranking_match.matches(index, plan_of(index, parsed), query)
        size = 64 if found is None else (index.nbytes if found.bits is not None else found.count() * 40)
        index.remember(key, found, size)
    return found


def _scorer(index: Index, p: Plan, sets: dict[Alt, DocSet] | None = None) -> Scorer:
    if sets is None:
        sets = {
            alt: ranking_match.alt_set(index, alt)
            for alts in p.pieces
            if len(alts) > 1
            for alt in alts
        }
    return Scorer(index, p, sets)


def scorer_for(index: Index, parsed: Query) -> Scorer:
    return _scorer(index, plan_of(index, parsed))


def top_in(index: Index, parsed: Query, found: DocSet, k: int) -> list[int]:
    """The best ``k`` row ids among ``found`` (matches of ``parsed``), in order."""
    p = plan_of(index, parsed)
    scorer = _scorer(index, p)
    rids = top(p, index, found, scorer, k) if found.count() > ENUMERATE else None
    return enumerate_top(found, scorer, k) if rids is None else rids


def top_rids(index: Index, parsed: Query, query: ServiceQuery, k: int) -> list[int]:
    """The best ``k`` row ids of a search with words, in order."""
    found = matches_of(index, parsed, query)
    if found is None or not found.count():
        return []
    return top_in(index, parsed, found, k)


def search(
    index: Index, query: ServiceQuery, parsed: Query, limit: int, offset: int
) -> list[ServiceSummary]:
    """The page of ranked results of a search with words."""
    rids = top_rids(index, parsed, query, offset + limit)[offset : offset + limit]
    return offer_sql.summaries(index.conn, rids)


def reference(
    index: Index, parsed: Query, query: ServiceQuery, limit: int, offset: int
) -> list[int]:
    """Every match FTS5 and the filters' SQL find, scored, sorted: the order's definition."""
    conn = index.conn
    p = plan(index, parsed)
    match = parsed.fts()
    body, params = offer_sql.body(query, match)
    rids = [r for (r,) in conn.execute(f"SELECT s.rid {body}", params)]
    sets = {}
    for alts in p.pieces:
        for alt in alts:
            fts = " AND ".join(u.fts for u in alt.units)
            found = conn.execute(
                "SELECT rowid FROM services_fts WHERE services_fts MATCH ?", (fts,)
            ).fetchall()
            sets[alt] = DocSet(index.nbytes, rids=[r for (r,) in found])
    scorer = Scorer(index, p, sets)
    order = sorted(rids, key=lambda r: (-scorer.score(r), r))
    return order[offset : offset + limit]


def has_index(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rank_info'"
        ).fetchone()
    )
