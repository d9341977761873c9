"""Building the ranking index (``ranking``) from a filled ``services_fts``: once per import.

Per index term (``rank_terms``, ids in term order so that a prefix is one id range):

- ``rank_lists``: every service holding it, in row-id order, with its *impact*: the term's
  BM25 part for that service (Lucene's idf ``ln(1 + (N − df + ½)/(df + ½))``, k1 1.2, b 0.75,
  the FTS column weights of ``schema.FTS_WEIGHTS`` as term-frequency weights, the service's
  length in tokens), an integer (× ``SCALE``) so that every path adds scores identically;
- ``rank_heads``: for a term in more than ``HEAD`` services, its best ``HEAD`` in impact order
  (``rank_terms.tail``: the best impact left out);
- ``rank_bits``: for a term in many services, the set of them as a bitmap (``docsets``).

``rank_extra`` holds lists that are not single terms, each with the same three kinds of row:
the 2- and 3-letter prefixes that start more than ``WIDE`` terms (their best ``PREFIX_HEAD``
services by their best term, and their set), and the synonym list's phrases
(``ranking_extras``). ``rank_filters`` holds the filters' sets (``ranking_extras``).

Blobs are little-endian arrays: row ids ``uint32``; impacts ``uint16`` (phrases: ``uint32``).
Everything per posting that SQLite can do runs in SQLite: one pass over an ``fts5vocab``
view grouped by term, which reads the index in term order without sorting; Python counts
each term's occurrences and computes its impacts.
"""

from __future__ import annotations

import math
import sqlite3
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from typing import cast

from desktop.data import ranking_extras, schema
from desktop.data.docsets import SPARSE_SHARE, bits_of, set_bits

HEAD = 4096  # per term, the best postings kept in impact order
PREFIX_HEAD = 2048  # per wide prefix, the same
WIDE = 32  # a prefix starting more index terms than this is "wide"
K1, B = 1.2, 0.75  # BM25's usual constants (FTS5's bm25() and Lucene use the same)
SCALE = 1000  # impacts are integers: scores add exactly, so every path orders alike
MAX_IMPACT = 0xFFFF
EXTRA_BASE = 1 << 24  # rank_extra ids start here (term ids stay below)
_BATCH = 500  # list rows written at a time
_SWAP = sys.byteorder != "little"
# What an occurrence in each column weighted otherwise than 1 adds, by the column's letter.
_ADDS = {c[0]: w - 1 for c, w in zip(schema.FTS_COLUMNS, schema.FTS_WEIGHTS, strict=True) if w != 1}
if len({c[0] for c in schema.FTS_COLUMNS}) != len(schema.FTS_COLUMNS):  # pragma: no cover
    raise ImportError("ranking_build tells the FTS columns apart by their first letters")

DDL = """
CREATE TABLE rank_info (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE rank_terms (
    id INTEGER PRIMARY KEY,            -- in term order: a prefix's terms are one id range
    term TEXT NOT NULL UNIQUE,         -- as services_fts holds it (porter stem)
    df INTEGER NOT NULL,               -- services holding it
    top INTEGER NOT NULL,              -- its best impact
    tail INTEGER NOT NULL              -- the best impact not in rank_heads (0: no head)
);
CREATE TABLE rank_extra (               -- lists that are not one term: same columns
    id INTEGER PRIMARY KEY,            -- after every term id
    key TEXT NOT NULL UNIQUE,          -- 'sp*' (a wide prefix) or '"speech therapi"' (a phrase)
    df INTEGER NOT NULL,
    top INTEGER NOT NULL,
    tail INTEGER NOT NULL
);
CREATE TABLE rank_lists (id INTEGER PRIMARY KEY, rids BLOB NOT NULL, vals BLOB NOT NULL);
CREATE TABLE rank_heads (id INTEGER PRIMARY KEY, rids BLOB NOT NULL, vals BLOB NOT NULL);
CREATE TABLE rank_bits (id INTEGER PRIMARY KEY, bits BLOB NOT NULL);
CREATE TABLE rank_filters (key TEXT PRIMARY KEY, bits BLOB, rids BLOB);
CREATE TABLE rank_arrays (key TEXT PRIMARY KEY, data BLOB NOT NULL);
"""
TABLES = schema.RANKING_TABLES
_OLD_TABLES = ("rank_postings",)  # version 3's, replaced


def pack(typecode: str, values: Iterable[int]) -> bytes:
    data = array(typecode, values)
    if _SWAP:
        data.byteswap()
    return data.tobytes()


def unpack(typecode: str, blob: bytes) -> array:
    data = array(typecode)
    data.frombytes(blob)
    if _SWAP:
        data.byteswap()
    return data


def _lengths(conn: sqlite3.Connection) -> dict[int, int]:
    """Each service's length in tokens (FTS5's docsize record: one varint per column)."""
    out = {}
    for rid, size in conn.execute("SELECT id, sz FROM services_fts_docsize"):
        if max(size, default=0) < 0x80:
            out[rid] = sum(size)
            continue
        total = value = shift = 0
        for byte in size:
            value |= (byte & 0x7F) << shift
            if byte & 0x80:
                shift += 7
            else:
                total, value, shift = total + value, 0, 0
        out[rid] = total
    return out


