"""Text as the Local Offer index splits and stems it, by the index's own tokenizer (FTS5).

The ranking index is keyed by FTS5's terms, so a search's words must become exactly those
terms: an in-memory FTS5 table with the same tokenizer does it (no second stemmer to keep
in step with SQLite's).
"""

from __future__ import annotations

import sqlite3
import threading
from functools import lru_cache

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"  # as schema.FTS_DDL
_LOCK = threading.Lock()  # one tokenizer connection, shared by every thread


@lru_cache(maxsize=1)
def _tokenizer() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{FTS_TOKENIZE}')")
    conn.execute("CREATE VIRTUAL TABLE tv USING fts5vocab(t, instance)")
    return conn


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """``text`` as the index's tokenizer splits and stems it ('Therapies' → ('therapi',))."""
    with _LOCK:
        conn = _tokenizer()
        with conn:
            conn.execute("DELETE FROM t")
            conn.execute("INSERT INTO t (rowid, x) VALUES (1, ?)", (text,))
            found = conn.execute("SELECT term FROM tv ORDER BY offset").fetchall()
            conn.execute("DELETE FROM t")
    return tuple(t for (t,) in found)
