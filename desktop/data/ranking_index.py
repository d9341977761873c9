"""Reading the ranking index (``ranking_build``) for one connection, with a memory cache.

A Store's data never changes while it is open (a refresh writes a new file and the app opens
that), so what has been read and decoded once (a term's list, its head, a set) is kept, up to
``CACHE_BYTES``, least recently used first out: typing a word letter by letter, then
counting, searching and filtering it, reads each list once.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import OrderedDict
from typing import Any

from desktop.data.docsets import DocSet
from desktop.data.ranking_build import EXTRA_BASE, unpack

CACHE_BYTES = 64 << 20
_HIGH = "\U0010ffff"


class MissingIndex(sqlite3.OperationalError):
    pass


class Index:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        try:
            info = dict(conn.execute("SELECT key, value FROM rank_info").fetchall())
        except sqlite3.OperationalError as exc:
            raise MissingIndex("the ranking index is missing: rebuild the data") from exc
        self.nbytes: int = info.get("nbytes", 1)
        self.docs: int = info.get("docs", 0)
        self._cache: OrderedDict[Any, tuple[int, Any]] = OrderedDict()
        self._bytes = 0

    # -- the cache -------------------------------------------------------------------------
    def _get(self, key: Any) -> Any:
        found = self._cache.get(key)
        if found is None:
            return None
        self._cache.move_to_end(key)
        return found[1]

    def _put(self, key: Any, value: Any, size: int) -> Any:
        self._cache[key] = (size, value)
        self._bytes += size
        while self._bytes > CACHE_BYTES and len(self._cache) > 1:
            _key, (old, _value) = self._cache.popitem(last=False)
            self._bytes -= old
        return value

    # -- terms -----------------------------------------------------------------------------
    def terms(self, token: str, prefix: bool) -> tuple[int, int, int]:
        """(first id, last id, how many) of the terms ``token`` names (a prefix: all it
        starts; none: ``(0, -1, 0)``)."""
        key = ("terms", token, prefix)
        found = self._get(key)
        if found is None:
            if prefix:
                lo, hi, n = self.conn.execute(
                    "SELECT min(id), max(id), count(*) FROM rank_terms WHERE term >= ? AND term < ?",
                    (token, token + _HIGH),
                ).fetchone()
            else:
                row = self.conn.execute("SELECT id FROM rank_terms WHERE term = ?", (token,)).fetchone()
                lo, hi, n = (row[0], row[0], 1) if row else (0, -1, 0)
            found = self._put(key, (lo, hi, n) if n else (0, -1, 0), 64)
        return found

    def meta(self, list_id: int) -> tuple[int, int, int]:
        """(services, best value, best value not in the head) of a term or an extra list."""
        key = ("meta", list_id)
        found = self._get(key)
        if found is None:
            table = "rank_extra" if list_id > EXTRA_BASE else "rank_terms"
            row = self.conn.execute(
                f"SELECT df, top, tail FROM {table} WHERE id = ?", (list_id,)
            ).fetchone()
            found = self._put(key, tuple(row) if row else (0, 0, 0), 64)
        return found

    def top_of(self, lo: int, hi: int) -> int:
        """The best impact of any term in the id range."""
        key = ("top", lo, hi)
        found = self._get(key)
        if found is None:
            (found,) = self.conn.execute(
                "SELECT coalesce(max(top), 0) FROM rank_terms WHERE id BETWEEN ? AND ?", (lo, hi)
            ).fetchone()
            self._put(key, found, 64)
        return found

    def extra(self, key_text: str) -> int | None:
        """The id of a wide prefix's ('sp*') or a phrase's ('"a b"') list, if the data has it."""
        key = ("extra", key_text)
        found = self._get(key)
        if found is None:
            row = self.conn.execute("SELECT id FROM rank_extra WHERE key = ?", (key_text,)).fetchone()
            found = self._put(key, row[0] if row else 0, 64)
        return found or None

    # -- lists -----------------------------------------------------------------------------
    def _width(self, list_id: int) -> str:
        return "I" if list_id > EXTRA_BASE else "H"

    def postings(self, list_id: int) -> tuple[array, array]:
        """Every service of the list in row-id order, and each one's value."""
        key = ("list", list_id)
        found = self._get(key)
        if found is None:
            row = self.conn.execute(
                "SELECT rids, vals FROM rank_lists WHERE id = ?", (list_id,)
            ).fetchone()
            if row is None:
                found = (array("I"), array(self._width(list_id)))
            else:
                found = (unpack("I", row[0]), unpack(self._width(list_id), row[1]))
            self._put(key, found, 64 + len(found[0]) * 6)
        return found

    def head(self, list_id: int) -> tuple[array, array]:
        """The list's best services, best first (ties by row id): its stored head, or the
        whole list sorted when it has none (it is then short)."""
        key = ("head", list_id)
        found = self._get(key)
        if found is None:
            row = self.conn.execute(
                "SELECT rids, vals FROM rank_heads WHERE id = ?", (list_id,)
            ).fetchone()
            if row is not None:
                found = (unpack("I", row[0]), unpack(self._width(list_id), row[1]))
            else:
                rids, vals = self.postings(list_id)
                order = sorted(range(len(rids)), key=vals.__getitem__, reverse=True)
                found = (
                    array("I", map(rids.__getitem__, order)),
                    array(vals.typecode, map(vals.__getitem__, order)),
                )
            self._put(key, found, 64 + len(found[0]) * 6)
        return found

    def docset(self, list_id: int) -> DocSet:
        """Every service of the list, as a set."""
        key = ("set", list_id)
        found = self._get(key)
        if found is None:
            row = self.conn.execute("SELECT bits FROM rank_bits WHERE id = ?", (list_id,)).fetchone()
            if row is not None:
                found = DocSet(self.nbytes, bits=int.from_bytes(row[0], "little"))
                size = self.nbytes
            else:
                found = DocSet(self.nbytes, rids=self.postings(list_id)[0])
                size = 64 + found.count() * 40
            self._put(key, found, size)
        return found

    def filter_set(self, key_text: str) -> DocSet | None:
        """A stored filter set (``ranking_extras.build_filters``); None when not stored."""
        key = ("filter", key_text)
        found = self._get(key)
        if found is None:
            row = self.conn.execute(
                "SELECT bits, rids FROM rank_filters WHERE key = ?", (key_text,)
            ).fetchone()
            if row is None:
                return None
            found = self._set_of(row)
            self._put(key, found, self.nbytes if found.bits is not None else 64 + found.count() * 40)
        return found

    def _set_of(self, row: tuple[bytes | None, bytes | None]) -> DocSet:
        bits, rids = row
        if bits is not None:
            return DocSet(self.nbytes, bits=int.from_bytes(bits, "little"))
        return DocSet(self.nbytes, rids=unpack("I", rids or b""))

    def filter_rows(self, sql: str, params: list[Any]) -> list[tuple[str, DocSet]]:
        """(key, set) of the stored filter sets that ``sql`` (a WHERE on ``key``) selects."""
        return [
            (key, self._set_of((bits, rids)))
            for key, bits, rids in self.conn.execute(
                f"SELECT key, bits, rids FROM rank_filters WHERE {sql}", params
            )
        ]

    def positions(self) -> tuple[array, array]:
        """Every service's latitude and longitude by row id (NaN: no position in the UK)."""
        found = self._get("positions")
        if found is None:
            arrays = dict(self.conn.execute("SELECT key, data FROM rank_arrays"))
            found = tuple(unpack("d", arrays[k]) for k in ("latitude", "longitude"))
            self._put("positions", found, 16 * self.nbytes * 8)
        return found

    def remember(self, key: Any, value: Any, size: int) -> Any:
        """Keep something computed from the index (a phrase's set, a filter's) for next time."""
        return self._put(key, value, size)

    def recall(self, key: Any) -> Any:
        return self._get(key)