def build(
    conn: sqlite3.Connection,
    head: int = HEAD,
    phrases: Iterable[str] | None = None,
    prefix_head: int = PREFIX_HEAD,
) -> None:
    """(Re)build the ranking tables from services_fts, in the caller's transaction.

    ``head``/``prefix_head``: postings kept in impact order per term and per wide prefix
    (tests make them small, so that the threshold has to prove its pages on a small corpus);
    ``phrases``: the phrases to keep lists for (None: the synonym list's, ``ranking_extras``).
    """
    for table in (*_OLD_TABLES, *TABLES):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    # One statement at a time: executescript would commit the caller's transaction.
    for statement in filter(str.strip, DDL.split(";")):
        conn.execute(statement)
    lengths = _lengths(conn)
    nbytes = (max(lengths, default=0) >> 3) + 1
    info = {"docs": len(lengths), "nbytes": nbytes, "head": head, "prefix_head": prefix_head}
    conn.executemany("INSERT INTO rank_info VALUES (?, ?)", info.items())
    if lengths:
        terms = _Terms(conn, lengths, nbytes, head, prefix_head)
        terms.run()
        ranking_extras.build_phrases(conn, terms.last_extra + 1, nbytes, head, phrases)
    ranking_extras.build_filters(conn, nbytes)


