"""Local Offer ranking: impact-ordered postings in SQLite, so a page costs what the page needs.

FTS5 still decides *which* services match; this decides their order without scoring every
match. At import (``ranking_build.build``) every (index term, service) pair gets an integer
*impact*, its BM25 contribution (Lucene's idf, k1 = 1.2, b = 0.75, the FTS column weights
of ``schema.FTS_WEIGHTS`` as term-frequency weights, the service's length in tokens):

- ``rank_postings(term_id, rid, impact)``: every pair, for exact look-ups;
- ``rank_heads(list_id, neg, rid)``: per term, its best ``HEAD`` services by impact, and
  ``rank_terms.tail``: the best impact *not* in the head (0 when the head is the whole list).

A search's score is the sum over its pieces (``search_terms.Piece``) of the piece's best
alternative; a word's value is its term's impact, a prefix's the best of the terms it
starts, a phrase's the sum of its words'. A prefix that starts more than ``WIDE`` terms
(two letters typed of the next word) only narrows the matches unless it is the whole
search. Order: score descending, then row id: total, so pages fetched with ``offset`` meet.

``search`` reads the heads in impact order (Fagin's threshold algorithm): each service met
is checked against the whole query, scored exactly and kept if it is among the best; it
stops once the page's last score beats the best any unread service could still reach.
``reference`` scores every match in SQL and sorts: same scores, same order (tested), and
the answer whenever the heads cannot prove the page (deep pages, narrow filters).
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

from desktop.data import offer_sql
from desktop.data.records import ServiceQuery, ServiceSummary
from desktop.data.search_terms import Piece, Query

HEAD = 4000  # per term, the best postings kept in impact order
WIDE = 32  # a prefix starting more index terms than this is "wide"
CHUNK = 64  # postings read from one list at a time
BUDGET = 20000  # postings read before the exact SQL answers instead
_FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"  # as schema.FTS_DDL


# -- the query as index terms --------------------------------------------------------------------
@dataclass(frozen=True)
class Alternative:
    """One way a piece can match: a single term (``ids``: the term, or a prefix's terms), or a
    phrase (``phrase``: its FTS5 text; ``words``: the id tuples of its words)."""

    ids: tuple[int, ...] = ()
    words: tuple[tuple[int, ...], ...] = ()
    phrase: str = ""
    lone_range: tuple[int, int] | None = None  # a wide prefix: its id range


@dataclass
class Plan:
    scoring: list[list[Alternative]] = field(default_factory=list)  # pieces that score
    narrowing: list[str] = field(default_factory=list)  # wide prefixes: FTS5 text, match only
    exact_only: bool = False  # something the heads cannot answer (the SQL path will)


@lru_cache(maxsize=1)
def _tokenizer() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{_FTS_TOKENIZE}')")
    conn.execute("CREATE VIRTUAL TABLE tv USING fts5vocab(t, instance)")
    return conn


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """``text`` as the index's tokenizer splits and stems it ('Therapies' → ('therapi',))."""
    conn = _tokenizer()
    with conn:
        conn.execute("DELETE FROM t")
        conn.execute("INSERT INTO t (rowid, x) VALUES (1, ?)", (text,))
        found = conn.execute("SELECT term FROM tv ORDER BY offset").fetchall()
        conn.execute("DELETE FROM t")
    return tuple(t for (t,) in found)


def _term_ids(conn: sqlite3.Connection, token: str, prefix: bool) -> tuple[int, int, int]:
    """(first id, last id, how many) of the terms ``token`` names (a prefix: all it starts)."""
    if not prefix:
        row = conn.execute("SELECT id FROM rank_terms WHERE term = ?", (token,)).fetchone()
        return (row[0], row[0], 1) if row else (0, -1, 0)
    lo, hi, n = conn.execute(
        "SELECT min(id), max(id), count(*) FROM rank_terms WHERE term >= ? AND term < ?",
        (token, token + "\U0010ffff"),
    ).fetchone()
    return (lo, hi, n) if n else (0, -1, 0)


def _phrase_text(words: tuple[str, ...], prefix: bool) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def plan(conn: sqlite3.Connection, query: Query) -> Plan:
    """The parsed search as index terms: which pieces score and how, which only narrow."""
    out = Plan()
    lone = len(query.pieces) == 1
    for piece in query.pieces:
        alternatives = _alternatives(conn, piece, lone)
        if alternatives is None:
            out.exact_only = True
            continue
        if alternatives == "wide":
            out.narrowing.append(piece.fts())
            continue
        out.scoring.append(alternatives)
    if not out.scoring:  # nothing left that scores (only wide prefixes): SQL orders them
        out.exact_only = True
    return out


def _alternatives(
    conn: sqlite3.Connection, piece: Piece, lone: bool
) -> list[Alternative] | str | None:
    """A piece's alternatives; "wide" for a wide prefix that only narrows; None: SQL path."""
    typed = [(piece.typed, piece.prefix)] + [(a, False) for a in piece.alternatives]
    found: list[Alternative] = []
    for words, prefix in typed:
        toks = tokens(" ".join(words))
        if not toks:
            return None
        if len(toks) == 1 and not (piece.phrase and len(words) > 1):
            lo, hi, n = _term_ids(conn, toks[0], prefix)
            if n > WIDE:
                if len(typed) > 1 or len(toks[0]) > 3:
                    return None  # FTS5 only keeps 2- and 3-letter prefixes cheap to match
                if not lone:
                    return "wide"
                found.append(Alternative(lone_range=(lo, hi)))
                continue
            ids = tuple(range(lo, hi + 1)) if n else ()
            found.append(Alternative(ids=ids))
            continue
        if len(toks) != len(set(toks)):
            return None  # a word twice in a phrase: let SQL count it
        word_ids = []
        for i, tok in enumerate(toks):
            last = prefix and i == len(toks) - 1
            lo, hi, n = _term_ids(conn, tok, last)
            if n > WIDE:
                return None
            word_ids.append(tuple(range(lo, hi + 1)))
        found.append(Alternative(words=tuple(word_ids), phrase=_phrase_text(toks, prefix)))
    return found


# -- scores -----------------------------------------------------------------------------------
def _best(conn: sqlite3.Connection, ids: tuple[int, ...], rids: list[int]) -> dict[int, int]:
    """rid → the best impact among ``ids`` (only services holding one of them)."""
    if not ids or not rids:
        return {}
    found = conn.execute(
        "SELECT rid, max(impact) FROM rank_postings WHERE term_id IN "
        "(SELECT value FROM json_each(?)) AND rid IN (SELECT value FROM json_each(?)) GROUP BY rid",
        (json.dumps(ids), json.dumps(rids)),
    )
    return dict(found.fetchall())


def _fts_members(conn: sqlite3.Connection, fts: str, rids: list[int]) -> set[int]:
    found = conn.execute(
        "SELECT rowid FROM services_fts WHERE services_fts MATCH ? "
        "AND rowid IN (SELECT value FROM json_each(?))",
        (fts, json.dumps(rids)),
    )
    return {r for (r,) in found}


def _alternative_scores(
    conn: sqlite3.Connection, alt: Alternative, rids: list[int]
) -> dict[int, int]:
    if alt.lone_range is not None:
        lo, hi = alt.lone_range
        return _best(conn, tuple(range(lo, hi + 1)), rids)
    if not alt.phrase:
        return _best(conn, alt.ids, rids)
    members = _fts_members(conn, alt.phrase, rids)
    total = dict.fromkeys(members, 0)
    for ids in alt.words:
        for rid, impact in _best(conn, ids, sorted(members)).items():
            total[rid] += impact
    return total


def score(conn: sqlite3.Connection, p: Plan, rids: list[int]) -> dict[int, int]:
    """The exact score of each of ``rids`` that every scoring piece matches (others left out)."""
    totals = dict.fromkeys(rids, 0)
    for alternatives in p.scoring:
        best: dict[int, int] = {}
        for alt in alternatives:
            for rid, value in _alternative_scores(conn, alt, list(totals)).items():
                if value > best.get(rid, -1):
                    best[rid] = value
        totals = {rid: t + best[rid] for rid, t in totals.items() if rid in best}
    return totals


# -- reading the heads in impact order ---------------------------------------------------------
class _List:
    """One term's head read in impact order, a chunk at a time (or a wide prefix's range)."""

    def __init__(self, conn: sqlite3.Connection, lo: int, hi: int) -> None:
        self._conn, self._lo, self._hi = conn, lo, hi
        self._after: tuple[int, int] = (-(2**62), 0)
        self._buffer: list[tuple[int, int]] = []
        self.done = False
        self.read = 0
        self.tail = int(
            conn.execute(
                "SELECT coalesce(max(tail), 0) FROM rank_terms WHERE id BETWEEN ? AND ?", (lo, hi)
            ).fetchone()[0]
        )

    def _fill(self) -> None:
        if self._lo == self._hi:
            sql = (
                "SELECT neg, rid FROM rank_heads WHERE list_id = ? AND (neg, rid) > (?, ?) "
                "ORDER BY neg, rid LIMIT ?"
            )
            params: tuple[int, ...] = (self._lo, *self._after, CHUNK)
        else:
            sql = (
                "SELECT neg, rid FROM rank_heads INDEXED BY rank_heads_order WHERE "
                "(neg, rid) > (?, ?) AND list_id BETWEEN ? AND ? ORDER BY neg, rid LIMIT ?"
            )
            params = (*self._after, self._lo, self._hi, CHUNK)
        self._buffer = self._conn.execute(sql, params).fetchall()
        self.read += len(self._buffer)
        if len(self._buffer) < CHUNK:
            self.done = True
        if self._buffer:
            self._after = self._buffer[-1]

    def frontier(self) -> int:
        """The best impact an unread service of this list can have."""
        if not self._buffer and not self.done:
            self._fill()
        return -self._buffer[0][0] if self._buffer else self.tail

    def take(self, n: int) -> list[int]:
        out = []
        while len(out) < n:
            if not self._buffer:
                if self.done:
                    break
                self._fill()
                continue
            out.append(self._buffer.pop(0)[1])
        return out

    @property
    def exhausted(self) -> bool:
        """Every service of the whole list has been read (not only the head)."""
        return self.done and not self._buffer and self.tail == 0


class _Source:
    """Sorted access for one alternative: its word groups' lists (a word or prefix: one
    group; a phrase: one group per word, since a phrase match holds every one of its words)."""

    def __init__(self, conn: sqlite3.Connection, alt: Alternative) -> None:
        if alt.lone_range is not None:
            self.groups = [[_List(conn, *alt.lone_range)]]
        elif alt.phrase:
            self.groups = [[_List(conn, i, i) for i in ids] for ids in alt.words]
        else:
            self.groups = [[_List(conn, i, i) for i in alt.ids]]
        self.lists = [lst for group in self.groups for lst in group]

    def bound(self) -> int:
        """The best value an unread service can have for this alternative."""
        return sum(max((lst.frontier() for lst in g), default=0) for g in self.groups)

    def complete(self) -> bool:
        """Every service matching this alternative has been read."""
        return any(all(lst.exhausted for lst in g) for g in self.groups)


def top(conn: sqlite3.Connection, p: Plan, query: ServiceQuery, k: int) -> list[int] | None:
    """The best ``k`` row ids in order, or None when the heads cannot prove them."""
    pieces = [[_Source(conn, alt) for alt in alts] for alts in p.scoring]
    lists = [lst for sources in pieces for src in sources for lst in src.lists]
    where, params = offer_sql.filter_where(query)
    seen: set[int] = set()
    best: list[tuple[int, int]] = []  # heap of (score, -rid): the worst kept is best[0]
    while True:
        batch = [r for lst in lists for r in lst.take(CHUNK) if r not in seen]
        batch = list(dict.fromkeys(batch))
        seen.update(batch)
        if batch:
            batch = _allowed(conn, batch, p, where, params)
            for rid, value in score(conn, p, batch).items():
                heapq.heappush(best, (value, -rid))
                if len(best) > k:
                    heapq.heappop(best)
        if any(all(src.complete() for src in sources) for sources in pieces):
            break  # one piece's every match is read: every match of the search has been met
        bound = sum(max(src.bound() for src in sources) for sources in pieces)
        if len(best) == k and best[0][0] > bound:
            break
        if all(lst.done and lst.frontier() == lst.tail for lst in lists):
            return None  # the heads are read and the page is not proved
        if sum(lst.read for lst in lists) > BUDGET:
            return None
    return [-neg for _value, neg in sorted(best, reverse=True)]


def _allowed(
    conn: sqlite3.Connection, rids: list[int], p: Plan, where: list[str], params: list[object]
) -> list[int]:
    """The services of ``rids`` that pass the filters and every narrowing prefix."""
    if where:
        sql = (
            "SELECT s.rid FROM services s WHERE s.rid IN (SELECT value FROM json_each(?)) AND "
            + " AND ".join(where)
        )
        rids = [r for (r,) in conn.execute(sql, [json.dumps(rids), *params])]
    for fts in p.narrowing:
        if rids:
            rids = sorted(_fts_members(conn, fts, rids))
    return rids


# -- the exact answer in SQL (the reference, and the fallback) ---------------------------------
def _alternative_sql(alt: Alternative) -> tuple[str, list[object]]:
    def best(ids: tuple[int, ...]) -> tuple[str, list[object]]:
        return (
            "coalesce((SELECT max(p.impact) FROM rank_postings p WHERE p.term_id IN "
            "(SELECT value FROM json_each(?)) AND p.rid = s.rid), 0)",
            [json.dumps(ids)],
        )

    if alt.lone_range is not None:
        return best(tuple(range(alt.lone_range[0], alt.lone_range[1] + 1)))
    if not alt.phrase:
        return best(alt.ids)
    parts = [best(ids) for ids in alt.words]
    total = " + ".join(sql for sql, _ in parts)
    params: list[object] = [alt.phrase] + [x for _, ps in parts for x in ps]
    return (
        "(CASE WHEN s.rid IN (SELECT rowid FROM services_fts WHERE services_fts MATCH ?) "
        f"THEN {total} ELSE 0 END)",
        params,
    )


def score_sql(p: Plan) -> tuple[str, list[object]]:
    """The score of service ``s.rid`` as one SQL expression (0 when nothing scores)."""
    terms, params = [], []
    for alternatives in p.scoring:
        parts = [_alternative_sql(a) for a in alternatives]
        sqls = [sql for sql, _ in parts]
        terms.append(sqls[0] if len(sqls) == 1 else f"max({', '.join(sqls)})")
        params += [x for _, ps in parts for x in ps]
    return (" + ".join(terms) or "0 * s.rid"), params  # (a bare 0 would name a column)


def reference(
    conn: sqlite3.Connection, p: Plan, query: ServiceQuery, match: str, limit: int, offset: int
) -> list[int]:
    """Every match scored in SQL and sorted: the definition of the order."""
    expr, score_params = score_sql(p)
    body, params = offer_sql.body(query, match)
    sql = f"SELECT s.rid FROM (SELECT s.rid, {expr} AS score {body}) s "
    sql += "ORDER BY s.score DESC, s.rid LIMIT ? OFFSET ?"
    # The score's parameters come first in the text (the inner SELECT list).
    return [r for (r,) in conn.execute(sql, [*score_params, *params, limit, offset])]


def search(
    conn: sqlite3.Connection, query: ServiceQuery, parsed: Query, limit: int, offset: int
) -> list[ServiceSummary]:
    """The page of ranked results: from the heads when they prove it, else from SQL."""
    if not has_index(conn):
        raise sqlite3.OperationalError("the ranking index is missing: rebuild the data")
    p = plan(conn, parsed)
    rids = None if p.exact_only else top(conn, p, query, offset + limit)
    if rids is None:
        rids = reference(conn, p, query, parsed.fts(), limit, offset)
    else:
        rids = rids[offset : offset + limit]
    return offer_sql.summaries(conn, rids)


def has_index(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rank_heads'"
        ).fetchone()
    )