class _Terms:
    """One pass over the index in term order: every term's rows, and the wide prefixes'."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        lengths: dict[int, int],
        nbytes: int,
        head: int,
        prefix_head: int,
    ) -> None:
        self.conn, self.nbytes, self.head, self.prefix_head = conn, nbytes, head, prefix_head
        self.docs = len(lengths)
        average = sum(lengths.values()) / len(lengths) or 1.0
        self.k = [0.0] * (max(lengths) + 1)
        for rid, n in lengths.items():
            self.k[rid] = K1 * (1 - B + B * n / average)
        self.rows: dict[str, list[tuple[object, ...]]] = {
            "rank_terms": [], "rank_lists": [], "rank_heads": [], "rank_bits": [],
            "rank_extra": [],
        }  # fmt: skip
        self.prefixes = {2: _Prefix(self, ""), 3: _Prefix(self, "")}
        self.last_extra = EXTRA_BASE

    def extra_id(self) -> int:
        self.last_extra += 1
        return self.last_extra

    def _sql(self) -> str:
        # Every occurrence counts 1 (the whole-list concatenation keeps row-id order, so the
        # Counter does too); an occurrence in a column weighted otherwise is listed again as
        # its row id and the column's letter ('12n'), and adds (weight − 1).
        plain = [c for c, w in zip(schema.FTS_COLUMNS, schema.FTS_WEIGHTS, strict=True) if w == 1]
        others = " AND ".join(f"col <> '{c}'" for c in plain) or "1"
        return (
            "SELECT term, group_concat(doc), "
            f"group_concat(CASE WHEN {others} THEN doc || substr(col, 1, 1) END) "
            "FROM temp.rank_vinst GROUP BY term"
        )

    def run(self) -> None:
        conn = self.conn
        conn.execute(
            "CREATE VIRTUAL TABLE temp.rank_vinst USING fts5vocab(main, services_fts, instance)"
        )
        adds = _ADDS
        term_id = 0
        try:
            for term, docs_text, weighted in conn.execute(self._sql()):
                term_id += 1
                if "," not in docs_text:  # one occurrence (most terms): no counting
                    self._term(term_id, term, {docs_text: 1 + adds[weighted[-1]] if weighted else 1})
                    continue
                # A Counter is a dict: the weighted columns below add fractions to its counts.
                counts = cast("dict[str, float]", Counter(docs_text.split(",")))
                if weighted:  # every value is a multiple of ½: any order of adding is exact
                    for key in weighted.split(","):
                        counts[key[:-1]] += adds[key[-1]]
                self._term(term_id, term, counts)
        finally:
            conn.execute("DROP TABLE temp.rank_vinst")
        for prefix in self.prefixes.values():
            prefix.finish()
        self._flush(force=True)

    def _term(self, term_id: int, term: str, counts: dict[str, float]) -> None:
        docs = list(map(int, counts))
        df = len(docs)
        c = math.log(1 + (self.docs - df + 0.5) / (df + 0.5)) * (K1 + 1) * SCALE
        k = self.k
        # f / (f + k) < 1, so with c below MAX_IMPACT no impact can pass it (c reaches it
        # only past e**29 services; the cap keeps the uint16 even then).
        c = min(c, MAX_IMPACT - 1)
        imps = [int(c * f / (f + k[d]) + 0.5) or 1 for d, f in zip(docs, counts.values(), strict=True)]
        order, tail = _best(imps, self.head if df > self.head else df)
        rows = self.rows
        rows["rank_lists"].append((term_id, pack("I", docs), pack("H", imps)))
        if df > self.head:
            rows["rank_heads"].append(
                (term_id, pack("I", map(docs.__getitem__, order)), pack("H", map(imps.__getitem__, order)))
            )
        bits = bits_of(docs, self.nbytes) if df * SPARSE_SHARE >= self.nbytes * 8 else None
        if bits is not None:
            rows["rank_bits"].append((term_id, bits.to_bytes(self.nbytes, "little")))
        rows["rank_terms"].append((term_id, term, df, max(imps), tail))
        keys: list[int] | None = None  # the prefixes' sort keys of this term's best: made once
        for size, prefix in self.prefixes.items():
            if len(term) >= size:
                if term[:size] != prefix.key:
                    prefix.finish()
                    self.prefixes[size] = prefix = _Prefix(self, term[:size])
                if keys is None:
                    keys = [((MAX_IMPACT - imps[i]) << 32) | docs[i] for i in order[: self.prefix_head]]
                prefix.add(docs, imps, order, tail, bits, keys)
        self._flush()

    def _flush(self, force: bool = False) -> None:
        if not force and len(self.rows["rank_lists"]) < _BATCH:
            return
        for table, rows in self.rows.items():
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                rows.clear()


def _best(imps: list[int], n: int) -> tuple[list[int], int]:
    """Positions of the best ``n`` of ``imps`` (impact descending, then position), and the
    best impact left out (0 when none is)."""
    if n >= len(imps):
        return sorted(range(len(imps)), key=imps.__getitem__, reverse=True), 0
    counts = Counter(imps)
    kept = 0
    for cut in sorted(counts, reverse=True):
        kept += counts[cut]
        if kept > n:
            break
    found = [i for i, x in enumerate(imps) if x >= cut]
    found.sort(key=imps.__getitem__, reverse=True)  # stable: equal impacts stay in rid order
    return found[:n], imps[found[n]]


class _Prefix:
    """The terms of one 2- or 3-letter prefix, collected while the pass meets them (terms come
    in order, so a prefix's terms are met together); kept only if it starts over WIDE terms:
    its best services by their best term (from each term's own best, which is exact), and
    the set of every service holding one of its terms."""

    def __init__(self, terms: _Terms, key: str) -> None:
        self.terms, self.key = terms, key
        self.count = 0
        self.keys: list[int] = []  # (MAX_IMPACT − impact) << 32 | rid: ascending is best first
        self.tail = 0
        self.top = 0
        self.bits = 0
        self.loose: dict[int, int] | None = {}  # sparse terms: rid → best impact, while few
        self.buf: bytearray | None = None  # sparse terms' members once ``loose`` is given up

    def add(
        self,
        docs: list[int],
        imps: list[int],
        order: list[int],
        tail: int,
        bits: int | None,
        keys: list[int],
    ) -> None:
        """One term: its lists, its best ``order``, its set (None: sparse) and the sort keys
        of its first ``prefix_head`` in ``order`` (shared by the 2- and 3-letter prefix)."""
        self.count += 1
        n = self.terms.prefix_head
        self.keys += keys
        # A service outside this term's first n has at most the n+1-th's impact for it.
        self.tail = max(self.tail, imps[order[n]] if len(order) > n else tail)
        self.top = max(self.top, imps[order[0]])
        if bits is not None:
            self.bits |= bits
        elif self.loose is not None:
            loose = self.loose
            for d, v in zip(docs, imps, strict=True):
                if loose.get(d, 0) < v:
                    loose[d] = v
            if len(loose) * SPARSE_SHARE >= self.terms.nbytes * 8:
                self.bits |= bits_of(loose, self.terms.nbytes)
                self.loose = None
        else:  # set the bits in place: a bitmap per sparse term would cost its whole size
            if self.buf is None:
                self.buf = bytearray(self.terms.nbytes)
            set_bits(self.buf, docs)

    def finish(self) -> None:
        if self.count <= WIDE or not self.key:
            return
        terms = self.terms
        self.keys.sort()
        seen: set[int] = set()
        rids: list[int] = []
        vals: list[int] = []
        tail = self.tail
        for key in self.keys:
            rid = key & 0xFFFFFFFF
            if rid in seen:
                continue
            if len(rids) == terms.prefix_head:
                tail = max(tail, MAX_IMPACT - (key >> 32))
                break
            seen.add(rid)
            rids.append(rid)
            vals.append(MAX_IMPACT - (key >> 32))
        list_id = terms.extra_id()
        rows = terms.rows
        rows["rank_heads"].append((list_id, pack("I", rids), pack("I", vals)))
        if self.loose is not None and not self.bits:
            df = len(self.loose)
            docs = sorted(self.loose)
            rows["rank_lists"].append(
                (list_id, pack("I", docs), pack("I", map(self.loose.__getitem__, docs)))
            )
        else:
            members = self.bits | (bits_of(self.loose, terms.nbytes) if self.loose else 0)
            if self.buf is not None:
                members |= int.from_bytes(self.buf, "little")
            df = members.bit_count()
            rows["rank_bits"].append((list_id, members.to_bytes(terms.nbytes, "little")))
        rows["rank_extra"].append((list_id, self.key + "*", df, self.top, tail))
        self.keys = []
